"""TensorFlow Datasets: a real table written as TFDS, fitted on, augmented, written back.

Data: scikit-learn's bundled wine table (178 rows, 13 numeric features,
target ``cultivar`` in {0, 1, 2}).  Everything runs offline in a temporary
``data_dir``; nothing is downloaded.

What it shows
-------------
1. The real table, split 75/25, is written as the TFDS dataset
   ``ganaug_wine`` with ``tfds.dataset_builders.store_as_tfds_dataset``,
   elements ``{"features": {...}, "label": ...}`` (the layout that
   :func:`ganaug.tfds.store_augmented` writes), and read back with
   ``tfds.load``.
2. :func:`ganaug.tfds.fit_on_split` fits a :class:`ganaug.GANAugmenter` on
   its ``train`` split (``load_split`` turns the elements into
   ``(features, label)`` tuples).
3. :func:`ganaug.tfds.store_augmented` writes the train split mixed with 30%
   synthetic elements as ``ganaug_wine_augmented``; ``tfds.load`` reads it
   back, and the report checks its row counts (every real row once, plus the
   synthetic ones), feature names and dtypes.

Run ``python integrations/tfds/tfds_scenario.py``.
"""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import tempfile
import time

import numpy as np
import tensorflow as tf
import tensorflow_datasets as tfds
from sklearn.datasets import load_wine
from sklearn.model_selection import train_test_split

from ganaug import GANAugmenter
from ganaug.tfds import fit_on_split, load_split, store_augmented, tfds_features

REAL_NAME = "ganaug_wine"
AUGMENTED_NAME = "ganaug_wine_augmented"
FRACTION = 0.3

FULL = dict(gan=dict(epochs=100, batch_size=50, generator_dims=(64, 64),
                     discriminator_dims=(64, 64), noise_dim=32, random_state=0))
QUICK = dict(gan=dict(epochs=2, batch_size=32, generator_dims=(16,),
                      discriminator_dims=(16,), noise_dim=8, random_state=0))


def load_table(seed=0):
    """``{split: (features dict of float32 arrays, int64 labels)}``.

    TFDS feature names may not hold ``/``, so ``od280/od315_of_diluted_wines``
    becomes ``od280_od315_of_diluted_wines``.
    """
    frame = load_wine(as_frame=True).frame
    frame.columns = [c.replace("/", "_") for c in frame.columns]
    train, test = train_test_split(frame, test_size=0.25, stratify=frame["target"],
                                   random_state=seed)
    names = [c for c in frame.columns if c != "target"]
    return {
        split: ({n: part[n].to_numpy(np.float32) for n in names},
                part["target"].to_numpy(np.int64))
        for split, part in (("train", train), ("test", test))
    }


def write_real(table, data_dir):
    """Write the table as the TFDS dataset REAL_NAME; return its builder."""
    splits = {
        split: tf.data.Dataset.from_tensor_slices({"features": features, "label": label})
        for split, (features, label) in table.items()
    }
    spec = next(iter(splits.values())).element_spec
    return tfds.dataset_builders.store_as_tfds_dataset(
        name=REAL_NAME, version="1.0.0", features=tfds_features(spec),
        split_datasets=splits, data_dir=data_dir,
        description="scikit-learn's wine table (real rows only).",
    )


def _key(features, label):
    return tuple(float(features[n]) for n in sorted(features)) + (int(label),)


def _dtypes(features_spec, label_spec):
    return {**{n: s.dtype.name for n, s in features_spec.items()}, "label": label_spec.dtype.name}


def main(quick=False, data_dir=None):
    """Run the scenario; print a short report and return its figures.

    Parameters
    ----------
    quick : bool, default=False
        Tiny GAN (for the test).
    data_dir : path-like, default=None
        Where the TFDS datasets are written; a temporary folder when None.

    Returns
    -------
    dict
    """
    if data_dir is None:
        with tempfile.TemporaryDirectory() as folder:
            return main(quick=quick, data_dir=folder)
    settings = QUICK if quick else FULL
    start = time.perf_counter()
    table = load_table()
    source_names = list(table["train"][0])

    builder = write_real(table, data_dir)
    real_counts = {s: builder.info.splits[s].num_examples for s in table}
    raw = tfds.load(REAL_NAME, split="train", data_dir=data_dir)
    real_train = load_split(REAL_NAME, "train", data_dir=data_dir)
    real_rows = [_key(f, y) for f, y in real_train.as_numpy_iterator()]
    source_rows = [_key({n: v[i] for n, v in table["train"][0].items()}, table["train"][1][i])
                   for i in range(len(table["train"][1]))]

    aug = fit_on_split(GANAugmenter(**settings["gan"]), REAL_NAME, "train", data_dir=data_dir)
    augmented_builder = store_augmented(
        real_train, aug, AUGMENTED_NAME, data_dir=data_dir,
        synthetic_fraction=FRACTION, seed=0,
    )
    augmented = load_split(AUGMENTED_NAME, "train", data_dir=data_dir)
    augmented_raw = tfds.load(AUGMENTED_NAME, split="train", data_dir=data_dir)
    stored = list(augmented.as_numpy_iterator())
    real_set = set(real_rows)
    n_real_found = sum(_key(f, y) in real_set for f, y in stored)
    labels = np.array([y for _, y in stored])
    seconds = time.perf_counter() - start

    features_spec, label_spec = real_train.element_spec
    results = {
        "source_rows": {s: len(y) for s, (_, y) in table.items()},
        "source_feature_names": source_names,
        "real_split_counts": real_counts,
        "real_raw_keys": sorted(raw.element_spec),
        "real_rows_read": len(real_rows),
        "real_rows_match_source": sorted(real_rows) == sorted(source_rows),
        "real_spec": real_train.element_spec,
        "augmented_spec": augmented.element_spec,
        "augmented_raw_keys": sorted(augmented_raw.element_spec),
        "real_feature_names": sorted(features_spec),
        "real_dtypes": _dtypes(features_spec, label_spec),
        "augmented_dtypes": _dtypes(*augmented.element_spec),
        "augmented_num_examples": augmented_builder.info.splits["train"].num_examples,
        "augmented_rows_read": len(stored),
        "augmented_real_rows": n_real_found,
        "augmented_synthetic_rows": len(stored) - n_real_found,
        "augmented_labels": labels,
        "augmenter_features": int(aug.n_features_in_),
        "seconds": seconds,
    }
    _report(results)
    return results


def _report(r):
    print(f"wine: wrote {REAL_NAME} with splits {r['real_split_counts']}; tfds.load read "
          f"{r['real_rows_read']} train rows back (identical to the source: "
          f"{r['real_rows_match_source']})")
    print(f"fit_on_split: GAN fitted on {r['augmenter_features']} features + label")
    print(f"store_augmented(synthetic_fraction={FRACTION}): {AUGMENTED_NAME} holds "
          f"{r['augmented_rows_read']} rows = {r['augmented_real_rows']} real + "
          f"{r['augmented_synthetic_rows']} synthetic "
          f"({r['augmented_synthetic_rows'] / r['augmented_rows_read']:.1%} synthetic)")
    print(f"feature names and dtypes equal to the real dataset's: "
          f"{r['augmented_spec'] == r['real_spec']} "
          f"({len(r['real_feature_names'])} x float32, label int64)")
    counts = np.bincount(r["augmented_labels"], minlength=3)
    print(f"labels in the augmented dataset: {dict(enumerate(counts.tolist()))}")
    print(f"done in {r['seconds']:.0f} s")


if __name__ == "__main__":
    main()
