"""GANOverSampler: imbalanced-learn's sampler contract around the GAN."""

import subprocess
import sys
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.linear_model import LogisticRegression

from ganaug import GANAugmenter, GANOverSampler

from .conftest import TINY, mixed_frame


def imblearn(module):
    """An imbalanced-learn module; the test is skipped without imbalanced-learn."""
    return pytest.importorskip(module, reason="this test needs imbalanced-learn")


COUNTS = {"a": 30, "b": 14, "c": 8}


def imbalanced(counts=COUNTS, seed=0):
    """A mixed table and a named class Series, ``counts`` rows per class."""
    labels = np.repeat(list(counts), list(counts.values()))
    rng = np.random.default_rng(seed)
    labels = rng.permutation(labels)
    X = mixed_frame(len(labels), seed=seed)[["float", "int", "text", "category"]]
    X = X.set_axis(range(200, 200 + len(labels)))
    X["float"] += np.where(labels == "c", 20.0, 0.0)
    return X, pd.Series(labels, index=X.index, name="label")


def expected_counts(strategy, y):
    utils = imblearn("imblearn.utils")
    return utils.check_sampling_strategy(strategy, y, "over-sampling")


def test_import_ganaug_loads_neither_tensorflow_nor_imblearn():
    code = (
        "import sys, ganaug; "
        "print('tensorflow' in sys.modules, 'imblearn' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "False False"


def test_parameters_are_the_augmenters_but_n_synthetic_plus_sampling_strategy():
    ours = GANOverSampler().get_params()
    theirs = GANAugmenter().get_params()
    del theirs["n_synthetic"]
    assert ours.pop("sampling_strategy") == "auto"
    assert ours == theirs


def test_init_stores_parameters_untouched():
    strategy = {"a": 40}
    sampler = GANOverSampler(sampling_strategy=strategy, generator_dims=[4])
    assert sampler.sampling_strategy is strategy
    assert clone(sampler).get_params() == sampler.get_params()


def test_augmenter_is_built_from_the_shared_parameters(tiny_params):
    X, y = imbalanced()
    sampler = GANOverSampler(**tiny_params, loss="standard", discrete_columns=["int"])
    sampler.fit_resample(X, y)
    params = sampler.augmenter_.get_params()
    for name, value in sampler.get_params().items():
        if name != "sampling_strategy":
            assert params[name] == value, name


@pytest.mark.parametrize(
    "strategy",
    [
        "auto", "minority", "not minority", "not majority", "all",
        {"b": 20, "c": 30}, {"a": 30, "c": 8},
        lambda y: {cls: 2 * n for cls, n in Counter(y).items()},
    ],
    ids=["auto", "minority", "not-minority", "not-majority", "all", "dict",
         "dict-no-change", "callable"],
)
def test_fit_counts_match_imblearn(strategy):
    X, y = imbalanced()
    sampler = GANOverSampler(sampling_strategy=strategy).fit(X, y)
    assert sampler.sampling_strategy_ == expected_counts(strategy, y)
    assert list(sampler.sampling_strategy_) == sorted(sampler.sampling_strategy_)
    assert not hasattr(sampler, "augmenter_")  # fit only checks


@pytest.mark.parametrize("ratio", [0.5, 0.8, 1.0, True])
def test_float_counts_match_imblearn_on_binary_targets(ratio):
    X, y = imbalanced({0: 40, 1: 12})
    sampler = GANOverSampler(sampling_strategy=ratio).fit(X, y.to_numpy())
    assert sampler.sampling_strategy_ == expected_counts(ratio, y.to_numpy())


@pytest.mark.parametrize(
    "strategy",
    ["auto", *(pytest.param(strategy, marks=pytest.mark.slow) for strategy in
               ("minority", "not minority", "all", 0.75)),
     {0: 40, 2: 30}, pytest.param(lambda y: {1: 45}, marks=pytest.mark.slow)],
    ids=["auto", "minority", "not-minority", "all", "float", "dict", "callable"],
)
def test_fit_resample_adds_exactly_imblearns_counts(strategy, tiny_params):
    counts = {0: 40, 1: 25, 2: 10} if not isinstance(strategy, float) else {0: 40, 1: 10}
    X, y = imbalanced(counts)
    y = y.to_numpy()
    X_res, y_res = GANOverSampler(**tiny_params, sampling_strategy=strategy).fit_resample(X, y)
    wanted = Counter(y) + Counter(expected_counts(strategy, y))
    assert Counter(y_res) == wanted
    assert len(X_res) == len(y_res) == sum(wanted.values())


@pytest.mark.parametrize(
    "strategy, match, imblearn_raises",
    [
        (0.5, "float only when the type of target is binary", True),
        ({"nope": 50}, r"The \{'nope'\} target class is/are not present", True),
        ({"b": 3}, "greater or equal to the original number of samples", True),
        ({"b": -1}, "cannot be negative", True),
        ("majority", "'majority' cannot be used with over-sampler", True),
        ("most", "needs to be one of", True),
        (["b"], "cannot be a list", True),
        # imbalanced-learn's own check lets these through to fail later
        ({"b": 20.0}, "must be an integer", False),
        (None, "sampling_strategy must be a float in", False),
        (lambda y: ["b"], "must return a dict", False),
    ],
)
def test_bad_strategies_raise_like_imblearn(strategy, match, imblearn_raises):
    X, y = imbalanced()
    with pytest.raises(ValueError, match=match):
        GANOverSampler(sampling_strategy=strategy).fit(X, y)
    if imblearn_raises:
        with pytest.raises(ValueError):
            expected_counts(strategy, y)


@pytest.mark.parametrize(
    "ratio, match",
    [(0.0, r"range \(0, 1\]"), (1.5, r"range \(0, 1\]"), (0.2, "increase the ratio")],
)
def test_bad_ratios_raise_like_imblearn(ratio, match):
    X, y = imbalanced({0: 40, 1: 12})
    with pytest.raises(ValueError, match=match):
        GANOverSampler(sampling_strategy=ratio).fit(X, y)
    with pytest.raises(ValueError):
        expected_counts(ratio, y)


@pytest.mark.parametrize(
    "y, error, match",
    [
        (None, ValueError, "requires y to be passed"),
        (np.linspace(0, 1, 52), ValueError, "Unknown label type"),
        (np.ones(52), ValueError, "more than 1 class"),
        (np.random.default_rng(0).integers(0, 2, size=(52, 3)),
         ValueError, "Multilabel and multioutput targets are not supported"),
        (np.arange(51) % 2, ValueError, "inconsistent numbers of samples"),
    ],
    ids=["none", "continuous", "one-class", "multilabel", "length"],
)
def test_bad_targets_raise(y, error, match):
    X, _ = imbalanced()
    with pytest.raises(error, match=match):
        GANOverSampler().fit(X, y)


def test_bad_gan_parameters_raise_at_fit():
    from sklearn.utils._param_validation import InvalidParameterError

    X, y = imbalanced()
    sampler = GANOverSampler(loss="hinge")
    with pytest.raises(InvalidParameterError,
                       match="The 'loss' parameter of GANOverSampler must be a str among"):
        sampler.fit(X, y)
    assert not hasattr(sampler, "sampling_strategy_")


@pytest.fixture(scope="module")
def resampled():
    X, y = imbalanced()
    X_copy, y_copy = X.copy(deep=True), y.copy(deep=True)
    sampler = GANOverSampler(**TINY)
    X_res, y_res = sampler.fit_resample(X, y)
    pd.testing.assert_frame_equal(X, X_copy)  # the input is never mutated
    pd.testing.assert_series_equal(y, y_copy)
    return X, y, sampler, X_res, y_res


def test_frame_and_series_in_frame_and_series_out(resampled):
    X, y, _, X_res, y_res = resampled
    assert isinstance(X_res, pd.DataFrame) and isinstance(y_res, pd.Series)
    assert X_res.dtypes.to_dict() == X.dtypes.to_dict()
    assert y_res.dtype == y.dtype and y_res.name == "label"
    assert list(X_res.columns) == list(X.columns)
    assert list(X_res.index) == list(y_res.index) == list(range(200, 200 + len(X_res)))
    assert Counter(y_res) == {"a": 30, "b": 30, "c": 30}


def test_originals_first_and_unchanged(resampled):
    X, y, _, X_res, y_res = resampled
    pd.testing.assert_frame_equal(X_res.iloc[: len(X)], X)
    pd.testing.assert_series_equal(y_res.iloc[: len(y)], y)


def test_new_rows_come_class_by_class(resampled):
    X, _, sampler, _, y_res = resampled
    assert dict(sampler.sampling_strategy_) == {"b": 16, "c": 22}
    new = y_res.iloc[len(X):].tolist()
    assert new == ["b"] * 16 + ["c"] * 22


def test_each_class_is_drawn_by_conditioning_the_generator(monkeypatch, tiny_params):
    calls = []
    original = GANAugmenter.sample

    def recording_sample(self, n_samples, *, conditions=None, random_state=None):
        calls.append((n_samples, conditions))
        return original(self, n_samples, conditions=conditions, random_state=random_state)

    monkeypatch.setattr(GANAugmenter, "sample", recording_sample)
    X, y = imbalanced()
    sampler = GANOverSampler(**tiny_params)
    sampler.fit_resample(X, y)
    assert calls == [(16, {"label": "b"}), (22, {"label": "c"})]
    # the fitted GAN takes conditions on the target by its name
    _, y_syn = sampler.augmenter_.sample(5, conditions={"label": "a"})
    assert (y_syn == "a").all()


def test_target_name_that_is_also_a_column(tiny_params):
    X, y = imbalanced()
    X = X.rename(columns={"text": "label"})
    sampler = GANOverSampler(**tiny_params)
    X_res, y_res = sampler.fit_resample(X, y)
    assert y_res.name == "label" and "label" in X_res.columns
    assert sampler.augmenter_.model_.container.target_key == "_label"
    assert Counter(y_res) == {"a": 30, "b": 30, "c": 30}
    # the feature column keeps its own values; the class is not written into it
    assert set(X_res["label"]) <= set(X["label"])


def test_arrays_in_arrays_out(tiny_params):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(50, 3)).astype(np.float32)
    y = np.array([0] * 35 + [1] * 15, dtype=np.int32)
    X_res, y_res = GANOverSampler(**tiny_params).fit_resample(X, y)
    assert isinstance(X_res, np.ndarray) and isinstance(y_res, np.ndarray)
    assert X_res.dtype == np.float32 and y_res.dtype == np.int32
    assert X_res.shape == (70, 3) and np.array_equal(X_res[:50], X)
    assert np.array_equal(y_res, [0] * 35 + [1] * 35)


def test_categorical_target_keeps_its_dtype_and_unused_categories(tiny_params):
    X, _ = imbalanced({"a": 30, "b": 12})
    y = pd.Series(
        pd.Categorical(["lo"] * 30 + ["hi"] * 12, categories=["lo", "mid", "hi"]),
        name="level",
    )
    X_res, y_res = GANOverSampler(**tiny_params).fit_resample(X.to_numpy(), y)
    assert isinstance(X_res, np.ndarray) and y_res.dtype == y.dtype
    assert Counter(y_res) == {"lo": 30, "hi": 30}
    # X is an array, so y's own index continues
    assert list(y_res.index) == list(range(60))


@pytest.mark.slow
def test_lists_in_lists_out(tiny_params):
    X = [[float(i), float(i % 3)] for i in range(30)]
    y = ["no"] * 20 + ["yes"] * 10
    X_res, y_res = GANOverSampler(**tiny_params).fit_resample(X, y)
    assert isinstance(X_res, list) and isinstance(y_res, list)
    assert X_res[:30] == X and y_res == y + ["yes"] * 10


def test_balanced_target_adds_no_rows(tiny_params):
    X, y = imbalanced({"a": 20, "b": 20})
    X_res, y_res = GANOverSampler(**tiny_params).fit_resample(X, y)
    pd.testing.assert_frame_equal(X_res, X)
    pd.testing.assert_series_equal(y_res, y)


@pytest.mark.slow
def test_same_random_state_same_rows_other_state_other_rows(tiny_params):
    X, y = imbalanced()
    first = GANOverSampler(**tiny_params).fit_resample(X, y)[0]
    again = GANOverSampler(**tiny_params).fit_resample(X, y)[0]
    other = GANOverSampler(**dict(tiny_params, random_state=1)).fit_resample(X, y)[0]
    pd.testing.assert_frame_equal(first, again)
    assert not first.iloc[len(X):].equals(other.iloc[len(X):])


def test_is_a_sampler_without_transform():
    from sklearn.utils import get_tags

    is_sampler = imblearn("imblearn.base").is_sampler

    sampler = GANOverSampler()
    assert not hasattr(sampler, "transform")
    assert not hasattr(sampler, "fit_transform")
    assert is_sampler(sampler)
    tags = get_tags(sampler)
    assert tags.estimator_type == "sampler" and tags.target_tags.required
    assert tags.sampler_tags.sample_indices is False


@pytest.mark.slow
def test_in_imblearn_pipeline_and_grid_search(tiny_params):
    from sklearn.model_selection import GridSearchCV
    from sklearn.preprocessing import StandardScaler

    Pipeline = imblearn("imblearn.pipeline").Pipeline
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 3))
    y = (X[:, 0] > 0.6).astype(int)
    pipe = Pipeline(
        [("scale", StandardScaler()), ("aug", GANOverSampler(**tiny_params)),
         ("clf", LogisticRegression())]
    )
    assert pipe.fit(X, y).predict(X).shape == (60,)
    assert pipe.named_steps["aug"].augmenter_.n_features_in_ == 3
    search = GridSearchCV(
        pipe, {"aug__sampling_strategy": ["auto", 0.5]}, cv=2
    ).fit(X, y)
    assert search.best_params_["aug__sampling_strategy"] in ("auto", 0.5)
    assert 0.0 <= search.score(X, y) <= 1.0
