"""Train a Keras model on a tf.data stream augmented with synthetic rows.

    python examples/tf_data_keras.py        # about half a minute on 2 CPU cores

1. The bundled Adult sample becomes a ``tf.data.Dataset`` of ``(features,
   label)`` batches, the label being ``income == ">50K"``.
2. A :class:`ganaug.GANAugmenter` fits on that dataset directly (a few epochs
   of a small GAN: enough for a demonstration, not for quality).
3. :func:`ganaug.tf_data.augment` mixes 30% synthetic rows into the training
   stream.  They are generated inside the TensorFlow graph, in parallel with
   training, with the training elements' exact structure.
4. A Keras model with ``Normalization`` and ``StringLookup`` layers trains on
   the augmented stream and on the real one; both are evaluated on held-out
   real rows.
"""

import os

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import keras
import numpy as np
import tensorflow as tf

from ganaug import GANAugmenter
from ganaug.datasets import load_adult_sample
from ganaug.tf_data import augment, synthetic_dataset

NUMERIC = ["age", "education-num", "hours-per-week"]
CATEGORICAL = ["workclass", "marital-status", "occupation", "sex"]
BATCH = 64


def to_dataset(frame):
    """``(features, label)`` elements: float32 numbers, strings, an int32 label."""
    features = {name: frame[name].to_numpy(np.float32) for name in NUMERIC}
    features.update({name: frame[name].to_numpy(str) for name in CATEGORICAL})
    label = (frame["income"] == ">50K").to_numpy(np.int32)
    return tf.data.Dataset.from_tensor_slices((features, label))


def build_model(train):
    """Normalisation and one-hot lookups fitted on the real training rows."""
    inputs, encoded = {}, []
    for name in NUMERIC:
        inputs[name] = keras.Input(shape=(), dtype="float32", name=name)
        norm = keras.layers.Normalization(axis=None)
        norm.adapt(train[name].to_numpy(np.float32))
        encoded.append(keras.layers.Reshape((1,))(norm(inputs[name])))
    for name in CATEGORICAL:
        inputs[name] = keras.Input(shape=(), dtype="string", name=name)
        vocabulary = sorted(train[name].unique())
        lookup = keras.layers.StringLookup(vocabulary=vocabulary, output_mode="one_hot")
        encoded.append(lookup(inputs[name]))
    hidden = keras.layers.Dense(32, activation="relu")(keras.layers.Concatenate()(encoded))
    model = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(hidden))
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    return model


def main():
    frame = load_adult_sample().sample(frac=1.0, random_state=0)
    train, test = frame.iloc[:1500], frame.iloc[1500:]
    train_ds = to_dataset(train).batch(BATCH)
    test_ds = to_dataset(test).batch(256)

    aug = GANAugmenter(epochs=30, batch_size=250, generator_dims=(128, 128),
                       discriminator_dims=(128, 128), random_state=0).fit(train_ds)
    stream = augment(train_ds, aug, synthetic_fraction=0.3, seed=0)
    assert stream.element_spec == train_ds.element_spec
    rich = synthetic_dataset(aug, conditions={"y": 1}, seed=0).unbatch().take(200)
    share = np.mean([row[0]["sex"] == b"Male" for row in rich.as_numpy_iterator()])
    print(f"synthetic rows with income >50K: {share:.0%} male")

    # A pass over the augmented stream holds about len(train) / 0.7 rows, and
    # its length varies; repeat() with steps_per_epoch fixes Keras's epochs.
    steps = int(np.ceil(len(train) / (1 - 0.3) / BATCH))
    runs = (("real only", train_ds, None), ("augmented", stream.repeat(), steps))
    for name, data, steps_per_epoch in runs:
        model = build_model(train)
        history = model.fit(data, epochs=3, steps_per_epoch=steps_per_epoch,
                            verbose=0, shuffle=False)
        _, accuracy = model.evaluate(test_ds, verbose=0)
        print(f"{name:>10}: final training loss {history.history['loss'][-1]:.3f}, "
              f"held-out accuracy {accuracy:.3f}")


if __name__ == "__main__":
    main()
