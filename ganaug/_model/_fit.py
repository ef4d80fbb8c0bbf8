"""The one fit driver: encode, build the networks, run the epochs, return the model.

:func:`fit_gan` trains on a table held in memory or on a ``tf.data``
pipeline that streams its rows; the two differ only in their row source
(:mod:`._row_sources`), so both train under a ``tf.distribute`` strategy,
through the same compiled epoch.
"""

import time
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._data._encoder import TableEncoder
from .._data._row_hashes import CopyGuard
from .._utils._backend import load_tensorflow
from .._utils._random import draw_seed
from ._settings import plan_training


@dataclass(frozen=True)
class Stream:
    """A ``tf.data`` pipeline to train on, read as it streams.

    ``steps_per_epoch``: ``None`` for one pass per epoch, else that many
    steps per epoch over ``dataset.repeat()``.
    """

    dataset: object
    steps_per_epoch: int | None = None


def fit_gan(settings, table, container, rng, *, seeded, element_structure=None, stream=None):
    """Fit an encoder and the networks; return the :class:`FittedGAN`.

    Parameters
    ----------
    settings : TrainingSettings
    table : DataFrame
        The training table (the target, if any, as its last column); with
        ``stream``, the first rows of the stream, which the encoder, the
        batch size and ``pac`` adapt to.
    container : Container
        The training data's containers and discrete columns.
    rng : numpy.random.Generator
        Source of every seed.
    seeded : bool
        Whether the fit is seeded: a seeded model repeats its rows when a
        sampling call gives no seed.
    element_structure : dict or None, default=None
        The structure of the ``tf.data`` elements trained on, if any.
    stream : Stream or None, default=None
        Train on these streamed rows rather than on ``table``.
    """
    load_tensorflow()
    from ._distribute import average_statistics, n_replicas

    strategy = settings.strategy
    steps = None if stream is None else (stream.steps_per_epoch or 0)
    plan = plan_training(settings, len(table), n_replicas(strategy), steps)
    encoder = TableEncoder(container.discrete_columns, container.overrides)
    encoder.fit(table, draw_seed(rng))
    make_rows = _row_source(settings, encoder, table, rng, plan, element_structure, stream)
    trainer = make_trainer(settings, encoder, make_rows, plan, rng)
    history = run_epochs(trainer, plan, settings.verbose)
    trainer.adopt_average()
    average_statistics(strategy, trainer.generator)
    from ._fitted import FittedGAN

    return FittedGAN(
        architecture=settings.architecture,
        plan=plan,
        encoder=encoder,
        container=container,
        generator=trainer.generator,
        discriminator=trainer.discriminator,
        history=history,
        copy_guard=CopyGuard.from_table(table),
        sample_seed=draw_seed(rng) if seeded else None,
        element_structure=element_structure,
        training_rows=table if stream is None else None,
    )


def _row_source(settings, encoder, table, rng, plan, element_structure, stream):
    """A function that builds the row source (under the strategy's scope)."""
    from ._row_sources import StreamedRows, TableRows

    if stream is None:
        data = encoder.transform(table, draw_seed(rng))
        return lambda: TableRows(encoder, data)
    unit_rows = plan.batch_size * settings.discriminator_steps
    return lambda: StreamedRows(
        encoder, stream.dataset, element_structure, unit_rows, plan.steps_per_epoch,
        settings.strategy,
    )


def make_trainer(settings, encoder, make_rows, plan, rng):
    """A :class:`GANTrainer` with ``settings`` on the rows ``make_rows()`` gives.

    Under ``settings.strategy`` every variable (networks, optimizer slots,
    the encoded table) is created in the strategy's scope and each replica
    trains on ``plan.batch_size / num_replicas`` rows per step.
    """
    from ._activations import OutputActivation
    from ._distribute import n_replicas, strategy_scope
    from ._networks import build_networks
    from ._optimizers import make_optimizer
    from ._trainer import GANTrainer

    strategy = settings.strategy
    with strategy_scope(strategy):
        network_seed = draw_seed(rng)
        generator, discriminator = build_networks(
            settings.architecture, encoder, plan.pac, network_seed
        )
        return GANTrainer(
            generator,
            discriminator,
            make_rows(),
            OutputActivation(encoder.tanh_positions, encoder.softmax_spans),
            (
                make_optimizer(settings.optimizer, settings.generator_lr),
                make_optimizer(settings.optimizer, settings.discriminator_lr),
            ),
            loss=settings.loss,
            batch_size=plan.batch_size // n_replicas(strategy),
            pac=plan.pac,
            noise_dim=settings.architecture.noise_dim,
            discriminator_steps=settings.discriminator_steps,
            seed=draw_seed(rng),
            strategy=strategy,
            classifier=_auxiliary(settings, encoder, network_seed),
        )


def _auxiliary(settings, encoder, seed):
    """The :class:`AuxiliaryClassifier` of a class target, or ``None``."""
    from ._auxiliary import HIDDEN_DIMS, AuxiliaryClassifier, target_span
    from ._networks import build_classifier
    from ._optimizers import make_optimizer

    span = target_span(encoder)
    if span is None:
        return None
    model = build_classifier(encoder.output_dim, HIDDEN_DIMS, span[1], seed + 15485)
    optimizer = make_optimizer(settings.optimizer, settings.discriminator_lr)
    return AuxiliaryClassifier(model, optimizer, span, encoder.output_dim)


def run_epochs(trainer, plan, verbose):
    """Run ``plan.epochs`` compiled epochs; return the per-epoch history.

    Raises
    ------
    ValueError
        If a streamed epoch ends before its first step.
    """
    tf, _ = load_tensorflow()
    n_steps = tf.constant(plan.steps_per_epoch or np.iinfo(np.int32).max, tf.int32)

    def one_epoch(epoch):
        g_loss, d_loss, taken = trainer.run_epoch(
            tf.constant(epoch, tf.int64), n_steps, trainer.rows.epoch_feed()
        )
        if int(taken) == 0:
            raise ValueError(
                "dataset holds fewer usable rows than one training step "
                f"(batch_size_ * discriminator_steps = "
                f"{plan.batch_size * trainer.discriminator_steps} rows)."
            )
        return g_loss, d_loss

    return record_epochs(plan.epochs, one_epoch, verbose)


def record_epochs(n_epochs, one_epoch, verbose):
    """Call ``one_epoch(epoch) -> (g_loss, d_loss)`` ``n_epochs`` times; return
    the history of losses and seconds (one row per epoch)."""
    records = []
    progress = _progress(n_epochs, verbose)
    for epoch in range(n_epochs):
        start = time.perf_counter()
        g_loss, d_loss = one_epoch(epoch)
        g_loss, d_loss = float(g_loss), float(d_loss)
        records.append((g_loss, d_loss, time.perf_counter() - start))
        if progress is not None:
            progress.set_postfix(g_loss=f"{g_loss:.3f}", d_loss=f"{d_loss:.3f}")
            progress.update(1)
    if progress is not None:
        progress.close()
    history = pd.DataFrame(
        np.asarray(records, dtype=np.float64).reshape(-1, 3),
        columns=["generator_loss", "discriminator_loss", "seconds"],
    )
    history.index.name = "epoch"
    return history


def _progress(total, verbose):
    if not verbose:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, desc="ganaug fit", unit="epoch")
