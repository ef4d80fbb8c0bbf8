"""Drawing synthetic rows from a fitted generator.

Noise, the conditional vector, the generator in inference mode (BatchNorm
with its moving statistics, folded into the dense layers) and the per-column
draws run in one compiled graph per chunk of rows; decoding back
to a DataFrame is vectorised per column on the host.

With a discriminator, ``sample`` can also drop the candidates it finds least
realistic (discriminator rejection sampling, Azadi et al. 2019).
"""

import math

import numpy as np
import tensorflow as tf

from ._conditional import draw_codes, frequency_logits
from ._inference import FoldedGenerator
from ._outputs import OutputLayout
from ._scoring import DiscriminatorScorer
from ._training import GUMBEL_TAU, own_function

CHUNK_ROWS = 65536


class Synthesizer:
    """Generate encoded rows, then decode them with the encoder.

    Parameters
    ----------
    encoder : TableEncoder
        The fitted encoder.
    generator : keras.Model
        The trained generator.
    noise_dim : int
        Width of the generator's noise input.
    discriminator : keras.Model, default=None
        The trained discriminator, for ``drop_fraction`` in :meth:`sample`.
    pac : int, default=1
        Rows per packed discriminator input.
    """

    def __init__(self, encoder, generator, noise_dim, discriminator=None, pac=1):
        self.encoder = encoder
        self.network = FoldedGenerator(generator, noise_dim, encoder.cond_dim)
        self.noise_dim = noise_dim
        self.layout = OutputLayout(encoder.tanh_positions, encoder.softmax_spans)
        self.cond_dim = encoder.cond_dim
        self.n_columns = len(encoder.cond_spans)
        if self.n_columns:
            self.log_frequency = tf.constant(frequency_logits(encoder))
            self.column_offset = tf.constant(encoder.cond_offsets)
        self.scorer = None if discriminator is None else DiscriminatorScorer(discriminator, pac)
        signature = [
            tf.TensorSpec([], tf.int32),
            tf.TensorSpec([self.cond_dim], tf.float32),
            tf.TensorSpec([], tf.bool),
            tf.TensorSpec([2], tf.int64),
        ]
        self.generate = tf.function(own_function(self._generate), input_signature=signature)
        self.generate_scored = tf.function(
            own_function(self._generate_scored), input_signature=signature
        )

    def _generate(self, n_rows, fixed_cond, conditioned, seed):
        """``(alpha, codes)`` for ``n_rows`` rows, conditioned on ``fixed_cond``
        when ``conditioned``, else on conditions drawn from the training
        frequencies (which reproduces the unconditional distribution)."""
        raw, _, _, draw_seed = self._raw(n_rows, fixed_cond, conditioned, seed)
        return self.layout.sample(raw, draw_seed)

    def _generate_scored(self, n_rows, fixed_cond, conditioned, seed):
        """``(alpha, codes, scores, groups)``: :meth:`_generate`'s rows, the
        discriminator's score of each and the condition it was drawn under."""
        raw, cond, groups, draw_seed = self._raw(n_rows, fixed_cond, conditioned, seed)
        alpha, codes = self.layout.sample(raw, draw_seed)
        # The same Gumbel noise as the draw: the soft rows' argmax are ``codes``.
        soft = self.layout.gumbel_activate(raw, draw_seed, GUMBEL_TAU)
        scores = self.scorer(
            soft, cond, tf.random.experimental.stateless_fold_in(seed, 1), groups
        )
        return alpha, codes, scores, groups

    def _raw(self, n_rows, fixed_cond, conditioned, seed):
        """Raw generator outputs, each row's conditional vector and its
        index (all 0 when ``conditioned``), and the seed of the draws."""
        seeds = tf.random.experimental.stateless_split(seed, 3)
        noise = tf.random.stateless_normal([n_rows, self.noise_dim], seeds[0])
        if self.n_columns == 0:
            groups = tf.zeros([n_rows], tf.int32)
            return self.network(noise), tf.zeros([n_rows, 0]), groups, seeds[2]
        codes = self._draw_codes(n_rows, seeds[1])
        raw = tf.cond(
            conditioned,
            lambda: self.network(noise, fixed_cond=fixed_cond),
            lambda: self.network(noise, cond_codes=codes),
        )
        fixed = tf.tile(fixed_cond[None, :], [n_rows, 1])
        cond = tf.where(conditioned, fixed, tf.one_hot(codes, self.cond_dim))
        groups = tf.where(conditioned, tf.zeros_like(codes), codes)
        return raw, cond, groups, seeds[2]

    def _draw_codes(self, n_rows, seed):
        """Conditions drawn by training frequency: a column uniformly, then
        one of its categories."""
        return draw_codes(n_rows, self.log_frequency, self.column_offset, seed)[0]

    def sample(self, n_rows, forced, seed, drop_fraction=0.0):
        """Decode ``n_rows`` synthetic rows into a DataFrame.

        Parameters
        ----------
        n_rows : int
        forced : dict
            ``{discrete_index: code}``: the conditional vector holds these
            states and the rows carry them.
        seed : int
        drop_fraction : float in [0, 1), default=0.0
            Draw ``n_rows / (1 - drop_fraction)`` candidates and drop the
            ones the discriminator scores lowest.  The ranking is within
            each condition the generator was given, so the mix of conditions
            (and with it every discrete column's frequencies as the
            generator learned them) is kept.
        """
        fixed = np.zeros(self.cond_dim, dtype=np.float32)
        offsets = self.encoder.cond_offsets
        for discrete_index, code in forced.items():
            fixed[offsets[discrete_index] + code] = 1.0
        if drop_fraction > 0:
            # A row is scored in packs with others: give it some to meet.
            n_candidates = max(
                math.ceil(n_rows / (1.0 - drop_fraction)), n_rows + 2 * self.scorer.pac
            )
            alpha, codes, scores, groups = self._run(
                self.generate_scored, n_candidates, fixed, forced, seed
            )
            keep = most_realistic(scores, groups, n_rows)
            alpha, codes = alpha[keep], codes[keep]
        else:
            alpha, codes = self._run(self.generate, n_rows, fixed, forced, seed)
        slots = [self.encoder.column_slots[i][1] for i, _ in self.encoder.discrete]
        for discrete_index, code in forced.items():
            codes[:, slots[discrete_index]] = code
        return self.encoder.decode(alpha, codes)

    def _run(self, function, n_rows, fixed, forced, seed):
        """Call the compiled ``function`` chunk by chunk; join its outputs."""
        chunks = []
        for i, start in enumerate(range(0, max(n_rows, 1), CHUNK_ROWS)):
            size = min(CHUNK_ROWS, n_rows - start)
            outputs = function(
                tf.constant(size, tf.int32),
                tf.constant(fixed),
                tf.constant(bool(forced)),
                tf.constant([seed, i], tf.int64),
            )
            chunks.append([output.numpy() for output in outputs])
        return [np.concatenate(parts) for parts in zip(*chunks)]


def most_realistic(scores, groups, n_keep):
    """Indices (in order) of the ``n_keep`` rows ranked highest within their group.

    A row's rank is its score's percentile among the rows of its group, so
    every group loses about the same share of its rows.
    """
    order = np.lexsort((scores, groups))
    sorted_groups = groups[order]
    starts = np.flatnonzero(np.r_[True, sorted_groups[1:] != sorted_groups[:-1]])
    sizes = np.diff(np.r_[starts, len(order)])
    rank = np.arange(len(order)) - np.repeat(starts, sizes)
    percentile = np.empty(len(order))
    percentile[order] = (rank + 1) / np.repeat(sizes, sizes)
    return np.sort(np.argsort(-percentile, kind="stable")[:n_keep])
