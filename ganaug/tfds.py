"""TensorFlow Datasets: fit on a split, store augmented data as a TFDS dataset.

Needs the ``tfds`` extra (``pip install "ganaug[tfds]"``).  Splits of
scalar features work as they are; images, sequences and other non-scalar
features are refused with an error naming them.

A split whose elements are ``{"features": {...}, "label": ...}`` (the form
:func:`store_augmented` writes for ``(features, label)`` data, and that of
several catalog datasets) is read as ``(features, label)`` tuples.

tensorflow-datasets 4.9.10 imports ``importlib_resources`` without declaring
it; install that package beside it.
"""

import numpy as np
import tensorflow as tf
import tensorflow_datasets as tfds

from ._data._elements import element_structure
from .tf_data import augment

__all__ = ["fit_on_split", "load_split", "store_augmented", "tfds_features"]

FEATURES_KEY = "features"
LABEL_KEY = "label"


def load_split(builder_or_name, split, *, data_dir=None, as_supervised=False,
               download=False):
    """A TFDS split as a ``tf.data.Dataset`` of training elements.

    Parameters
    ----------
    builder_or_name : str or tfds.core.DatasetBuilder
        A dataset name for ``tfds.load`` (``"name"``, ``"name/config:1.0.0"``)
        or a builder.
    split : str
        The split, with TFDS slicing (``"train[:80%]"``).
    data_dir : str or path-like, default=None
        Where the prepared dataset lives (TFDS's default folder if ``None``).
    as_supervised : bool, default=False
        Read ``(features, label)`` tuples from the dataset's supervised keys.
    download : bool, default=False
        Whether TFDS may download and prepare a missing dataset; off, so that
        loading never reaches the network.

    Returns
    -------
    tf.data.Dataset
        ``{"features": {...}, "label": ...}`` elements become tuples.

    Examples
    --------
    >>> import tensorflow_datasets as tfds
    >>> from ganaug.tfds import load_split
    >>> with tfds.testing.mock_data(num_examples=8):
    ...     ds = load_split("howell", "train")
    >>> sorted(ds.element_spec)
    ['age', 'height', 'male', 'weight']
    """
    if isinstance(builder_or_name, str):
        dataset = tfds.load(
            builder_or_name, split=split, data_dir=data_dir,
            as_supervised=as_supervised, download=download,
        )
    elif isinstance(builder_or_name, tfds.core.DatasetBuilder):
        if download:
            builder_or_name.download_and_prepare()
        dataset = builder_or_name.as_dataset(split=split, as_supervised=as_supervised)
    else:
        raise TypeError(
            "builder_or_name must be a dataset name or a tfds DatasetBuilder; "
            f"received {type(builder_or_name).__name__}."
        )
    return _as_tuples(dataset)


def fit_on_split(augmenter, builder_or_name, split, *, data_dir=None,
                 as_supervised=False, download=False):
    """Fit ``augmenter`` on a TFDS split of scalar features.

    Parameters
    ----------
    augmenter : GANAugmenter
        The estimator to fit (in place).
    builder_or_name, split, data_dir, as_supervised, download
        As in :func:`load_split`.

    Returns
    -------
    augmenter : GANAugmenter
        Fitted; :func:`ganaug.tf_data.synthetic_dataset` gives elements like
        the split's.

    Examples
    --------
    >>> import tensorflow_datasets as tfds
    >>> from ganaug import GANAugmenter
    >>> from ganaug.tfds import fit_on_split
    >>> with tfds.testing.mock_data(num_examples=40):
    ...     aug = fit_on_split(GANAugmenter(epochs=1, random_state=0), "howell", "train")
    >>> aug.n_features_in_
    4
    """
    dataset = load_split(
        builder_or_name, split, data_dir=data_dir, as_supervised=as_supervised,
        download=download,
    )
    return augmenter.fit(dataset)


def store_augmented(dataset, augmenter, name, *, data_dir, synthetic_fraction,
                    split="train", version="1.0.0", seed=None, description=None):
    """Write ``dataset`` mixed with synthetic elements as a TFDS dataset.

    ``tfds.load(name, split=split, data_dir=data_dir)`` reads it back;
    ``(features, label)`` elements are stored as ``{"features", "label"}``
    dicts, which :func:`load_split` turns back into tuples.

    Parameters
    ----------
    dataset : tf.data.Dataset
        Real elements shaped like the training ones, batched or not.
    augmenter : GANAugmenter
        Fitted on a ``tf.data.Dataset``.
    name, data_dir : str, path-like
        The TFDS dataset name (lower case, digits, underscores); its folder.
    synthetic_fraction, seed
        As in :func:`ganaug.tf_data.augment`.
    split, version, description : str
        The written split's name, the dataset's version and description.

    Returns
    -------
    builder : tfds.core.DatasetBuilder

    Examples
    --------
    >>> import tempfile
    >>> import tensorflow as tf
    >>> import tensorflow_datasets as tfds
    >>> from ganaug import GANAugmenter
    >>> from ganaug.tfds import store_augmented
    >>> ds = tf.data.Dataset.from_tensor_slices({"x": [1., 2., 3., 4.] * 5})
    >>> aug = GANAugmenter(epochs=1, random_state=0).fit(ds)
    >>> with tempfile.TemporaryDirectory() as folder:  # doctest: +ELLIPSIS
    ...     builder = store_augmented(ds, aug, "doc_rows", data_dir=folder,
    ...                               synthetic_fraction=0.5, seed=0)
    ...     spec = tfds.load("doc_rows", split="train", data_dir=folder).element_spec
    Downloading and preparing dataset ...
    >>> spec
    {'x': TensorSpec(shape=(), dtype=tf.float32, name=None)}
    """
    mixed = augment(dataset, augmenter, synthetic_fraction=synthetic_fraction, seed=seed)
    mixed = _examples(mixed)
    return tfds.dataset_builders.store_as_tfds_dataset(
        name=name, version=version, features=tfds_features(mixed.element_spec),
        split_datasets={split: mixed}, data_dir=data_dir,
        description=description or "Real rows mixed with ganaug synthetic rows.",
    )


def tfds_features(element_spec):
    """TFDS feature connectors for elements of scalar tensors.

    Parameters
    ----------
    element_spec : dict
        A (nested) dict of scalar ``tf.TensorSpec``.

    Returns
    -------
    tfds.features.FeaturesDict
        ``Text`` for strings, ``Scalar`` of the same dtype otherwise
        (float64 stored as bytes, so that no precision is lost).

    Examples
    --------
    >>> import tensorflow as tf
    >>> from ganaug.tfds import tfds_features
    >>> connectors = tfds_features({"x": tf.TensorSpec([], tf.float32),
    ...                             "s": tf.TensorSpec([], tf.string)})
    >>> type(connectors["x"]).__name__, type(connectors["s"]).__name__
    ('Scalar', 'Text')
    """
    connectors = {}
    for key, spec in element_spec.items():
        if isinstance(spec, dict):
            connectors[key] = tfds_features(spec)
        elif spec.dtype == tf.string:
            connectors[key] = tfds.features.Text()
        elif spec.dtype == tf.float64:  # a float list would round to float32
            connectors[key] = tfds.features.Tensor(
                shape=(), dtype=np.float64, encoding=tfds.features.Encoding.BYTES
            )
        else:
            connectors[key] = tfds.features.Scalar(dtype=spec.dtype.as_numpy_dtype)
    return tfds.features.FeaturesDict(connectors)


def _examples(dataset):
    """Unbatched dict elements: ``(features, label)`` as ``{"features", "label"}``."""
    if element_structure(dataset.element_spec)["batch"] is not None:
        dataset = dataset.unbatch()
    if isinstance(dataset.element_spec, tuple):
        return dataset.map(lambda features, label: {FEATURES_KEY: features, LABEL_KEY: label})
    return dataset


def _as_tuples(dataset):
    """``{"features": dict, "label": tensor}`` elements as ``(features, label)``."""
    spec = dataset.element_spec
    if (
        isinstance(spec, dict)
        and set(spec) == {FEATURES_KEY, LABEL_KEY}
        and isinstance(spec[FEATURES_KEY], dict)
        and isinstance(spec[LABEL_KEY], tf.TensorSpec)
    ):
        return dataset.map(lambda element: (element[FEATURES_KEY], element[LABEL_KEY]))
    return dataset
