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

The streams share ``sample``'s seed, conditions and class shares (each
element's class drawn by the training frequencies); they skip the copy
guard and discriminator rejection, which need decoded rows on the host
(see :mod:`ganaug._sampling._synthetic_streams`).

Elements of scalar features cannot hold missing values except NaN in
floating-point features, so these are the only missing values modelled.

This module imports TensorFlow; ``import ganaug`` does not import it.
"""

import tensorflow as tf
from sklearn.utils.validation import check_is_fitted

from ._data._elements import (
    check_dataset,
    check_same_elements,
    dataset_to_frame,
    element_spec,
    element_structure,
)
from ._estimators._fit_streaming import fit_streaming
from ._sampling._drawing import call_seed
from ._sampling._synthetic_streams import mixed_stream, synthetic_stream
from ._utils._checks import check_fraction

__all__ = ["augment", "dataset_to_frame", "fit_streaming", "synthetic_dataset"]


def synthetic_dataset(augmenter, *, conditions=None, seed=None):
    """An endless dataset of synthetic elements shaped like the training ones.

    Parameters
    ----------
    augmenter : GANAugmenter
        Fitted on a ``tf.data.Dataset`` (or loaded from such a model's file).
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
    model = _stream_model(augmenter)
    forced = model.container.condition_codes(model.encoder, conditions)
    stream = synthetic_stream(model, forced, call_seed(model, seed))
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
    fraction = check_fraction(synthetic_fraction, "synthetic_fraction")
    check_dataset(dataset, "dataset")
    model = _stream_model(augmenter)
    batch = element_structure(dataset.element_spec)["batch"]
    spec = (dataset if batch is None else dataset.unbatch()).element_spec
    check_same_elements(spec, element_spec(model.element_structure))
    if fraction == 0.0:
        return dataset
    mixed = mixed_stream(dataset, batch, model, fraction, call_seed(model, seed))
    return mixed.prefetch(tf.data.AUTOTUNE)


def _stream_model(augmenter):
    """The fitted model of ``augmenter``, which must know its elements' structure."""
    check_is_fitted(augmenter)
    model = augmenter.model_
    if model.element_structure is None:
        raise ValueError(
            "augmenter was not fitted on a tf.data.Dataset, so its elements' "
            "structure is unknown; fit it on a dataset first."
        )
    return model
