"""The fit itself: encode the table, build the networks, run the epochs."""

import time

import numpy as np
import pandas as pd

from ._backend import load_tensorflow
from ._encoder import TableEncoder
from ._params import make_optimizer, plan_training
from ._random import draw_seed


def fit_gan(est, table, container, rng):
    """Fit ``est``'s encoder and networks on ``table`` and record the history.

    Sets ``encoder_``, ``generator_``, ``discriminator_``, ``history_``,
    ``batch_size_``, ``pac_`` and ``epochs_`` on ``est``.
    """
    load_tensorflow()
    from ._conditional import ConditionalSampler
    from ._distribute import average_statistics, n_replicas

    strategy = est.distribution_strategy
    plan = plan_training(est, len(table), n_replicas(strategy))
    encoder = TableEncoder(container.discrete_columns, container.overrides)
    encoder.fit(table, draw_seed(rng))
    data = encoder.transform(table, draw_seed(rng))
    trainer = make_trainer(est, encoder, lambda: ConditionalSampler(encoder, data), plan, rng)
    history = run_epochs(trainer, plan, est.verbose)
    trainer.adopt_average()
    average_statistics(strategy, trainer.generator)
    set_fitted(est, encoder, trainer, history, plan)


def set_fitted(est, encoder, trainer, history, plan):
    """Set the fitted attributes of ``est`` from a finished training."""
    est.encoder_ = encoder
    est.generator_ = trainer.generator
    est.discriminator_ = trainer.discriminator
    est.history_ = history
    est.batch_size_, est.pac_, est.epochs_ = plan.batch_size, plan.pac, plan.epochs
    attach_synthesizer(est)


def make_trainer(est, encoder, make_source, plan, rng):
    """A :class:`GANTrainer` for ``est``'s settings on the rows ``make_source()`` gives.

    ``make_source`` builds the trainer's source of real rows and conditional
    vectors (a :class:`ConditionalSampler` over the encoded table, or a
    :class:`StreamSource`).  Under ``est.distribution_strategy`` every
    variable (networks, optimizer slots, the encoded table) is created in
    the strategy's scope and each replica trains on ``plan.batch_size /
    num_replicas`` rows per step.
    """
    from ._distribute import n_replicas, strategy_scope
    from ._outputs import OutputLayout
    from ._training import GANTrainer

    strategy = est.distribution_strategy
    with strategy_scope(strategy):
        network_seed = draw_seed(rng)
        generator, discriminator = build_networks(est, encoder, plan.pac, network_seed)
        return GANTrainer(
            generator,
            discriminator,
            make_source(),
            OutputLayout(encoder.tanh_positions, encoder.softmax_spans),
            (
                make_optimizer(est.optimizer, est.generator_lr),
                make_optimizer(est.optimizer, est.discriminator_lr),
            ),
            loss=est.loss,
            batch_size=plan.batch_size // n_replicas(strategy),
            pac=plan.pac,
            noise_dim=est.noise_dim,
            discriminator_steps=est.discriminator_steps,
            seed=draw_seed(rng),
            strategy=strategy,
            classifier=build_auxiliary(est, encoder, network_seed),
        )


def attach_synthesizer(est):
    """Give a fitted ``est`` the compiled sampler of its generator."""
    from ._synthesis import Synthesizer

    est._synth = Synthesizer(
        est.encoder_, est.generator_, est.noise_dim, est.discriminator_, est.pac_
    )


def build_networks(est, encoder, pac, seed):
    """Fresh generator and discriminator sized for ``encoder``'s layout."""
    from ._networks import build_discriminator, build_generator

    generator = build_generator(
        est.noise_dim + encoder.cond_dim, est.generator_dims, encoder.output_dim, seed
    )
    discriminator = build_discriminator(
        encoder.output_dim + encoder.cond_dim, est.discriminator_dims, pac, seed + 7919
    )
    return generator, discriminator


def build_auxiliary(est, encoder, seed):
    """The :class:`AuxiliaryClassifier` of a class target, or ``None``."""
    from ._auxiliary import HIDDEN_DIMS, AuxiliaryClassifier, target_span
    from ._networks import build_classifier

    span = target_span(encoder)
    if span is None:
        return None
    model = build_classifier(encoder.output_dim, HIDDEN_DIMS, span[1], seed + 15485)
    optimizer = make_optimizer(est.optimizer, est.discriminator_lr)
    return AuxiliaryClassifier(model, optimizer, span, encoder.output_dim)


def run_epochs(trainer, plan, verbose):
    """Run ``plan.epochs`` compiled epochs; return the per-epoch history."""
    tf, _ = load_tensorflow()
    n_steps = tf.constant(plan.steps_per_epoch, tf.int32)

    def one_epoch(epoch):
        return trainer.run_epoch(tf.constant(epoch, tf.int64), n_steps)

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


def set_sampling_state(est, X, container, table, rng, layout, training_rows):
    """After training: the state ``sample`` needs besides the networks.

    ``training_rows`` are kept in memory (never saved) for ``min_distance``;
    ``None`` when they are not at hand.
    """
    from sklearn.utils.validation import validate_data

    from ._guard import CopyGuard

    validate_data(est, X, reset=True, skip_check_array=True)
    est._container = container
    est._copy_guard = CopyGuard.from_table(table)
    est._training_rows = training_rows
    est._row_distance = None
    est._sample_seed = None if est.random_state is None else draw_seed(rng)
    est._tf_data_layout = layout
