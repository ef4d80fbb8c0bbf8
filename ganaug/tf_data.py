"""``tf.data`` pipelines: fit on a dataset, stream synthetic elements, mix them in.

:meth:`GANAugmenter.fit <ganaug.GANAugmenter.fit>` accepts a
``tf.data.Dataset`` whose elements are dicts of scalar features, or
``(features, label)`` tuples of such a dict and a scalar label, batched or
not.  The label is the target ``y``: ``conditions`` name it ``"y"`` (``"_y"``
while a feature is called ``"y"``).

:func:`synthetic_dataset` is an endless dataset with exactly the training
elements' structure, dtypes and shapes.  Noise, the generator and the
decoding into typed columns are TensorFlow ops (no ``py_function``, no
Python generator), so the stream runs in parallel with a model's training
and can be placed on an accelerator.  :func:`augment` mixes it into a real
stream at a given fraction.

:func:`fit_streaming` fits on a pipeline over files larger than memory:
the encoder from the first rows, training on the batches as they stream.

Elements of scalar features cannot hold missing values except NaN in
floating-point features, so these are the only missing values modelled.

This module imports TensorFlow; ``import ganaug`` does not import it.
"""

import numbers

import numpy as np
import pandas as pd
import tensorflow as tf

from ._container import TARGET_KEY
from ._graph_stream import mixed_batches, synthetic_batches
from ._random import draw_seed, make_rng
from ._streaming import fit_streaming

__all__ = ["augment", "dataset_to_frame", "fit_streaming", "synthetic_dataset"]

# Rows generated (or mixed) per graph call, before ``unbatch`` or ``rebatch``.
CHUNK_ROWS = 1024
# Rows per host batch while reading an unbatched dataset into a frame.
_READ_ROWS = 4096


def dataset_to_frame(dataset):
    """Read a dataset of scalar features into a DataFrame (and the label).

    Parameters
    ----------
    dataset : tf.data.Dataset
        Dicts of scalar features or ``(features, label)`` tuples, batched or not.

    Returns
    -------
    frame : DataFrame
        A column per feature; numeric and boolean dtypes kept (half floats
        become float32), strings decoded from UTF-8 into ``object`` columns.
    y : ndarray or None
        The labels of ``(features, label)`` elements.
    layout : dict
        The element structure as plain values (see :func:`element_layout`).

    Raises
    ------
    ValueError
        For non-scalar features, unsupported dtypes or an empty dataset.

    Examples
    --------
    >>> import tensorflow as tf
    >>> from ganaug.tf_data import dataset_to_frame
    >>> ds = tf.data.Dataset.from_tensor_slices(
    ...     ({"age": [23, 35, 47], "city": ["Oslo", "Rome", "Lima"]}, [0, 1, 1]))
    >>> frame, y, layout = dataset_to_frame(ds.batch(2))
    >>> frame["city"].tolist(), y.tolist(), layout["batch"]
    (['Oslo', 'Rome', 'Lima'], [0, 1, 1], {'size': 2, 'fixed': False})
    """
    _check_dataset(dataset, "dataset")
    layout = element_layout(dataset.element_spec)
    parts = _read_batches(dataset, layout)
    names = [name for name, _ in layout["features"]]
    frame = pd.DataFrame({name: _column(parts[name]) for name in names})
    y = _column(parts[TARGET_KEY]) if layout["label"] is not None else None
    return frame, y, layout


def _read_batches(dataset, layout):
    """``{name: [numpy batch]}`` of every feature (the label under TARGET_KEY);
    records the first batch's size in ``layout``."""
    batches = dataset if layout["batch"] is not None else dataset.batch(_READ_ROWS)
    names = [name for name, _ in layout["features"]]
    parts = {name: [] for name in names + [TARGET_KEY]}
    for element in batches.as_numpy_iterator():
        features, label = element if layout["label"] is not None else (element, None)
        if layout["batch"] is not None and not parts[names[0]]:
            layout["batch"]["size"] = len(features[names[0]])
        for name in names:
            parts[name].append(features[name])
        parts[TARGET_KEY].append(label)
    if not parts[names[0]]:
        raise ValueError("dataset has no elements; fitting needs at least 2.")
    return parts


def training_data(X, y):
    """``(X, y, layout)`` for fit: a dataset read by :func:`dataset_to_frame`,
    any other ``X`` as is (``layout`` None).  ``y`` must be None with a dataset.
    """
    if not isinstance(X, tf.data.Dataset):
        return X, y, None
    if y is not None:
        raise ValueError(
            "y must be None when X is a tf.data.Dataset: give the target as "
            "the label of (features, label) elements."
        )
    return dataset_to_frame(X)


def synthetic_dataset(augmenter, *, conditions=None, seed=None):
    """An endless dataset of synthetic elements shaped like the training ones.

    Parameters
    ----------
    augmenter : GANAugmenter
        Fitted on a ``tf.data.Dataset``.
    conditions : dict, default=None
        ``{feature: value}`` for discrete features (``"y"``: the label), as
        in :meth:`GANAugmenter.sample`; every element holds these values.
    seed : int, RandomState, Generator or None, default=None
        The same seed gives the same elements; ``None`` uses the seed of
        :meth:`GANAugmenter.sample`.  Each pass (each Keras epoch) draws new
        rows; the sequence of passes repeats with the seed.

    Returns
    -------
    tf.data.Dataset
        Endless, with the training dataset's ``element_spec``; batches have
        the size of the training dataset's first batch.

    Examples
    --------
    >>> import tensorflow as tf
    >>> from ganaug import GANAugmenter
    >>> from ganaug.tf_data import synthetic_dataset
    >>> ds = tf.data.Dataset.from_tensor_slices(
    ...     {"age": [23, 35, 47, 51, 62, 29] * 5,
    ...      "city": ["Oslo", "Rome", "Oslo", "Lima", "Rome", "Lima"] * 5})
    >>> aug = GANAugmenter(epochs=2, random_state=0).fit(ds)
    >>> rows = synthetic_dataset(aug, conditions={"city": "Lima"}, seed=0)
    >>> rows.element_spec == ds.element_spec
    True
    >>> [e["city"] for e in rows.take(3).as_numpy_iterator()]
    [b'Lima', b'Lima', b'Lima']
    """
    layout = _fitted_layout(augmenter)
    forced = augmenter._container.condition_codes(augmenter.encoder_, conditions)
    rows_seed = _rows_seed(augmenter, seed)
    batch = layout["batch"]
    if batch is None:
        stream = synthetic_batches(augmenter, layout, forced, rows_seed, CHUNK_ROWS).unbatch()
    else:
        chunk = batch["size"] * max(1, CHUNK_ROWS // batch["size"])
        stream = synthetic_batches(augmenter, layout, forced, rows_seed, chunk)
        stream = stream.rebatch(batch["size"], drop_remainder=batch["fixed"])
    return stream.prefetch(tf.data.AUTOTUNE)


def augment(dataset, augmenter, *, synthetic_fraction, seed=None):
    """Mix synthetic elements into a real stream at ``synthetic_fraction``.

    Each element is synthetic with probability ``f = synthetic_fraction``,
    independently (as ``sample_from_datasets`` with weights ``[1 - f, f]``,
    vectorised).  A pass ends with the real stream: about ``n / (1 - f)``
    elements for ``n`` real ones, varying; in Keras, ``.repeat()`` it.

    Parameters
    ----------
    dataset : tf.data.Dataset
        Real elements structured like the training ones, batched or not.
    augmenter : GANAugmenter
        Fitted on a ``tf.data.Dataset``.
    synthetic_fraction : float in [0, 1)
    seed : int, RandomState, Generator or None, default=None
        Seeds rows and mixing, as in :func:`synthetic_dataset`.

    Returns
    -------
    tf.data.Dataset
        Batched like ``dataset`` (its first batch's size; ``drop_remainder``
        when its batch dimension is static), or unbatched like it.

    Raises
    ------
    ValueError
        For ``synthetic_fraction`` outside [0, 1) or foreign elements.

    Examples
    --------
    >>> import tensorflow as tf
    >>> from ganaug import GANAugmenter
    >>> from ganaug.tf_data import augment
    >>> ds = tf.data.Dataset.from_tensor_slices(
    ...     ({"age": [23., 35., 47., 51., 62., 29.] * 5}, [0, 1, 1, 0, 1, 0] * 5))
    >>> aug = GANAugmenter(epochs=2, random_state=0).fit(ds)
    >>> mixed = augment(ds.batch(8), aug, synthetic_fraction=0.25, seed=0)
    >>> mixed.element_spec == ds.batch(8).element_spec
    True
    """
    fraction = _check_fraction(synthetic_fraction)
    _check_dataset(dataset, "dataset")
    layout = _fitted_layout(augmenter)
    batch = _batching_like_training(dataset, layout)
    if fraction == 0.0:
        return dataset
    return _mixed(dataset, batch, augmenter, layout, fraction, _rows_seed(augmenter, seed))


def _batching_like_training(dataset, layout):
    """The batching of ``dataset`` (see :func:`element_layout`), whose
    elements must be the training ones."""
    batch = element_layout(dataset.element_spec)["batch"]
    spec = (dataset if batch is None else dataset.unbatch()).element_spec
    _check_same_elements(spec, _element_spec(layout))
    return batch


def _mixed(dataset, batch, augmenter, layout, fraction, seed):
    """Chunks of ``dataset`` mixed in the graph, batched back like ``dataset``."""
    chunks = dataset.batch(CHUNK_ROWS) if batch is None else dataset.rebatch(CHUNK_ROWS)
    mixed = mixed_batches(chunks, augmenter, layout, fraction, seed)
    if batch is None:
        return mixed.unbatch().prefetch(tf.data.AUTOTUNE)
    size = batch["size"] if batch["fixed"] else _first_batch_size(dataset)
    return mixed.rebatch(size, drop_remainder=batch["fixed"]).prefetch(tf.data.AUTOTUNE)


def element_layout(spec):
    """The structure of elements with ``spec``, checked, as plain values.

    Parameters
    ----------
    spec : nested structure of tf.TensorSpec
        A dataset's ``element_spec``.

    Returns
    -------
    dict
        ``features``: ``[(name, dtype name)]``; ``label``: the label's dtype
        name or ``None``; ``batch``: ``None`` for scalar elements, else
        ``{"size": int or None, "fixed": bool}`` (``fixed``: the batch
        dimension is static, as after ``batch(..., drop_remainder=True)``).
    """
    features, label = _split_structure(spec)
    specs = dict(features)
    if label is not None:
        specs["label"] = label
    ranks = [s.shape.rank for s in specs.values()]
    batched = all(rank is not None and rank >= 1 for rank in ranks)
    batch = _batch_dimension(specs) if batched else None
    for name, s in specs.items():
        per_element = s.shape[1:] if batched else s.shape
        if per_element.rank != 0:
            shape = "unknown" if per_element.rank is None else tuple(per_element.as_list())
            raise ValueError(
                f"Feature {name!r} has shape {shape} per element; only scalar "
                "features (shape ()) are supported."
            )
        _check_dtype(name, s.dtype)
    return {
        "features": [(name, features[name].dtype.name) for name in features],
        "label": None if label is None else label.dtype.name,
        "batch": batch,
    }


def _split_structure(spec):
    """``(features dict, label spec or None)`` of an element spec, checked."""
    if isinstance(spec, tuple) and len(spec) == 2 and isinstance(spec[0], dict):
        features, label = spec
    elif isinstance(spec, dict):
        features, label = spec, None
    else:
        raise ValueError(
            "dataset elements must be dicts of scalar features or (features, "
            f"label) tuples; received elements of structure {spec!r}."
        )
    if not features:
        raise ValueError("dataset elements hold no features; at least 1 is required.")
    for name, s in list(features.items()) + [("label", label)]:
        if s is not None and not isinstance(s, tf.TensorSpec):
            raise ValueError(
                f"Feature {name!r} is a {type(s).__name__}; only scalar tensor "
                "features are supported (no nested dicts, ragged or sparse)."
            )
        if not isinstance(name, str):
            raise ValueError(f"Feature names must be strings; received {name!r}.")
    return features, label


def _batch_dimension(specs):
    """``{"size", "fixed"}`` of batched specs: one shared leading dimension."""
    leading = next(iter(specs.values())).shape[0]
    for name, s in specs.items():
        if s.shape[0] != leading:
            raise ValueError(
                f"Feature {name!r} has shape {tuple(s.shape.as_list())}, which "
                "does not share the batch dimension of the other features."
            )
    return {"size": leading, "fixed": leading is not None}


def _check_dtype(name, dtype):
    if dtype == tf.string or dtype == tf.bool or dtype.is_integer or dtype.is_floating:
        return
    raise ValueError(
        f"Feature {name!r} has dtype {dtype.name}; expected strings, booleans, "
        "integers or floats."
    )


def _column(parts):
    """One column from the per-batch numpy arrays of a feature."""
    values = np.concatenate([np.asarray(p).reshape(-1) for p in parts])
    if values.dtype == object:
        return np.array([v.decode("utf-8") for v in values], dtype=object)
    if values.dtype.kind == "V" or values.dtype == np.float16:  # bfloat16, half
        return values.astype(np.float32)
    return values


def _fitted_layout(augmenter):
    from sklearn.utils.validation import check_is_fitted

    check_is_fitted(augmenter)
    layout = getattr(augmenter, "_tf_data_layout", None)
    if layout is None:
        raise ValueError(
            "augmenter was not fitted on a tf.data.Dataset, so its elements' "
            "structure is unknown; fit it on a dataset first (a model read "
            "by GANAugmenter.load does not keep it)."
        )
    return layout


def _rows_seed(augmenter, seed):
    """The int seed of the synthetic rows, as :meth:`GANAugmenter.sample` draws it."""
    if seed is None and augmenter._sample_seed is not None:
        return augmenter._sample_seed
    return draw_seed(make_rng(seed))


def _check_dataset(dataset, name):
    if not isinstance(dataset, tf.data.Dataset):
        raise TypeError(f"{name} must be a tf.data.Dataset; received {type(dataset).__name__}.")


def _check_fraction(fraction):
    if isinstance(fraction, bool) or not isinstance(fraction, numbers.Real):
        raise TypeError(f"synthetic_fraction must be a float; received {fraction!r}.")
    if not 0.0 <= fraction < 1.0:
        raise ValueError(f"synthetic_fraction must be in [0, 1); received {fraction!r}.")
    return float(fraction)


def _element_spec(layout):
    """The unbatched ``element_spec`` of elements with ``layout``."""
    features = {name: tf.TensorSpec([], dtype) for name, dtype in layout["features"]}
    if layout["label"] is None:
        return features
    return features, tf.TensorSpec([], layout["label"])


def _check_same_elements(real, synthetic):
    if real != synthetic:
        raise ValueError(
            "dataset elements differ from the training elements: received "
            f"{real!r}, the augmenter was fitted on {synthetic!r}."
        )


def _first_batch_size(dataset):
    """The size of ``dataset``'s first batch (its batch dimension is dynamic)."""
    for element in dataset.take(1):
        return int(tf.shape(tf.nest.flatten(element)[0])[0])
    raise ValueError("dataset has no elements.")
