"""TensorFlow Datasets: fitting on splits and writing augmented datasets.

Offline: catalog splits are mocked with ``tfds.testing.mock_data``; written
datasets live in a temporary folder.
"""

import numpy as np
import pytest

tfds = pytest.importorskip(
    "tensorflow_datasets", reason="the tfds extra (tensorflow-datasets) is not installed"
)
import tensorflow as tf  # noqa: E402

from ganaug import GANAugmenter  # noqa: E402
from ganaug.tf_data import synthetic_dataset  # noqa: E402
from ganaug.tfds import fit_on_split, load_split, store_augmented, tfds_features  # noqa: E402


def table(n=120, seed=0):
    rng = np.random.default_rng(seed)
    return {
        "x": rng.normal(5, 2, n),
        "k": rng.integers(0, 50, n).astype(np.int16),
        "s": rng.choice(["red", "green", "blue"], n),
        "b": rng.random(n) > 0.5,
        "f": np.where(rng.random(n) < 0.2, np.nan, rng.normal(size=n)).astype(np.float32),
    }


def test_fit_on_a_mocked_catalog_split(tiny_params):
    with tfds.testing.mock_data(num_examples=64):
        aug = fit_on_split(GANAugmenter(**tiny_params), "howell", "train")
        spec = tfds.load("howell", split="train").element_spec
        builder = tfds.builder("howell")
        from_builder = load_split(builder, "train[:50%]")
    assert synthetic_dataset(aug, seed=0).element_spec == spec
    assert from_builder.element_spec == spec


@pytest.mark.filterwarnings("ignore:Column .* looks like an identifier")
@pytest.mark.slow
def test_fit_on_a_mocked_supervised_split(tiny_params):
    with tfds.testing.mock_data(num_examples=48):
        aug = fit_on_split(GANAugmenter(**tiny_params), "titanic", "train", as_supervised=True)
        spec = tfds.load("titanic", split="train", as_supervised=True).element_spec
    synthetic = synthetic_dataset(aug, conditions={"y": 1}, seed=0)
    assert synthetic.element_spec == spec
    assert all(label == 1 for _, label in synthetic.take(20).as_numpy_iterator())


def test_non_scalar_features_are_refused(tiny_params):
    with (
        tfds.testing.mock_data(num_examples=16),
        pytest.raises(ValueError, match=r"Feature 'features' has shape \(4,\)"),
    ):
        fit_on_split(GANAugmenter(**tiny_params), "iris", "train")
    with pytest.raises(TypeError, match="builder_or_name"):
        load_split(3, "train")


@pytest.mark.slow
def test_store_then_tfds_load_round_trip(tmp_path, tiny_params):
    data, label = table(), np.arange(120) % 3
    dataset = tf.data.Dataset.from_tensor_slices((data, label)).batch(16)
    aug = GANAugmenter(**tiny_params).fit(dataset)
    store_augmented(dataset, aug, "ganaug_supervised", data_dir=tmp_path,
                    synthetic_fraction=0.3, seed=0)
    raw = tfds.load("ganaug_supervised", split="train", data_dir=tmp_path)
    unbatched = dataset.unbatch().element_spec
    assert raw.element_spec == {"features": unbatched[0], "label": unbatched[1]}
    stored = list(raw.as_numpy_iterator())
    assert len(stored) > 120
    assert set(data["x"]) <= {row["features"]["x"] for row in stored}
    back = load_split("ganaug_supervised", "train", data_dir=tmp_path)
    assert back.element_spec == unbatched
    refit = fit_on_split(
        GANAugmenter(**tiny_params), "ganaug_supervised", "train", data_dir=tmp_path
    )
    assert synthetic_dataset(refit).element_spec == unbatched


@pytest.mark.slow
def test_store_unsupervised_round_trip(tmp_path, tiny_params):
    dataset = tf.data.Dataset.from_tensor_slices(table())
    aug = GANAugmenter(**tiny_params).fit(dataset)
    builder = store_augmented(dataset, aug, "ganaug_rows", data_dir=tmp_path,
                              synthetic_fraction=0.5, split="augmented", seed=1)
    assert builder.info.splits["augmented"].num_examples > 120
    loaded = tfds.load("ganaug_rows", split="augmented", data_dir=tmp_path)
    assert loaded.element_spec == dataset.element_spec
    values = [row["s"] for row in loaded.as_numpy_iterator()]
    assert set(values) <= {b"red", b"green", b"blue"}


def test_tfds_features_map_dtypes():
    connectors = tfds_features({
        "s": tf.TensorSpec([], tf.string),
        "inner": {"b": tf.TensorSpec([], tf.bool)},
    })
    assert isinstance(connectors["s"], tfds.features.Text)
    assert isinstance(connectors["inner"]["b"], tfds.features.Scalar)
    assert tfds_features({"x": tf.TensorSpec([], tf.float64)})["x"].np_dtype == np.float64
