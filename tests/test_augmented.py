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

import ganaug._estimators._augmented
from ganaug import AugmentedEstimator, GANAugmenter, GANOverSampler

from .conftest import TINY


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


class WeightRecorder(ClassifierMixin, BaseEstimator):
    """Remembers the rows, the sample weights and the other fit params it received."""

    def fit(self, X, y, sample_weight=None, **params):
        self.n_rows_ = len(X)
        self.y_ = np.asarray(y)
        self.sample_weight_ = sample_weight
        self.params_ = params
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


def test_init_stores_parameters_and_takes_the_augmenter_by_keyword(tiny_params):
    clf, aug = LogisticRegression(), GANOverSampler(**dict(tiny_params, epochs=3))
    model = AugmentedEstimator(clf, augmenter=aug)
    assert model.estimator is clf and model.augmenter is aug
    assert AugmentedEstimator(clf).augmenter is None
    params = model.get_params()
    assert params["estimator__C"] == 1.0 and params["augmenter__epochs"] == 3
    assert clone(model).get_params()["augmenter__epochs"] == 3
    with pytest.raises(TypeError):
        AugmentedEstimator(clf, aug)


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
    model = AugmentedEstimator(estimator, augmenter=RecordingSampler())
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
    model = AugmentedEstimator(LogisticRegression(), augmenter=GANOverSampler(**TINY))
    model.fit(X, y)
    pd.testing.assert_frame_equal(X, X_copy)  # the input is never mutated
    pd.testing.assert_series_equal(y, y_copy)
    return X, y, model


def test_fit_sets_the_fitted_estimator_and_augmenter(fitted_lr):
    _, y, model = fitted_lr
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
def test_gan_augmenter_adds_n_synthetic_rows(n_synthetic, n_new, tiny_params):
    X, y = data()
    augmenter = GANAugmenter(**tiny_params, n_synthetic=n_synthetic)
    model = AugmentedEstimator(RowCounter(), augmenter=augmenter).fit(X, y)
    assert model.estimator_.n_rows_ == len(X) + n_new
    assert isinstance(model.augmenter_, GANAugmenter) and model.augmenter_ is not augmenter
    seen = model.estimator_.y_seen_
    assert isinstance(seen, pd.Series) and len(seen) == len(X) + n_new
    pd.testing.assert_series_equal(seen.iloc[: len(y)], y)


def test_gan_augmenter_with_a_regression_target(tiny_params):
    X, y = data()
    y = X["b"] * 2.0
    model = AugmentedEstimator(
        RowCountingRegressor(), augmenter=GANAugmenter(**tiny_params, n_synthetic=10)
    )
    model.fit(X.to_numpy(), y.to_numpy())
    assert model.estimator_.n_rows_ == len(X) + 10
    assert model.predict(X.to_numpy()).shape == (len(X),)


def test_default_augmenter_is_a_fresh_gan_over_sampler(monkeypatch):
    made = []

    class FakeOverSampler(RecordingSampler):
        def __init__(self):
            made.append(self)

    monkeypatch.setattr(ganaug._estimators._augmented, "GANOverSampler", FakeOverSampler)
    X, y = data()
    model = AugmentedEstimator(RowCounter()).fit(X, y)
    assert len(made) == 1 and model.augmenter_ is made[0]
    assert model.augmenter is None


def test_bad_augmenter_and_missing_target_raise():
    X, y = data()
    with pytest.raises(TypeError, match="augmenter must be None, a GANAugmenter"):
        AugmentedEstimator(LogisticRegression(), augmenter=StandardScaler()).fit(X, y)
    with pytest.raises(ValueError, match="requires y to be passed"):
        AugmentedEstimator(LogisticRegression(), augmenter=RecordingSampler()).fit(X, None)
    with pytest.raises(NotFittedError):
        AugmentedEstimator(LogisticRegression()).predict(X)


def test_last_step_of_a_pipeline(tiny_params):
    X, y = data()
    model = AugmentedEstimator(LogisticRegression(), augmenter=GANOverSampler(**tiny_params))
    pipe = Pipeline(
        [("scale", StandardScaler()), ("model", model)]
    ).fit(X, y)
    assert pipe.predict(X).shape == (len(X),)
    assert pipe.predict_proba(X).shape == (len(X), 2)
    assert 0.0 <= pipe.score(X, y) <= 1.0


@pytest.mark.slow
def test_grid_search_over_augmenter_and_estimator_parameters(tiny_params):
    X, y = data()
    model = AugmentedEstimator(LogisticRegression(), augmenter=GANOverSampler(**tiny_params))
    pipe = Pipeline([("scale", StandardScaler()), ("model", model)])
    grid = {"model__augmenter__epochs": [1, 2], "model__estimator__C": [0.1, 10.0]}
    search = GridSearchCV(pipe, grid, cv=2).fit(X, y)
    assert len(search.cv_results_["params"]) == 4
    best = search.best_estimator_.named_steps["model"]
    assert best.augmenter_.augmenter_.epochs_ == search.best_params_["model__augmenter__epochs"]
    assert search.best_params_["model__estimator__C"] == best.estimator_.C


@pytest.mark.slow
def test_cross_val_score(tiny_params):
    X, y = data()
    model = AugmentedEstimator(LogisticRegression(), augmenter=GANOverSampler(**tiny_params))
    scores = cross_val_score(model, X, y, cv=3)
    assert scores.shape == (3,) and np.all((scores >= 0.0) & (scores <= 1.0))


def test_augmenter_only_sees_the_training_fold():
    X, y = data(n=45)
    X = X.set_axis(np.arange(1000, 1045))
    cv = StratifiedKFold(n_splits=3)
    model = AugmentedEstimator(LogisticRegression(), augmenter=RecordingSampler())
    result = cross_validate(
        model, X, y, cv=cv, return_estimator=True, return_indices=True
    )
    for fitted, train in zip(result["estimator"], result["indices"]["train"]):
        np.testing.assert_array_equal(fitted.augmenter_.seen_index_, X.index[train])
        assert fitted.estimator_.coef_.shape == (1, 3)


class AddingSampler(BaseEstimator):
    """Appends ``n_new`` copies of the first row (labelled 1) after the given rows."""

    def __init__(self, n_new=5):
        self.n_new = n_new

    def fit_resample(self, X, y):
        X_new = pd.concat([X, X.iloc[[0] * self.n_new]], ignore_index=True)
        y_new = pd.concat([y, pd.Series([1] * self.n_new, name=y.name)], ignore_index=True)
        return X_new, y_new


@pytest.mark.parametrize("augmenter", ["sampler", "gan"])
def test_fit_params_reach_the_estimator_with_the_mean_weight_per_synthetic_row(
    augmenter, tiny_params
):
    X, y = data()
    weights = np.linspace(0.1, 2.0, len(X))
    if augmenter == "sampler":
        augmenter, n_new = AddingSampler(n_new=5), 5
    else:
        augmenter, n_new = GANAugmenter(**tiny_params, n_synthetic=7), 7
    model = AugmentedEstimator(WeightRecorder(), augmenter=augmenter)
    model.fit(X, y, sample_weight=weights, tag="kept")
    inner = model.estimator_
    assert inner.n_rows_ == len(X) + n_new
    np.testing.assert_array_equal(inner.sample_weight_[: len(X)], weights)
    # A classifier: each synthetic row weighs the mean real weight of its class.
    class_means = pd.Series(weights).groupby(np.asarray(y)).mean()
    expected = class_means.loc[inner.y_[len(X):]].to_numpy()
    np.testing.assert_allclose(inner.sample_weight_[len(X):], expected)
    assert inner.params_ == {"tag": "kept"}


def test_fit_without_sample_weight_passes_none_and_other_params():
    X, y = data()
    model = AugmentedEstimator(WeightRecorder(), augmenter=AddingSampler())
    model.fit(X, y, tag=3)
    assert model.estimator_.sample_weight_ is None
    assert model.estimator_.params_ == {"tag": 3}


def test_sample_weight_of_the_wrong_length_is_refused():
    X, y = data()
    model = AugmentedEstimator(WeightRecorder(), augmenter=AddingSampler())
    with pytest.raises(ValueError, match="sample_weight must hold one weight per row"):
        model.fit(X, y, sample_weight=np.ones(len(X) - 1))


class RecordingClassifier(LogisticRegression):
    """A classifier that keeps the labels and weights it was fitted with."""

    def fit(self, X, y, sample_weight=None):
        self.y_seen_, self.weights_seen_ = np.asarray(y), sample_weight
        return super().fit(X, y, sample_weight=sample_weight)


def test_a_classifier_weighs_synthetic_rows_by_their_class():
    X, _ = data()
    y = pd.Series(np.arange(len(X)) % 2, name="label")
    weights = np.where(y == 1, 3.0, 0.5)
    model = AugmentedEstimator(RecordingClassifier(), augmenter=AddingSampler(n_new=4))
    model.fit(X, y, sample_weight=weights)
    inner = model.estimator_
    labels, extra = inner.y_seen_[len(X):], inner.weights_seen_[len(X):]
    assert len(extra) == 4
    np.testing.assert_allclose(extra, np.where(labels == 1, 3.0, 0.5))
