"""Writing synthetic rows to Parquet at scale: rows/s and peak memory.

Run from anywhere (about two minutes on 2 cores):

    python benchmarks/bench_generation.py [--rows 1000000 10000000] [--chunk-rows 262144]

A GAN of ``bench_speed.py``'s shape (CTGAN's sizes) fits on adult
(``../shared/datasets/adult.csv``, or ``--data-dir``; the 2,000-row sample
shipped with ganaug otherwise) for one epoch (throughput does not depend on
how well it learnt) and is saved.  Each measurement then runs in a fresh
process that loads the model and either writes ``--rows`` rows with
``GANAugmenter.write_samples`` to a Parquet file, or, as the baseline, holds
the smallest count in memory with ``GANAugmenter.sample``.  Printed per run:
seconds, rows/s, the process's resident memory after loading the model and
its peak, and the peak relative to the first ``write_samples`` run: with
chunked writing it stays flat as the row count grows.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

from _timing import CTGAN_SHAPE, peak_rss_mib

HERE = Path(__file__).resolve().parent
WORKSPACE = HERE.parents[1]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--chunk-rows", type=int, default=262_144)
    parser.add_argument("--data-dir", type=Path, default=WORKSPACE / "shared" / "datasets",
                        help="folder holding adult.csv (default: %(default)s)")
    parser.add_argument("--child", nargs=4, metavar=("MODE", "ROWS", "MODEL", "OUT"),
                        help=argparse.SUPPRESS)
    return parser.parse_args()


def load_adult(data_dir):
    import pandas as pd

    csv = data_dir / "adult.csv"
    if csv.is_file():
        return pd.read_csv(csv), f"adult ({csv})"
    from ganaug.datasets import load_adult_sample

    return load_adult_sample(), "the bundled adult sample (2,000 rows)"


def fit_model(data_dir, path):
    from ganaug import GANAugmenter

    frame, source = load_adult(data_dir)
    start = time.perf_counter()
    GANAugmenter(**CTGAN_SHAPE, epochs=1, random_state=0).fit(frame).save(path)
    print(f"Fitted on {source} in {time.perf_counter() - start:.1f} s; model saved.")


def child(mode, rows, model, out):
    """Load the model, generate ``rows`` rows, print the figures as JSON."""
    from ganaug import GANAugmenter

    aug = GANAugmenter.load(model)
    aug.sample(1000)  # traces the sampling graph
    loaded = _current_rss_mib()
    start = time.perf_counter()
    if mode == "write":
        aug.write_samples(out, int(rows), chunk_rows=ARGS.chunk_rows, random_state=0)
    else:
        frame = aug.sample(int(rows), random_state=0)
        assert len(frame) == int(rows)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "loaded": loaded, "peak": peak_rss_mib()}))


def _current_rss_mib():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def measure(mode, rows, model, out):
    command = [sys.executable, __file__, "--chunk-rows", str(ARGS.chunk_rows),
               "--child", mode, str(rows), str(model), str(out)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main():
    with tempfile.TemporaryDirectory() as tmp:
        model = Path(tmp) / "adult.ganaug"
        fit_model(ARGS.data_dir, model)
        runs = [("sample (in memory)", "sample", min(ARGS.rows))]
        runs += [("write_samples -> Parquet", "write", n) for n in ARGS.rows]
        print(f"chunk_rows={ARGS.chunk_rows:,}")
        print(f"{'method':<26}{'rows':>12}{'seconds':>9}{'rows/s':>12}"
              f"{'RSS loaded':>12}{'peak RSS':>10}{'peak / first write':>20}")
        first_write = None
        for label, mode, n in runs:
            out = Path(tmp) / f"rows_{n}.parquet"
            figures = measure(mode, n, model, out)
            if mode == "write":
                first_write = first_write or figures["peak"]
                out.unlink()
            ratio = figures["peak"] / first_write if mode == "write" else float("nan")
            print(f"{label:<26}{n:>12,}{figures['seconds']:>9.1f}"
                  f"{n / figures['seconds']:>12,.0f}{figures['loaded']:>9.0f} MiB"
                  f"{figures['peak']:>6.0f} MiB{ratio:>19.2f}x")


ARGS = parse_args()

if __name__ == "__main__":
    if ARGS.child:
        child(*ARGS.child)
    else:
        main()
