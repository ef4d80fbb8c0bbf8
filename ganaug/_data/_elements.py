"""``tf.data`` elements as tables: the element structure and reading it.

A dataset's elements are dicts of scalar features, or ``(features, label)``
tuples of such a dict and a scalar label, batched or not.  Their structure
(:func:`element_structure`) is kept as plain values by a fitted model, so
that synthetic streams rebuild the same ``element_spec``.
"""

import numpy as np
import pandas as pd
import tensorflow as tf

from ._container import TARGET_KEY

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
    structure : dict
        The element structure as plain values (see :func:`element_structure`).

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
    >>> frame, y, structure = dataset_to_frame(ds.batch(2))
    >>> frame["city"].tolist(), y.tolist(), structure["batch"]
    (['Oslo', 'Rome', 'Lima'], [0, 1, 1], {'size': 2, 'fixed': False})
    """
    check_dataset(dataset, "dataset")
    structure = element_structure(dataset.element_spec)
    parts = _read_batches(dataset, structure)
    names = [name for name, _ in structure["features"]]
    frame = pd.DataFrame({name: _column(parts[name]) for name in names})
    y = _column(parts[TARGET_KEY]) if structure["label"] is not None else None
    return frame, y, structure


def _read_batches(dataset, structure):
    """``{name: [numpy batch]}`` of every feature (the label under TARGET_KEY);
    records the first batch's size in ``structure``."""
    batches = dataset if structure["batch"] is not None else dataset.batch(_READ_ROWS)
    names = [name for name, _ in structure["features"]]
    parts = {name: [] for name in names + [TARGET_KEY]}
    for element in batches.as_numpy_iterator():
        features, label = element if structure["label"] is not None else (element, None)
        if structure["batch"] is not None and not parts[names[0]]:
            structure["batch"]["size"] = len(features[names[0]])
        for name in names:
            parts[name].append(features[name])
        parts[TARGET_KEY].append(label)
    if not parts[names[0]]:
        raise ValueError("dataset has no elements; fitting needs at least 2.")
    return parts


def training_data(X, y):
    """``(X, y, structure)`` for fit: a dataset read by :func:`dataset_to_frame`,
    any other ``X`` as is (``structure`` None).  ``y`` must be None with a dataset.
    """
    if not isinstance(X, tf.data.Dataset):
        return X, y, None
    if y is not None:
        raise ValueError(
            "y must be None when X is a tf.data.Dataset: give the target as "
            "the label of (features, label) elements."
        )
    return dataset_to_frame(X)


def element_structure(spec):
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


def check_dataset(dataset, name):
    if not isinstance(dataset, tf.data.Dataset):
        raise TypeError(f"{name} must be a tf.data.Dataset; received {type(dataset).__name__}.")


def element_spec(structure):
    """The unbatched ``element_spec`` of elements with ``structure``."""
    features = {name: tf.TensorSpec([], dtype) for name, dtype in structure["features"]}
    if structure["label"] is None:
        return features
    return features, tf.TensorSpec([], structure["label"])


def check_same_elements(real, synthetic):
    if real != synthetic:
        raise ValueError(
            "dataset elements differ from the training elements: received "
            f"{real!r}, the augmenter was fitted on {synthetic!r}."
        )


def first_batch_size(dataset):
    """The size of ``dataset``'s first batch (its batch dimension is dynamic)."""
    for element in dataset.take(1):
        return int(tf.shape(tf.nest.flatten(element)[0])[0])
    raise ValueError("dataset has no elements.")
