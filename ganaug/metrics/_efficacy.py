"""Machine-learning efficacy: train on synthetic, test on real."""

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.metrics import f1_score, r2_score

from .._data._dtypes import DISCRETE_THRESHOLD, column_kind
from .._utils._random import draw_seed, make_rng
from ._features import encode
from ._kinds import as_float, joint_codes, prepare

_TASKS = ("auto", "classification", "regression")


def ml_efficacy(
    train, synthetic, test, target, *, task="auto", discrete_columns=None, random_state=0,
):
    """Test-set score of a model trained on synthetic rows beside one trained on real rows.

    Two histogram gradient-boosting models predict ``target`` from the other
    columns: one fitted on ``synthetic``, one on ``train``; both are scored
    on ``test``, a real holdout that neither saw.  Classification is scored
    by macro F1, regression by R².  Rows whose target is missing are dropped.

    Parameters
    ----------
    train : DataFrame
        Real rows the synthetic data was generated from.
    synthetic : DataFrame
        Synthetic rows with the same columns.
    test : DataFrame
        Real rows held out from training, with the same columns.
    target : column name
        The column to predict.
    task : {"auto", "classification", "regression"}, default="auto"
        ``"auto"`` picks classification when the target holds text or fewer
        than 10 distinct values, regression otherwise.
    discrete_columns : list of column names or None, default=None
        Numeric or datetime feature columns to treat as categories.
    random_state : int, numpy Generator or None, default=0
        Seeds both models.

    Returns
    -------
    dict
        ``train_on_synthetic`` and ``train_on_real`` (floats), ``metric``
        (``"macro_f1"`` or ``"r2"``) and ``task``.

    Examples
    --------
    >>> import numpy as np
    >>> import pandas as pd
    >>> from ganaug.metrics import ml_efficacy
    >>> rng = np.random.default_rng(0)
    >>> def table(n):
    ...     x = rng.normal(size=n)
    ...     return pd.DataFrame({"x": x, "label": np.where(x > 0, "yes", "no")})
    >>> result = ml_efficacy(table(200), table(200), table(100), "label")
    >>> result["metric"], result["train_on_synthetic"] > 0.9
    ('macro_f1', True)
    """
    tables = {"train": train, "synthetic": synthetic, "test": test}
    kinds = prepare(tables, discrete_columns)
    _check_target(target, train)
    task = _resolve_task(task, train[target], target)
    tables = {name: _drop_missing_target(t, target, name) for name, t in tables.items()}
    features = {column: kind for column, kind in kinds.items() if column != target}
    if not features:
        raise ValueError(
            f"ml_efficacy needs at least one feature besides target={target!r}; "
            "received a table with the target column only."
        )
    (X_train, X_synthetic, X_test), categorical = encode(list(tables.values()), features)
    y_train, y_synthetic, y_test = _encode_target(list(tables.values()), target, task)
    rng = make_rng(random_state)
    seed = draw_seed(rng)
    return {
        "train_on_synthetic": _fit_score(task, X_synthetic, y_synthetic, X_test, y_test,
                                         categorical, seed),
        "train_on_real": _fit_score(task, X_train, y_train, X_test, y_test,
                                    categorical, seed),
        "metric": "macro_f1" if task == "classification" else "r2",
        "task": task,
    }


def _check_target(target, train):
    if target not in train.columns:
        raise ValueError(
            f"target must name a column of train; received {target!r}, expected "
            f"one of {list(train.columns)}."
        )


def _resolve_task(task, target, name):
    if task not in _TASKS:
        raise ValueError(f"task must be one of {list(_TASKS)}; received {task!r}.")
    kind = column_kind(target)
    if task == "regression" and kind == "discrete":
        raise TypeError(
            f"task='regression' needs a numeric target; column {name!r} has "
            f"dtype {target.dtype}."
        )
    if task != "auto":
        return task
    few_values = target.nunique(dropna=True) < DISCRETE_THRESHOLD
    return "classification" if kind == "discrete" or few_values else "regression"


def _drop_missing_target(table, target, name):
    kept = table[table[target].notna()]
    if len(kept) < 2:
        raise ValueError(
            f"{name} must have at least 2 rows with a value in target "
            f"{target!r}; received {len(kept)}."
        )
    return kept


def _encode_target(tables, target, task):
    if task == "classification":
        return joint_codes(*(t[target] for t in tables))
    return [as_float(t[target]) for t in tables]


def _fit_score(task, X, y, X_test, y_test, categorical, seed):
    if task == "classification":
        if np.unique(y).size < 2:
            predicted = np.full(len(y_test), y[0])
        else:
            model = HistGradientBoostingClassifier(
                categorical_features=categorical, random_state=seed
            )
            predicted = model.fit(X, y).predict(X_test)
        return float(f1_score(y_test, predicted, average="macro", zero_division=0))
    model = HistGradientBoostingRegressor(categorical_features=categorical, random_state=seed)
    return float(r2_score(y_test, model.fit(X, y).predict(X_test)))
