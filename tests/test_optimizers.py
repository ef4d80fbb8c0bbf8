"""The fused optimizers against their update formulas and Keras' optimizers."""

import numpy as np
import pytest

X = np.array([[1.0, -2.0, 0.5]], dtype=np.float32)
START = np.array([1.0, -0.5, 0.8], dtype=np.float32)


def _steps(optimizer, n_steps, fused):
    """Kernel of ``Dense(1)`` after ``n_steps`` updates on ``sum((x @ w)^2)``."""
    import keras
    import tensorflow as tf

    layer = keras.layers.Dense(
        1, use_bias=False, kernel_initializer=keras.initializers.Constant(START[:, None])
    )
    layer.build((None, X.shape[1]))
    variables = layer.trainable_variables
    if fused:
        optimizer.build(variables)
    x = tf.constant(X)
    for _ in range(n_steps):
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(tf.square(layer(x)))
        optimizer.apply(tape.gradient(loss, variables), variables)
    return layer.kernel.numpy().ravel()


def _fused(kind, n_steps, lr):
    from ganaug._model._optimizers import FusedOptimizer

    return _steps(FusedOptimizer(kind, lr), n_steps, fused=True)


def _gradient(w):
    x = X[0].astype(np.float64)
    return 2 * (w @ x) * x


def _reference(kind, n_steps, lr):
    """The documented update of ``kind`` (TensorFlow's training kernels), in numpy."""
    from ganaug._model._optimizers import ADAM_BETAS, EPSILON, RMSPROP_RHO

    w = START.astype(np.float64)
    first, second = np.zeros_like(w), np.zeros_like(w)
    b1, b2 = ADAM_BETAS
    for t in range(1, n_steps + 1):
        g = _gradient(w)
        if kind == "adam":
            first = b1 * first + (1 - b1) * g
            second = b2 * second + (1 - b2) * g * g
            rate = lr * np.sqrt(1 - b2**t) / (1 - b1**t)
            w = w - rate * first / (np.sqrt(second) + EPSILON)
        elif kind == "rmsprop":
            # ResourceApplyRMSProp with momentum 0: mom = lr * g / sqrt(ms + eps)
            second = RMSPROP_RHO * second + (1 - RMSPROP_RHO) * g * g
            w = w - lr * g / np.sqrt(second + EPSILON)
        else:
            w = w - lr * g
    return w


def _keras(kind, lr):
    import keras

    from ganaug._model._optimizers import ADAM_BETAS, EPSILON, RMSPROP_RHO

    if kind == "adam":
        return keras.optimizers.Adam(
            learning_rate=lr, beta_1=ADAM_BETAS[0], beta_2=ADAM_BETAS[1], epsilon=EPSILON
        )
    if kind == "rmsprop":
        return keras.optimizers.RMSprop(
            learning_rate=lr, rho=RMSPROP_RHO, momentum=0.0, epsilon=EPSILON
        )
    return keras.optimizers.SGD(learning_rate=lr, momentum=0.0)


@pytest.mark.parametrize("kind", ["adam", "rmsprop", "sgd"])
@pytest.mark.parametrize("n_steps", [1, 4])
def test_fused_update_follows_the_reference_formula(kind, n_steps):
    lr = 0.01
    fused = _fused(kind, n_steps, lr)
    expected = _reference(kind, n_steps, lr)
    np.testing.assert_allclose(fused, expected, rtol=1e-5, atol=1e-7)
    # The weights moved: the comparison is not between two unchanged kernels.
    assert np.abs(fused - START).max() > 0.5 * lr


@pytest.mark.parametrize("kind", ["adam", "rmsprop", "sgd"])
def test_fused_update_equals_the_keras_optimizer_with_the_same_hyper_parameters(kind):
    lr, n_steps = 0.01, 3
    expected = _steps(_keras(kind, lr), n_steps, fused=False)
    np.testing.assert_allclose(_fused(kind, n_steps, lr), expected, rtol=1e-5, atol=1e-7)


def test_make_optimizer_copies_a_keras_template_with_the_given_learning_rate():
    import keras

    from ganaug._model._optimizers import FusedOptimizer, make_optimizer

    template = keras.optimizers.RMSprop(learning_rate=0.5, rho=0.8)
    made = make_optimizer(template, 0.003)
    assert type(made) is keras.optimizers.RMSprop and made is not template
    assert made.get_config()["rho"] == pytest.approx(0.8)
    assert float(made.learning_rate) == pytest.approx(0.003)
    fused = make_optimizer("sgd", 0.2)
    assert isinstance(fused, FusedOptimizer) and (fused.kind, fused.learning_rate) == ("sgd", 0.2)
    with pytest.raises(TypeError, match="optimizer must be 'adam', 'rmsprop', 'sgd'"):
        make_optimizer(object(), 0.1)
