"""AugmentedEstimator: an estimator fitted on augmented training data."""

import numpy as np
import pandas as pd
import pytest
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin, clone
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_val_score, cross_validate
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC
from sklearn.utils import get_tags

import ganaug._meta
from ganaug import AugmentedEstimator, GANAugmenter, GANOverSampler

from .conftest import TINY

FAST = dict(TINY, epochs=1)


def data(n=60, seed=0):
    """Three numeric columns and an imbalanced binary target."""
    rng = np.random.default_rng(seed)
    X = pd.DataFrame(rng.normal(size=(n, 3)), columns=["a", "b", "c"])
    y = pd.Series((X["a"] > 0.6).astype(int), name="target")
    return X, y


class RowCounter(ClassifierMixin, BaseEstimator):
    """Remembers the rows it was fitted on; predicts the first class."""

    def fit(self, X, y):
        self.n_rows_ = len(X)
        self.y_seen_ = y
        self.classes_ = np.unique(y)
        return self

    def predict(self, X):
        return np.full(len(X), self.classes_[0])


class RowCountingRegressor(RegressorMixin, BaseEstimator):
    def fit(self, X, y):
        self.n_rows_ = len(X)
        self.mean_ = float(np.mean(y))
        return self

    def predict(self, X):
        return np.full(len(X), self.mean_)


class RecordingSampler(BaseEstimator):
    """Adds nothing; remembers the index of the X it was given."""

    def fit_resample(self, X, y):
        self.seen_index_ = np.asarray(X.index)
        return X, y


def test_init_stores_parameters_and_allows_positional_arguments():
    clf, aug = LogisticRegression(), GANOverSampler(**FAST)
    model = AugmentedEstimator(clf, aug)
    assert model.estimator is clf and model.augmenter is aug
    assert AugmentedEstimator(clf).augmenter is None
    params = model.get_params()
    assert params["estimator__C"] == 1.0 and params["augmenter__epochs"] == 1
    assert clone(model).get_params()["augmenter__epochs"] == 1


@pytest.mark.parametrize(
    "estimator, present, absent",
    [
        (SVC(), {"predict", "decision_function", "score"},
         {"predict_proba", "predict_log_proba"}),
        (LogisticRegression(),
         {"predict", "predict_proba", "predict_log_proba", "decision_function", "score"},
         set()),
        (RowCountingRegressor(), {"predict", "score"},
         {"predict_proba", "predict_log_proba", "decision_function"}),
    ],
)
def test_methods_exist_only_where_the_estimator_has_them(estimator, present, absent):
    model = AugmentedEstimator(estimator, RecordingSampler())
    for name in present:
        assert hasattr(model, name), name
    for name in absent:
        assert not hasattr(model, name), name
    X, y = data()
    y = y.astype(float) if isinstance(estimator, RegressorMixin) else y
    model.fit(X, y)
    for name in present:
        assert hasattr(model, name), name
    for name in absent:
        assert not hasattr(model, name), name
    assert hasattr(model, "classes_") is hasattr(model.estimator_, "classes_")


def test_tags_follow_the_estimator():
    assert get_tags(AugmentedEstimator(LogisticRegression())).estimator_type == "classifier"
    assert get_tags(AugmentedEstimator(Ridge())).estimator_type == "regressor"


@pytest.fixture(scope="module")
def fitted_lr():
    X, y = data()
    X_copy, y_copy = X.copy(), y.copy()
    model = AugmentedEstimator(LogisticRegression(), GANOverSampler(**FAST)).fit(X, y)
    pd.testing.assert_frame_equal(X, X_copy)  # the input is never mutated
    pd.testing.assert_series_equal(y, y_copy)
    return X, y, model


def test_fit_sets_the_fitted_estimator_and_augmenter(fitted_lr):
    X, y, model = fitted_lr
    assert isinstance(model.augmenter_, GANOverSampler)
    assert isinstance(model.augmenter_.augmenter_, GANAugmenter)
    assert model.n_features_in_ == 3
    assert list(model.feature_names_in_) == ["a", "b", "c"]
    assert list(model.estimator_.feature_names_in_) == ["a", "b", "c"]
    counts = y.value_counts()
    # the minority grew to the majority's size before the estimator was fitted
    assert dict(model.augmenter_.sampling_strategy_) == {1: counts[0] - counts[1]}


def test_prediction_and_scoring_delegate(fitted_lr):
    X, y, model = fitted_lr
    inner = model.estimator_
    np.testing.assert_array_equal(model.predict(X), inner.predict(X))
    np.testing.assert_allclose(model.predict_proba(X), inner.predict_proba(X))
    np.testing.assert_allclose(model.predict_log_proba(X), inner.predict_log_proba(X))
    np.testing.assert_allclose(model.decision_function(X), inner.decision_function(X))
    np.testing.assert_array_equal(model.classes_, [0, 1])
    assert model.score(X, y) == inner.score(X, y)
    weights = np.linspace(0.5, 1.5, len(X))
    assert model.score(X, y, sample_weight=weights) == inner.score(X, y, sample_weight=weights)


@pytest.mark.parametrize("n_synthetic, n_new", [(7, 7), (0.5, 30), (0, 0)])
def test_gan_augmenter_adds_n_synthetic_rows(n_synthetic, n_new):
    X, y = data()
    augmenter = GANAugmenter(**FAST, n_synthetic=n_synthetic)
    model = AugmentedEstimator(RowCounter(), augmenter).fit(X, y)
    assert model.estimator_.n_rows_ == len(X) + n_new
    assert isinstance(model.augmenter_, GANAugmenter) and model.augmenter_ is not augmenter
    seen = model.estimator_.y_seen_
    assert isinstance(seen, pd.Series) and len(seen) == len(X) + n_new
    pd.testing.assert_series_equal(seen.iloc[: len(y)], y)


def test_gan_augmenter_with_a_regression_target():
    X, y = data()
    y = X["b"] * 2.0
    model = AugmentedEstimator(RowCountingRegressor(), GANAugmenter(**FAST, n_synthetic=10))
    model.fit(X.to_numpy(), y.to_numpy())
    assert model.estimator_.n_rows_ == len(X) + 10
    assert model.predict(X.to_numpy()).shape == (len(X),)


def test_default_augmenter_is_a_fresh_gan_over_sampler(monkeypatch):
    made = []

    class FakeOverSampler(RecordingSampler):
        def __init__(self):
            made.append(self)

    monkeypatch.setattr(ganaug._meta, "GANOverSampler", FakeOverSampler)
    X, y = data()
    model = AugmentedEstimator(RowCounter()).fit(X, y)
    assert len(made) == 1 and model.augmenter_ is made[0]
    assert model.augmenter is None


def test_bad_augmenter_and_missing_target_raise():
    X, y = data()
    with pytest.raises(TypeError, match="augmenter must be None, a GANAugmenter"):
        AugmentedEstimator(LogisticRegression(), StandardScaler()).fit(X, y)
    with pytest.raises(ValueError, match="requires y to be passed"):
        AugmentedEstimator(LogisticRegression(), RecordingSampler()).fit(X, None)
    with pytest.raises(NotFittedError):
        AugmentedEstimator(LogisticRegression()).predict(X)


def test_last_step_of_a_pipeline():
    X, y = data()
    pipe = Pipeline(
        [("scale", StandardScaler()),
         ("model", AugmentedEstimator(LogisticRegression(), GANOverSampler(**FAST)))]
    ).fit(X, y)
    assert pipe.predict(X).shape == (len(X),)
    assert pipe.predict_proba(X).shape == (len(X), 2)
    assert 0.0 <= pipe.score(X, y) <= 1.0


def test_grid_search_over_augmenter_and_estimator_parameters():
    X, y = data()
    pipe = Pipeline(
        [("scale", StandardScaler()),
         ("model", AugmentedEstimator(LogisticRegression(), GANOverSampler(**FAST)))]
    )
    grid = {"model__augmenter__epochs": [1, 2], "model__estimator__C": [0.1, 10.0]}
    search = GridSearchCV(pipe, grid, cv=2).fit(X, y)
    assert len(search.cv_results_["params"]) == 4
    best = search.best_estimator_.named_steps["model"]
    assert best.augmenter_.augmenter_.epochs_ == search.best_params_["model__augmenter__epochs"]
    assert best.estimator_.C == search.best_params_["model__estimator__C"]


def test_cross_val_score():
    X, y = data()
    model = AugmentedEstimator(LogisticRegression(), GANOverSampler(**FAST))
    scores = cross_val_score(model, X, y, cv=3)
    assert scores.shape == (3,) and np.all((0.0 <= scores) & (scores <= 1.0))


def test_augmenter_only_sees_the_training_fold():
    X, y = data(n=45)
    X = X.set_axis(np.arange(1000, 1045))
    cv = StratifiedKFold(n_splits=3)
    model = AugmentedEstimator(LogisticRegression(), RecordingSampler())
    result = cross_validate(
        model, X, y, cv=cv, return_estimator=True, return_indices=True
    )
    for fitted, train in zip(result["estimator"], result["indices"]["train"]):
        np.testing.assert_array_equal(fitted.augmenter_.seen_index_, X.index[train])
        assert fitted.estimator_.coef_.shape == (1, 3)
