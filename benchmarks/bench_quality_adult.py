"""Quality of ganaug's default fit on adult, judged as shared/ANCHORS.md does.

    python benchmarks/bench_quality_adult.py [--judge-python PATH] [--epochs N]

Fits ``GANAugmenter(random_state=0)`` (the defaults) on
``../shared/datasets/adult.csv``, samples as many rows, and has
``_judge_adult.py`` score them under an interpreter that has sdmetrics
(default: ``../ctgan-venv/bin/python``; sdmetrics needs pandas < 3):
SDMetrics quality score, gradient-boosting detection AUC (0.5 is
indistinguishable) and train-on-synthetic macro F1 on ``adult_test.csv``.
CTGAN's and TVAE's figures on the same judge come from ANCHORS.md.
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

import pandas as pd

HERE = Path(__file__).resolve().parent
WORKSPACE = HERE.parents[1]
# shared/ANCHORS.md, same judge, same machine type: fit seconds and scores.
ANCHORS = {
    "CTGAN (300 epochs)": (1218, 0.842, 0.996, 0.730),
    "TVAE (300 epochs)": (270, 0.891, 0.978, 0.765),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=WORKSPACE / "shared" / "datasets")
    parser.add_argument("--judge-python", type=Path,
                        default=WORKSPACE / "ctgan-venv" / "bin" / "python")
    parser.add_argument("--epochs", type=int, default=None, help="default: ganaug's")
    args = parser.parse_args()
    csv = args.data_dir / "adult.csv"
    if not csv.is_file():
        sys.exit(f"The shared datasets are missing: {csv} not found (use --data-dir).")
    from ganaug import GANAugmenter

    real = pd.read_csv(csv)
    start = time.perf_counter()
    aug = GANAugmenter(epochs=args.epochs, random_state=0).fit(real)
    fit_s = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "synthetic.csv"
        aug.sample(len(real)).to_csv(path, index=False)
        judged = subprocess.run(
            [str(args.judge_python), str(HERE / "_judge_adult.py"), str(path),
             "--data-dir", str(args.data_dir)], capture_output=True, text=True)
    if judged.returncode != 0:
        sys.exit(f"The judge failed:\n{judged.stderr[-2000:]}")
    figures = json.loads(judged.stdout.strip().splitlines()[-1])
    print(f"ganaug defaults on adult: {aug.epochs_} epochs, fit {fit_s:.0f} s")
    print(f"\n{'model':22} {'fit s':>7} {'quality':>8} {'detection':>10} {'TSTR F1':>8}")
    print(f"{'ganaug (defaults)':22} {fit_s:7.0f} {figures['quality']:8.3f} "
          f"{figures['detection_auc']:10.3f} {figures['tstr_macro_f1']:8.3f}")
    for name, (seconds, q, d, f1) in ANCHORS.items():
        print(f"{name:22} {seconds:7.0f} {q:8.3f} {d:10.3f} {f1:8.3f}   (ANCHORS.md)")
    print(f"\ncolumn shapes {figures['column_shapes']:.3f}, pair trends "
          f"{figures['pair_trends']:.3f}; train on real: {figures['trtr_macro_f1']:.3f}")


if __name__ == "__main__":
    main()
