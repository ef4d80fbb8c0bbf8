"""Pinned rows: hashes of sampled rows for fixed seeds.

These fingerprints were recorded before the core was reorganised into its
layers and hold after it: the same seed gives the same rows, bit for bit,
through ``sample`` (with and without a target, conditioned, with
discriminator rejection), ``write_samples`` and the ``tf.data`` stream of a
model fitted on unlabelled elements.  One fingerprint changed on purpose:
the stream of a model fitted on labelled elements now draws each element's
class by the training shares, as ``sample`` does (it used to draw its
conditions like an unconditioned sample); its old value is kept beside the
new one.

TensorFlow's CPU kernels (oneDNN) may round differently on another CPU
family, which would change every fingerprint at once; on one machine type
they are exact.  When a deliberate change to training or sampling moves
them, record the new values here and say why in the commit.
"""

import hashlib

import numpy as np
import pandas as pd
import pytest

from ganaug import GANAugmenter

from .conftest import TINY, mixed_frame

FINGERPRINTS = {
    "no_y": "cb873727d5147d7a",
    "conditioned": "bb1dbbcb360ba773",
    "seeded_call": "8e8146dbd6e3e0ac",
    "rejection": "9774cde11134d4c3",
    "class_y": "d202635bc5e434bc",
    "class_y_conditioned": "a38f38a560f8bdba",
    "regression_y": "aa307b285c07036c",
    "write_first_chunk": "0a5af9671591c65f",
    "synthetic_dataset_no_label": "6ad0e4ad17510a16",
    # Before the streams drew their class shares: "6a06cb80baa5657d".
    "synthetic_dataset_batch": "dad6d1420bacf285",
}


def digest(*parts):
    """A short hash of the values of frames, Series and arrays, as CSV text."""
    h = hashlib.sha256()
    for part in parts:
        if isinstance(part, pd.Series):
            part = part.to_frame()
        if isinstance(part, np.ndarray):
            part = pd.DataFrame(part)
        h.update(part.to_csv(index=False).encode())
    return h.hexdigest()[:16]


@pytest.fixture(scope="module")
def frame():
    return mixed_frame(80)


@pytest.fixture(scope="module")
def unlabelled(frame):
    return GANAugmenter(**TINY).fit(frame)


@pytest.fixture(scope="module")
def labelled(frame):
    return GANAugmenter(**TINY).fit(frame.drop(columns="text"), frame["text"])


def test_sample_without_a_target(unlabelled):
    assert digest(unlabelled.sample(50)) == FINGERPRINTS["no_y"]
    assert digest(unlabelled.sample(20, random_state=7)) == FINGERPRINTS["seeded_call"]


def test_conditioned_and_rejection_samples(unlabelled):
    rows = unlabelled.sample(30, conditions={"text": "red", "bool": True})
    assert digest(rows) == FINGERPRINTS["conditioned"]
    rows = unlabelled.sample(20, discriminator_rejection=0.3)
    assert digest(rows) == FINGERPRINTS["rejection"]


def test_sample_with_a_class_target(labelled):
    assert digest(*labelled.sample(50)) == FINGERPRINTS["class_y"]
    rows = labelled.sample(20, conditions={"text": "blue"})
    assert digest(*rows) == FINGERPRINTS["class_y_conditioned"]


def test_sample_with_a_regression_target(frame):
    model = GANAugmenter(**TINY).fit(
        frame.drop(columns="text"), frame["float"].rename("target")
    )
    assert digest(*model.sample(40)) == FINGERPRINTS["regression_y"]


def test_first_chunk_of_write_samples(labelled, tmp_path):
    path = tmp_path / "rows.csv"
    labelled.write_samples(path, 40, chunk_rows=25)
    assert digest(pd.read_csv(path).iloc[:25]) == FINGERPRINTS["write_first_chunk"]


def test_one_batch_of_synthetic_dataset():
    import tensorflow as tf

    from ganaug.tf_data import synthetic_dataset

    rng = np.random.default_rng(0)
    labelled = tf.data.Dataset.from_tensor_slices((
        {"age": rng.normal(40, 10, 120).astype("float32"),
         "city": rng.choice(["Oslo", "Rome", "Lima"], 120)},
        rng.integers(0, 2, 120))).batch(16)
    model = GANAugmenter(**TINY).fit(labelled)
    features, label = next(iter(synthetic_dataset(model, seed=0)))
    batch = pd.DataFrame({k: v.numpy() for k, v in features.items()}).assign(label=label.numpy())
    assert digest(batch) == FINGERPRINTS["synthetic_dataset_batch"]
    unlabelled = tf.data.Dataset.from_tensor_slices(
        {"age": rng.normal(40, 10, 120).astype("float32"),
         "city": rng.choice(["Oslo", "Rome", "Lima"], 120)}).batch(16)
    model = GANAugmenter(**TINY).fit(unlabelled)
    element = next(iter(synthetic_dataset(model, seed=0)))
    rows = pd.DataFrame({k: v.numpy() for k, v in element.items()})
    assert digest(rows) == FINGERPRINTS["synthetic_dataset_no_label"]
