"""CTGAN's side of ``bench_speed.py``; run it with the interpreter that has CTGAN.

    /path/to/ctgan-venv/bin/python benchmarks/_ctgan_speed.py adult.csv --rows 100000

Measures, on 2 torch threads: ``DataTransformer.fit`` alone, the per-epoch
time of a short ``CTGAN.fit`` (batch 500, pac 10, default 256-256 networks,
noise 128), ``sample`` throughput, and peak memory.  Prints one JSON object
on its last stdout line.  Kept apart so that ganaug never imports torch.
"""

import argparse
import json
import statistics
import time

import pandas as pd
from _timing import median_seconds, peak_rss_mib


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    return parser.parse_args()






def time_transformer_fit(df, discrete):
    from ctgan.data_transformer import DataTransformer

    start = time.perf_counter()
    DataTransformer().fit(df, discrete)
    return time.perf_counter() - start


def epoch_timer(stamps):
    """A stand-in for the ``tqdm`` that ``CTGAN.fit`` wraps its epoch loop in.

    It records the clock at every epoch boundary, so that one fit yields
    exact per-epoch times.  (Differencing an epochs=1 and an epochs=2 fit
    would bury a 4 s epoch under the noise of two 25 s transformer fits.)
    """

    def wrap(iterable, **_):
        for item in iterable:
            stamps.append(time.perf_counter())
            yield item
        stamps.append(time.perf_counter())

    return wrap


def time_fit(df, discrete, epochs):
    """Fit CTGAN; return the model, fit wall time and per-epoch times."""
    import ctgan.synthesizers.ctgan as ctgan_module

    stamps = []
    ctgan_module.tqdm = epoch_timer(stamps)
    model = ctgan_module.CTGAN(epochs=epochs, batch_size=500, pac=10, enable_gpu=False)
    start = time.perf_counter()
    model.fit(df, discrete)
    fit_s = time.perf_counter() - start
    return model, fit_s, [b - a for a, b in zip(stamps, stamps[1:])]


def main():
    args = parse_args()
    import ctgan
    import torch

    torch.set_num_threads(args.threads)
    df = pd.read_csv(args.csv)
    discrete = list(df.select_dtypes(exclude="number").columns)
    transformer_s = time_transformer_fit(df, discrete)
    model, fit_s, epoch_s = time_fit(df, discrete, args.epochs)
    # Same definition as ganaug's: steady epoch = median of epochs 1.., and
    # fixed cost = fit wall time less E steady epochs.
    steady_s = statistics.median(epoch_s[1:] or epoch_s)
    sample_s = median_seconds(lambda: model.sample(args.rows))
    print(json.dumps({
        "version": ctgan.__version__,
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "discrete_columns": len(discrete),
        "transformer_fit_s": transformer_s,
        "fit_s": fit_s,
        "epoch_s": epoch_s,
        "steady_epoch_s": steady_s,
        "fixed_cost_s": fit_s - len(epoch_s) * steady_s,
        "sample_s": sample_s,
        "sample_rows_per_s": args.rows / sample_s,
        "peak_rss_mib": peak_rss_mib(),
    }))


if __name__ == "__main__":
    main()
