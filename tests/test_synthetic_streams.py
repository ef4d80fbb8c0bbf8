"""The tf.data streams share sample's seed, conditions and class shares."""

import pickle

import numpy as np
import pytest
import tensorflow as tf

from ganaug import GANAugmenter
from ganaug.tf_data import augment, synthetic_dataset

from .conftest import TINY

N_ROWS = 300
SHARES = {0: 0.6, 1: 0.3, 2: 0.1}


@pytest.fixture(scope="module")
def labelled():
    rng = np.random.default_rng(0)
    labels = rng.choice(list(SHARES), N_ROWS, p=list(SHARES.values()))
    features = {
        "x": (rng.normal(size=N_ROWS) + labels).astype("float32"),
        "city": rng.choice(["Lima", "Oslo", "Pune"], N_ROWS),
    }
    dataset = tf.data.Dataset.from_tensor_slices((features, labels)).batch(32)
    return dataset, labels, GANAugmenter(**TINY).fit(dataset)


def _label_shares(labels):
    return np.bincount(np.asarray(labels), minlength=len(SHARES)) / len(labels)


def test_a_long_stream_keeps_the_class_shares_of_sample(labelled):
    _, labels, aug = labelled
    streamed = np.concatenate([
        label.numpy() for _, label in synthetic_dataset(aug, seed=1).take(6000 // 32)
    ])
    _, sampled = aug.sample(len(streamed), random_state=1)
    training = _label_shares(labels)
    # sample rounds each class's training share; the stream draws each row's
    # class by the same shares.
    np.testing.assert_allclose(_label_shares(sampled), training, atol=1 / len(streamed) + 1e-9)
    np.testing.assert_allclose(_label_shares(streamed), training, atol=0.02)


def test_a_stream_keeps_a_condition_and_still_draws_the_classes(labelled):
    _, labels, aug = labelled
    stream = synthetic_dataset(aug, conditions={"city": "Oslo"}, seed=2).take(100)
    cities, streamed = [], []
    for features, label in stream:
        cities.append(features["city"].numpy())
        streamed.append(label.numpy())
    assert set(np.concatenate(cities).tolist()) == {b"Oslo"}
    np.testing.assert_allclose(
        _label_shares(np.concatenate(streamed)), _label_shares(labels), atol=0.03
    )


def test_a_condition_on_the_label_fixes_it(labelled):
    _, _, aug = labelled
    stream = synthetic_dataset(aug, conditions={"y": 2}, seed=3).take(20)
    assert {int(v) for _, label in stream for v in label.numpy()} == {2}


def test_without_a_seed_a_stream_repeats_like_sample(labelled):
    """Without a seed, streams (like sample) use the seed drawn at fit."""
    _, _, aug = labelled

    def first_batch(**seed):
        return next(iter(synthetic_dataset(aug, **seed)))[0]["x"].numpy()

    np.testing.assert_array_equal(first_batch(), first_batch())
    assert not np.array_equal(first_batch(), first_batch(seed=123))


def test_streaming_and_sampling_never_change_the_model(labelled, tmp_path):
    dataset, _, aug = labelled
    before = pickle.dumps(aug)
    attributes = dict(vars(aug))
    list(synthetic_dataset(aug, seed=0).take(3))
    list(augment(dataset, aug, synthetic_fraction=0.5, seed=0).take(3))
    aug.sample(50, discriminator_rejection=0.5)
    aug.write_samples(tmp_path / "rows.csv", 30)
    assert pickle.dumps(aug) == before
    assert vars(aug) == attributes


def test_a_loaded_model_streams_the_same_elements(labelled, tmp_path):
    dataset, _, aug = labelled
    aug.save(tmp_path / "model.ganaug")
    loaded = GANAugmenter.load(tmp_path / "model.ganaug")
    assert loaded.model_.element_structure == aug.model_.element_structure
    stream, again = synthetic_dataset(aug, seed=4), synthetic_dataset(loaded, seed=4)
    assert again.element_spec == stream.element_spec == dataset.element_spec
    for (x, y), (x2, y2) in zip(stream.take(2), again.take(2)):
        np.testing.assert_array_equal(y.numpy(), y2.numpy())
        np.testing.assert_array_equal(x["city"].numpy(), x2["city"].numpy())
        np.testing.assert_allclose(x["x"].numpy(), x2["x"].numpy(), rtol=1e-6)
