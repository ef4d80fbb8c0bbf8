import keras
import numpy as np
import pandas as pd
import pytest
import tensorflow as tf
from scipy.stats import spearmanr

from ganaug import GANAugmenter
from ganaug._model._scoring import DiscriminatorScorer
from ganaug._sampling._drawing import most_realistic

from .conftest import TINY, mixed_frame


def _summing_discriminator(width, pac):
    inputs = keras.Input(shape=(width * pac,))
    outputs = keras.layers.Dense(1, kernel_initializer="ones", use_bias=False)(inputs)
    return keras.Model(inputs, outputs)


@pytest.mark.parametrize("n", [30, 101])
def test_scorer_ranks_rows_by_their_own_contribution(n):
    pac = 4
    own = np.random.default_rng(0).normal(size=(n, 1)).astype(np.float32)
    scorer = DiscriminatorScorer(_summing_discriminator(1, pac), pac)
    scores = scorer(tf.constant(own), tf.zeros([n, 0]), tf.constant([1, 2], tf.int64))
    assert scores.shape == (n,)
    # Each pack's score is its rows' sum: a row's mean score rises with its value.
    assert spearmanr(scores.numpy(), own[:, 0]).statistic > 0.7


def _spread_discriminator(pac):
    """Scores a pack by minus the spread of its rows' single value."""
    inputs = keras.Input(shape=(pac,))
    spread = keras.layers.Lambda(
        lambda x: keras.ops.min(x, axis=1, keepdims=True) - keras.ops.max(x, axis=1, keepdims=True)
    )(inputs)
    return keras.Model(inputs, spread)


def test_scorer_packs_rows_of_one_condition_together():
    pac, n = 5, 200
    groups = np.random.default_rng(1).integers(0, 4, n).astype(np.int32)
    rows = tf.constant(groups[:, None].astype(np.float32))
    scorer = DiscriminatorScorer(_spread_discriminator(pac), pac)
    seed = tf.constant([1, 2], tf.int64)
    grouped = scorer(rows, tf.zeros([n, 0]), seed, tf.constant(groups)).numpy()
    mixed = scorer(rows, tf.zeros([n, 0]), seed).numpy()
    # Packed by condition, a pack mixes conditions only at a boundary.
    assert (mixed == 0).mean() < 0.05
    assert (grouped == 0).mean() > 10 * max((mixed == 0).mean(), 0.01)
    assert -grouped.mean() < 0.1 * -mixed.mean()


def test_most_realistic_drops_the_same_share_of_every_group():
    scores = np.array([5.0, 1.0, 3.0, 0.1, 0.3, 0.2, 9.0, 8.0])
    groups = np.array([0, 0, 0, 1, 1, 1, 2, 2])
    keep = most_realistic(scores, groups, 5)
    assert keep.tolist() == sorted(keep.tolist())
    # The best of each group, then the second best: group 1's low scores
    # do not cost it all its rows.
    assert {0, 4, 6} <= set(keep.tolist())
    assert 1 not in keep and 3 not in keep


@pytest.fixture(scope="module")
def fitted():
    frame = mixed_frame()
    return frame, GANAugmenter(**TINY).fit(frame)


def test_discriminator_rejection_keeps_count_dtypes_and_conditions(fitted):
    frame, aug = fitted
    plain = aug.sample(120)
    filtered = aug.sample(120, discriminator_rejection=0.5)
    assert len(filtered) == 120
    assert list(filtered.dtypes) == list(frame.dtypes)
    assert not filtered.equals(plain)
    pd.testing.assert_frame_equal(filtered, aug.sample(120, discriminator_rejection=0.5))
    rows = aug.sample(40, conditions={"text": "red"}, discriminator_rejection=0.3)
    assert (rows["text"] == "red").all()


def test_discriminator_rejection_keeps_the_higher_scored_candidates(fitted):
    _, aug = fitted
    generator, forcing = aug.model_.row_generator, aug.encoder_.forcing({})
    assert generator.scorer is not None
    alpha, codes, scores, groups = generator.run(
        generator.generate_scored, 400, forcing, False, False, 3
    )
    keep = most_realistic(scores, groups, 200)
    dropped = np.setdiff1d(np.arange(400), keep)
    assert scores[keep].mean() > scores[dropped].mean()
    # The unscored path draws the very same candidates.
    plain_alpha, plain_codes = generator.run(generator.generate, 400, forcing, False, False, 3)
    np.testing.assert_array_equal(plain_codes, codes)
    np.testing.assert_allclose(plain_alpha, alpha, rtol=1e-6)


@pytest.mark.parametrize(
    "value, error, match",
    [(1.0, ValueError, r"discriminator_rejection must be in \[0, 1\); received 1.0"),
     (-0.2, ValueError, r"discriminator_rejection must be in \[0, 1\); received -0.2"),
     ("half", TypeError, "discriminator_rejection must be a float in \\[0, 1\\); received 'half'")],
)
def test_bad_discriminator_rejection(fitted, value, error, match):
    with pytest.raises(error, match=match):
        fitted[1].sample(5, discriminator_rejection=value)
