"""OutputActivation: tanh scalars and per-span (segment) softmax of raw outputs."""

import numpy as np
import pytest
import tensorflow as tf
from scipy.special import log_softmax, softmax

from ganaug._model._activations import OutputActivation

# A row of width 11: tanh scalars at 0 and 4, one-hot spans between them.
TANH = [0, 4]
SPANS = [(1, 3), (5, 2), (7, 4)]
WIDTH = 11


@pytest.fixture
def activation():
    return OutputActivation(TANH, SPANS)


def _raw(n=64, seed=0, scale=3.0):
    """Random raw outputs; row 0 would overflow ``exp`` in float32 unshifted."""
    rng = np.random.default_rng(seed)
    raw = rng.normal(0.0, scale, size=(n, WIDTH))
    raw[0] = 95.0 + rng.normal(size=WIDTH)
    return raw.astype(np.float32)


def _huge():
    """Rows of very large logits: of either sign, far from 0, and tied."""
    rng = np.random.default_rng(7)
    raw = rng.normal(size=(6, WIDTH))
    raw[0] = rng.choice([-1.0, 1.0], WIDTH) * 1e30
    raw[1] = -1e4 + rng.normal(size=WIDTH)
    raw[2] = 3e5 + rng.normal(size=WIDTH)
    raw[3, 1:4] = [1e20, 1e20, -1e20]
    raw[4, 7:11] = 1e30
    raw[5] = 1e3 * rng.normal(size=WIDTH)
    return raw.astype(np.float32)


def _per_span(raw, function):
    """``function`` applied to each span of ``raw`` separately (float64)."""
    out = np.full(raw.shape, np.nan)
    for start, size in SPANS:
        out[:, start : start + size] = function(raw[:, start : start + size].astype(np.float64))
    return out


def test_layout_is_read_from_the_positions_and_spans(activation):
    assert activation.n_segments == len(TANH) + len(SPANS)
    np.testing.assert_array_equal(activation.is_tanh.numpy(), np.isin(np.arange(WIDTH), TANH))
    segment = activation.segment.numpy()
    assert segment[TANH].tolist() == [0, 1]
    for i, (start, size) in enumerate(SPANS):
        assert (segment[start : start + size] == len(TANH) + i).all()


def test_log_softmax_matches_a_per_span_log_softmax(activation):
    raw = _raw()
    got = activation.log_softmax(tf.constant(raw)).numpy()
    expected = _per_span(raw, lambda span: log_softmax(span, axis=1))
    in_spans = ~np.isin(np.arange(WIDTH), TANH)
    assert np.isfinite(got[:, in_spans]).all()
    np.testing.assert_allclose(got[:, in_spans], expected[:, in_spans], rtol=1e-5, atol=1e-5)


def test_exp_of_log_softmax_sums_to_one_in_each_span(activation):
    probabilities = np.exp(activation.log_softmax(tf.constant(_raw(seed=1))).numpy())
    assert np.isfinite(probabilities).all()
    for start, size in SPANS:
        span = probabilities[:, start : start + size]
        assert ((span >= 0) & (span <= 1)).all()
        np.testing.assert_allclose(span.sum(axis=1), 1.0, rtol=1e-5)


def test_log_softmax_gradients_stay_finite_for_huge_logits(activation):
    raw = tf.constant(_huge())
    with tf.GradientTape() as tape:
        tape.watch(raw)
        loss = tf.reduce_sum(activation.log_softmax(raw)[:, 1:4])
    assert np.isfinite(tape.gradient(loss, raw).numpy()).all()


@pytest.mark.parametrize("tau", [0.2, 1.0])
def test_gumbel_activate_is_tanh_on_scalars_and_a_distribution_on_spans(activation, tau):
    raw = _raw(seed=3)
    out = activation.gumbel_activate(tf.constant(raw), tf.constant([4, 5], tf.int64), tau)
    out = out.numpy()
    assert out.shape == raw.shape and np.isfinite(out).all()
    np.testing.assert_allclose(out[:, TANH], np.tanh(raw[:, TANH]), rtol=1e-6)
    for start, size in SPANS:
        span = out[:, start : start + size]
        assert ((span >= 0) & (span <= 1)).all()
        np.testing.assert_allclose(span.sum(axis=1), 1.0, rtol=1e-5)
    # The Gumbel noise is seeded: the same seed, the same rows; another, others.
    again = activation.gumbel_activate(tf.constant(raw), tf.constant([4, 5], tf.int64), tau)
    np.testing.assert_array_equal(again.numpy(), out)
    other = activation.gumbel_activate(tf.constant(raw), tf.constant([4, 6], tf.int64), tau)
    assert not np.allclose(other.numpy()[:, 1:4], out[:, 1:4])


def test_gumbel_activate_at_a_low_temperature_is_nearly_one_hot(activation):
    raw = _raw(n=2000, seed=4, scale=1.0)
    out = activation.gumbel_activate(tf.constant(raw), tf.constant([1, 1], tf.int64), 0.01)
    out = out.numpy()
    for start, size in SPANS:
        assert (out[:, start : start + size].max(axis=1) > 0.99).mean() > 0.95


def test_sample_draws_each_span_by_its_softmax(activation):
    n = 40_000
    logits = np.array([0.0, 1.5, -0.5, 0.3, 2.0, 0.7, -1.0, 0.2, 0.9, 0.0, 0.4], np.float32)
    raw = np.tile(logits, (n, 1))
    alpha, codes = activation.sample(tf.constant(raw), tf.constant([8, 9], tf.int64))
    alpha, codes = alpha.numpy(), codes.numpy()
    np.testing.assert_allclose(alpha, np.tanh(raw[:, TANH]), rtol=1e-6)
    assert codes.shape == (n, len(SPANS)) and codes.dtype == np.int32
    for j, (start, size) in enumerate(SPANS):
        frequencies = np.bincount(codes[:, j], minlength=size) / n
        assert len(frequencies) == size  # every code lies inside its span
        np.testing.assert_allclose(frequencies, softmax(logits[start : start + size]), atol=0.01)


def test_sample_follows_each_rows_own_logits(activation):
    raw = _raw(n=500, seed=5, scale=50.0)  # peaked: nearly every draw is the argmax
    _, codes = activation.sample(tf.constant(raw), tf.constant([2, 3], tf.int64))
    for j, (start, size) in enumerate(SPANS):
        argmax = np.argmax(raw[:, start : start + size], axis=1)
        assert (codes.numpy()[:, j] == argmax).mean() > 0.95
