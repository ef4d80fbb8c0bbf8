"""Throughput of the in-graph synthetic stream and its cost to Keras training.

Run from anywhere (about half a minute on 2 cores):

    python benchmarks/bench_tf_data.py [--epochs 2] [--rows 100000] [--batch 256]

It reads ``adult.csv`` from the shared datasets (``../shared/datasets`` beside
the repository, or ``--data-dir``), or falls back to the 2,000-row sample that
ships with ganaug and says so.  Adult becomes a ``tf.data`` dataset of
``(features, label)`` batches (label: ``income == ">50K"``), a GAN of
``bench_speed.py``'s shape fits on it for ``--epochs`` epochs (throughput
does not depend on how well it learnt), and, in one process:

1. ``GANAugmenter.sample`` throughput into a DataFrame beside the steady
   throughput of ``synthetic_dataset`` (rows pulled to the host as tensors),
   batched like the training data and unbatched (consumed in batches of
   the same size), and the start-up of a new iterator;
2. one Keras epoch (Normalization and StringLookup layers, one hidden layer)
   on ``augment(real, ..., synthetic_fraction=0.3)`` against the same model on
   the real stream: with the same number of steps (the cost of generating
   rows while training; target ratio <= 1.3), and over a whole pass, which
   holds 1 / 0.7 = 1.43x the rows.  Both streams are ``.repeat()``-ed with
   ``steps_per_epoch`` (Keras keeps one iterator); an epoch's time is the
   median of epochs 1 to ``--keras-epochs - 1`` (epoch 0 traces the model).

Throughput figures are the median of 3 runs after a warm-up run.
"""

import argparse
import math
import os
import statistics
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import numpy as np
import pandas as pd
from _timing import CTGAN_SHAPE, median_seconds

HERE = Path(__file__).resolve().parent
WORKSPACE = HERE.parents[1]
SHAPE = CTGAN_SHAPE
FRACTION = 0.3
TARGET_RATIO = 1.3


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=2, help="GAN epochs")
    parser.add_argument("--rows", type=int, default=100_000, help="rows per throughput run")
    parser.add_argument("--batch", type=int, default=256, help="tf.data batch size")
    parser.add_argument("--keras-epochs", type=int, default=8,
                        help="Keras epochs per timed fit (at least 2; epoch 0 is not timed)")
    parser.add_argument("--data-dir", type=Path, default=WORKSPACE / "shared" / "datasets",
                        help="folder holding adult.csv (default: %(default)s)")
    return parser.parse_args()




def load_adult(data_dir):
    csv = data_dir / "adult.csv"
    if csv.is_file():
        return pd.read_csv(csv), f"adult ({csv})"
    from ganaug.datasets import load_adult_sample

    print(f"{csv} not found: using ganaug.datasets.load_adult_sample() (2,000 rows) instead")
    return load_adult_sample(), "the bundled adult sample"


def to_dataset(frame):
    """``(features, label)`` elements: int64 numbers, strings, an int32 label."""
    import tensorflow as tf

    features = frame.drop(columns="income")
    columns = {}
    for name in features.columns:
        series = features[name]
        numeric = pd.api.types.is_numeric_dtype(series)
        columns[name] = series.to_numpy(np.int64 if numeric else str)
    label = (frame["income"].str.strip() == ">50K").to_numpy(np.int32)
    return tf.data.Dataset.from_tensor_slices((columns, label))


def stream_seconds(dataset, n_rows):
    """``(start-up, steady)`` seconds: a new iterator's first batch, then
    ``n_rows`` more rows pulled to the host."""
    start = time.perf_counter()
    iterator = iter(dataset)
    next(iterator)
    first = time.perf_counter()
    seen = 0
    while seen < n_rows:
        features, _ = next(iterator)
        seen += int(features["age"].shape[0])
    return first - start, time.perf_counter() - first


def throughput(aug, rows, batch):
    """Rows per second of ``sample`` and of the streams (median of 3)."""
    from ganaug.tf_data import synthetic_dataset

    figures = {"sample": rows / median_seconds(lambda: aug.sample(rows))}
    streams = {  # batched like the training data; unbatched, consumed in batches
        "stream": synthetic_dataset(aug, seed=0),
        "unbatched": synthetic_dataset(aug, seed=0).unbatch().batch(batch),
    }
    for name, dataset in streams.items():
        stream_seconds(dataset, rows)
        runs = [stream_seconds(dataset, rows) for _ in range(3)]
        figures[name] = rows / statistics.median(steady for _, steady in runs)
        figures[name + "_start_s"] = statistics.median(start for start, _ in runs)
    return figures


def build_model(frame):
    import keras

    inputs, encoded = {}, []
    for name in frame.columns.drop("income"):
        series = frame[name]
        if pd.api.types.is_numeric_dtype(series):
            inputs[name] = keras.Input(shape=(), dtype="int64", name=name)
            norm = keras.layers.Normalization(axis=None)
            norm.adapt(series.to_numpy(np.float32))
            encoded.append(keras.layers.Reshape((1,))(norm(inputs[name])))
        else:
            inputs[name] = keras.Input(shape=(), dtype="string", name=name)
            lookup = keras.layers.StringLookup(
                vocabulary=sorted(series.astype(str).unique()), output_mode="one_hot")
            encoded.append(lookup(inputs[name]))
    hidden = keras.layers.Dense(64, activation="relu")(keras.layers.Concatenate()(encoded))
    model = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(hidden))
    model.compile(optimizer="adam", loss="binary_crossentropy")
    return model


def epoch_seconds(frame, data, steps, epochs):
    """Median seconds of Keras epochs 1.. on ``data.repeat()`` (epoch 0 traces)."""
    import keras

    class Timer(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            self.start = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            seconds.append(time.perf_counter() - self.start)

    seconds = []
    build_model(frame).fit(data.repeat(), epochs=epochs, steps_per_epoch=steps,
                           callbacks=[Timer()], verbose=0, shuffle=False)
    return statistics.median(seconds[1:])


def first_batch_seconds(data):
    """Median seconds from a new iterator to its first batch."""
    return median_seconds(lambda: next(iter(data)))


def epoch_figures(frame, real, aug, batch, epochs):
    """Keras epochs on the real and the augmented streams, and their start-up."""
    from ganaug.tf_data import augment

    steps = math.ceil(len(frame) / batch)
    pass_steps = math.ceil(len(frame) / (1 - FRACTION) / batch)
    mixed = augment(real, aug, synthetic_fraction=FRACTION, seed=0)
    return {
        "steps": steps, "pass_steps": pass_steps,
        "real_s": epoch_seconds(frame, real, steps, epochs),
        "same_steps_s": epoch_seconds(frame, mixed, steps, epochs),
        "pass_s": epoch_seconds(frame, mixed, pass_steps, epochs),
        "real_start_s": first_batch_seconds(real),
        "mixed_start_s": first_batch_seconds(mixed),
    }


def main():
    args = parse_args()
    import keras
    import tensorflow as tf

    from ganaug import GANAugmenter

    frame, source = load_adult(args.data_dir)
    real = to_dataset(frame).batch(args.batch).prefetch(tf.data.AUTOTUNE)
    start = time.perf_counter()
    aug = GANAugmenter(epochs=args.epochs, random_state=0, **SHAPE).fit(real)
    fit_s = time.perf_counter() - start
    print(f"ganaug tf.data on {source}: {len(frame):,} rows, batches of {args.batch} "
          f"(TF {tf.__version__}, Keras {keras.__version__}, {os.cpu_count()} CPUs); "
          f"GAN fit on the dataset: {args.epochs} epochs, {fit_s:.1f} s")
    rates = throughput(aug, args.rows, args.batch)
    print(f"\nthroughput, {args.rows:,} rows to the host (median of 3):")
    print(f"  GANAugmenter.sample (DataFrame):         {rates['sample']:>9,.0f} rows/s")
    for name, label in (("stream", "batched stream"), ("unbatched", "unbatched, rebatched")):
        print(f"  synthetic_dataset, {label + ':':21} {rates[name]:>9,.0f} rows/s "
              f"({rates[name] / rates['sample']:.2f}x sample; plus "
              f"{1000 * rates[name + '_start_s']:.0f} ms to a new iterator's first batch)")
    e = epoch_figures(frame, real, aug, args.batch, args.keras_epochs)
    ratio = e["same_steps_s"] / e["real_s"]
    ok = "ok" if ratio <= TARGET_RATIO else "MISSED"
    print(f"\none Keras epoch, synthetic_fraction={FRACTION} (median of epochs 1-"
          f"{args.keras_epochs - 1} of a fit on stream.repeat() with steps_per_epoch):")
    print(f"  real stream, {e['steps']} steps:                {e['real_s']:.3f} s")
    print(f"  augmented stream, same {e['steps']} steps:      {e['same_steps_s']:.3f} s "
          f"(ratio {ratio:.2f}, target <= {TARGET_RATIO}: {ok})")
    print(f"  augmented stream, a pass ({e['pass_steps']} steps): {e['pass_s']:.3f} s "
          f"(ratio {e['pass_s'] / e['real_s']:.2f} for 1/{1 - FRACTION:.1f} the rows)")
    print(f"  first batch of a new iterator: real {1000 * e['real_start_s']:.0f} ms, "
          f"augmented {1000 * e['mixed_start_s']:.0f} ms (paid per pass without repeat())")

if __name__ == "__main__":
    main()
