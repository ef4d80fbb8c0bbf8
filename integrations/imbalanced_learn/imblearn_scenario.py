"""imbalanced-learn: GANOverSampler as the sampler step of an imblearn Pipeline.

Data: the UCI Adult sample that ships with ganaug (2,000 rows; ``income`` is
``">50K"`` for about a quarter of them).

``imblearn.pipeline.Pipeline`` calls a sampler's ``fit_resample`` during
``fit`` only: each cross-validation fold's training rows are over-sampled,
its test rows are predicted as they are.  The sampler comes first, so the
GAN learns the raw table (text columns stay text) and draws new ``>50K`` rows
conditioned on the class; the one-hot encoder and the classifier after it
are fitted on real plus synthetic rows.

The report compares per-class recall of the same logistic regression with no
over-sampling, with imbalanced-learn's ``RandomOverSampler`` (duplicated
rows) and with ``GANOverSampler`` (new rows), over the same folds.

Run ``python integrations/imbalanced_learn/imblearn_scenario.py``.
"""

import time

import numpy as np
from imblearn.over_sampling import RandomOverSampler
from imblearn.pipeline import Pipeline
from sklearn.base import clone
from sklearn.compose import ColumnTransformer, make_column_selector
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import balanced_accuracy_score, recall_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict, train_test_split
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from ganaug import GANOverSampler
from ganaug.datasets import load_adult_sample

TARGET = "income"
# ``fnlwgt`` is the census sampling weight; ``education`` repeats
# ``education-num`` as text.
DROPPED = ["fnlwgt", "education"]

# Full run: modest networks and epochs so the scenario takes about a minute
# on 2 CPU cores.  ``epochs=None`` (about 6,000 generator steps) and the
# default (256, 256) networks give better synthetic rows.
FULL = dict(
    n_rows=None, folds=5,
    gan=dict(epochs=150, batch_size=250, generator_dims=(128, 128),
             discriminator_dims=(128, 128), noise_dim=64, random_state=0),
)
# Quick run (the test): 500 rows, 2 folds and a tiny GAN.
QUICK = dict(
    n_rows=500, folds=2,
    gan=dict(epochs=2, batch_size=32, generator_dims=(16,), discriminator_dims=(16,),
             noise_dim=8, random_state=0),
)


def load_data(n_rows=None, seed=0):
    """The Adult sample as ``(X, y)``, optionally a stratified subsample."""
    frame = load_adult_sample().drop(columns=DROPPED)
    if n_rows is not None and n_rows < len(frame):
        frame, _ = train_test_split(
            frame, train_size=n_rows, stratify=frame[TARGET], random_state=seed
        )
    return frame.drop(columns=TARGET), frame[TARGET]


def make_encoder():
    return ColumnTransformer(
        [
            ("text", OneHotEncoder(handle_unknown="ignore"),
             make_column_selector(dtype_exclude="number")),
            # StandardScaler records n_samples_seen_: the rows fit passed on.
            ("num", StandardScaler(), make_column_selector(dtype_include="number")),
        ]
    )


def make_pipelines(gan_params):
    """The same classifier without over-sampling, with random and with GAN rows."""
    classifier = LogisticRegression(max_iter=2000)
    return {
        "none": Pipeline([("encode", make_encoder()), ("model", clone(classifier))]),
        "random": Pipeline([
            ("oversample", RandomOverSampler(random_state=0)),
            ("encode", make_encoder()),
            ("model", clone(classifier)),
        ]),
        "gan": Pipeline([
            ("oversample", GANOverSampler(sampling_strategy="auto", **gan_params)),
            ("encode", make_encoder()),
            ("model", clone(classifier)),
        ]),
    }


def check_fold(pipeline, X, y, train, test):
    """Fit ``pipeline`` on one training fold and record what the sampler did."""
    X_train, y_train = X.iloc[train], y.iloc[train]
    fitted = clone(pipeline).fit(X_train, y_train)
    sampler = fitted.named_steps["oversample"]
    # The same sampler, called directly on the same rows (same random_state).
    X_res, y_res = clone(pipeline.named_steps["oversample"]).fit_resample(X_train, y_train)
    predictions = fitted.predict(X.iloc[test])
    scaler = fitted.named_steps["encode"].named_transformers_["num"]
    return {
        "counts_before": {str(k): int(v) for k, v in y_train.value_counts().items()},
        "counts_after": {str(k): int(v) for k, v in y_res.value_counts().items()},
        "new_rows_per_class": {str(k): int(v) for k, v in sampler.sampling_strategy_.items()},
        "rows_seen_by_model": int(scaler.n_samples_seen_),
        # Same seed, same rows: the pipeline's encoder saw exactly X_res.
        "model_saw_resampled_rows": bool(np.allclose(
            scaler.mean_, X_res.select_dtypes("number").mean().to_numpy()
        )),
        "real_rows_kept": bool(X_res.iloc[: len(X_train)].equals(X_train)),
        "resampled_X": X_res,
        "resampled_y": y_res,
        "test_size": len(test),
        "predictions": predictions,
    }


def main(quick=False):
    """Run the scenario; print a short report and return its figures.

    Parameters
    ----------
    quick : bool, default=False
        Tiny GAN, 500 rows and 2 folds (for the test).

    Returns
    -------
    dict
    """
    settings = QUICK if quick else FULL
    start = time.perf_counter()
    X, y = load_data(settings["n_rows"])
    classes = sorted(y.unique())
    folds = StratifiedKFold(settings["folds"], shuffle=True, random_state=0)
    pipelines = make_pipelines(settings["gan"])

    predictions, recall, balanced = {}, {}, {}
    for name, pipeline in pipelines.items():
        pred = cross_val_predict(pipeline, X, y, cv=folds)
        predictions[name] = pred
        per_class = recall_score(y, pred, labels=classes, average=None)
        recall[name] = {str(c): float(r) for c, r in zip(classes, per_class)}
        balanced[name] = float(balanced_accuracy_score(y, pred))

    train, test = next(folds.split(X, y))
    fold = check_fold(pipelines["gan"], X, y, train, test)
    seconds = time.perf_counter() - start

    results = {
        "n_rows": len(X),
        "n_folds": settings["folds"],
        "classes": [str(c) for c in classes],
        "class_counts": {str(k): int(v) for k, v in y.value_counts().items()},
        "y_true": y.to_numpy(),
        "predictions": predictions,
        "recall": recall,
        "balanced_accuracy": balanced,
        "fold": fold,
        "seconds": seconds,
    }
    _report(results)
    return results


def _report(r):
    counts = ", ".join(f"{c}: {n}" for c, n in r["class_counts"].items())
    print(f"Adult sample: {r['n_rows']} rows ({counts}); {r['n_folds']}-fold CV")
    fold = r["fold"]
    print(f"first training fold: {fold['counts_before']} -> GANOverSampler -> "
          f"{fold['counts_after']}; the model was fitted on {fold['rows_seen_by_model']} rows")
    labels = {"none": "no over-sampling", "random": "RandomOverSampler", "gan": "GANOverSampler"}
    header = "".join(f"{'recall ' + c:>16}" for c in r["classes"])
    print(f"{'':<20}{header}{'balanced acc.':>16}")
    for name, label in labels.items():
        cells = "".join(f"{r['recall'][name][c]:>16.3f}" for c in r["classes"])
        print(f"{label:<20}{cells}{r['balanced_accuracy'][name]:>16.3f}")
    print(f"done in {r['seconds']:.0f} s")


if __name__ == "__main__":
    main()
