"""Streaming fit on CSV files of growing size: seconds per epoch and peak memory.

Run from anywhere:

    python benchmarks/bench_streaming.py [--rows 100000 1000000 5000000]

Writes CSV files of ``--rows`` rows resampled (with replacement, seed 0)
from adult (``../shared/datasets/adult.csv``, or ``--data-dir``; the script
stops if it is absent) into a temporary folder.  Each size is then fitted in
a fresh process with :func:`ganaug.tf_data.fit_streaming` for two epochs over
``make_csv_dataset(..., batch_size=4096, num_epochs=1, shuffle=False)``
(``income`` as the label), with networks of ``--dims`` (default 64-64 for
both, noise 64), batch 500 and pac 10.  Printed per size: the first
epoch's seconds (with the one-time tracing of the compiled epoch), the
second's, seconds per million rows of the second (constant when time grows
linearly), the
process's peak resident memory and, for comparison, the memory the same
table takes as a pandas DataFrame (measured on 100,000 rows, scaled): the
peak stays flat while the table grows, so the table is never loaded.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

from _timing import peak_rss_mib

HERE = Path(__file__).resolve().parent
WORKSPACE = HERE.parents[1]
WRITE_ROWS = 500_000


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000, 5_000_000])
    parser.add_argument("--dims", type=int, nargs="+", default=[64, 64])
    parser.add_argument("--data-dir", type=Path, default=WORKSPACE / "shared" / "datasets",
                        help="folder holding adult.csv (default: %(default)s)")
    parser.add_argument("--child", nargs=2, metavar=("CSV", "DIMS"), help=argparse.SUPPRESS)
    return parser.parse_args()


def write_csv(adult, n_rows, path, seed=0):
    """``n_rows`` rows drawn from ``adult``, written in chunks; returns the
    pandas memory of 100,000 of them, in MiB."""
    import numpy as np

    rng = np.random.default_rng(seed)
    per_100k = None
    for start in range(0, n_rows, WRITE_ROWS):
        rows = adult.iloc[rng.integers(0, len(adult), min(WRITE_ROWS, n_rows - start))]
        if per_100k is None:
            per_100k = rows.head(100_000).memory_usage(deep=True).sum() / 2**20
            per_100k *= 100_000 / min(100_000, len(rows))
        rows.to_csv(path, mode="a" if start else "w", header=start == 0, index=False)
    return per_100k


def child(csv, dims):
    """Fit one epoch on ``csv`` streamed; print a JSON line of the figures."""
    import tensorflow as tf

    from ganaug import GANAugmenter
    from ganaug.tf_data import fit_streaming

    dims = tuple(int(d) for d in dims.split(","))
    dataset = tf.data.experimental.make_csv_dataset(
        csv, batch_size=4096, label_name="income", num_epochs=1, shuffle=False
    )
    aug = GANAugmenter(epochs=2, batch_size=500, pac=10, generator_dims=dims,
                       discriminator_dims=dims, noise_dim=64, random_state=0)
    fit_streaming(aug, dataset)
    first, steady = aug.history_["seconds"].iloc[:2]
    print(json.dumps({"first": float(first), "seconds": float(steady),
                      "peak_rss_mib": peak_rss_mib()}))


def main():
    args = parse_args()
    if args.child:
        child(*args.child)
        return
    adult_csv = args.data_dir / "adult.csv"
    if not adult_csv.is_file():
        sys.exit(f"{adult_csv} is absent: this benchmark resamples adult; give --data-dir.")
    import pandas as pd

    adult = pd.read_csv(adult_csv)
    dims = ",".join(str(d) for d in args.dims)
    print(f"adult: {len(adult)} rows; networks {dims} (noise 64), batch 500, pac 10, "
          "2 epochs (the first includes tracing; the second is the steady epoch)")
    print(f"{'rows':>10} {'1st epoch s':>12} {'epoch s':>9} {'s / 1M rows':>12} "
          f"{'peak RSS MiB':>13} {'table in pandas MiB':>20}")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(HERE.parent)] + os.environ.get("PYTHONPATH", "").split(os.pathsep)))
    with tempfile.TemporaryDirectory() as folder:
        for n_rows in args.rows:
            csv = Path(folder) / f"adult_{n_rows}.csv"
            per_100k = write_csv(adult, n_rows, csv)
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(csv), dims],
                check=True, capture_output=True, text=True, env=env,
            )
            result = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"{n_rows:>10} {result['first']:>12.1f} {result['seconds']:>9.1f} "
                  f"{result['seconds'] / n_rows * 1e6:>12.1f} "
                  f"{result['peak_rss_mib']:>13.0f} {per_100k * n_rows / 1e5:>20.0f}",
                  flush=True)
            csv.unlink()


if __name__ == "__main__":
    main()
