"""scikit-learn: GAN augmentation inside a Pipeline, tuned by GridSearchCV.

Data: the UCI Adult sample that ships with ganaug (2,000 rows, 6 integer and
8 text feature columns after the target; target ``income``).

Where the augmentation sits
---------------------------
A scikit-learn ``Pipeline`` transformer cannot add rows (``transform`` gets no
``y`` and must return one row per input row), so augmentation cannot be a
middle step.  It sits in the last step, :class:`ganaug.AugmentedEstimator`,
which sees the training fold's ``X`` *and* ``y``, fits the GAN on them,
appends the synthetic rows and only then fits its inner estimator.  The
one-hot encoding lives *inside* that inner estimator, so the GAN models the
raw columns (text stays text) and the encoder is fitted on real plus
synthetic rows.  Before it, the outer pipeline only holds a y-free,
row-by-row step that keeps a DataFrame (here: dropping two columns).

Because the augmenter is a nested parameter, ``GridSearchCV`` tunes the GAN
(``model__augmenter__epochs``) and the classifier
(``model__estimator__clf__C``) together, and every fold's GAN only ever sees
that fold's training rows.

Run ``python integrations/sklearn/sklearn_scenario.py``.
"""

import time

import numpy as np
from sklearn.base import clone
from sklearn.compose import ColumnTransformer, make_column_selector
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import (
    GridSearchCV,
    StratifiedKFold,
    cross_val_score,
    train_test_split,
)
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from ganaug import AugmentedEstimator, GANAugmenter
from ganaug.datasets import load_adult_sample

TARGET = "income"
POSITIVE = ">50K"
# ``fnlwgt`` is the census sampling weight (not an attribute of the person);
# ``education`` repeats ``education-num`` as text.
DROPPED = ["fnlwgt", "education"]

# Full run: modest networks and epochs so the whole scenario takes about a
# minute on 2 CPU cores.  ``epochs=None`` (about 6,000 generator steps) and
# the default (256, 256) networks give better synthetic rows.
FULL = dict(
    n_rows=None, cv=3, cv_score_folds=5, epochs_grid=(30, 150), C_grid=(0.1, 1.0),
    gan=dict(batch_size=250, generator_dims=(128, 128), discriminator_dims=(128, 128),
             noise_dim=64, random_state=0),
)
# Quick run (the test): 400 rows, 2 folds and tiny networks.
QUICK = dict(
    n_rows=400, cv=2, cv_score_folds=2, epochs_grid=(1, 2), C_grid=(0.1, 1.0),
    gan=dict(batch_size=32, generator_dims=(16,), discriminator_dims=(16,),
             noise_dim=8, random_state=0),
)


def load_data(n_rows=None, seed=0):
    """The Adult sample as ``(X, y)``, optionally a stratified subsample."""
    frame = load_adult_sample()
    if n_rows is not None and n_rows < len(frame):
        frame, _ = train_test_split(
            frame, train_size=n_rows, stratify=frame[TARGET], random_state=seed
        )
    return frame.drop(columns=TARGET), frame[TARGET]


def make_classifier(C=1.0):
    """Encoder + logistic regression: what AugmentedEstimator fits on augmented rows."""
    encode = ColumnTransformer(
        [
            ("text", OneHotEncoder(handle_unknown="ignore"),
             make_column_selector(dtype_exclude="number")),
            # StandardScaler records n_samples_seen_: how many rows the
            # classifier was fitted on, real plus synthetic.
            ("num", StandardScaler(), make_column_selector(dtype_include="number")),
        ]
    )
    return Pipeline([("encode", encode), ("clf", LogisticRegression(C=C, max_iter=2000))])


def make_pipeline(gan_params, epochs):
    """Column selection, then the augmented classifier as the last step."""
    select = ColumnTransformer(
        [("drop", "drop", DROPPED)], remainder="passthrough",
        verbose_feature_names_out=False,
    ).set_output(transform="pandas")  # the GAN needs the raw, named columns
    augmenter = GANAugmenter(epochs=epochs, n_synthetic=1.0, **gan_params)
    return Pipeline([
        ("select", select),
        ("model", AugmentedEstimator(make_classifier(), augmenter=augmenter)),
    ])


def make_baseline():
    """The same pipeline without augmentation."""
    select = ColumnTransformer(
        [("drop", "drop", DROPPED)], remainder="passthrough",
        verbose_feature_names_out=False,
    ).set_output(transform="pandas")
    return Pipeline([("select", select), ("model", make_classifier())])


def main(quick=False):
    """Run the scenario; print a short report and return its figures.

    Parameters
    ----------
    quick : bool, default=False
        Tiny GAN, 400 rows and 2 folds (for the test).

    Returns
    -------
    dict
    """
    settings = QUICK if quick else FULL
    start = time.perf_counter()
    X, y = load_data(settings["n_rows"])
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=0.25, stratify=y, random_state=0
    )
    pipeline = make_pipeline(settings["gan"], settings["epochs_grid"][0])
    grid = {
        "model__augmenter__epochs": list(settings["epochs_grid"]),
        "model__estimator__clf__C": list(settings["C_grid"]),
    }
    folds = StratifiedKFold(settings["cv"], shuffle=True, random_state=0)
    search = GridSearchCV(pipeline, grid, cv=folds).fit(X_train, y_train)

    best = search.best_estimator_
    model = best.named_steps["model"]
    predictions = best.predict(X_test)
    proba = best.predict_proba(X_test)
    positive = list(model.classes_).index(POSITIVE)
    holdout_accuracy = float(best.score(X_test, y_test))
    holdout_auc = float(roc_auc_score(y_test == POSITIVE, proba[:, positive]))

    # What the refitted GAN saw and what it makes: raw columns, labelled rows.
    X_syn, y_syn = model.augmenter_.sample(200, random_state=1)
    rows_seen = int(model.estimator_.named_steps["encode"].named_transformers_["num"]
                    .n_samples_seen_)

    score_folds = StratifiedKFold(settings["cv_score_folds"], shuffle=True, random_state=1)
    augmented_scores = cross_val_score(clone(best), X, y, cv=score_folds)
    baseline = make_baseline().set_params(
        model__clf__C=search.best_params_["model__estimator__clf__C"]
    )
    baseline_scores = cross_val_score(baseline, X, y, cv=score_folds)
    seconds = time.perf_counter() - start

    results = {
        "n_rows": len(X),
        "n_train": len(X_train),
        "n_test": len(X_test),
        "classes": [str(c) for c in model.classes_],
        "param_grid": grid,
        "best_params": dict(search.best_params_),
        "grid_params": list(search.cv_results_["params"]),
        "grid_mean_scores": np.asarray(search.cv_results_["mean_test_score"], dtype=float),
        "augmenter_columns": list(model.augmenter_.feature_names_in_),
        "estimator_rows_seen": rows_seen,
        "synthetic_X": X_syn,
        "synthetic_y": y_syn,
        "train_positive_share": float(np.mean(y_train == POSITIVE)),
        "holdout_predictions": predictions,
        "holdout_proba": proba,
        "holdout_accuracy": holdout_accuracy,
        "holdout_roc_auc": holdout_auc,
        "cv_scores_augmented": np.asarray(augmented_scores, dtype=float),
        "cv_scores_baseline": np.asarray(baseline_scores, dtype=float),
        "seconds": seconds,
    }
    _report(results)
    return results


def _report(r):
    print(f"Adult sample: {r['n_rows']} rows ({r['n_train']} train / {r['n_test']} test)")
    print(f"GAN fitted on {len(r['augmenter_columns'])} raw columns + target; "
          f"classifier fitted on {r['estimator_rows_seen']} rows "
          f"({r['n_train']} real + {r['estimator_rows_seen'] - r['n_train']} synthetic)")
    print("GridSearchCV mean accuracy:")
    grid = r["param_grid"]
    i = 0
    for epochs in grid["model__augmenter__epochs"]:
        for C in grid["model__estimator__clf__C"]:
            print(f"  epochs={epochs:<4} C={C:<5} {r['grid_mean_scores'][i]:.3f}")
            i += 1
    print(f"best: {r['best_params']}")
    print(f"holdout accuracy {r['holdout_accuracy']:.3f}, ROC AUC {r['holdout_roc_auc']:.3f}")
    share = float(np.mean(np.asarray(r["synthetic_y"]) == POSITIVE))
    print(f"synthetic rows from the refitted GAN: {share:.0%} {POSITIVE} "
          f"(training rows: {r['train_positive_share']:.0%})")
    aug, base = r["cv_scores_augmented"], r["cv_scores_baseline"]
    print(f"cross_val_score ({len(aug)} folds), accuracy: "
          f"augmented {aug.mean():.3f} +/- {aug.std():.3f}, "
          f"no augmentation {base.mean():.3f} +/- {base.std():.3f}")
    print(f"done in {r['seconds']:.0f} s")


if __name__ == "__main__":
    main()
