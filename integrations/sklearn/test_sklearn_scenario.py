"""Runs integrations/sklearn/sklearn_scenario.py in quick mode and checks its figures."""

import numpy as np
import pandas as pd
import pytest

# A whole scenario per folder: the slow lane.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def results(scenario):
    return scenario.main(quick=True)


def test_grid_search_covers_the_grid(results):
    grid = results["param_grid"]
    n_candidates = len(grid["model__augmenter__epochs"]) * len(grid["model__estimator__clf__C"])
    assert results["grid_mean_scores"].shape == (n_candidates,)
    assert np.all((results["grid_mean_scores"] >= 0) & (results["grid_mean_scores"] <= 1))
    best = results["best_params"]
    assert set(best) == set(grid)
    assert best["model__augmenter__epochs"] in grid["model__augmenter__epochs"]
    assert best["model__estimator__clf__C"] in grid["model__estimator__clf__C"]
    # Every combination was tried once, and the best is the highest mean score.
    tried = {(p["model__augmenter__epochs"], p["model__estimator__clf__C"])
             for p in results["grid_params"]}
    assert len(tried) == n_candidates
    assert results["grid_params"][int(np.argmax(results["grid_mean_scores"]))] == best


def test_augmenter_sees_raw_columns_and_adds_rows(scenario, results):
    X, _ = scenario.load_data(results["n_rows"])
    raw = [c for c in X.columns if c not in scenario.DROPPED]
    # The GAN is fitted on the selected raw columns, not on one-hot features.
    assert results["augmenter_columns"] == raw
    # The refitted classifier saw the training rows plus n_synthetic=1.0 as many.
    assert results["estimator_rows_seen"] == 2 * results["n_train"]


def test_synthetic_rows_match_the_raw_table(scenario, results):
    X, y = scenario.load_data(results["n_rows"])
    X_syn, y_syn = results["synthetic_X"], results["synthetic_y"]
    assert isinstance(X_syn, pd.DataFrame)
    expected = X.drop(columns=scenario.DROPPED)
    assert list(X_syn.columns) == list(expected.columns)
    assert (X_syn.dtypes == expected.dtypes).all()
    assert len(X_syn) == len(y_syn) == 200
    assert set(y_syn.unique()) <= set(y.unique())
    # Text columns only hold categories seen in training.
    for column in expected.select_dtypes(exclude="number").columns:
        assert set(X_syn[column].dropna()) <= set(expected[column].dropna())


def test_holdout_predictions(results):
    n_test = results["n_test"]
    predictions, proba = results["holdout_predictions"], results["holdout_proba"]
    assert predictions.shape == (n_test,)
    assert set(predictions) <= set(results["classes"])
    assert proba.shape == (n_test, len(results["classes"]))
    assert np.allclose(proba.sum(axis=1), 1.0)
    # predict is the argmax of predict_proba for logistic regression.
    classes = np.asarray(results["classes"])
    assert (classes[proba.argmax(axis=1)] == predictions).all()
    assert 0.0 <= results["holdout_accuracy"] <= 1.0
    assert 0.0 <= results["holdout_roc_auc"] <= 1.0


def test_cross_val_scores(results):
    augmented, baseline = results["cv_scores_augmented"], results["cv_scores_baseline"]
    assert augmented.shape == baseline.shape == (2,)
    for scores in (augmented, baseline):
        assert np.all(np.isfinite(scores))
        assert np.all((scores >= 0) & (scores <= 1))
