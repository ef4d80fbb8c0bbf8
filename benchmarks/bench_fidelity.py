"""Fidelity of ganaug's default fit on five shared sets, beside CTGAN.

    python benchmarks/bench_fidelity.py [--sets adult churn2 ...] [--rejection 0.5]
                                        [--live-ctgan] [--json PATH]

For each set: ``GANAugmenter(random_state=0)`` (the defaults) is fitted on the
training rows (``adult.csv``; ``NAME_train.csv`` for the others) as a model's
training data is, ``fit(X, y)`` with the set's target as ``y``, samples as
many rows, and :func:`ganaug.metrics.evaluate` judges them against the
training rows and the real test rows (``adult_test.csv``; ``NAME_test.csv``):
quality (column shapes, pair trends; pairs counted as SDMetrics' QualityReport
counts them, as in ANCHORS.md, and all pairs), detection AUC on up to 10,000
rows of each, train-on-synthetic
(macro F1, R2 for insurance) beside train-on-real, exact copies and distance
to the closest record beside the test rows'.  Discrete columns follow
shared/ANCHORS.md: text columns and columns with fewer than 10 values.

The same fitted model also samples with ``discriminator_rejection`` (default
0.5), to show what discriminator rejection sampling does.  CTGAN's figures
come from shared/ANCHORS.md (same judge definitions, same machine type);
``--live-ctgan`` also fits CTGAN (300 epochs) under ``--ctgan-python`` and
judges its rows here with the same code.
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
SETS = {
    "adult": ("income", "adult.csv", "adult_test.csv"),
    "churn2": ("Exited", "churn2_train.csv", "churn2_test.csv"),
    "credit_german": ("default", "credit_german_train.csv", "credit_german_test.csv"),
    "insurance": ("charges", "insurance_train.csv", "insurance_test.csv"),
    "mammography": ("class", "mammography_train.csv", "mammography_test.csv"),
}
# shared/ANCHORS.md: CTGAN, 300 epochs: fit seconds, quality, detection AUC,
# train-on-synthetic (macro F1; R2 for insurance).
CTGAN = {
    "adult": (1218, 0.842, 0.996, 0.730),
    "churn2": (270, 0.882, 0.915, 0.709),
    "credit_german": (18, 0.846, 0.939, 0.416),
    "insurance": (14, 0.769, 0.937, 0.001),
    "mammography": (138, 0.702, 0.998, 0.627),
}
SHOWN = ["quality", "quality_all_pairs", "column_shapes", "column_pair_trends", "detection_auc",
         "train_on_synthetic", "train_on_real", "exact_copy_rate",
         "holdout_exact_copy_rate", "dcr_p5", "holdout_dcr_p5"]


def judge(train, synthetic, test, target):
    """Every ``ganaug.metrics`` figure; ``quality`` as SDMetrics' QualityReport
    computes it (pairs counted when their real correlation tops 0.5, or
    association 0.3), ``quality_all_pairs`` counting every pair."""
    from ganaug.metrics import evaluate, infer_discrete_columns, quality_score

    discrete = [c for c in infer_discrete_columns(train)
                if pd.api.types.is_numeric_dtype(train[c])]
    table = evaluate(train, synthetic, holdout=test, target=target,
                     discrete_columns=discrete, random_state=0)
    figures = dict(zip(table["metric"], table["value"]))
    figures["quality_all_pairs"] = figures.pop("quality")
    figures["quality"] = quality_score(train, synthetic, discrete_columns=discrete,
                                       correlation_threshold=0.5, association_threshold=0.3)
    for key in list(figures):
        for prefix in ("train_on_synthetic", "train_on_real"):
            if key.startswith(prefix + "_"):
                figures[prefix] = figures.pop(key)
    return figures


def run_set(name, data_dir, rejection):
    from ganaug import GANAugmenter

    target, train_file, test_file = SETS[name]
    train, test = pd.read_csv(data_dir / train_file), pd.read_csv(data_dir / test_file)
    start = time.perf_counter()
    aug = GANAugmenter(random_state=0).fit(train.drop(columns=target), train[target])
    fit_s = time.perf_counter() - start

    def table(**options):
        X, y = aug.sample(len(train), **options)
        return X.assign(**{target: y.to_numpy()})[train.columns]

    rows = {"ganaug": dict(fit_s=fit_s, epochs=aug.epochs_,
                           **judge(train, table(), test, target))}
    if rejection:
        rows[f"ganaug, rejection {rejection}"] = dict(
            fit_s=fit_s, epochs=aug.epochs_,
            **judge(train, table(discriminator_rejection=rejection), test, target))
    return rows


def run_ctgan(name, data_dir, python):
    """Fit CTGAN (300 epochs) under ``python``; judge its rows here."""
    target, train_file, test_file = SETS[name]
    train, test = pd.read_csv(data_dir / train_file), pd.read_csv(data_dir / test_file)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "ctgan.csv"
        done = subprocess.run([str(python), str(HERE / "_ctgan_fit.py"),
                               str(data_dir / train_file), str(out)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"CTGAN failed:\n{done.stderr[-2000:]}")
        fit_s = json.loads(done.stdout.strip().splitlines()[-1])["fit_s"]
        synthetic = pd.read_csv(out)
    return dict(fit_s=fit_s, **judge(train, synthetic, test, target))


def print_set(name, rows):
    seconds, quality, detection, tstr = CTGAN[name]
    rows = dict(rows)
    rows["CTGAN (ANCHORS.md)"] = dict(fit_s=seconds, quality=quality,
                                      detection_auc=detection, train_on_synthetic=tstr)
    table = pd.DataFrame(rows).T.reindex(columns=["fit_s", "epochs"] + SHOWN)
    with pd.option_context("display.width", 250, "display.max_columns", 20):
        print(f"\n== {name} ==")
        print(table.round(3).to_string(na_rep=""))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", default=list(SETS), choices=list(SETS))
    parser.add_argument("--data-dir", type=Path, default=WORKSPACE / "shared" / "datasets")
    parser.add_argument("--rejection", type=float, default=0.5,
                        help="discriminator_rejection of the second sample (0: skip)")
    parser.add_argument("--live-ctgan", action="store_true")
    parser.add_argument("--ctgan-python", type=Path,
                        default=WORKSPACE / "ctgan-venv" / "bin" / "python")
    parser.add_argument("--json", type=Path, help="also write every figure here")
    args = parser.parse_args()
    missing = [SETS[n][1] for n in args.sets if not (args.data_dir / SETS[n][1]).is_file()]
    if missing:
        sys.exit(f"The shared datasets are missing: {missing} not found in {args.data_dir}.")
    results = {}
    for name in args.sets:
        results[name] = run_set(name, args.data_dir, args.rejection)
        if args.live_ctgan:
            results[name]["CTGAN (live)"] = run_ctgan(name, args.data_dir, args.ctgan_python)
        print_set(name, results[name])
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
