"""Generator output activations, vectorised over all columns at once.

Raw generator outputs are split into ``tanh`` scalars and one-hot spans.  The
spans are handled as segments, so softmax, Gumbel-softmax and the per-span
argmax used for sampling are a handful of ops whatever the column count.
"""

import numpy as np
import tensorflow as tf

from .._utils._graph_random import gumbel


class OutputActivation:
    """Activations for the generator outputs of one encoder.

    Parameters
    ----------
    tanh_positions : sequence of int
        Output positions that hold ``tanh`` scalars.
    softmax_spans : sequence of (start, size)
        The one-hot spans.
    """

    def __init__(self, tanh_positions, softmax_spans):
        width = len(tanh_positions) + sum(size for _, size in softmax_spans)
        segment = np.empty(width, dtype=np.int32)
        segment[list(tanh_positions)] = np.arange(len(tanh_positions))
        for i, (start, size) in enumerate(softmax_spans):
            segment[start : start + size] = len(tanh_positions) + i
        is_tanh = np.zeros(width, dtype=bool)
        is_tanh[list(tanh_positions)] = True
        self.n_segments = len(tanh_positions) + len(softmax_spans)
        self.segment = tf.constant(segment)
        self.is_tanh = tf.constant(is_tanh)
        self.tanh_positions = tf.constant(np.asarray(tanh_positions, dtype=np.int32))
        self.softmax_spans = [(int(start), int(size)) for start, size in softmax_spans]

    def _segment_log_normaliser(self, logits):
        """Per-position log-sum-exp of its segment: shape like ``logits``."""
        by_position = tf.transpose(logits)
        peak = tf.math.unsorted_segment_max(by_position, self.segment, self.n_segments)
        peak = tf.stop_gradient(tf.gather(peak, self.segment))
        total = tf.math.unsorted_segment_sum(
            tf.exp(by_position - peak), self.segment, self.n_segments
        )
        return tf.transpose(peak + tf.math.log(tf.gather(total, self.segment)))

    def log_softmax(self, raw):
        """Log-probabilities within each span (tanh positions are meaningless)."""
        return raw - self._segment_log_normaliser(raw)

    def gumbel_activate(self, raw, seed, tau):
        """``tanh`` on scalars, Gumbel-softmax with temperature ``tau`` on spans."""
        logits = (raw + gumbel(tf.shape(raw), seed)) / tau
        soft = tf.exp(logits - self._segment_log_normaliser(logits))
        return tf.where(self.is_tanh, tf.tanh(raw), soft)

    def sample(self, raw, seed):
        """Draw the output of every column: ``(alpha, codes)``.

        ``alpha`` holds the ``tanh`` scalars; ``codes`` the state drawn in each
        span from the softmax of its logits (the argmax of logits plus Gumbel
        noise).
        """
        alpha = tf.tanh(tf.gather(raw, self.tanh_positions, axis=1))
        noisy = raw + gumbel(tf.shape(raw), seed)
        codes = [
            tf.argmax(noisy[:, start : start + size], axis=1, output_type=tf.int32)
            for start, size in self.softmax_spans
        ]
        return alpha, tf.stack(codes, axis=1)
