"""Drawing synthetic rows from a fitted generator.

Noise, the conditional vector, the generator in inference mode (BatchNorm
with its moving statistics, folded into the dense layers) and the per-column
draws run in one compiled graph per chunk of rows; decoding back
to a DataFrame is vectorised per column on the host.
"""

import numpy as np
import tensorflow as tf

from ._conditional import draw_codes, frequency_logits
from ._inference import FoldedGenerator
from ._outputs import OutputLayout
from ._training import own_function

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
    """

    def __init__(self, encoder, generator, noise_dim):
        self.encoder = encoder
        self.network = FoldedGenerator(generator, noise_dim, encoder.cond_dim)
        self.noise_dim = noise_dim
        self.layout = OutputLayout(encoder.tanh_positions, encoder.softmax_spans)
        self.cond_dim = encoder.cond_dim
        self.n_columns = len(encoder.cond_spans)
        if self.n_columns:
            self.log_frequency = tf.constant(frequency_logits(encoder))
            self.column_offset = tf.constant(encoder.cond_offsets)
        self.generate = tf.function(
            own_function(self._generate),
            input_signature=[
                tf.TensorSpec([], tf.int32),
                tf.TensorSpec([self.cond_dim], tf.float32),
                tf.TensorSpec([], tf.bool),
                tf.TensorSpec([2], tf.int64),
            ],
        )

    def _generate(self, n_rows, fixed_cond, conditioned, seed):
        """``(alpha, codes)`` for ``n_rows`` rows, conditioned on ``fixed_cond``
        when ``conditioned``, else on conditions drawn from the training
        frequencies (which reproduces the unconditional distribution)."""
        seeds = tf.random.experimental.stateless_split(seed, 3)
        noise = tf.random.stateless_normal([n_rows, self.noise_dim], seeds[0])
        if self.n_columns == 0:
            raw = self.network(noise)
        else:
            raw = tf.cond(
                conditioned,
                lambda: self.network(noise, fixed_cond=fixed_cond),
                lambda: self.network(noise, cond_codes=self._draw_codes(n_rows, seeds[1])),
            )
        return self.layout.sample(raw, seeds[2])

    def _draw_codes(self, n_rows, seed):
        """Conditions drawn by training frequency: a column uniformly, then
        one of its categories."""
        return draw_codes(n_rows, self.log_frequency, self.column_offset, seed)[0]

    def sample(self, n_rows, forced, seed):
        """Decode ``n_rows`` synthetic rows into a DataFrame.

        Parameters
        ----------
        n_rows : int
        forced : dict
            ``{discrete_index: code}``: the conditional vector holds these
            states and the rows carry them.
        seed : int
        """
        fixed = np.zeros(self.cond_dim, dtype=np.float32)
        offsets = self.encoder.cond_offsets
        for discrete_index, code in forced.items():
            fixed[offsets[discrete_index] + code] = 1.0
        alphas, codes = [], []
        for i, start in enumerate(range(0, max(n_rows, 1), CHUNK_ROWS)):
            size = min(CHUNK_ROWS, n_rows - start)
            alpha, code = self.generate(
                tf.constant(size, tf.int32),
                tf.constant(fixed),
                tf.constant(bool(forced)),
                tf.constant([seed, i], tf.int64),
            )
            alphas.append(alpha.numpy())
            codes.append(code.numpy())
        alpha = np.concatenate(alphas)
        codes = np.concatenate(codes)
        slots = [self.encoder.column_slots[i][1] for i, _ in self.encoder.discrete]
        for discrete_index, code in forced.items():
            codes[:, slots[discrete_index]] = code
        return self.encoder.decode(alpha, codes)
