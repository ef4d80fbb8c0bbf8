"""Small-data utility: does augmentation help models trained on 200 rows?

    python benchmarks/bench_small_data.py [--sets adult mammography credit_german]
                                          [--seeds 5] [--epochs N] [--json PATH]

For each set and seed: a stratified 200-row training sample, up to 5,000 of
the remaining rows as test (the protocol of shared/ANCHORS.md).  A
RandomForest and a LogisticRegression (one-hot + scaled features) are
trained on

(a) the real rows only,
(b) SMOTE-NC balancing the classes (plain SMOTE when there are no
    categorical features),
(c) ``GANOverSampler(random_state=seed)`` balancing the classes,
(d) ``GANAugmenter(random_state=seed)`` fitted on (X, y), doubling the rows
    (the one (c) fitted: ``GANOverSampler.augmenter_``; the same parameters),

and scored by macro F1 and the minority class's F1 on the test rows.  Means
and standard deviations over seeds are printed, with the targets: (c) at
least (b) on minority-class F1 on 2 of the 3 sets, and (d) never below (a) by
more than one standard deviation.  It also prints how often (d)'s rows are
exact copies of training rows, beside how often the real test rows are.
"""

import argparse
import json
import os
import sys
import time
import warnings
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
DATA = HERE.parents[1] / "shared" / "datasets"
SETS = {"adult": "income", "mammography": "class", "credit_german": "default"}
ARMS = ("real", "smote_nc", "gan_oversampler", "gan_doubling")
MODELS = ("rf", "lr")


def split(frame, target, seed):
    from sklearn.model_selection import train_test_split

    train, rest = train_test_split(
        frame, train_size=200, stratify=frame[target], random_state=seed
    )
    test = rest if len(rest) <= 5000 else train_test_split(
        rest, train_size=5000, stratify=rest[target], random_state=seed
    )[0]
    return train.reset_index(drop=True), test.reset_index(drop=True)


def make_model(kind, categorical, seed):
    from sklearn.compose import make_column_transformer
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    columns = make_column_transformer(
        (OneHotEncoder(handle_unknown="ignore"), categorical),
        remainder=StandardScaler(),
    )
    if kind == "rf":
        return make_pipeline(columns, RandomForestClassifier(200, random_state=seed, n_jobs=1))
    return make_pipeline(columns, LogisticRegression(max_iter=2000))


def training_sets(X, y, categorical, seed, epochs):
    """The four training sets (X, y) of one split, and the doubling's rows."""
    from ganaug import GANOverSampler

    sets = {"real": (X, y)}
    n_minority = int(y.value_counts().min())
    k = max(1, min(5, n_minority - 1))
    if categorical:
        from imblearn.over_sampling import SMOTENC

        smote = SMOTENC(categorical_features=categorical, k_neighbors=k, random_state=seed)
    else:
        from imblearn.over_sampling import SMOTE

        smote = SMOTE(k_neighbors=k, random_state=seed)
    sets["smote_nc"] = smote.fit_resample(X, y)
    oversampler = GANOverSampler(epochs=epochs, random_state=seed)
    sets["gan_oversampler"] = oversampler.fit_resample(X, y)
    # The over-sampler's GANAugmenter: the same parameters, fitted on (X, y).
    aug = oversampler.augmenter_
    X_syn, y_syn = aug.sample(len(X))
    sets["gan_doubling"] = (pd.concat([X, X_syn], ignore_index=True),
                            pd.concat([y, y_syn], ignore_index=True))
    return sets, X_syn.assign(**{y.name: y_syn.to_numpy()})


def copy_rate(rows, train):
    from ganaug._data._row_hashes import row_hashes

    return float(np.isin(row_hashes(rows), row_hashes(train)).mean())


def run_split(name, target, seed, epochs):
    from sklearn.metrics import f1_score

    frame = pd.read_csv(DATA / f"{name}.csv")
    train, test = split(frame, target, seed)
    X, y = train.drop(columns=target), train[target]
    categorical = [c for c in X.columns if X[c].dtype == object or str(X[c].dtype) == "str"]
    minority = y.value_counts().idxmin()
    sets, doubling_rows = training_sets(X, y, categorical, seed, epochs)
    rows = []
    for arm, (X_arm, y_arm) in sets.items():
        for kind in MODELS:
            model = make_model(kind, categorical, seed).fit(X_arm, y_arm)
            predicted = model.predict(test.drop(columns=target))
            rows.append(dict(
                set=name, seed=seed, arm=arm, model=kind,
                macro_f1=f1_score(test[target], predicted, average="macro"),
                minority_f1=f1_score(test[target], predicted, labels=[minority], average="macro"),
            ))
    copies = dict(set=name, seed=seed, synthetic=copy_rate(doubling_rows, train),
                  holdout=copy_rate(test, train))
    return rows, copies


def summarise(scores):
    table = scores.groupby(["set", "arm", "model"], sort=False)[["macro_f1", "minority_f1"]]
    return table.agg(["mean", "std"]).round(3)


def check_targets(summary):
    lines, wins = [], 0
    sets = summary.index.get_level_values("set").unique()
    for name in sets:
        part = summary.loc[name]
        gan = part.loc["gan_oversampler", ("minority_f1", "mean")].mean()
        smote = part.loc["smote_nc", ("minority_f1", "mean")].mean()
        wins += gan >= smote
        lines.append(f"{name}: minority F1 (mean of RF, LR) GANOverSampler {gan:.3f} vs "
                     f"SMOTE-NC {smote:.3f}")
        for model in MODELS:
            for metric in ("macro_f1", "minority_f1"):
                real = part.loc[("real", model), (metric, "mean")]
                std = part.loc[("real", model), (metric, "std")]
                doubled = part.loc[("gan_doubling", model), (metric, "mean")]
                ok = doubled >= real - std
                lines.append(f"  {model} {metric}: doubling {doubled:.3f} vs real {real:.3f} "
                             f"(std {std:.3f}) -> {'ok' if ok else 'WORSE by > 1 std'}")
    lines.append(f"GANOverSampler >= SMOTE-NC on minority F1 on {wins} of {len(sets)} sets "
                 "(target: 2 of 3)")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", default=list(SETS), choices=list(SETS))
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=None, help="default: ganaug's")
    parser.add_argument("--json", type=Path, help="also write the raw scores here")
    args = parser.parse_args()
    missing = [name for name in args.sets if not (DATA / f"{name}.csv").is_file()]
    if missing:
        sys.exit(f"The shared datasets are missing: {missing} not found in {DATA}.")
    warnings.filterwarnings("ignore")
    scores, copies = [], []
    for name in args.sets:
        for seed in range(args.seeds):
            start = time.perf_counter()
            rows, copy = run_split(name, SETS[name], seed, args.epochs)
            scores += rows
            copies.append(copy)
            print(f"{name} seed {seed}: {time.perf_counter() - start:.0f} s", flush=True)
    scores = pd.DataFrame(scores)
    summary = summarise(scores)
    with pd.option_context("display.width", 200, "display.max_rows", 200):
        print(summary)
        print(pd.DataFrame(copies).groupby("set")[["synthetic", "holdout"]].mean()
              .rename(columns=lambda c: f"{c} exact-copy rate").round(4))
    print("\n".join(check_targets(summary)))
    if args.json:
        args.json.write_text(json.dumps({"scores": scores.to_dict("records"), "copies": copies}))


if __name__ == "__main__":
    main()
