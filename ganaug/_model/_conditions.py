"""The conditional vector and training-by-sampling, as TensorFlow ops.

Training-by-sampling (Xu et al., 2019): pick a discrete column uniformly,
one of its categories with probability proportional to the log of its
frequency, then a real row holding that category.  The conditional vector is
that row's one-hot for the chosen column; each other discrete column of the
row is revealed too with a small probability, so that the generator also
learns to honour conditions on several columns at once.  The rows of one
PacGAN pack share their chosen column and category, so the critic judges a
pack of generated rows of one category against real rows of that category:
a rare class is compared as a group, not as one row among rows of common
classes.  A class target is the chosen column of half the conditions (the
others are chosen uniformly): ``sample`` generates every row of a class
target conditioned on its class, so the generator trains mostly on the
conditions it is sampled with.  Every choice is a stateless TF op, so a
whole training step stays inside one compiled graph.  The row sources of
:mod:`._row_sources` draw with these functions.
"""

import numpy as np
import tensorflow as tf

from .._utils._graph_random import categorical

# Probability that a discrete column other than the chosen one is also part
# of the conditional vector during training.
EXTRA_CONDITION_RATE = 0.1
# With a class target, the share of training conditions chosen on the class
# (``sample`` generates every row of a class target conditioned on its class).
TARGET_CONDITION_RATE = 0.5


def condition_indices(spans):
    """``(cond_index, column_of_cond)`` of the discrete one-hots at ``spans``:
    where each entry of the conditional vector sits in an encoded row, and
    which discrete column it belongs to."""
    cond_index = tf.constant(
        np.concatenate([np.arange(start, start + size) for start, size in spans]),
        dtype=tf.int32,
    )
    column_of_cond = tf.constant(
        np.repeat(np.arange(len(spans)), [size for _, size in spans]), tf.int32
    )
    return cond_index, column_of_cond


def condition_vector(source, real, column, batch_size, seed):
    """The conditional vector of ``batch_size`` encoded ``real`` rows.

    Each row's one-hot of its discrete ``column``, and of each other discrete
    column with probability ``EXTRA_CONDITION_RATE``.  ``source`` holds
    ``n_columns``, ``cond_index`` and ``column_of_cond``.
    """
    extra = tf.random.stateless_uniform([batch_size, source.n_columns], seed)
    revealed = tf.gather(extra < EXTRA_CONDITION_RATE, source.column_of_cond, axis=1)
    mask = tf.equal(source.column_of_cond[None, :], column[:, None]) | revealed
    return tf.gather(real, source.cond_index, axis=1) * tf.cast(mask, real.dtype)


def draw_codes(n_rows, logits, offsets, seed, column_logits=None):
    """Pick a discrete column (uniformly, or by ``column_logits``), then one
    of its states by ``logits``.

    Returns ``(code, column)``: the state's index in the conditional vector
    and the column's index, both of shape ``(n_rows,)``.
    """
    seeds = tf.random.experimental.stateless_split(seed, 2)
    if column_logits is None:
        column = tf.random.stateless_uniform(
            [n_rows], seeds[0], 0, logits.shape[0], dtype=tf.int32
        )
    else:
        column = draw_columns(n_rows, column_logits, seeds[0])
    category = categorical(tf.gather(logits, column), seeds[1])
    return tf.gather(offsets, column) + category, column


def draw_columns(n_rows, column_logits, seed):
    """The discrete column of each of ``n_rows`` conditions, by ``column_logits``."""
    return categorical(tf.tile(column_logits[None, :], [n_rows, 1]), seed)


def column_logits(encoder):
    """Log-odds of choosing each discrete column for a training condition:
    uniform, except that a class target is chosen ``TARGET_CONDITION_RATE``
    of the time."""
    n_columns = len(encoder.discrete)
    weights = np.ones(n_columns)
    target = encoder.class_target
    if target is not None and n_columns > 1:
        others = (n_columns - 1) / (1.0 - TARGET_CONDITION_RATE)
        weights[target] = TARGET_CONDITION_RATE * others
    return np.log(weights / weights.sum()).astype(np.float32)


def frequency_logits(encoder):
    """``(n_discrete, max_states)`` log empirical frequencies, -inf padded."""
    counts = [column.counts for _, column in encoder.discrete]
    return padded_logits(counts, np.log)


def padded_logits(counts, transform):
    width = max(len(c) for c in counts)
    logits = np.full((len(counts), width), -np.inf, dtype=np.float32)
    for i, c in enumerate(counts):
        with np.errstate(divide="ignore"):
            logits[i, : len(c)] = np.where(c > 0, transform(c.astype(np.float64)), -np.inf)
    return logits
