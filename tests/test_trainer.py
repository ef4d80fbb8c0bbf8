"""GANTrainer: the critic loss with its gradient penalty, the condition loss,
and one compiled epoch over a table."""

import keras
import numpy as np
import pandas as pd
import pytest
import tensorflow as tf
from scipy.special import log_softmax

from ganaug._data._encoder import TableEncoder
from ganaug._model._activations import OutputActivation
from ganaug._model._networks import build_discriminator, build_generator
from ganaug._model._optimizers import FusedOptimizer
from ganaug._model._row_sources import TableRows
from ganaug._model._trainer import GRADIENT_PENALTY_WEIGHT, GANTrainer

NOISE_DIM = 4
BATCH = 12
PAC = 2


def _table(discrete=True, n=90):
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"x": rng.normal(size=n), "y": rng.gamma(2.0, size=n)})
    if discrete:
        frame["colour"] = rng.choice(["red", "green", "blue"], n)
        frame["size"] = rng.choice(["s", "l"], n, p=[0.7, 0.3])
    return frame


def _linear_critic(width, weights):
    """A critic that is one Dense layer without bias: its gradient w.r.t.
    any input is ``weights``."""
    inputs = keras.Input(shape=(width,))
    score = keras.layers.Dense(
        1, use_bias=False, kernel_initializer=keras.initializers.Constant(weights[:, None])
    )(inputs)
    return keras.Model(inputs, score)


def _trainer(frame, discriminator=None, loss="wgan-gp"):
    encoder = TableEncoder().fit(frame, seed=0)
    rows = TableRows(encoder, encoder.transform(frame, seed=1))
    generator = build_generator(NOISE_DIM + encoder.cond_dim, (8,), encoder.output_dim, seed=2)
    if discriminator is None:
        discriminator = build_discriminator(encoder.output_dim + encoder.cond_dim, (8,), PAC, 3)
    trainer = GANTrainer(
        generator, discriminator, rows,
        OutputActivation(encoder.tanh_positions, encoder.softmax_spans),
        (FusedOptimizer("adam", 1e-3), FusedOptimizer("adam", 1e-3)),
        loss=loss, batch_size=BATCH, pac=PAC, noise_dim=NOISE_DIM, discriminator_steps=1,
        seed=4,
    )
    return encoder, trainer


def _packed_width(encoder):
    return (encoder.output_dim + encoder.cond_dim) * PAC


@pytest.mark.parametrize("norm", [0.25, 1.0, 3.0])
def test_wasserstein_loss_is_the_score_gap_plus_the_exact_gradient_penalty(norm):
    frame = _table()
    encoder = TableEncoder().fit(frame, seed=0)
    width = _packed_width(encoder)
    rng = np.random.default_rng(1)
    weights = rng.normal(size=width)
    weights *= norm / np.linalg.norm(weights)
    _, trainer = _trainer(frame, _linear_critic(width, weights.astype(np.float32)))
    real_in = rng.normal(size=(BATCH // PAC, width)).astype(np.float32)
    fake_in = rng.normal(size=(BATCH // PAC, width)).astype(np.float32)
    loss = trainer._wasserstein_loss(
        tf.constant(real_in), tf.constant(fake_in), tf.constant([5, 6], tf.int64)
    )
    # The critic's gradient at every interpolated row is the weight vector,
    # so the penalty does not depend on where the rows are mixed.
    penalty = GRADIENT_PENALTY_WEIGHT * (np.linalg.norm(weights) - 1.0) ** 2
    expected = np.mean(fake_in @ weights) - np.mean(real_in @ weights) + penalty
    assert float(loss) == pytest.approx(expected, rel=1e-5, abs=1e-5)


def test_wasserstein_loss_penalises_the_critic_towards_unit_gradients():
    frame = _table()
    encoder = TableEncoder().fit(frame, seed=0)
    width = _packed_width(encoder)
    weights = np.full(width, 2.0 / np.sqrt(width), np.float32)  # norm 2
    _, trainer = _trainer(frame, _linear_critic(width, weights))
    rows = tf.zeros([BATCH // PAC, width])
    variables = trainer.discriminator.trainable_variables
    with tf.GradientTape() as tape:
        loss = trainer._wasserstein_loss(rows, rows, tf.constant([1, 1], tf.int64))
    # Same real and fake rows: the loss is the penalty alone, and its gradient
    # is d/dw 10 (|w| - 1)^2 = 20 (|w| - 1) w / |w|.
    assert float(loss) == pytest.approx(GRADIENT_PENALTY_WEIGHT, rel=1e-5)
    gradient = tape.gradient(loss, variables)[0].numpy().ravel()
    expected = 2 * GRADIENT_PENALTY_WEIGHT * (2.0 - 1.0) * weights / 2.0
    np.testing.assert_allclose(gradient, expected, rtol=1e-4)


def _numpy_condition_loss(encoder, raw, cond):
    log_p = np.full(raw.shape, np.nan)
    for start, size in encoder.softmax_spans:
        log_p[:, start : start + size] = log_softmax(
            raw[:, start : start + size].astype(np.float64), axis=1
        )
    cond_index = np.concatenate([np.arange(s, s + k) for s, k in encoder.cond_spans])
    return -np.mean(np.sum(cond * log_p[:, cond_index], axis=1))


def test_condition_loss_is_the_cross_entropy_of_the_conditioned_spans():
    frame = _table()
    encoder, trainer = _trainer(frame)
    assert len(encoder.cond_spans) == 2
    _, cond = trainer.rows.batch(None, 0, BATCH, tf.constant([7, 8], tf.int64), PAC)
    cond = cond.numpy()
    assert (cond.sum(axis=1) >= 1).all()  # each row names at least one category
    raw = np.random.default_rng(2).normal(0.0, 4.0, size=(BATCH, encoder.output_dim))
    raw = raw.astype(np.float32)
    loss = trainer._condition_loss(tf.constant(raw), tf.constant(cond))
    expected = _numpy_condition_loss(encoder, raw, cond)
    assert expected > 0
    assert float(loss) == pytest.approx(expected, rel=1e-5)
    # Raw outputs that put (almost) all mass on the named categories cost ~0.
    certain = raw.copy()
    cond_index = np.concatenate([np.arange(s, s + k) for s, k in encoder.cond_spans])
    certain[:, cond_index] += 50.0 * cond
    assert float(trainer._condition_loss(tf.constant(certain), tf.constant(cond))) < 1e-3


def test_condition_loss_is_zero_without_discrete_columns():
    frame = _table(discrete=False)
    encoder, trainer = _trainer(frame)
    assert encoder.cond_dim == 0 and trainer.rows.n_columns == 0
    raw = tf.random.normal([BATCH, encoder.output_dim], seed=1)
    loss = trainer._condition_loss(raw, tf.zeros([BATCH, 0]))
    assert float(loss) == 0.0


@pytest.mark.parametrize("discrete, loss", [(True, "wgan-gp"), (False, "standard")])
def test_one_compiled_epoch_runs_its_steps_and_trains_both_networks(discrete, loss):
    _, trainer = _trainer(_table(discrete=discrete), loss=loss)
    generator = [w.copy() for w in trainer.generator.get_weights()]
    critic = [w.copy() for w in trainer.discriminator.get_weights()]
    g_loss, d_loss, taken = trainer.run_epoch(
        tf.constant(0, tf.int64), tf.constant(3, tf.int32), trainer.rows.epoch_feed()
    )
    assert int(taken) == 3
    assert np.isfinite(float(g_loss)) and np.isfinite(float(d_loss))
    for before, network in ((generator, trainer.generator), (critic, trainer.discriminator)):
        after = network.get_weights()
        assert any(not np.array_equal(a, b) for a, b in zip(before, after))
