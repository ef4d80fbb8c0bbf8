"""Encoded synthetic rows from a trained generator, in compiled graphs.

Noise, the conditional vector, the generator in inference mode (BatchNorm
with its moving statistics, folded into the dense layers, see
:mod:`._inference`), the per-column draws and the forced states run in one
``tf.function`` per chunk of rows.  Decoding into typed columns is the
table encoder's (:mod:`ganaug._data`).

Each row is generated under one of three kinds of condition:

- none given: conditions drawn by training frequency (a discrete column
  uniformly, then one of its states), which reproduces the unconditional
  distribution;
- ``conditioned``: the given conditional vector, shared by every row;
- ``draw_class``: the given conditional vector plus a class of the class
  target per row, drawn by the training frequencies (the class shares of
  :meth:`GANAugmenter.sample <ganaug.GANAugmenter.sample>`, drawn row by row
  for endless streams).

With a discriminator, :meth:`RowGenerator.generate_scored` also scores each
row for discriminator rejection sampling (Azadi et al. 2019).
"""

import numpy as np
import tensorflow as tf

from .._utils._graph_random import categorical
from ._activations import OutputActivation
from ._conditions import draw_codes, frequency_logits
from ._inference import FoldedGenerator
from ._scoring import DiscriminatorScorer
from ._trainer import GUMBEL_TAU, own_function

CHUNK_ROWS = 65536


class RowGenerator:
    """Compiled generation of encoded rows ``(alpha, codes)``.

    Parameters
    ----------
    encoder : TableEncoder
        The fitted encoder.
    generator : keras.Model
        The trained generator.
    noise_dim : int
        Width of the generator's noise input.
    discriminator : keras.Model, default=None
        The trained discriminator, for :meth:`generate_scored`.
    pac : int, default=1
        Rows per packed discriminator input.

    Notes
    -----
    :meth:`generate` and :meth:`generate_scored` take ``(n_rows, cond,
    forced_spans, forced_codes, conditioned, draw_class, seed)``: the
    arrays of :meth:`TableEncoder.forcing`, the kind of condition (see the
    module) and a ``(2,)`` int64 seed.
    """

    def __init__(self, encoder, generator, noise_dim, discriminator=None, pac=1):
        self.network = FoldedGenerator(generator, noise_dim, encoder.cond_dim)
        self.noise_dim = noise_dim
        self.activation = OutputActivation(encoder.tanh_positions, encoder.softmax_spans)
        self.cond_dim = encoder.cond_dim
        self.n_columns = len(encoder.cond_spans)
        if self.n_columns:
            self.log_frequency = tf.constant(frequency_logits(encoder))
            self.column_offset = tf.constant(encoder.cond_offsets)
        self._class_target(encoder)
        self.scorer = None if discriminator is None else DiscriminatorScorer(discriminator, pac)
        signature = [
            tf.TensorSpec([], tf.int32),
            tf.TensorSpec([self.cond_dim], tf.float32),
            tf.TensorSpec([len(encoder.softmax_spans)], tf.bool),
            tf.TensorSpec([len(encoder.softmax_spans)], tf.int32),
            tf.TensorSpec([], tf.bool),
            tf.TensorSpec([], tf.bool),
            tf.TensorSpec([2], tf.int64),
        ]
        self.generate = tf.function(own_function(self._generate), input_signature=signature)
        self.generate_scored = tf.function(
            own_function(self._generate_scored), input_signature=signature
        )

    def _class_target(self, encoder):
        """Constants that draw a class of the class target per row."""
        target = encoder.class_target
        self.has_class_target = target is not None
        if target is None:
            return
        spans = len(encoder.softmax_spans)
        slot = encoder.column_slots[encoder.discrete[target][0]][1]
        self.class_logits = tf.constant(frequency_logits(encoder)[target][None, :])
        self.class_offset = int(encoder.cond_offsets[target])
        self.class_span = tf.constant(np.arange(spans) == slot)

    def _generate(self, n_rows, cond, forced_spans, forced_codes, conditioned, draw_class, seed):
        """``(alpha, codes)`` of ``n_rows`` rows (see the class notes)."""
        raw, _, _, codes, draw_seed = self._raw(n_rows, cond, conditioned, draw_class, seed)
        alpha, drawn = self.activation.sample(raw, draw_seed)
        return alpha, self._forced(drawn, forced_spans, forced_codes, draw_class, codes)

    def _generate_scored(self, n_rows, cond, forced_spans, forced_codes, conditioned,
                         draw_class, seed):
        """``(alpha, codes, scores, groups)``: :meth:`_generate`'s rows, the
        discriminator's score of each and the condition it was drawn under."""
        raw, row_cond, groups, codes, draw_seed = self._raw(
            n_rows, cond, conditioned, draw_class, seed
        )
        alpha, drawn = self.activation.sample(raw, draw_seed)
        # The same Gumbel noise as the draw: the soft rows' argmax are ``drawn``.
        soft = self.activation.gumbel_activate(raw, draw_seed, GUMBEL_TAU)
        scores = self.scorer(
            soft, row_cond, tf.random.experimental.stateless_fold_in(seed, 1), groups
        )
        codes = self._forced(drawn, forced_spans, forced_codes, draw_class, codes)
        return alpha, codes, scores, groups

    def _raw(self, n_rows, cond, conditioned, draw_class, seed):
        """Raw generator outputs, each row's conditional vector and its
        group (the condition index; 0 when ``conditioned``), the drawn
        condition codes and the seed of the output draws."""
        seeds = tf.random.experimental.stateless_split(seed, 3)
        noise = tf.random.stateless_normal([n_rows, self.noise_dim], seeds[0])
        if self.n_columns == 0:
            groups = tf.zeros([n_rows], tf.int32)
            return self.network(noise), tf.zeros([n_rows, 0]), groups, groups, seeds[2]
        codes = self._draw_codes(n_rows, seeds[1], draw_class)
        fixed = tf.tile(cond[None, :], [n_rows, 1])
        one_hot = tf.one_hot(codes, self.cond_dim)
        raw = tf.cond(
            draw_class,
            lambda: self.network(noise, cond_codes=codes, fixed_cond=cond),
            lambda: tf.cond(
                conditioned,
                lambda: self.network(noise, fixed_cond=cond),
                lambda: self.network(noise, cond_codes=codes),
            ),
        )
        row_cond = tf.where(draw_class, fixed + one_hot, tf.where(conditioned, fixed, one_hot))
        groups = tf.where(conditioned & ~draw_class, tf.zeros_like(codes), codes)
        return raw, row_cond, groups, codes, seeds[2]

    def _draw_codes(self, n_rows, seed, draw_class):
        """Each row's drawn condition: a class of the class target with
        ``draw_class``, else a column uniformly, then one of its states."""
        if not self.has_class_target:
            return draw_codes(n_rows, self.log_frequency, self.column_offset, seed)[0]
        return tf.cond(
            draw_class,
            lambda: self.class_offset + categorical(
                tf.tile(self.class_logits, [n_rows, 1]), seed
            ),
            lambda: draw_codes(n_rows, self.log_frequency, self.column_offset, seed)[0],
        )

    def _forced(self, drawn, forced_spans, forced_codes, draw_class, codes):
        """The drawn states with the forced ones (and a drawn class) imposed."""
        codes_out = tf.where(forced_spans[None, :], forced_codes[None, :], drawn)
        if not self.has_class_target:
            return codes_out
        classes = (codes - self.class_offset)[:, None]
        return tf.where(draw_class & self.class_span[None, :], classes, codes_out)

    def run(self, function, n_rows, forcing, conditioned, draw_class, seed):
        """Call the compiled ``function`` chunk by chunk; join its outputs as
        numpy arrays.  ``forcing`` is :meth:`TableEncoder.forcing`'s output."""
        cond, forced_spans, forced_codes = (tf.constant(a) for a in forcing)
        chunks = []
        for i, start in enumerate(range(0, max(n_rows, 1), CHUNK_ROWS)):
            size = min(CHUNK_ROWS, n_rows - start)
            outputs = function(
                tf.constant(size, tf.int32), cond, forced_spans, forced_codes,
                tf.constant(bool(conditioned)), tf.constant(bool(draw_class)),
                tf.constant([seed, i], tf.int64),
            )
            chunks.append([output.numpy() for output in outputs])
        return [np.concatenate(parts) for parts in zip(*chunks)]
