"""Fitting on a ``tf.data`` pipeline that streams its rows (see :func:`fit_streaming`)."""

from .._utils._backend import load_tensorflow
from .._utils._checks import check_positive_int
from ._augmenter import GANAugmenter
from ._params import training_settings


def fit_streaming(augmenter, dataset, *, encoder_rows=50_000, steps_per_epoch=None):
    """Fit ``augmenter`` on ``dataset`` without reading it into memory.

    The table encoder is fitted on the first ``encoder_rows`` rows (one read
    of those rows only); training then streams the dataset batch by batch
    through the compiled training step, so memory does not grow with the
    number of rows.  Use it for pipelines over files larger than memory
    (``tf.data.experimental.make_csv_dataset``, ``CsvDataset``,
    ``TFRecordDataset`` parsed into dicts of scalar features).

    It differs from :meth:`GANAugmenter.fit <ganaug.GANAugmenter.fit>` on a
    dataset, which reads every row and is the better choice when they fit:

    - **Conditional vectors** come from each batch's own rows: a discrete
      column is picked uniformly per row and the row's own category is the
      condition.  The log-frequency rebalancing of training-by-sampling needs
      the whole table and is not done, so rare categories are seen at their
      own frequency.
    - **Encoder from a sample**: categories, missing values and mixture modes
      are those of the first ``encoder_rows`` rows.  Later rows holding a
      category (or a missing value) the sample lacks are skipped in training
      and never generated.  Shuffle a sorted file before (``make_csv_dataset``
      shuffles by default).
    - **Copy guard** against the ``encoder_rows`` sampled rows only;
      ``sample(min_distance=...)`` needs the training rows, which are not
      kept: it raises ``ValueError``.
    - **Packs** (PacGAN) hold the rows as they stream, not rows of one
      condition.

    It is a function rather than automatic in ``fit``: these differences
    change the model, and a pipeline's cardinality is unknown even for a
    small CSV file, so ``fit`` keeps reading datasets into memory and
    streaming is asked for explicitly.  The fitted augmenter samples, saves
    and loads like any other, and works with :func:`synthetic_dataset` and
    :func:`augment`.

    Parameters
    ----------
    augmenter : GANAugmenter
        Unfitted or fitted (refitted from scratch); its parameters apply.
        ``epochs=None`` means one pass over ``dataset``, or about 6,000 steps
        when ``steps_per_epoch`` is given.  Under a
        ``distribution_strategy``, each step's rows are split between the
        replicas (``strategy.experimental_distribute_dataset``; with several
        workers, each reads its own shard).
    dataset : tf.data.Dataset
        Dicts of scalar features or ``(features, label)`` tuples, batched or
        not, as for ``fit``.  Same seed and same element order give the same
        model (``make_csv_dataset(..., shuffle_seed=0)`` or ``shuffle=False``).
    encoder_rows : int, default=50000
        Rows the encoder is fitted on (at least 2); also the rows the batch
        size and ``pac`` adapt to, as ``fit`` adapts them to the table.
    steps_per_epoch : int or None, default=None
        ``None``: an epoch is one pass over ``dataset`` (which must then be
        finite).  An int: an epoch is that many steps, read on from where the
        previous epoch stopped, over ``dataset.repeat()``.

    Returns
    -------
    augmenter : GANAugmenter
        Fitted.

    Raises
    ------
    TypeError, ValueError
        For bad arguments, an endless ``dataset`` without
        ``steps_per_epoch``, or fewer rows than one training step.

    Examples
    --------
    >>> import tensorflow as tf
    >>> from ganaug import GANAugmenter
    >>> from ganaug.tf_data import fit_streaming
    >>> ds = tf.data.Dataset.from_tensor_slices(
    ...     {"age": [23., 35., 47., 51., 62., 29.] * 20,
    ...      "city": ["Oslo", "Rome", "Oslo", "Lima", "Rome", "Lima"] * 20}).batch(16)
    >>> aug = fit_streaming(GANAugmenter(epochs=2, random_state=0), ds, encoder_rows=60)
    >>> aug.sample(3).shape
    (3, 2)
    """
    encoder_rows, steps_per_epoch = _check_arguments(
        augmenter, dataset, encoder_rows, steps_per_epoch
    )
    settings = training_settings(augmenter.get_params())
    frame, y, structure = _encoder_sample(dataset, encoder_rows)
    from .._model._fit import Stream

    return augmenter._fit(frame, y, settings, structure, Stream(dataset, steps_per_epoch))


def _check_arguments(augmenter, dataset, encoder_rows, steps_per_epoch):
    """Checked ``(encoder_rows, steps_per_epoch)``; raise on any bad argument."""
    from .._data._elements import check_dataset

    if not isinstance(augmenter, GANAugmenter):
        raise TypeError(
            f"augmenter must be a GANAugmenter; received {type(augmenter).__name__}."
        )
    check_dataset(dataset, "dataset")
    encoder_rows = check_positive_int(encoder_rows, "encoder_rows", minimum=2)
    if steps_per_epoch is not None:
        steps_per_epoch = check_positive_int(steps_per_epoch, "steps_per_epoch")
    augmenter._validate_params()
    tf, _ = load_tensorflow()
    if steps_per_epoch is None and dataset.cardinality() == tf.data.INFINITE_CARDINALITY:
        raise ValueError(
            "dataset is endless (e.g. make_csv_dataset's default num_epochs=None), "
            "so an epoch needs an end: give steps_per_epoch; received None."
        )
    return encoder_rows, steps_per_epoch


def _encoder_sample(dataset, encoder_rows):
    """``(frame, y, structure)`` of the first ``encoder_rows`` rows of ``dataset``."""
    from .._data._elements import dataset_to_frame, element_structure, first_batch_size

    structure = element_structure(dataset.element_spec)
    rows = dataset if structure["batch"] is None else dataset.unbatch()
    frame, y, _ = dataset_to_frame(rows.take(encoder_rows))
    if structure["batch"] is not None and structure["batch"]["size"] is None:
        structure["batch"]["size"] = first_batch_size(dataset)
    return frame, y, structure
