"""Synthetic rows as ``tf.data`` streams, made inside the TensorFlow graph.

A batch of synthetic rows is one call of the synthesizer's compiled
``generate`` (noise, the generator and the per-column draws) followed by a
:class:`GraphDecoder`.  Per-batch seeds come from ``tf.data.Dataset.random``
with ``rerandomize_each_iteration``: every pass over a stream draws new rows,
and the sequence of passes repeats with the seed.

Mixing is vectorised: rather than choosing a source element by element, the
number of synthetic rows in front of each real row is drawn at once for a
whole chunk of real rows (a geometric count: the number of synthetic picks
before each real pick when every element is synthetic with probability
``fraction``, independently), and one gather interleaves them.  This is the
distribution of ``tf.data.Dataset.sample_from_datasets`` with weights
``[1 - fraction, fraction]`` stopping with the real stream, without its
per-element cost.
"""

import math

import numpy as np
import tensorflow as tf

from ._container import TARGET_KEY
from ._graph_decoder import GraphDecoder

# Smallest uniform draw for the geometric counts (log of it stays finite).
_TINY = 1e-300


class RowMaker:
    """``(n_rows, seed) -> element structure`` of decoded synthetic rows.

    Parameters
    ----------
    augmenter : GANAugmenter
        Fitted.
    layout : dict
        The training elements' layout (see :func:`ganaug.tf_data.element_layout`).
    forced : dict
        ``{discrete_index: code}``: conditions that every row holds.
    """

    def __init__(self, augmenter, layout, forced):
        encoder = augmenter.encoder_
        dtypes = dict(layout["features"])
        if layout["label"] is not None:
            dtypes[TARGET_KEY] = layout["label"]
        self.decoder = GraphDecoder(encoder, dtypes)
        self.fixed_cond, self.mask, self.codes = _forcing(encoder, forced)
        self.conditioned = tf.constant(bool(forced))
        self.generate = augmenter._synth.generate
        self.names = [name for name, _ in layout["features"]]
        self.has_label = layout["label"] is not None

    def __call__(self, n_rows, seed):
        alpha, codes = self.generate(n_rows, self.fixed_cond, self.conditioned, seed)
        columns = self.decoder(alpha, tf.where(self.mask, self.codes, codes))
        features = {name: columns[name] for name in self.names}
        return (features, columns[TARGET_KEY]) if self.has_label else features


def synthetic_batches(augmenter, layout, forced, seed, rows):
    """An endless dataset of batches of ``rows`` synthetic rows."""
    make = RowMaker(augmenter, layout, forced)
    n_rows = tf.constant(rows, tf.int32)
    base = tf.constant(seed, tf.int64)
    draws = tf.data.Dataset.random(seed=seed, rerandomize_each_iteration=True)

    @tf.autograph.experimental.do_not_convert
    def batch(draw):
        return make(n_rows, tf.stack([base, draw]))

    return draws.map(batch, num_parallel_calls=tf.data.AUTOTUNE)


def mixed_batches(real, augmenter, layout, fraction, seed):
    """Batches of ``real`` with synthetic rows interleaved at ``fraction``.

    Parameters
    ----------
    real : tf.data.Dataset
        Batches (of any sizes) of real rows with the training structure.
    augmenter, layout
        As in :class:`RowMaker`.
    fraction : float in (0, 1)
        Probability that an element of the mixed stream is synthetic.
    seed : int

    Returns
    -------
    tf.data.Dataset
        One batch per real batch, each real row after a geometric number of
        synthetic ones; sizes vary.
    """
    make = RowMaker(augmenter, layout, {})
    log_fraction = math.log(fraction)
    base = tf.constant(seed, tf.int64)

    @tf.autograph.experimental.do_not_convert
    def mix(batch, draw):
        seeds = tf.random.experimental.stateless_split(tf.stack([base, draw]), 2)
        n_real = tf.shape(tf.nest.flatten(batch)[0])[0]
        uniform = tf.random.stateless_uniform(
            [n_real], seeds[0], minval=_TINY, maxval=1.0, dtype=tf.float64
        )
        gaps = tf.cast(tf.floor(tf.math.log(uniform) / log_fraction), tf.int32)
        synthetic = make(tf.reduce_sum(gaps), seeds[1])
        order = interleaving(gaps)
        return tf.nest.map_structure(
            lambda r, s: tf.gather(tf.concat([r, s], axis=0), order), batch, synthetic
        )

    draws = tf.data.Dataset.random(seed=seed, rerandomize_each_iteration=True)
    return tf.data.Dataset.zip((real, draws)).map(mix, num_parallel_calls=tf.data.AUTOTUNE)


def interleaving(gaps):
    """Gather order over ``concat([real, synthetic])`` that puts ``gaps[i]``
    synthetic rows in front of real row ``i``.

    Examples
    --------
    >>> import tensorflow as tf
    >>> interleaving(tf.constant([1, 0, 2])).numpy().tolist()
    [3, 0, 1, 4, 5, 2]
    """
    n_real = tf.size(gaps)
    real_at = tf.cumsum(gaps) + tf.range(n_real)
    total = n_real + tf.reduce_sum(gaps)
    is_real = tf.scatter_nd(real_at[:, None], tf.ones([n_real], tf.int32), [total])
    reals_so_far = tf.cumsum(is_real)
    return tf.where(is_real > 0, reals_so_far - 1, n_real + tf.range(total) - reals_so_far)


def _forcing(encoder, forced):
    """Conditional vector, slot mask and codes for ``{discrete_index: code}``,
    as :meth:`Synthesizer.sample` builds them."""
    fixed = np.zeros(encoder.cond_dim, dtype=np.float32)
    mask = np.zeros(len(encoder.softmax_spans), dtype=bool)
    codes = np.zeros(len(encoder.softmax_spans), dtype=np.int32)
    slots = [encoder.column_slots[i][1] for i, _ in encoder.discrete]
    for discrete_index, code in forced.items():
        fixed[encoder.cond_offsets[discrete_index] + code] = 1.0
        mask[slots[discrete_index]] = True
        codes[slots[discrete_index]] = code
    return tf.constant(fixed), tf.constant(mask), tf.constant(codes)
