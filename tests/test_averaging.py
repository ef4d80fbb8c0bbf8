import keras
import numpy as np
import pandas as pd
import pytest
import tensorflow as tf

from ganaug import GANAugmenter
from ganaug._model._averaging import WeightAverage


def _model():
    inputs = keras.Input(shape=(2,))
    hidden = keras.layers.Dense(3)(inputs)
    outputs = keras.layers.BatchNormalization()(hidden)
    return keras.Model(inputs, outputs)


def _expected_average(start, values, decay):
    """The average after one update per value, from ``start``."""
    average = start
    for t, value in enumerate(values):
        step_decay = min(decay, (1.0 + t) / (10.0 + t))
        average = step_decay * average + (1.0 - step_decay) * value
    return average


def test_average_follows_the_warmed_up_decay():
    model = _model()
    kernel = model.weights[0]
    average = WeightAverage(model, decay=0.9)
    rng = np.random.default_rng(0)
    start, values = kernel.numpy(), []
    update = tf.function(average.update)
    for _ in range(30):
        kernel.assign(rng.normal(size=kernel.shape).astype("float32"))
        values.append(kernel.numpy())
        update()
    np.testing.assert_allclose(
        average.shadows[0].numpy(), _expected_average(start, values, 0.9), rtol=1e-5
    )


def test_moving_statistics_are_averaged_too():
    model = _model()
    average = WeightAverage(model)
    names = [weight.path for weight in model.weights]
    assert len(average.shadows) == len(names)
    assert any("moving_mean" in name for name in names)


def test_copy_to_model_gives_the_model_the_averages():
    model = _model()
    average = WeightAverage(model)
    before = [weight.numpy() for weight in model.weights]
    for weight in model.weights:
        weight.assign(weight.numpy() + 1.0)
    average.copy_to_model()
    for weight, value in zip(model.weights, before):
        np.testing.assert_array_equal(weight.numpy(), value)


def test_fitted_generator_holds_the_average(monkeypatch, tiny_params):
    copied = {}
    original = WeightAverage.copy_to_model

    def recording(self, strategy=None):
        copied["shadows"] = [shadow.numpy() for shadow in self.shadows]
        copied["last"] = [variable.numpy() for variable in self.variables]
        original(self, strategy)

    monkeypatch.setattr(WeightAverage, "copy_to_model", recording)
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"x": rng.normal(size=200), "c": rng.choice(["a", "b"], 200)})
    aug = GANAugmenter(**tiny_params).fit(frame)  # 7 steps an epoch
    weights = [w.numpy() for w in aug.generator_.weights]
    assert len(weights) == len(copied["shadows"])
    for weight, shadow in zip(weights, copied["shadows"]):
        np.testing.assert_array_equal(weight, shadow)
    # The average is not the last iterate.
    assert not all(np.array_equal(a, b) for a, b in zip(copied["shadows"], copied["last"]))


@pytest.mark.parametrize("decay", [0.5, 0.999])
def test_first_update_is_mostly_the_current_weights(decay):
    model = _model()
    kernel = model.weights[0]
    average = WeightAverage(model, decay=decay)
    start = kernel.numpy()
    kernel.assign(start + 1.0)
    average.update()
    # Decay at step 0 is min(decay, 0.1).
    expected = min(decay, 0.1) * start + (1 - min(decay, 0.1)) * (start + 1.0)
    np.testing.assert_allclose(average.shadows[0].numpy(), expected, rtol=1e-6)
