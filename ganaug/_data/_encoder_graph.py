"""The table encoder's graph side: encoding and decoding as TensorFlow ops.

:class:`GraphEncoder` encodes the rows of a ``tf.data`` pipeline inside the
training graph, as :meth:`TableEncoder.transform` does on the host: the mode
logits and scalars come from the same functions of :mod:`._columns`, run
with TensorFlow ops in float64 (only the random mode draw differs, Gumbel
noise from a stateless seed).  Rows holding a value the encoder never saw
(a category, or a missing value absent from the rows it was fitted on) are
dropped.

:class:`GraphDecoder` turns ``(alpha, codes)`` into one tensor per column,
as :meth:`TableEncoder.decode` does into a DataFrame, so that a ``tf.data``
pipeline can generate and decode rows without leaving the graph: continuous
values are computed in float64 from the same mode statistics, clipped to
the training range and rounded for integer columns; discrete values are a
``tf.gather`` from a constant table of the categories.  Only what a
``tf.data`` element can hold is supported: a float column may be missing
(NaN); other columns never are.
"""

import numpy as np
import tensorflow as tf

from .._utils._graph_random import categorical
from ._columns import ArrayOps, ContinuousColumn, mode_logits, mode_scalar, standardise

GRAPH_OPS = ArrayOps(log=tf.math.log, square=tf.square, clip=tf.clip_by_value)


class GraphEncoder:
    """In-graph encoder of one fitted :class:`TableEncoder`.

    Encoding is split in two: :meth:`row_codes` turns a raw batch into
    ``(z, codes)`` (standardised continuous values, NaN when missing, and
    the state of each discrete column), which a pipeline can batch and
    prefetch; :meth:`encode` draws the modes and builds encoded rows inside
    the training step.

    Parameters
    ----------
    encoder : TableEncoder
        The fitted encoder.
    """

    def __init__(self, encoder):
        self.encoder = encoder

    def row_codes(self, features):
        """``(z, codes)`` of a raw batch ``{column name: Tensor (n,)}``,
        without the rows holding values the encoder never saw."""
        n = tf.shape(next(iter(features.values())))[0]
        z, codes, valid = [], [], tf.ones([n], tf.bool)
        for column in self.encoder.columns:
            values = features[column.name]
            if isinstance(column, ContinuousColumn):
                value, known = _standardised(column, values)
                z.append(value)
            else:
                value, known = _category_code(column, values)
                codes.append(value)
            valid &= known
        z = tf.stack(z, axis=1) if z else tf.zeros([n, 0], tf.float64)
        codes = tf.stack(codes, axis=1) if codes else tf.zeros([n, 0], tf.int32)
        return tf.boolean_mask(z, valid), tf.boolean_mask(codes, valid)

    def encode(self, z, codes, seed):
        """The encoded rows of ``(z, codes)``, laid out as :meth:`TableEncoder.transform`."""
        n_continuous = max(1, z.shape[1])
        seeds = tf.random.experimental.stateless_split(seed, n_continuous)
        pieces, c, d = [], 0, 0
        for column in self.encoder.columns:
            if isinstance(column, ContinuousColumn):
                alpha, mode = _encode_continuous(column, z[:, c], seeds[c])
                pieces += [alpha[:, None], tf.one_hot(mode, column.n_modes)]
                c += 1
            else:
                pieces.append(tf.one_hot(codes[:, d], column.n_modes))
                d += 1
        return tf.concat(pieces, axis=1)


def _encode_continuous(column, z, seed):
    """``(alpha, mode)`` of standardised values ``z`` (NaN: missing)."""
    means = tf.constant(column.means, tf.float64)
    stds = tf.constant(column.stds, tf.float64)
    missing = tf.math.is_nan(z)
    z = tf.where(missing, tf.constant(0.0, tf.float64), z)
    logits = mode_logits(GRAPH_OPS, z, means, stds, tf.constant(column.weights, tf.float64))
    mode = categorical(logits, seed)
    alpha = mode_scalar(GRAPH_OPS, z, tf.gather(means, mode), tf.gather(stds, mode))
    alpha = tf.cast(tf.where(missing, tf.constant(0.0, tf.float64), alpha), tf.float32)
    return alpha, tf.where(missing, len(column.means), mode)


def _standardised(column, values):
    """Standardised float64 values (NaN kept), and which rows the encoder can
    hold (no NaN unless it saw missing values)."""
    values = tf.cast(values, tf.float64)
    z = standardise(values, column.center, column.scale)
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


class GraphDecoder:
    """In-graph decoder of one fitted encoder.

    Parameters
    ----------
    encoder : TableEncoder
        The fitted encoder.
    dtypes : dict
        ``{column name: tf.DType}``: the dtype of every decoded tensor.

    Raises
    ------
    ValueError
        If a column that is not floating point held missing values at fit.
    """

    def __init__(self, encoder, dtypes):
        self.steps = []
        for column, (tanh_slot, soft_slot) in zip(encoder.columns, encoder.column_slots):
            dtype = tf.as_dtype(dtypes[column.name])
            if column.has_missing and not dtype.is_floating:
                raise ValueError(
                    f"Column {column.name!r} ({dtype.name}) held missing values at "
                    "fit; in-graph decoding supports missing values (NaN) only "
                    "in floating-point columns."
                )
            if isinstance(column, ContinuousColumn):
                step = _continuous_step(column, tanh_slot, soft_slot, dtype)
            else:
                step = _discrete_step(column, soft_slot, dtype)
            self.steps.append((column.name, step))

    def __call__(self, alpha, codes):
        """Decode a batch of generator output.

        Parameters
        ----------
        alpha : float32 Tensor of shape (n, n_tanh)
        codes : int32 Tensor of shape (n, n_softmax)

        Returns
        -------
        dict
            ``{column name: Tensor of shape (n,)}`` in the encoder's order.
        """
        return {name: step(alpha, codes) for name, step in self.steps}


def _continuous_step(column, tanh_slot, soft_slot, dtype):
    """The decoding op of a :class:`ContinuousColumn`, as a closure."""
    n_real = len(column.means)
    means = tf.constant(np.asarray(column.means, dtype=np.float64))
    stds = tf.constant(np.asarray(column.stds, dtype=np.float64))
    low, high = column.low, column.high
    scale, center = column.scale, column.center
    integral = not dtype.is_floating

    def decode(alpha, codes):
        mode = codes[:, soft_slot]
        safe = tf.minimum(mode, n_real - 1)
        a = tf.clip_by_value(tf.cast(alpha[:, tanh_slot], tf.float64), -1.0, 1.0)
        z = a * 4.0 * tf.gather(stds, safe) + tf.gather(means, safe)
        values = tf.clip_by_value(z * scale + center, low, high)
        if integral:
            return tf.cast(tf.round(values), dtype)
        missing = mode >= n_real
        values = tf.where(missing, tf.constant(np.nan, tf.float64), values)
        return tf.cast(values, dtype)

    return decode


def _discrete_step(column, soft_slot, dtype):
    """The decoding op of a :class:`DiscreteColumn`, as a closure."""
    values = list(column.categories)
    if column.has_missing:
        values.append(np.nan)
    if dtype == tf.string:
        table = tf.constant([str(v) for v in values], tf.string)
    elif dtype == tf.bool:
        table = tf.constant([bool(v) for v in values], tf.bool)
    elif dtype.is_floating:
        table = tf.cast(tf.constant(np.asarray(values, dtype=np.float64)), dtype)
    else:
        table = tf.constant(np.asarray(values, dtype=dtype.as_numpy_dtype))

    def decode(alpha, codes):
        return tf.gather(table, codes[:, soft_slot])

    return decode
