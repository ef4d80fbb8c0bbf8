"""Column pair trends: do pairs of synthetic columns move together like real ones?"""

import itertools

import numpy as np
import pandas as pd
from scipy.stats.contingency import association

from ._kinds import CONTINUOUS, as_float, joint_codes, prepare

# Continuous columns in a mixed pair are cut into this many equal-width bins.
N_BINS = 10
_COLUMNS = [
    "column_1", "column_2", "metric", "score",
    "real_correlation", "synthetic_correlation", "real_association",
]


def column_pair_trends(real, synthetic, *, discrete_columns=None):
    """Score how well each pair of synthetic columns keeps the real pair's trend.

    Pairs of continuous columns get the correlation similarity
    ``1 - |r_real - r_synthetic| / 2`` with Pearson's ``r`` on the rows where
    both values are present (NaN when a column is constant).  Any other pair
    gets the contingency similarity ``1 - 0.5 * sum(|P_real - P_synthetic|)``
    over the joint frequencies, with missing values as a category of their
    own.  As in SDMetrics' ``QualityReport``, a continuous column in a mixed
    pair is cut into ten equal-width bins spanning that table's own observed
    range.  Scores lie in [0, 1]; 1 means identical.

    Parameters
    ----------
    real, synthetic : DataFrame
        Tables in the original feature space with the same columns.
    discrete_columns : list of column names or None, default=None
        Numeric or datetime columns to treat as discrete.  Booleans, text,
        strings and categoricals are always discrete.

    Returns
    -------
    DataFrame
        One row per pair of columns of ``real``: ``column_1``, ``column_2``,
        ``metric`` (``"CorrelationSimilarity"`` or
        ``"ContingencySimilarity"``), ``score``, ``real_correlation`` and
        ``synthetic_correlation`` (Pearson's ``r``, continuous pairs only)
        and ``real_association`` (Cramér's V of the real pair, other pairs
        only).

    Examples
    --------
    >>> import pandas as pd
    >>> from ganaug.metrics import column_pair_trends
    >>> real = pd.DataFrame({"x": [1.0, 2.0, 3.0, 4.0], "y": [2.0, 4.0, 6.0, 8.0]})
    >>> synthetic = pd.DataFrame({"x": [1.0, 2.0, 3.0, 4.0], "y": [8.0, 6.0, 4.0, 2.0]})
    >>> column_pair_trends(real, synthetic)[["column_1", "column_2", "score"]]
      column_1 column_2  score
    0        x        y    0.0
    """
    kinds = prepare({"real": real, "synthetic": synthetic}, discrete_columns)
    binned = {c: _pair_codes(real[c], synthetic[c], kind) for c, kind in kinds.items()}
    rows = []
    for first, second in itertools.combinations(kinds, 2):
        if kinds[first] == kinds[second] == CONTINUOUS:
            rows.append(_correlation_row(real, synthetic, first, second))
        else:
            rows.append(_contingency_row(binned, first, second))
    return pd.DataFrame(rows, columns=_COLUMNS).astype(
        dict.fromkeys(_COLUMNS[3:], np.float64)
    )


def _pair_codes(real, synthetic, kind):
    """Category codes (missing: -1) of one column in both tables."""
    if kind == CONTINUOUS:
        return _bin(as_float(real)), _bin(as_float(synthetic))
    return tuple(joint_codes(real, synthetic))


def _bin(values):
    """Equal-width bin numbers over the observed range; missing values get -1."""
    present = ~np.isnan(values)
    codes = np.full(values.shape, -1, dtype=np.int64)
    if present.any():
        edges = np.histogram_bin_edges(values[present], bins=N_BINS)
        codes[present] = np.digitize(values[present], edges[1:-1])
    return codes


def _correlation_row(real, synthetic, first, second):
    r_real = _pearson(real[first], real[second])
    r_synthetic = _pearson(synthetic[first], synthetic[second])
    score = 1.0 - abs(r_real - r_synthetic) / 2.0
    return (first, second, "CorrelationSimilarity", score, r_real, r_synthetic, np.nan)


def _pearson(first, second):
    """Pearson's r on rows where both are present; NaN for a constant column."""
    x, y = as_float(first), as_float(second)
    if _is_constant(x) or _is_constant(y):
        return np.nan
    keep = ~(np.isnan(x) | np.isnan(y))
    x, y = x[keep], y[keep]
    if x.size < 2 or np.ptp(x) == 0 or np.ptp(y) == 0:
        return np.nan
    x, y = x - x.mean(), y - y.mean()
    r = np.dot(x, y) / np.sqrt(np.dot(x, x) * np.dot(y, y))
    return float(np.clip(r, -1.0, 1.0))


def _is_constant(values):
    present = values[~np.isnan(values)]
    return present.size > 0 and np.ptp(present) == 0


def _contingency_row(binned, first, second):
    (real_1, synthetic_1), (real_2, synthetic_2) = binned[first], binned[second]
    width = max(real_2.max(), synthetic_2.max()) + 2
    height = max(real_1.max(), synthetic_1.max()) + 2
    real_table = _joint_counts(real_1, real_2, height, width)
    synthetic_table = _joint_counts(synthetic_1, synthetic_2, height, width)
    gap = np.abs(real_table / len(real_1) - synthetic_table / len(synthetic_1)).sum()
    return (
        first, second, "ContingencySimilarity", 1.0 - 0.5 * gap,
        np.nan, np.nan, _cramers_v(real_table),
    )


def _joint_counts(codes_1, codes_2, height, width):
    keys = (codes_1 + 1) * width + (codes_2 + 1)
    return np.bincount(keys, minlength=height * width).reshape(height, width)


def _cramers_v(table):
    table = table[table.sum(axis=1) > 0][:, table.sum(axis=0) > 0]
    if min(table.shape) < 2:
        return np.nan
    return float(association(table, method="cramer"))
