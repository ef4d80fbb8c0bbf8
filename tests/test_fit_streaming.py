"""fit_streaming: fitting on a tf.data pipeline over a CSV file, streamed."""

import numpy as np
import pandas as pd
import pytest
import tensorflow as tf

from ganaug import GANAugmenter
from ganaug.tf_data import dataset_to_frame, fit_streaming, synthetic_dataset

from .conftest import TINY

# The encoder sees the first FIRST_ROWS rows; the LATER rows after them hold
# a city ("Paris") and ages (95 and over) that the first rows never hold.
FIRST_ROWS = 200
LATER_ROWS = 100
CITIES = ["Lima", "Oslo", "Rome"]


def table(seed=0, later_seed=0):
    """First rows from ``seed``; later rows from ``later_seed``."""
    rng = np.random.default_rng(seed)
    first = pd.DataFrame({
        "age": rng.integers(18, 90, FIRST_ROWS),
        "hours": rng.normal(40, 10, FIRST_ROWS).round(2),
        "city": rng.choice(CITIES, FIRST_ROWS),
        "label": rng.integers(0, 2, FIRST_ROWS),
    })
    rng = np.random.default_rng(later_seed + 100)
    later = pd.DataFrame({
        "age": rng.integers(95, 99, LATER_ROWS),
        "hours": rng.normal(40, 10, LATER_ROWS).round(2),
        "city": rng.choice(CITIES + ["Paris"], LATER_ROWS),
        "label": rng.integers(0, 2, LATER_ROWS),
    })
    return pd.concat([first, later], ignore_index=True)


def csv_dataset(path, num_epochs=1):
    return tf.data.experimental.make_csv_dataset(
        str(path), batch_size=32, label_name="label", num_epochs=num_epochs, shuffle=False
    )


@pytest.fixture(scope="module")
def csv_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("streaming") / "rows.csv"
    table().to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def streamed(csv_path):
    return fit_streaming(GANAugmenter(**TINY), csv_dataset(csv_path), encoder_rows=FIRST_ROWS)


def test_samples_valid_rows(streamed, csv_path, tiny_params):
    X, y = streamed.sample(200)
    first, first_y, _ = dataset_to_frame(csv_dataset(csv_path).unbatch().take(FIRST_ROWS))
    assert list(X.columns) == list(first.columns)
    assert dict(X.dtypes) == dict(first.dtypes)
    for name in ("age", "hours"):
        assert X[name].between(first[name].min(), first[name].max()).all()
    assert set(X["city"]) <= set(CITIES)
    assert set(np.unique(y)) <= set(np.unique(first_y))
    assert len(streamed.history_) == tiny_params["epochs"]
    assert np.isfinite(streamed.history_.to_numpy()).all()


def test_encoder_is_fitted_on_the_first_rows_only(streamed):
    city = next(c for c in streamed.encoder_.columns if c.name == "city")
    age = next(c for c in streamed.encoder_.columns if c.name == "age")
    assert sorted(city.categories) == CITIES
    assert age.high < 95
    with pytest.raises(ValueError, match="Paris"):
        streamed.sample(5, conditions={"city": "Paris"})


@pytest.mark.slow
def test_same_seed_same_rows(streamed, csv_path, tiny_params):
    again = fit_streaming(
        GANAugmenter(**tiny_params), csv_dataset(csv_path), encoder_rows=FIRST_ROWS
    )
    pd.testing.assert_frame_equal(again.sample(50)[0], streamed.sample(50)[0])
    other = fit_streaming(
        GANAugmenter(**dict(tiny_params, random_state=1)), csv_dataset(csv_path),
        encoder_rows=FIRST_ROWS,
    )
    assert not other.sample(50)[0].equals(streamed.sample(50)[0])


def test_training_reads_the_rows_after_the_sample(streamed, tmp_path, tiny_params):
    path = tmp_path / "other_later_rows.csv"
    table(later_seed=1).to_csv(path, index=False)
    other = fit_streaming(GANAugmenter(**tiny_params), csv_dataset(path), encoder_rows=FIRST_ROWS)
    assert other.encoder_.to_config() == streamed.encoder_.to_config()
    weights = zip(other.generator_.get_weights(), streamed.generator_.get_weights())
    assert any(not np.array_equal(a, b) for a, b in weights)


def test_steps_per_epoch_on_an_endless_dataset(csv_path, tiny_params):
    aug = GANAugmenter(**dict(tiny_params, epochs=3))
    fit_streaming(aug, csv_dataset(csv_path, num_epochs=None), encoder_rows=50,
                  steps_per_epoch=2)
    assert aug.epochs_ == 3 and len(aug.history_) == 3
    with pytest.raises(ValueError, match="steps_per_epoch"):
        fit_streaming(GANAugmenter(**tiny_params), csv_dataset(csv_path, num_epochs=None))


def test_save_load_and_synthetic_dataset(streamed, csv_path, tmp_path):
    streamed.save(tmp_path / "model.ganaug")
    loaded = GANAugmenter.load(tmp_path / "model.ganaug")
    pd.testing.assert_frame_equal(loaded.sample(30)[0], streamed.sample(30)[0])
    rows = synthetic_dataset(streamed, seed=0)
    assert rows.element_spec == csv_dataset(csv_path).element_spec
    with pytest.raises(ValueError, match="min_distance"):
        streamed.sample(5, min_distance=0.1)


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        (dict(encoder_rows=1), ValueError, "encoder_rows must be >= 2; received 1"),
        (dict(encoder_rows="10"), TypeError, "encoder_rows must be an int"),
        (dict(steps_per_epoch=0), ValueError, "steps_per_epoch must be >= 1; received 0"),
        (dict(steps_per_epoch=2.5), TypeError, "steps_per_epoch must be an int"),
    ],
)
def test_bad_arguments(csv_path, kwargs, error, match, tiny_params):
    with pytest.raises(error, match=match):
        fit_streaming(GANAugmenter(**tiny_params), csv_dataset(csv_path), **kwargs)


def test_bad_augmenter_and_dataset(csv_path, tiny_params):
    with pytest.raises(TypeError, match="augmenter must be a GANAugmenter; received dict"):
        fit_streaming({}, csv_dataset(csv_path))
    with pytest.raises(TypeError, match="dataset must be a tf.data.Dataset; received DataFrame"):
        fit_streaming(GANAugmenter(**tiny_params), table())


@pytest.mark.slow
def test_a_one_device_strategy_reproduces_the_streamed_fit(streamed, csv_path, tiny_params):
    """Streaming trains under a strategy too; with one replica it is the plain fit.

    The file's 300 rows end in a partial step (300 is no multiple of 32),
    which the stream drops, with or without a strategy.
    """
    strategy = tf.distribute.OneDeviceStrategy("/cpu:0")
    under = fit_streaming(
        GANAugmenter(**tiny_params, distribution_strategy=strategy), csv_dataset(csv_path),
        encoder_rows=FIRST_ROWS,
    )
    columns = ["generator_loss", "discriminator_loss"]
    np.testing.assert_allclose(under.history_[columns].to_numpy(),
                               streamed.history_[columns].to_numpy(), rtol=1e-5)
    pd.testing.assert_frame_equal(under.sample(30)[0], streamed.sample(30)[0])


@pytest.mark.slow
def test_fewer_rows_than_one_step(tmp_path, tiny_params):
    path = tmp_path / "short.csv"
    table().head(20).to_csv(path, index=False)
    # The batch adapts to the 20 rows; a step takes 2 batches of them.
    aug = GANAugmenter(**dict(tiny_params, discriminator_steps=2))
    with pytest.raises(ValueError, match="fewer usable rows than one training step.*40 rows"):
        fit_streaming(aug, csv_dataset(path), encoder_rows=500)
    assert not hasattr(aug, "model_") and not hasattr(aug, "generator_")
