"""tf.data: fit on a dataset, mix synthetic elements into a Keras training stream.

Data: the UCI Adult sample that ships with ganaug (2,000 rows).  Elements are
``(features, label)`` with 3 float32 numeric features, 4 string features and
an int32 label ``income == ">50K"``.

What it shows
-------------
1. :class:`ganaug.GANAugmenter` fits on the batched training dataset itself
   (no DataFrame in between).
2. :func:`ganaug.tf_data.synthetic_dataset` streams synthetic batches with
   exactly the training dataset's ``element_spec``.
3. :func:`ganaug.tf_data.augment` mixes them into the training stream at
   ``synthetic_fraction=0.3``; the rows are generated inside the TensorFlow
   graph.  Over ``N`` mixed elements the scenario counts those that are not
   real rows (real numeric values are whole numbers and real rows are known,
   so a synthetic row is recognised by not being in the training set).
4. A Keras model with ``Normalization`` and ``StringLookup`` layers trains on
   the augmented stream (``.repeat()`` + ``steps_per_epoch``: a pass over a
   mixed stream has a varying length) and on the real stream, and both are
   evaluated on held-out real rows.

Run ``python integrations/tf_data/tf_data_scenario.py``.
"""

import os

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import time

import keras
import numpy as np
import tensorflow as tf
from sklearn.model_selection import train_test_split

from ganaug import GANAugmenter
from ganaug.datasets import load_adult_sample
from ganaug.tf_data import augment, synthetic_dataset

NUMERIC = ["age", "education-num", "hours-per-week"]
CATEGORICAL = ["workclass", "marital-status", "occupation", "sex"]
TARGET = "income"
POSITIVE = ">50K"
FRACTION = 0.3

# Full run: a small GAN and 3 Keras epochs (well under a minute on 2 CPU cores).
FULL = dict(
    n_rows=None, batch=64, keras_epochs=3, n_mixed=5000,
    gan=dict(epochs=30, batch_size=250, generator_dims=(128, 128),
             discriminator_dims=(128, 128), noise_dim=64, random_state=0),
)
# Quick run (the test): 400 rows and a tiny GAN.
QUICK = dict(
    n_rows=400, batch=32, keras_epochs=2, n_mixed=2000,
    gan=dict(epochs=2, batch_size=32, generator_dims=(16,), discriminator_dims=(16,),
             noise_dim=8, random_state=0),
)


def load_data(n_rows=None, seed=0):
    """``(train, test)`` frames of the Adult sample, stratified on the target."""
    frame = load_adult_sample()[NUMERIC + CATEGORICAL + [TARGET]]
    if n_rows is not None and n_rows < len(frame):
        frame, _ = train_test_split(
            frame, train_size=n_rows, stratify=frame[TARGET], random_state=seed
        )
    return train_test_split(frame, test_size=0.25, stratify=frame[TARGET], random_state=seed)


def to_dataset(frame):
    """Unbatched ``(features, label)`` elements: float32, strings, an int32 label."""
    features = {name: frame[name].to_numpy(np.float32) for name in NUMERIC}
    features.update({name: frame[name].to_numpy(str) for name in CATEGORICAL})
    label = (frame[TARGET] == POSITIVE).to_numpy(np.int32)
    return tf.data.Dataset.from_tensor_slices((features, label))


def row_key(features, label):
    """A hashable key of one numpy element (features dict, label)."""
    numbers = tuple(float(features[name]) for name in NUMERIC)
    return numbers + tuple(features[name] for name in CATEGORICAL) + (int(label),)


def build_model(train):
    """Normalisation and one-hot lookups adapted on the real training rows."""
    inputs, encoded = {}, []
    for name in NUMERIC:
        inputs[name] = keras.Input(shape=(), dtype="float32", name=name)
        norm = keras.layers.Normalization(axis=None)
        norm.adapt(train[name].to_numpy(np.float32))
        encoded.append(keras.layers.Reshape((1,))(norm(inputs[name])))
    for name in CATEGORICAL:
        inputs[name] = keras.Input(shape=(), dtype="string", name=name)
        lookup = keras.layers.StringLookup(
            vocabulary=sorted(train[name].unique()), output_mode="one_hot"
        )
        encoded.append(lookup(inputs[name]))
    hidden = keras.layers.Dense(16, activation="relu")(keras.layers.Concatenate()(encoded))
    model = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(hidden))
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    return model


def main(quick=False):
    """Run the scenario; print a short report and return its figures.

    Parameters
    ----------
    quick : bool, default=False
        Tiny GAN, 400 rows, 2 Keras epochs (for the test).

    Returns
    -------
    dict
    """
    settings = QUICK if quick else FULL
    start = time.perf_counter()
    keras.utils.set_random_seed(0)
    train, test = load_data(settings["n_rows"])
    batch = settings["batch"]
    train_ds = to_dataset(train).batch(batch)
    test_ds = to_dataset(test).batch(256)

    aug = GANAugmenter(**settings["gan"]).fit(train_ds)
    synthetic = synthetic_dataset(aug, seed=0)
    stream = augment(train_ds, aug, synthetic_fraction=FRACTION, seed=0)

    # Share of synthetic elements: mixed elements that are not training rows.
    real_keys = {row_key(f, y) for f, y in to_dataset(train).as_numpy_iterator()}
    mixed = stream.repeat().unbatch().take(settings["n_mixed"])
    is_synthetic = np.array([row_key(f, y) not in real_keys
                             for f, y in mixed.as_numpy_iterator()])
    first = next(iter(synthetic.as_numpy_iterator()))

    steps = int(np.ceil(len(train) / (1 - FRACTION) / batch))
    runs = {}
    for name, data, steps_per_epoch in (("augmented", stream.repeat(), steps),
                                        ("real only", train_ds, None)):
        model = build_model(train)
        history = model.fit(data, epochs=settings["keras_epochs"],
                            steps_per_epoch=steps_per_epoch, verbose=0, shuffle=False)
        loss, accuracy = model.evaluate(test_ds, verbose=0)
        runs[name] = dict(train_loss=[float(v) for v in history.history["loss"]],
                          test_loss=float(loss), test_accuracy=float(accuracy))
    seconds = time.perf_counter() - start

    results = {
        "n_train": len(train),
        "n_test": len(test),
        "train_spec": train_ds.element_spec,
        "synthetic_spec": synthetic.element_spec,
        "augmented_spec": stream.element_spec,
        "synthetic_batch": first,
        "vocabularies": {name: sorted(train[name].unique()) for name in CATEGORICAL},
        "n_mixed": len(is_synthetic),
        "synthetic_share": float(is_synthetic.mean()),
        "steps_per_epoch": steps,
        "augmented": runs["augmented"],
        "real_only": runs["real only"],
        "seconds": seconds,
    }
    _report(results)
    return results


def _report(r):
    print(f"Adult sample: {r['n_train']} train / {r['n_test']} test rows, "
          f"{len(NUMERIC)} numeric + {len(CATEGORICAL)} string features")
    print(f"synthetic_dataset element_spec equals the training one: "
          f"{r['synthetic_spec'] == r['train_spec']}")
    print(f"augment(synthetic_fraction={FRACTION}): {r['synthetic_share']:.1%} synthetic "
          f"over {r['n_mixed']} elements")
    for name in ("augmented", "real_only"):
        run = r[name]
        print(f"{name:>10}: final training loss {run['train_loss'][-1]:.3f}, held-out "
              f"loss {run['test_loss']:.3f}, accuracy {run['test_accuracy']:.3f}")
    print(f"done in {r['seconds']:.0f} s")


if __name__ == "__main__":
    main()
