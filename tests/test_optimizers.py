import numpy as np
import pytest


def _quadratic_steps(kind, n_steps=3, lr=0.1):
    import keras
    import tensorflow as tf

    from ganaug._optimizers import FusedOptimizer

    layer = keras.layers.Dense(1, use_bias=False, kernel_initializer="ones")
    layer.build((None, 2))
    optimizer = FusedOptimizer(kind, lr)
    optimizer.build(layer.trainable_variables)
    x = tf.constant([[1.0, -2.0]])
    for _ in range(n_steps):
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(tf.square(layer(x)))
        optimizer.apply(tape.gradient(loss, layer.trainable_variables), layer.trainable_variables)
    return layer.kernel.numpy().ravel()


def _reference_adam(n_steps=3, lr=0.1, b1=0.5, b2=0.9, eps=1e-8):
    w, m, v = np.ones(2), np.zeros(2), np.zeros(2)
    x = np.array([1.0, -2.0])
    for t in range(1, n_steps + 1):
        g = 2 * (w @ x) * x
        m, v = b1 * m + (1 - b1) * g, b2 * v + (1 - b2) * g * g
        w = w - lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + eps)
    return w


def test_fused_adam_follows_the_adam_update():
    np.testing.assert_allclose(_quadratic_steps("adam"), _reference_adam(), rtol=1e-5)


@pytest.mark.parametrize("kind", ["rmsprop", "sgd"])
def test_fused_optimizers_descend(kind):
    x = np.array([1.0, -2.0])
    before = (np.ones(2) @ x) ** 2
    after = (_quadratic_steps(kind, lr=0.01) @ x) ** 2
    assert after < before
