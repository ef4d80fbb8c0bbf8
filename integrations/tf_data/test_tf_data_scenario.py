"""Runs integrations/tf_data/tf_data_scenario.py in quick mode and checks its figures."""

import numpy as np
import pytest

# A whole scenario per folder: the slow lane.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def results(scenario):
    return scenario.main(quick=True)


def test_streams_keep_the_training_structure(scenario, results):
    spec = results["train_spec"]
    assert results["synthetic_spec"] == spec
    assert results["augmented_spec"] == spec
    features, label = spec
    assert list(features) == scenario.NUMERIC + scenario.CATEGORICAL
    assert label.dtype.name == "int32"


def test_synthetic_batch_values(scenario, results):
    features, label = results["synthetic_batch"]
    batch = scenario.QUICK["batch"]
    assert label.shape == (batch,)
    assert set(np.unique(label)) <= {0, 1}
    for name in scenario.NUMERIC:
        assert features[name].dtype == np.float32
        assert np.all(np.isfinite(features[name]))
    # String features only hold categories seen in training.
    for name, vocabulary in results["vocabularies"].items():
        assert {v.decode() for v in features[name]} <= set(vocabulary)


def test_synthetic_share_is_about_the_fraction(scenario, results):
    assert results["n_mixed"] == scenario.QUICK["n_mixed"]
    # Binomial standard deviation at n=2000 is about 0.01.
    assert abs(results["synthetic_share"] - scenario.FRACTION) < 0.05


def test_keras_trains_and_evaluates(scenario, results):
    for run in (results["augmented"], results["real_only"]):
        assert len(run["train_loss"]) == scenario.QUICK["keras_epochs"]
        assert np.all(np.isfinite(run["train_loss"]))
        assert np.isfinite(run["test_loss"])
        assert 0.0 <= run["test_accuracy"] <= 1.0
