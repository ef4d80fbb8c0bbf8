"""Fitting on a ``tf.data`` pipeline that streams its rows (see :func:`fit_streaming`)."""

import math

import numpy as np

from ._backend import load_tensorflow
from ._container import Container
from ._fitting import set_sampling_state
from ._params import AUTO_STEPS, check_params, plan_training
from ._random import draw_seed, make_rng
from ._validation import check_positive_int, warn_suspicious_columns


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
        when ``steps_per_epoch`` is given.  ``distribution_strategy`` must be
        ``None``.
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
    frame, y, layout = _encoder_sample(dataset, encoder_rows)
    container = Container.from_data(frame, frame, y, augmenter.discrete_columns)
    table = container.training_table(frame, y)
    warn_suspicious_columns(table, container.shown_names)
    rng = make_rng(augmenter.random_state)
    _fit_streamed_gan(augmenter, table, container, (dataset, layout), steps_per_epoch, rng)
    set_sampling_state(augmenter, frame, container, table, rng, layout, training_rows=None)
    return augmenter


def _check_arguments(augmenter, dataset, encoder_rows, steps_per_epoch):
    """Checked ``(encoder_rows, steps_per_epoch)``; raise on any bad argument."""
    from . import GANAugmenter
    from .tf_data import _check_dataset

    if not isinstance(augmenter, GANAugmenter):
        raise TypeError(
            f"augmenter must be a GANAugmenter; received {type(augmenter).__name__}."
        )
    _check_dataset(dataset, "dataset")
    encoder_rows = check_positive_int(encoder_rows, "encoder_rows", minimum=2)
    if steps_per_epoch is not None:
        steps_per_epoch = check_positive_int(steps_per_epoch, "steps_per_epoch")
    check_params(augmenter)
    if augmenter.distribution_strategy is not None:
        raise ValueError(
            "fit_streaming trains on one device: augmenter.distribution_strategy "
            f"must be None; received {augmenter.distribution_strategy!r}."
        )
    tf, _ = load_tensorflow()
    if steps_per_epoch is None and dataset.cardinality() == tf.data.INFINITE_CARDINALITY:
        raise ValueError(
            "dataset is endless (e.g. make_csv_dataset's default num_epochs=None), "
            "so an epoch needs an end: give steps_per_epoch; received None."
        )
    return encoder_rows, steps_per_epoch


def _encoder_sample(dataset, encoder_rows):
    """``(frame, y, layout)`` of the first ``encoder_rows`` rows of ``dataset``."""
    from .tf_data import _first_batch_size, dataset_to_frame, element_layout

    layout = element_layout(dataset.element_spec)
    rows = dataset if layout["batch"] is None else dataset.unbatch()
    frame, y, _ = dataset_to_frame(rows.take(encoder_rows))
    if layout["batch"] is not None and layout["batch"]["size"] is None:
        layout["batch"]["size"] = _first_batch_size(dataset)
    return frame, y, layout


def _fit_streamed_gan(est, table, container, source, steps_per_epoch, rng):
    """Fit the encoder on ``table`` and the networks on the streamed
    ``source = (dataset, layout)``; set ``est``'s fitted attributes."""
    from ._encoder import TableEncoder
    from ._fitting import make_trainer, set_fitted
    from ._stream_source import StreamSource, step_units

    plan = plan_training(est, len(table))
    if est.epochs is None:
        epochs = 1 if steps_per_epoch is None else math.ceil(AUTO_STEPS / steps_per_epoch)
        plan = type(plan)(plan.batch_size, plan.pac, epochs, steps_per_epoch or 0)
    encoder = TableEncoder(container.discrete_columns, container.overrides)
    encoder.fit(table, draw_seed(rng))
    trainer = make_trainer(est, encoder, lambda: StreamSource(encoder), plan, rng)
    dataset, layout = source
    units = step_units(dataset, encoder, layout, plan.batch_size * est.discriminator_steps)
    history = _run_stream_epochs(trainer, units, plan, steps_per_epoch, est.verbose)
    trainer.adopt_average()
    set_fitted(est, encoder, trainer, history, plan)


def _run_stream_epochs(trainer, units, plan, steps_per_epoch, verbose):
    """Run ``plan.epochs`` streamed epochs; return the per-epoch history."""
    from ._fitting import record_epochs

    tf, _ = load_tensorflow()
    limit = tf.constant(steps_per_epoch or np.iinfo(np.int32).max, tf.int32)
    endless = None if steps_per_epoch is None else iter(units.repeat())

    def one_epoch(epoch):
        iterator = iter(units) if endless is None else endless
        g_loss, d_loss, taken = trainer.run_stream_epoch(
            tf.constant(epoch, tf.int64), iterator, limit
        )
        if int(taken) == 0:
            raise ValueError(
                "dataset holds fewer usable rows than one training step "
                f"(batch_size_ * discriminator_steps = "
                f"{plan.batch_size * trainer.discriminator_steps} rows)."
            )
        return g_loss, d_loss

    return record_epochs(plan.epochs, one_epoch, verbose)
