"""Runs integrations/imbalanced_learn/imblearn_scenario.py in quick mode and checks it."""

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("imblearn", reason="the scenario needs imbalanced-learn")

# A whole scenario per folder: the slow lane.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def results(scenario):
    return scenario.main(quick=True)


def test_cross_validated_predictions_are_valid(results):
    y_true = results["y_true"]
    assert set(results["predictions"]) == {"none", "random", "gan"}
    for name, pred in results["predictions"].items():
        assert pred.shape == y_true.shape, name
        assert set(pred) <= set(results["classes"]), name


def test_per_class_recall(results):
    y_true = results["y_true"]
    for name, per_class in results["recall"].items():
        assert list(per_class) == results["classes"]
        for cls, value in per_class.items():
            assert 0.0 <= value <= 1.0
            # Recall recomputed from the returned predictions.
            mask = y_true == cls
            assert np.isclose(value, np.mean(results["predictions"][name][mask] == cls))
        assert np.isclose(results["balanced_accuracy"][name], np.mean(list(per_class.values())))


def test_sampler_balanced_the_training_fold(results):
    fold = results["fold"]
    before, after = fold["counts_before"], fold["counts_after"]
    majority = max(before.values())
    # "auto": every class grows to the majority's count; the majority gets nothing.
    assert set(after) == set(before)
    assert all(count == majority for count in after.values())
    minority = min(before, key=before.get)
    assert fold["new_rows_per_class"] == {minority: majority - before[minority]}
    # The real rows come first and unchanged, then the synthetic minority rows.
    assert fold["real_rows_kept"]
    n_real = sum(before.values())
    assert (fold["resampled_y"].iloc[n_real:] == minority).all()


def test_pipeline_fit_used_the_resampled_rows(results):
    fold = results["fold"]
    # Inside Pipeline.fit, the encoder after the sampler saw the balanced table...
    assert fold["rows_seen_by_model"] == sum(fold["counts_after"].values())
    assert fold["model_saw_resampled_rows"]
    # ...while predict was not resampled: one prediction per test row.
    assert fold["predictions"].shape == (fold["test_size"],)


def test_resampled_rows_keep_the_raw_table(scenario, results):
    X, _ = scenario.load_data(results["n_rows"])
    X_res = results["fold"]["resampled_X"]
    assert isinstance(X_res, pd.DataFrame)
    assert list(X_res.columns) == list(X.columns)
    assert (X_res.dtypes == X.dtypes).all()
    for column in X.select_dtypes(exclude="number").columns:
        assert set(X_res[column].dropna()) <= set(X[column].dropna())
