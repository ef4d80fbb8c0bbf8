"""Real rows streamed from a ``tf.data`` pipeline instead of held as tensors.

The pipeline turns each batch of raw features into *step units*: rows that
are ready to encode (``z``, the standardised value of each continuous
column, NaN when missing; ``codes``, the state of each discrete column),
``batch_size * discriminator_steps`` rows per unit, one unit per training
step.  Rows holding a value the encoder never saw (a category or a missing
value absent from the rows it was fitted on) are dropped.

Inside the compiled step, :class:`StreamSource` picks each continuous
value's mode by the encoder's mixture (a Gumbel-max draw, as
:meth:`ContinuousColumn.encode` does on the host), builds the encoded rows
and their conditional vectors: a discrete column picked per row (uniformly,
a class target half of the time, as in :mod:`ganaug._conditional`),
conditioned on the row's own category.  Training-by-sampling's
log-frequency rebalancing needs the whole table and is not done here, nor
is packing rows of one condition together: a pack holds the rows as they
were streamed.
"""

import numpy as np
import tensorflow as tf

from ._columns import ContinuousColumn
from ._conditional import (
    column_logits,
    condition_indices,
    condition_vector,
    draw_columns,
)
from ._container import TARGET_KEY
from ._outputs import categorical

# Rows per raw batch when the dataset's elements are single rows.
RAW_BATCH_ROWS = 4096
_CLIP = 0.99


class StreamSource:
    """Encoded real rows and conditional vectors of streamed step units.

    Parameters
    ----------
    encoder : TableEncoder
        The fitted encoder.
    """

    def __init__(self, encoder):
        self.encoder = encoder
        spans = encoder.cond_spans
        self.n_columns = len(spans)
        self.cond_dim = encoder.cond_dim
        if self.n_columns:
            self.cond_index, self.column_of_cond = condition_indices(spans)
            self.column_logits = tf.constant(column_logits(encoder))

    def unit_batch(self, unit, index, batch_size, seed):
        """``(real_rows, cond)`` of the ``index``-th ``batch_size`` rows of ``unit``."""
        z, codes = unit
        rows = slice(index * batch_size, (index + 1) * batch_size)
        seeds = tf.random.experimental.stateless_split(seed, 3)
        real = self._encode(z[rows], codes[rows], seeds[0])
        if self.n_columns == 0:
            return real, tf.zeros([batch_size, 0], real.dtype)
        column = draw_columns(batch_size, self.column_logits, seeds[1])
        return real, condition_vector(self, real, column, batch_size, seeds[2])

    def _encode(self, z, codes, seed):
        """The encoded rows (the layout of :meth:`TableEncoder.transform`)."""
        n_continuous = max(1, z.shape[1])
        seeds = tf.random.experimental.stateless_split(seed, n_continuous)
        pieces, c, d = [], 0, 0
        for column in self.encoder.columns:
            if isinstance(column, ContinuousColumn):
                alpha, mode = _mode_encode(column, z[:, c], seeds[c])
                pieces += [alpha[:, None], tf.one_hot(mode, column.n_modes)]
                c += 1
            else:
                pieces.append(tf.one_hot(codes[:, d], column.n_modes))
                d += 1
        return tf.concat(pieces, axis=1)


def _mode_encode(column, z, seed):
    """``(alpha, mode)`` of standardised values ``z`` (NaN: missing)."""
    means = tf.constant(column.means, tf.float32)
    stds = tf.constant(column.stds, tf.float32)
    missing = tf.math.is_nan(z)
    z = tf.where(missing, 0.0, z)
    logits = (
        tf.constant(np.log(column.weights) - np.log(column.stds), tf.float32)
        - 0.5 * tf.square((z[:, None] - means) / stds)
    )
    mode = categorical(logits, seed)
    alpha = (z - tf.gather(means, mode)) / (4.0 * tf.gather(stds, mode))
    alpha = tf.where(missing, 0.0, tf.clip_by_value(alpha, -_CLIP, _CLIP))
    return alpha, tf.where(missing, len(column.means), mode)


def step_units(dataset, encoder, layout, unit_rows):
    """The dataset of step units: ``(z, codes)`` of ``unit_rows`` rows each.

    ``layout`` is the dataset's :func:`ganaug.tf_data.element_layout`.
    """
    if layout["batch"] is None:
        dataset = dataset.batch(RAW_BATCH_ROWS)
    has_label = layout["label"] is not None

    def to_rows(*element):
        features = dict(element[0])
        if has_label:
            features[TARGET_KEY] = element[1]
        return _row_codes(encoder, features)

    units = dataset.map(to_rows, num_parallel_calls=tf.data.AUTOTUNE, deterministic=True)
    units = units.rebatch(unit_rows, drop_remainder=True)
    return units.prefetch(tf.data.AUTOTUNE)


def _row_codes(encoder, features):
    """``(z, codes)`` of a raw batch, without the rows holding unseen values."""
    n = tf.shape(next(iter(features.values())))[0]
    z, codes, valid = [], [], tf.ones([n], tf.bool)
    for column in encoder.columns:
        values = features[column.name]
        if isinstance(column, ContinuousColumn):
            value, known = _standardised(column, values)
            z.append(value)
        else:
            value, known = _category_code(column, values)
            codes.append(value)
        valid &= known
    z = tf.stack(z, axis=1) if z else tf.zeros([n, 0], tf.float32)
    codes = tf.stack(codes, axis=1) if codes else tf.zeros([n, 0], tf.int32)
    return tf.boolean_mask(z, valid), tf.boolean_mask(codes, valid)


def _standardised(column, values):
    """``((value - center) / scale)`` as float32 (NaN kept), and which rows
    the encoder can hold (no NaN unless it saw missing values)."""
    values = tf.cast(values, tf.float64)
    z = tf.cast((values - column.center) / column.scale, tf.float32)
    known = tf.ones_like(z, tf.bool) if column.has_missing else ~tf.math.is_nan(values)
    return z, known


def _category_code(column, values):
    """The code of each value among the column's categories (missing: the
    last code, when the encoder saw missing values), and which were known."""
    categories = column.categories
    if values.dtype == tf.string:
        table = tf.constant([str(c).encode("utf-8") for c in categories], tf.string)
    elif values.dtype == tf.bool:
        table = tf.constant([bool(c) for c in categories], tf.bool)
    else:
        values = tf.cast(values, tf.float64)
        table = tf.constant([float(c) for c in categories], tf.float64)
    if not categories:
        hits = tf.zeros([tf.shape(values)[0], 0], tf.bool)
    else:
        hits = tf.equal(values[:, None], table[None, :])
    code = tf.argmax(tf.cast(hits, tf.int32), axis=1, output_type=tf.int32)
    known = tf.reduce_any(hits, axis=1)
    if values.dtype == tf.float64 and column.has_missing:
        missing = tf.math.is_nan(values)
        code = tf.where(missing, len(categories), code)
        known |= missing
    return code, known
