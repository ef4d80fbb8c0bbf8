"""Speed and memory of ganaug on adult (32,561 x 15), beside CTGAN.

Run from anywhere (it takes a few minutes on 2 cores):

    python benchmarks/bench_speed.py [--epochs 4] [--rows 100000] [--json out.json]

It reads ``adult.csv`` from the shared datasets (``../shared/datasets`` beside
the repository, or ``--data-dir``) and measures, with TensorFlow already
imported:

1. the fixed cost of ``fit``: its wall time less ``E`` steady epochs, so it
   holds the encoder fit, building the networks and TF graph tracing;
   ``import tensorflow`` is timed apart, in a fresh process;
2. one steady epoch (median of epochs 1..E-1; batch 500, pac 10, 256-256,
   noise 128, as CTGAN's defaults);
3. ``sample`` throughput into a DataFrame (median of 3 after a warm-up);
4. the generator's forward pass on as many rows, with and without drawing
   its input noise, and how much slower ``sample`` is (target: at most 1.5x);
5. peak resident memory after fit and sample.

When CTGAN's interpreter is there (``../ctgan-venv/bin/python`` beside the
repository, or ``--ctgan-python``; ``--no-ctgan`` skips it), ``_ctgan_speed.py``
measures CTGAN on the same data and sizes in a subprocess, after ganaug, and
the table shows the ratios.  Otherwise the ratios are taken against the
reference figures of ``shared/ANCHORS.md``.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import pandas as pd
from _timing import CTGAN_SHAPE, median_seconds, peak_rss_mib

HERE = Path(__file__).resolve().parent
WORKSPACE = HERE.parents[1]
SHAPE = CTGAN_SHAPE
# CTGAN 0.12.1 on adult, measured on the project's machine (shared/ANCHORS.md).
ANCHORS = {"transformer_fit_s": 25.0, "steady_epoch_s": 4.0, "sample_rows_per_s": 52_600}
# ``import tensorflow`` also loads Keras 3 (TF >= 2.16); importing keras after
# it is free, but the probe imports both, as ganaug's fit does.
IMPORT_PROBE = ("import time; t0 = time.perf_counter(); import tensorflow, keras; "
                "print(time.perf_counter() - t0)")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=4,
                        help="epochs of the timed ganaug fit (at least 2)")
    parser.add_argument("--rows", type=int, default=100_000, help="rows per sample call")
    parser.add_argument("--data-dir", type=Path, default=WORKSPACE / "shared" / "datasets",
                        help="folder holding adult.csv (default: %(default)s)")
    parser.add_argument("--ctgan-python", type=Path,
                        default=WORKSPACE / "ctgan-venv" / "bin" / "python",
                        help="interpreter with CTGAN installed (default: %(default)s)")
    parser.add_argument("--no-ctgan", action="store_true", help="skip the CTGAN run")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    if args.epochs < 2:
        parser.error("--epochs must be at least 2: epoch 0 includes graph tracing")
    return args






def time_imports():
    """Seconds of ``import tensorflow, keras`` in a fresh process."""
    out = subprocess.run([sys.executable, "-c", IMPORT_PROBE], capture_output=True,
                         text=True, check=True)
    return {"import_tensorflow_s": float(out.stdout.split()[-1])}


def fit_figures(df, epochs):
    """Fixed cost and steady epoch of one fit, in a process where TF is imported."""
    from ganaug import GANAugmenter

    start = time.perf_counter()
    aug = GANAugmenter(epochs=epochs, random_state=0, **SHAPE).fit(df)
    fit_s = time.perf_counter() - start
    seconds = aug.history_["seconds"].to_numpy()
    steady_s = float(statistics.median(seconds[1:]))
    # Epoch 0 includes tracing the epoch graph; only its excess over a
    # steady epoch is fixed cost, so E steady epochs come off the wall time.
    return aug, {
        "fit_s": fit_s,
        "epoch_s": seconds.tolist(),
        "steady_epoch_s": steady_s,
        "fixed_cost_s": fit_s - epochs * steady_s,
        "outside_epochs_s": fit_s - float(seconds.sum()),
        "discrete_columns": len(aug.encoder_.discrete),
    }


def sample_figures(aug, rows):
    sample_s = median_seconds(lambda: aug.sample(rows))
    return {"sample_s": sample_s, "sample_rows_per_s": rows / sample_s}


def forward_figures(aug, rows):
    """The generator's forward pass on ``rows`` rows, in one compiled call:
    on a ready input (the bare network), and drawing its input noise first
    (what running the generator takes: G(z) with z ~ N(0, I))."""
    import tensorflow as tf

    cond = tf.one_hot(tf.zeros([rows], tf.int32), aug.encoder_.cond_dim)
    x = tf.concat([tf.random.normal((rows, aug.noise_dim), seed=0), cond], axis=1)
    bare = tf.function(lambda inputs: aug.generator_(inputs, training=False))
    seed = tf.constant([0, 1], tf.int64)

    @tf.function
    def with_noise():
        noise = tf.random.stateless_normal([rows, aug.noise_dim], seed)
        return aug.generator_(tf.concat([noise, cond], axis=1), training=False)

    forward_s = median_seconds(lambda: bare(x).numpy())
    noise_forward_s = median_seconds(lambda: with_noise().numpy())
    return {"forward_s": forward_s, "forward_rows_per_s": rows / forward_s,
            "noise_forward_s": noise_forward_s}


def bench_ganaug(df, epochs, rows):
    import keras
    import tensorflow as tf

    figures = {"tensorflow": tf.__version__, "keras": keras.__version__}
    figures.update(time_imports())
    aug, fit = fit_figures(df, epochs)
    figures.update(fit)
    figures.update(sample_figures(aug, rows))
    figures["peak_rss_mib"] = peak_rss_mib()
    figures.update(forward_figures(aug, rows))
    figures["sample_over_forward"] = figures["sample_s"] / figures["forward_s"]
    figures["sample_over_noise_forward"] = figures["sample_s"] / figures["noise_forward_s"]
    return figures


def run_ctgan(python, csv, rows):
    """CTGAN's figures from ``_ctgan_speed.py`` under ``python``; None on failure."""
    command = [str(python), str(HERE / "_ctgan_speed.py"), str(csv), "--rows", str(rows)]
    out = subprocess.run(command, capture_output=True, text=True)
    if out.returncode != 0:
        print(f"CTGAN run failed ({out.returncode}):\n{out.stderr[-2000:]}", file=sys.stderr)
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])


def comparison(ganaug, reference):
    """Rows of (figure, ganaug, reference, ratio, target ratio); ratio > 1: ganaug wins."""
    g, r = ganaug, reference
    return [
        ("fixed cost of fit vs transformer fit (s)", g["fixed_cost_s"],
         r["transformer_fit_s"], r["transformer_fit_s"] / g["fixed_cost_s"], 5.0),
        ("one steady epoch (s)", g["steady_epoch_s"], r["steady_epoch_s"],
         r["steady_epoch_s"] / g["steady_epoch_s"], 2.5),
        ("sample into a DataFrame (rows/s)", g["sample_rows_per_s"],
         r["sample_rows_per_s"], g["sample_rows_per_s"] / r["sample_rows_per_s"], 2.0),
    ]


def fmt(value):
    return f"{value:,.0f}" if value >= 1000 else f"{value:.2f}"


def print_ganaug(g, args):
    print(f"ganaug on adult, {args.epochs} epochs, sample {args.rows:,} rows "
          f"(TF {g['tensorflow']}, Keras {g['keras']}, {os.cpu_count()} CPUs, "
          f"{g['discrete_columns']} discrete columns)")
    print(f"  import tensorflow (fresh process): {g['import_tensorflow_s']:.2f} s "
          "(Keras included; not in the fixed cost)")
    print(f"  fit wall time:                     {g['fit_s']:.2f} s "
          f"(epochs: {', '.join(f'{s:.2f}' for s in g['epoch_s'])} s)")
    print(f"  fixed cost of fit:                 {g['fixed_cost_s']:.2f} s "
          f"({g['outside_epochs_s']:.2f} s outside the epochs, the rest "
          "epoch 0's excess: tracing)")
    print(f"  one steady epoch:                  {g['steady_epoch_s']:.2f} s")
    print(f"  sample:                            {fmt(g['sample_rows_per_s'])} rows/s "
          f"({g['sample_s']:.2f} s)")
    print(f"  generator forward, ready input:    {fmt(g['forward_rows_per_s'])} rows/s "
          f"({g['forward_s']:.2f} s)")
    print(f"  generator forward with its noise:  {g['noise_forward_s']:.2f} s")
    ok = "ok" if g["sample_over_noise_forward"] <= 1.5 else "MISSED"
    print(f"  sample / forward with noise:       {g['sample_over_noise_forward']:.2f} "
          f"(target <= 1.5: {ok})")
    print(f"  sample / forward on ready input:   {g['sample_over_forward']:.2f} "
          "(the difference is drawing noise and the per-column categories)")
    print(f"  peak memory after fit + sample:    {g['peak_rss_mib']:,.0f} MiB")


def print_comparison(rows, label):
    print(f"\n{'figure':42} {'ganaug':>9} {label:>11} {'ratio':>7}  target")
    for name, ours, theirs, ratio, target in rows:
        ok = "ok" if ratio >= target else "MISSED"
        print(f"{name:42} {fmt(ours):>9} {fmt(theirs):>11} {ratio:6.2f}x  "
              f">= {target}x {ok}")


def print_ctgan(c):
    print(f"\nCTGAN {c['version']} (torch {c['torch']}, {c['threads']} threads, "
          f"{c['discrete_columns']} discrete columns): fit {c['fit_s']:.2f} s for "
          f"{len(c['epoch_s'])} epochs ({', '.join(f'{s:.2f}' for s in c['epoch_s'])} s), "
          f"fixed cost (same definition as ganaug's) {c['fixed_cost_s']:.2f} s, "
          f"peak memory {c['peak_rss_mib']:,.0f} MiB")


def load_adult(data_dir):
    csv = data_dir / "adult.csv"
    if not csv.is_file():
        print(f"The shared datasets are missing: {csv} not found. Point --data-dir "
              "at the folder that holds adult.csv.", file=sys.stderr)
        sys.exit(2)
    return csv, pd.read_csv(csv)


def main():
    args = parse_args()
    csv, df = load_adult(args.data_dir)
    figures = {"ganaug": bench_ganaug(df, args.epochs, args.rows), "ctgan": None}
    print_ganaug(figures["ganaug"], args)
    if not args.no_ctgan and args.ctgan_python.exists():
        figures["ctgan"] = run_ctgan(args.ctgan_python, csv, args.rows)
    elif not args.no_ctgan:
        print(f"\n(no CTGAN interpreter at {args.ctgan_python})")
    reference, label = figures["ctgan"] or ANCHORS, "CTGAN"
    if figures["ctgan"] is None:
        label = "ANCHORS.md"
        print("CTGAN not run: ratios are vs ANCHORS.md (another run, another day)")
    rows = comparison(figures["ganaug"], reference)
    print_comparison(rows, label)
    if figures["ctgan"] is not None:
        print_ctgan(figures["ctgan"])
    figures["ratios_vs"] = label
    figures["ratios"] = {name: ratio for name, _, _, ratio, _ in rows}
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
