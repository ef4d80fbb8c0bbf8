import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone

from ganaug import GANAugmenter

from .conftest import TINY, mixed_frame


@pytest.fixture(scope="module")
def fitted():
    frame = mixed_frame()
    return frame, GANAugmenter(**TINY).fit(frame)


def test_init_stores_parameters_untouched():
    dims = [32, 16]
    aug = GANAugmenter(generator_dims=dims, n_synthetic=0.5, epochs=None)
    assert aug.generator_dims is dims
    assert aug.get_params()["n_synthetic"] == 0.5
    assert clone(aug).get_params() == aug.get_params()


def test_fit_returns_self_and_learned_attributes(fitted, tiny_params):
    frame, aug = fitted
    assert aug.n_features_in_ == frame.shape[1]
    assert list(aug.feature_names_in_) == list(frame.columns)
    assert list(aug.history_.columns) == ["generator_loss", "discriminator_loss", "seconds"]
    assert len(aug.history_) == aug.epochs_ == tiny_params["epochs"]
    assert np.isfinite(aug.history_.to_numpy()).all()
    assert aug.generator_.name == "generator"
    assert aug.discriminator_.name == "discriminator"


def test_the_fitted_state_is_one_model(fitted):
    from ganaug._model._fitted import FittedGAN

    _, aug = fitted
    model = aug.model_
    assert isinstance(model, FittedGAN)
    fitted_names = {name for name in vars(aug) if name.endswith("_") and not name.startswith("_")}
    assert fitted_names == {"model_", "n_features_in_", "feature_names_in_"}
    assert not [name for name in vars(aug) if name.startswith("_")]
    assert aug.encoder_ is model.encoder
    assert aug.generator_ is model.generator
    assert aug.discriminator_ is model.discriminator
    assert aug.history_ is model.history
    assert (aug.batch_size_, aug.pac_, aug.epochs_) == (
        model.plan.batch_size, model.plan.pac, model.plan.epochs
    )
    for name in ("encoder_", "generator_", "discriminator_", "history_",
                 "batch_size_", "pac_", "epochs_"):
        with pytest.raises(AttributeError):
            setattr(aug, name, None)
    assert model.training_rows is not None and len(model.training_rows) == len(fitted[0])
    assert model.sample_seed is not None  # random_state is set: calls repeat their rows
    assert model.element_structure is None


def _fitted_state(estimator):
    """What sampling must leave alone: the attributes of a fitted augmenter and
    of its model (compared by identity) and the networks' weights (by value)."""
    model = estimator.model_
    weights = model.generator.get_weights() + model.discriminator.get_weights()
    return dict(vars(estimator)), dict(vars(model)), [w.copy() for w in weights]


def _assert_same_state(before, after):
    """``after`` (a :func:`_fitted_state`) holds the objects and weights of ``before``."""
    for old, new in zip(before[:2], after[:2]):
        assert old.keys() == new.keys()
        changed = [name for name in old if old[name] is not new[name]]
        assert not changed, f"replaced attributes: {changed}"
    assert len(before[2]) == len(after[2])
    for old, new in zip(before[2], after[2]):
        np.testing.assert_array_equal(old, new)


def test_sampling_never_changes_the_estimator_or_the_model(fitted, tmp_path):
    frame, aug = fitted
    before = _fitted_state(aug)
    first = aug.sample(30)
    aug.sample(20, conditions={"text": "red"}, random_state=5)
    aug.sample(20, discriminator_rejection=0.5, min_distance=0.0)
    aug.transform(frame)
    aug.write_samples(tmp_path / "rows.csv", 10)
    _assert_same_state(before, _fitted_state(aug))
    pd.testing.assert_frame_equal(aug.sample(30), first)


def test_sample_keeps_columns_order_and_dtypes(fitted):
    frame, aug = fitted
    synthetic = aug.sample(80)
    assert isinstance(synthetic, pd.DataFrame)
    assert synthetic.shape == (80, frame.shape[1])
    assert list(synthetic.columns) == list(frame.columns)
    assert synthetic.dtypes.to_dict() == frame.dtypes.to_dict()
    assert list(synthetic["category"].cat.categories) == ["lo", "mid", "hi"]
    assert synthetic["category"].cat.ordered


def test_sample_values_stay_in_training_range(fitted):
    frame, aug = fitted
    synthetic = aug.sample(500)
    for column in ("float", "int", "when"):
        assert synthetic[column].min() >= frame[column].min()
        assert synthetic[column].max() <= frame[column].max()
    assert set(synthetic["text"]) <= set(frame["text"])
    assert set(synthetic["text_none"].dropna()) <= set(frame["text_none"].dropna())
    # whole days in training, whole days out
    assert (synthetic["when"].dropna().dt.normalize() == synthetic["when"].dropna()).all()


def test_missing_values_only_where_training_had_them(fitted):
    frame, aug = fitted
    synthetic = aug.sample(500)
    for column in frame.columns:
        if not frame[column].isna().any():
            assert not synthetic[column].isna().any(), column
    for column in ("float_nan", "text_none", "when"):
        assert synthetic[column].isna().any(), column


def test_same_seed_same_rows_other_seed_other_rows(fitted, tiny_params):
    frame, aug = fitted
    again = GANAugmenter(**tiny_params).fit(frame)
    pd.testing.assert_frame_equal(aug.sample(50), again.sample(50))
    pd.testing.assert_frame_equal(
        aug.sample(50, random_state=3), again.sample(50, random_state=3)
    )
    assert not aug.sample(50, random_state=3).equals(aug.sample(50, random_state=4))


def test_transform_appends_n_synthetic_rows_after_unchanged_input(fitted):
    frame, aug = fitted
    indexed = frame.set_axis(range(100, 100 + len(frame)))
    out = aug.transform(indexed)
    assert len(out) == 2 * len(frame)
    pd.testing.assert_frame_equal(out.iloc[: len(frame)], indexed)
    assert list(out.index[len(frame):]) == list(range(160, 220))
    assert out.dtypes.to_dict() == frame.dtypes.to_dict()


@pytest.mark.parametrize("n_synthetic, expected", [(7, 7), (0.5, 30), (0, 0)])
def test_n_synthetic_int_or_fraction(n_synthetic, expected, tiny_params):
    frame = mixed_frame()
    aug = GANAugmenter(**tiny_params, n_synthetic=n_synthetic)
    assert len(aug.fit_transform(frame)) == len(frame) + expected


@pytest.mark.slow
def test_fit_transform_equals_fit_then_transform(frame, tiny_params):
    a = GANAugmenter(**tiny_params).fit_transform(frame)
    b = GANAugmenter(**tiny_params).fit(frame).transform(frame)
    pd.testing.assert_frame_equal(a, b)


def test_numpy_in_numpy_out(tiny_params):
    X = np.random.default_rng(0).normal(size=(40, 3))
    aug = GANAugmenter(**tiny_params).fit(X)
    assert not hasattr(aug, "feature_names_in_")
    synthetic = aug.sample(10)
    assert isinstance(synthetic, np.ndarray) and synthetic.shape == (10, 3)
    assert synthetic.dtype == X.dtype
    out = aug.transform(X)
    assert out.shape == (80, 3) and np.array_equal(out[:40], X)


def test_lists_in_lists_out(tiny_params):
    X = np.random.default_rng(1).normal(size=(40, 3)).round(3).tolist()
    aug = GANAugmenter(**tiny_params, n_synthetic=5).fit(X)
    out = aug.transform(X)
    assert isinstance(out, list) and len(out) == 45 and out[:40] == X
    assert all(isinstance(row, list) and len(row) == 3 for row in out)


def test_classification_target_is_modelled_and_conditionable(frame, tiny_params):
    y = pd.Series(np.where(frame["float"] > 10, "yes", "no"), name="label")
    aug = GANAugmenter(**tiny_params).fit(frame, y)
    X_syn, y_syn = aug.sample(30)
    assert y_syn.name == "label" and len(X_syn) == 30
    assert set(y_syn) <= {"yes", "no"}
    _, y_yes = aug.sample(25, conditions={"label": "yes"})
    assert (y_yes == "yes").all()


def test_regression_target_is_continuous(frame, tiny_params):
    y = np.linspace(0.0, 1.0, len(frame))
    aug = GANAugmenter(**tiny_params).fit(frame, y)
    _, y_syn = aug.sample(200)
    assert isinstance(y_syn, np.ndarray) and y_syn.dtype == np.float64
    assert len(np.unique(y_syn)) > 20
    with pytest.raises(ValueError, match="continuous"):
        aug.sample(5, conditions={"y": 0.5})


def test_conditions_hold_on_every_row(fitted):
    _, aug = fitted
    rows = aug.sample(100, conditions={"text": "blue", "bool": False, "category": "hi"})
    assert (rows["text"] == "blue").all()
    assert (~rows["bool"]).all()
    assert (rows["category"] == "hi").all()
    missing = aug.sample(20, conditions={"text_none": None})
    assert missing["text_none"].isna().all()


@pytest.mark.parametrize(
    "conditions, match",
    [
        ({"nope": "x"}, "unknown column 'nope'"),
        ({"text": "purple"}, "'text' the value 'purple'"),
        ({"float": 1.0}, "'float', which is continuous"),
        ({"string": None}, "'string' the value None"),
        (["text"], "conditions must be a dict"),
    ],
)
def test_bad_conditions_name_the_problem(fitted, conditions, match):
    _, aug = fitted
    with pytest.raises((ValueError, TypeError), match=match):
        aug.sample(5, conditions=conditions)


@pytest.mark.slow
def test_conditioning_steers_the_generator_not_only_the_column(tiny_params):
    rng = np.random.default_rng(1)
    n = 300
    group = rng.choice(["low", "high"], n)
    value = np.where(group == "low", rng.normal(0, 1, n), rng.normal(20, 1, n))
    frame = pd.DataFrame({"group": group, "value": value})
    params = dict(
        tiny_params, epochs=300, generator_dims=(32, 32), discriminator_dims=(32, 32),
        generator_lr=1e-3, discriminator_lr=1e-3,
    )
    aug = GANAugmenter(**params).fit(frame)
    low = aug.sample(300, conditions={"group": "low"})["value"].median()
    high = aug.sample(300, conditions={"group": "high"})["value"].median()
    assert high - low > 10


@pytest.mark.parametrize(
    "n_rows", [20, *(pytest.param(n, marks=pytest.mark.slow) for n in (23, 37))]
)
def test_small_tables_adapt_batch_and_pac(n_rows, tiny_params):
    from ganaug._estimators._params import training_settings
    from ganaug._model._settings import AUTO_STEPS, plan_training

    frame = mixed_frame(n_rows, seed=n_rows)
    aug = GANAugmenter(**dict(tiny_params, epochs=None, batch_size=500))
    plan = plan_training(training_settings(aug.get_params()), n_rows)
    assert plan.batch_size <= n_rows and plan.batch_size % plan.pac == 0
    assert plan.batch_size // plan.pac >= 2
    assert plan.epochs * plan.steps_per_epoch >= AUTO_STEPS >= 1000
    aug.set_params(epochs=3).fit(frame)
    assert aug.batch_size_ == plan.batch_size and aug.pac_ == plan.pac
    assert len(aug.sample(5)) == 5


@pytest.mark.parametrize(
    "params",
    [
        {"loss": "standard"},
        {"optimizer": "rmsprop"},
        {"optimizer": "sgd", "discriminator_steps": 2},
    ],
)
def test_loss_and_optimizer_choices_train(frame, params, tiny_params):
    aug = GANAugmenter(**dict(tiny_params, **params)).fit(frame)
    assert np.isfinite(aug.history_.to_numpy()).all()


def test_keras_optimizer_instance_is_copied_not_used(frame, tiny_params):
    import keras

    template = keras.optimizers.Adam(learning_rate=0.5)
    aug = GANAugmenter(**tiny_params, optimizer=template).fit(frame)
    assert not template.built
    assert np.isfinite(aug.history_.to_numpy()).all()


def test_verbose_shows_progress_with_losses(frame, capsys, tiny_params):
    GANAugmenter(**dict(tiny_params, verbose=True)).fit(frame)
    err = capsys.readouterr().err
    assert "ganaug fit" in err and "g_loss=" in err and "d_loss=" in err


def test_input_is_never_mutated(frame, tiny_params):
    copy = frame.copy(deep=True)
    y = pd.Series(np.arange(len(frame)) % 2)
    y_copy = y.copy()
    aug = GANAugmenter(**tiny_params).fit(frame, y)
    aug.transform(frame)
    pd.testing.assert_frame_equal(frame, copy)
    pd.testing.assert_series_equal(y, y_copy)


_ARRAY_API_SCRIPT = """
import numpy as np, sklearn
from ganaug import GANAugmenter
from tests.conftest import TINY
X = np.random.default_rng(0).normal(size=(60, 3))
plain = GANAugmenter(**TINY).fit(X).sample(20)
with sklearn.config_context(array_api_dispatch=True):
    dispatched = GANAugmenter(**TINY).fit(X).sample(20)
np.testing.assert_array_equal(plain, dispatched)
"""


@pytest.mark.slow
def test_fit_under_array_api_dispatch_with_numpy_input():
    """scikit-learn's array API dispatch with NumPy input changes nothing
    (the check scikit-learn runs with ``SCIPY_ARRAY_API=1``, which must be
    set before SciPy is imported: hence a fresh process)."""
    import os
    from pathlib import Path

    result = subprocess.run(
        [sys.executable, "-c", _ARRAY_API_SCRIPT], capture_output=True, text=True,
        cwd=Path(__file__).resolve().parents[1], env={**os.environ, "SCIPY_ARRAY_API": "1"},
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]


def test_unfitted_methods_raise():
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError):
        GANAugmenter().sample(3)


class _InterruptAfterFirstEpoch:
    """A progress bar that stops training with Ctrl-C after one epoch."""

    def __init__(self):
        self.epochs = 0

    def set_postfix(self, **losses):
        pass

    def update(self, n):
        self.epochs += n
        raise KeyboardInterrupt


@pytest.mark.slow
def test_interrupted_fit_leaves_the_estimator_as_it_was(frame, monkeypatch, tiny_params):
    import ganaug._model._fit

    progress = _InterruptAfterFirstEpoch()
    fresh = GANAugmenter(**dict(tiny_params, verbose=True))
    fitted = GANAugmenter(**dict(tiny_params, verbose=True))
    with monkeypatch.context() as patched:
        patched.setattr(ganaug._model._fit, "_progress", lambda total, verbose: None)
        fitted.fit(frame)
    before = fitted.sample(20)
    monkeypatch.setattr(ganaug._model._fit, "_progress", lambda total, verbose: progress)
    model = fitted.model_
    for aug, data in ((fresh, frame), (fitted, frame.drop(columns="int"))):
        with pytest.raises(KeyboardInterrupt):
            aug.fit(data)
    assert progress.epochs == 2  # each fit was stopped inside its training loop
    assert not hasattr(fresh, "model_") and not hasattr(fresh, "n_features_in_")
    assert not hasattr(fresh, "generator_")
    assert fitted.model_ is model
    assert fitted.n_features_in_ == frame.shape[1]
    pd.testing.assert_frame_equal(fitted.sample(20), before)
    pd.testing.assert_frame_equal(fitted.transform(frame).iloc[: len(frame)], frame)

