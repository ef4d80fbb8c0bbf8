"""Decoding generator output into typed columns inside the TensorFlow graph.

:meth:`TableEncoder.decode` turns ``(alpha, codes)`` into a DataFrame on the
host.  :class:`GraphDecoder` does the same with TensorFlow ops, one tensor per
column, so that a ``tf.data`` pipeline can generate and decode rows without
leaving the graph.  The arithmetic is the host decoder's: continuous values
are computed in float64 from the same mode statistics, clipped to the
training range and rounded for integer columns; discrete values are a
``tf.gather`` from a constant table of the categories.

Only what a ``tf.data`` element can hold is supported: a float column may be
missing (NaN); other columns never are.
"""

import numpy as np
import tensorflow as tf

from ._columns import ContinuousColumn


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
