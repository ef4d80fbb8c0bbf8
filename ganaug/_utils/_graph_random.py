"""Stateless random draws as TensorFlow ops (imports TensorFlow)."""

import tensorflow as tf


def gumbel(shape, seed, dtype=tf.float32):
    """Standard Gumbel noise of ``shape`` from the stateless ``seed``."""
    u = tf.random.stateless_uniform(shape, seed, minval=1e-20, maxval=1.0, dtype=dtype)
    return -tf.math.log(-tf.math.log(u))


def categorical(logits, seed):
    """One draw per row from ``softmax(logits)`` (Gumbel-max; -inf logits never win)."""
    noisy = logits + gumbel(tf.shape(logits), seed, logits.dtype)
    return tf.argmax(noisy, axis=1, output_type=tf.int32)
