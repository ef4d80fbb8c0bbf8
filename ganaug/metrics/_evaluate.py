"""Every applicable score in one tidy table."""

import pandas as pd

from ._detection import detection_auc
from ._efficacy import ml_efficacy
from ._privacy import privacy
from ._quality import combine
from ._shapes import column_shapes
from ._trends import column_pair_trends


def evaluate(
    real, synthetic, *, holdout=None, target=None, task="auto", discrete_columns=None,
    max_rows=10_000, random_state=0,
):
    """Score ``synthetic`` against ``real`` with every metric that applies.

    Always: the quality score with its shape and trend averages, and the
    detection AUC.  With ``holdout`` (real rows not used for training):
    the privacy figures.  With ``holdout`` and ``target``: machine-learning
    efficacy, ``real`` being the training set and ``holdout`` the test set.

    Parameters
    ----------
    real : DataFrame
        The real (training) table.
    synthetic : DataFrame
        Synthetic rows with the same columns.
    holdout : DataFrame or None, default=None
        Real rows held out from training, with the same columns.
    target : column name or None, default=None
        Column to predict for machine-learning efficacy; needs ``holdout``.
    task : {"auto", "classification", "regression"}, default="auto"
        Passed to :func:`ml_efficacy`.
    discrete_columns : list of column names or None, default=None
        Numeric or datetime columns to treat as discrete.
    max_rows : int, default=10000
        Row cap per table for :func:`detection_auc`.
    random_state : int, numpy Generator or None, default=0
        Seeds the detection and efficacy models.

    Returns
    -------
    DataFrame
        Columns ``group`` (``"quality"``, ``"detection"``, ``"privacy"``,
        ``"efficacy"``), ``metric`` and ``value``.

    Examples
    --------
    >>> import numpy as np
    >>> import pandas as pd
    >>> from ganaug.metrics import evaluate
    >>> rng = np.random.default_rng(0)
    >>> real = pd.DataFrame({"x": rng.normal(size=100), "c": rng.choice(["a", "b"], 100)})
    >>> table = evaluate(real, real.sample(frac=1.0, random_state=1))
    >>> table["metric"].tolist()
    ['quality', 'column_shapes', 'column_pair_trends', 'detection_auc']
    >>> float(table["value"].iloc[0])
    1.0
    """
    return evaluate_with_details(
        real, synthetic, holdout=holdout, target=target, task=task,
        discrete_columns=discrete_columns, max_rows=max_rows, random_state=random_state,
    )[0]


def evaluate_with_details(
    real, synthetic, *, holdout=None, target=None, task="auto", discrete_columns=None,
    max_rows=10_000, random_state=0,
):
    """:func:`evaluate`'s table, the column shapes and the column pair trends."""
    if target is not None and holdout is None:
        raise ValueError(
            f"target={target!r} needs holdout, the real test rows for "
            "machine-learning efficacy; received holdout=None."
        )
    shapes = column_shapes(real, synthetic, discrete_columns=discrete_columns)
    trends = column_pair_trends(real, synthetic, discrete_columns=discrete_columns)
    rows = [("quality", name, value) for name, value in combine(shapes, trends).items()]
    auc = detection_auc(real, synthetic, discrete_columns=discrete_columns,
                        max_rows=max_rows, random_state=random_state)
    rows.append(("detection", "detection_auc", auc))
    if holdout is not None:
        figures = privacy(real, synthetic, holdout, discrete_columns=discrete_columns)
        rows += [("privacy", name, value) for name, value in figures.items()]
    if target is not None:
        rows += _efficacy_rows(real, synthetic, holdout, target, task,
                               discrete_columns, random_state)
    table = pd.DataFrame(rows, columns=["group", "metric", "value"])
    return table.astype({"value": "float64"}), shapes, trends


def _efficacy_rows(real, synthetic, holdout, target, task, discrete_columns, random_state):
    result = ml_efficacy(real, synthetic, holdout, target, task=task,
                         discrete_columns=discrete_columns, random_state=random_state)
    return [
        ("efficacy", f"{name}_{result['metric']}", result[name])
        for name in ("train_on_synthetic", "train_on_real")
    ]
