"""Detection: can a classifier tell synthetic rows from real ones?"""

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold, cross_val_score

from .._utils._random import draw_seed, make_rng
from ._features import encode, subsample
from ._kinds import check_positive_int, prepare


def detection_auc(
    real, synthetic, *, discrete_columns=None, cv=5, max_rows=10_000, random_state=0,
):
    """ROC AUC of a classifier trained to tell synthetic rows from real ones.

    A histogram gradient-boosting classifier (categorical columns handled
    natively, missing values kept) is scored by stratified ``cv``-fold
    cross-validation on the real rows (label 0) and synthetic rows
    (label 1); the mean ROC AUC over the folds is returned.  Rows found in
    both tables fall in the same fold, so an exact copy of a real row counts
    as indistinguishable; :func:`privacy` counts such copies.  About 0.5 means
    the classifier cannot tell them apart; 1.0 means every synthetic row is
    recognisable.

    Parameters
    ----------
    real, synthetic : DataFrame
        Tables in the original feature space with the same columns.
    discrete_columns : list of column names or None, default=None
        Numeric or datetime columns to treat as categories.
    cv : int, default=5
        Number of stratified folds; each table needs at least ``cv`` rows.
    max_rows : int, default=10000
        Each table is subsampled (without replacement) to at most this many
        rows, which bounds time and memory on large tables.
    random_state : int, numpy Generator or None, default=0
        Seeds the subsampling, the folds and the classifier.

    Returns
    -------
    float
        Mean cross-validated ROC AUC.

    Examples
    --------
    >>> import numpy as np
    >>> import pandas as pd
    >>> from ganaug.metrics import detection_auc
    >>> rng = np.random.default_rng(0)
    >>> real = pd.DataFrame({"x": rng.normal(size=200)})
    >>> same = pd.DataFrame({"x": rng.normal(size=200)})
    >>> far = pd.DataFrame({"x": rng.normal(5, 1, size=200)})
    >>> detection_auc(real, same) < 0.7
    True
    >>> detection_auc(real, far) > 0.95
    True
    """
    kinds = prepare({"real": real, "synthetic": synthetic}, discrete_columns)
    cv = check_positive_int(cv, "cv", minimum=2)
    max_rows = check_positive_int(max_rows, "max_rows", minimum=cv)
    _check_enough_rows({"real": real, "synthetic": synthetic}, cv)
    rng = make_rng(random_state)
    tables = [subsample(real, max_rows, rng), subsample(synthetic, max_rows, rng)]
    (X_real, X_synthetic), categorical = encode(tables, kinds)
    X = np.vstack([X_real, X_synthetic])
    y = np.r_[np.zeros(len(X_real), dtype=int), np.ones(len(X_synthetic), dtype=int)]
    model = HistGradientBoostingClassifier(
        categorical_features=categorical, random_state=draw_seed(rng)
    )
    folds, groups = _folds(X, y, cv, draw_seed(rng))
    scores = cross_val_score(model, X, y, groups=groups, cv=folds, scoring="roc_auc")
    return float(scores.mean())


def _folds(X, y, cv, seed):
    """Stratified folds that keep rows shared by both tables together.

    When too few groups remain to give every fold both labels (a table made
    of a handful of copied rows), the folds fall back to plain stratified
    ones.
    """
    groups = _row_groups(X, y)
    if min(np.unique(groups[y == label]).size for label in (0, 1)) >= cv:
        return StratifiedGroupKFold(n_splits=cv, shuffle=True, random_state=seed), groups
    return StratifiedKFold(n_splits=cv, shuffle=True, random_state=seed), None


def _row_groups(X, y):
    """Rows found in both tables share a group, so their copies share a fold.

    Otherwise a synthetic copy of a real row would be judged by a model that
    saw its twin with the opposite label, which pushes the AUC below 0.5.
    Every other row is a group of its own.
    """
    hashes = pd.util.hash_pandas_object(pd.DataFrame(X), index=False).to_numpy()
    shared = np.isin(hashes, hashes[y == 0]) & np.isin(hashes, hashes[y == 1])
    groups = np.arange(len(X))
    groups[shared] = len(X) + np.unique(hashes[shared], return_inverse=True)[1]
    return groups


def _check_enough_rows(tables, cv):
    for name, table in tables.items():
        if len(table) < cv:
            raise ValueError(
                f"{name} must have at least cv={cv} rows for {cv}-fold "
                f"cross-validation; received {len(table)}."
            )
