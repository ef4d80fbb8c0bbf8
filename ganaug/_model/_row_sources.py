"""Row sources: the real rows and conditional vectors of each training step.

The compiled epoch of :class:`~._trainer.GANTrainer` reads every step's rows
through one interface, whether the table is held in memory or streamed:

- ``next_unit(feed)``: an ``Optional`` holding the step's *unit* (what the
  source needs for the step), empty when the rows ran out;
- ``batch(unit, index, batch_size, seed, pack_size)``: ``(real_rows,
  cond)`` of critic update ``index`` of the step;
- ``epoch_feed()``: on the host, the ``feed`` of the next epoch;
- ``n_columns`` and ``cond_index``: the discrete columns of the
  conditional vector, for the generator's condition loss.

:class:`TableRows` holds the encoded table as a variable and draws every
batch by training-by-sampling (see :mod:`._conditions`); its units are
empty.  :class:`StreamedRows` reads units from a ``tf.data`` iterator: each
holds ``batch_size * discriminator_steps`` rows, ready to encode
(:class:`~ganaug._data._encoder_graph.GraphEncoder`), and the conditional
vector of each row names one of its own discrete columns (chosen uniformly,
a class target half of the time).  Training-by-sampling's log-frequency
rebalancing and packing rows of one condition together need the whole
table, so they are not done for streamed rows: a pack holds the rows as
they were streamed.
"""

import numpy as np
import tensorflow as tf

from .._data._container import TARGET_KEY
from .._data._encoder_graph import GraphEncoder
from ._conditions import (
    column_logits,
    condition_indices,
    condition_vector,
    draw_codes,
    draw_columns,
    padded_logits,
)

# Rows per raw batch when a dataset's elements are single rows.
RAW_BATCH_ROWS = 4096



class TableRows:
    """Training-by-sampling over the encoded table, held as a variable.

    Parameters
    ----------
    encoder : TableEncoder
        The fitted encoder; its discrete columns make the conditional vector.
    data : ndarray of shape (n_rows, encoder.output_dim)
        The encoded training table.
    """

    def __init__(self, encoder, data):
        self.n_rows = data.shape[0]
        spans = encoder.cond_spans
        self.n_columns = len(spans)
        self.data = tf.Variable(data, trainable=False, name="encoded_rows")
        if self.n_columns == 0:
            return
        self.cond_index, self.column_of_cond = condition_indices(spans)
        self.column_offset = tf.constant(encoder.cond_offsets)
        counts = [column.counts for _, column in encoder.discrete]
        self.log_frequency = tf.constant(padded_logits(counts, np.log1p))
        self.column_logits = tf.constant(column_logits(encoder))
        self._build_row_index(data, spans)

    def _build_row_index(self, data, spans):
        """Rows grouped by category: ``rows[start[g]:start[g] + count[g]]``."""
        rows, starts, counts = [], [], []
        offset = 0
        for start, size in spans:
            codes = np.argmax(data[:, start : start + size], axis=1)
            order = np.argsort(codes, kind="stable")
            per_code = np.bincount(codes, minlength=size)
            rows.append(order)
            starts.extend(offset + np.concatenate([[0], np.cumsum(per_code)[:-1]]))
            counts.extend(per_code)
            offset += len(order)
        self.rows = tf.constant(np.concatenate(rows), tf.int32)
        self.starts = tf.constant(np.asarray(starts), tf.int32)
        self.counts = tf.constant(np.asarray(counts), tf.float32)

    def epoch_feed(self):
        """Nothing to feed: the rows are in the graph already."""
        return None

    def next_unit(self, feed):
        """Always a unit (an empty one): the table never runs out."""
        return tf.experimental.Optional.from_value(tf.zeros([0]))

    def batch(self, unit, index, batch_size, seed, pack_size=1):
        """``(real_rows, cond)`` for one critic update, by training-by-sampling.

        Each run of ``pack_size`` rows (a PacGAN pack; ``batch_size`` is a
        multiple of it) shares one chosen column and category; the real rows
        and the extra revealed columns are drawn for every row.
        """
        seeds = tf.random.experimental.stateless_split(seed, 3)
        if self.n_columns == 0:
            rows = tf.random.stateless_uniform(
                [batch_size], seeds[0], 0, self.n_rows, dtype=tf.int32
            )
            real = tf.gather(self.data, rows)
            return real, tf.zeros([batch_size, 0], real.dtype)
        code, column = draw_codes(
            batch_size // pack_size, self.log_frequency, self.column_offset, seeds[0],
            self.column_logits,
        )
        code, column = tf.repeat(code, pack_size), tf.repeat(column, pack_size)
        u = tf.random.stateless_uniform([batch_size], seeds[1])
        pick = tf.cast(u * tf.gather(self.counts, code), tf.int32)
        rows = tf.gather(self.rows, tf.gather(self.starts, code) + pick)
        real = tf.gather(self.data, rows)
        return real, condition_vector(self, real, column, batch_size, seeds[2])


class StreamedRows:
    """Rows read from a ``tf.data`` pipeline, encoded inside the step.

    Parameters
    ----------
    encoder : TableEncoder
        The fitted encoder.
    dataset : tf.data.Dataset
        The training elements (see :mod:`ganaug._data._elements`).
    structure : dict
        Their :func:`~ganaug._data._elements.element_structure`.
    unit_rows : int
        Rows per step (all replicas together).
    steps_per_epoch : int
        Steps per epoch, reading on over ``dataset.repeat()``; ``0``: an
        epoch is one pass over ``dataset``.
    strategy : tf.distribute.Strategy or None, default=None
        Each step's unit is split between its replicas.
    """

    def __init__(self, encoder, dataset, structure, unit_rows, steps_per_epoch, strategy=None):
        self.graph_encoder = GraphEncoder(encoder)
        spans = encoder.cond_spans
        self.n_columns = len(spans)
        if self.n_columns:
            self.cond_index, self.column_of_cond = condition_indices(spans)
            self.column_logits = tf.constant(column_logits(encoder))
        units = self._units(dataset, structure, unit_rows)
        if steps_per_epoch:
            units = units.repeat()
        if strategy is not None:
            units = strategy.experimental_distribute_dataset(units)
        self._units_dataset = units
        self._endless = iter(units) if steps_per_epoch else None

    def _units(self, dataset, structure, unit_rows):
        """The dataset of step units: ``(z, codes)`` of ``unit_rows`` rows each."""
        if structure["batch"] is None:
            dataset = dataset.batch(RAW_BATCH_ROWS)
        has_label = structure["label"] is not None
        row_codes = self.graph_encoder.row_codes

        def to_rows(*element):
            features = dict(element[0])
            if has_label:
                features[TARGET_KEY] = element[1]
            return row_codes(features)

        units = dataset.map(to_rows, num_parallel_calls=tf.data.AUTOTUNE, deterministic=True)
        units = units.rebatch(unit_rows, drop_remainder=True)
        # A distributed dataset's rewrite may keep a partial last batch: drop it.
        units = units.filter(lambda z, codes: tf.shape(z)[0] == unit_rows)
        return units.prefetch(tf.data.AUTOTUNE)

    def epoch_feed(self):
        """The iterator of the next epoch: a new pass, or read on from the last."""
        return iter(self._units_dataset) if self._endless is None else self._endless

    def next_unit(self, feed):
        return feed.get_next_as_optional()

    def batch(self, unit, index, batch_size, seed, pack_size=1):
        """``(real_rows, cond)`` of the ``index``-th ``batch_size`` rows of ``unit``."""
        z, codes = unit
        rows = slice(index * batch_size, (index + 1) * batch_size)
        seeds = tf.random.experimental.stateless_split(seed, 3)
        real = self.graph_encoder.encode(z[rows], codes[rows], seeds[0])
        if self.n_columns == 0:
            return real, tf.zeros([batch_size, 0], real.dtype)
        column = draw_columns(batch_size, self.column_logits, seeds[1])
        return real, condition_vector(self, real, column, batch_size, seeds[2])
