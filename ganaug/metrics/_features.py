"""Tables as numeric matrices for scikit-learn's gradient boosting."""

import numpy as np

from ._kinds import CONTINUOUS, as_float, joint_codes

# HistGradientBoosting handles at most this many categories per feature;
# columns with more distinct values enter as (ordinal) numeric codes.
_MAX_CATEGORIES = 254


def encode(tables, kinds):
    """Encode ``tables`` with shared category codes.

    Returns
    -------
    matrices : list of ndarray of shape (n_rows, n_columns)
        Float matrices, missing values as NaN.
    categorical : ndarray of bool of shape (n_columns,)
        Which features gradient boosting should treat as categories.
    """
    columns = [[] for _ in tables]
    categorical = []
    for column, kind in kinds.items():
        if kind == CONTINUOUS:
            encoded = [as_float(table[column]) for table in tables]
            categorical.append(False)
        else:
            codes = joint_codes(*(table[column] for table in tables))
            encoded = [np.where(c < 0, np.nan, c.astype(np.float64)) for c in codes]
            n_categories = max(int(c.max()) for c in codes) + 1
            categorical.append(n_categories <= _MAX_CATEGORIES)
        for matrix, values in zip(columns, encoded):
            matrix.append(values)
    matrices = [np.column_stack(m) if m else np.empty((len(t), 0))
                for m, t in zip(columns, tables)]
    return matrices, np.array(categorical, dtype=bool)


def subsample(table, max_rows, rng):
    """At most ``max_rows`` rows of ``table``, drawn without replacement."""
    if len(table) <= max_rows:
        return table
    rows = np.sort(rng.choice(len(table), size=max_rows, replace=False))
    return table.iloc[rows]
