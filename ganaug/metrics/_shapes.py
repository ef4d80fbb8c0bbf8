"""Column shapes: how well each synthetic column matches its real marginal."""

import numpy as np
import pandas as pd
from scipy.stats import ks_2samp

from ._kinds import CONTINUOUS, as_float, joint_codes, prepare

# Like SDMetrics, round before the KS test so float noise is not a difference.
_DECIMALS = 14


def column_shapes(real, synthetic, *, discrete_columns=None):
    """Score how closely each synthetic column follows the real one.

    Continuous columns (numbers, datetimes) get the Kolmogorov-Smirnov
    complement ``1 - D``, where ``D`` is the largest gap between the two
    empirical CDFs; discrete columns get the total-variation complement
    ``1 - 0.5 * sum(|p_real - p_synthetic|)`` over their categories.  Missing
    values are ignored, as in SDMetrics' ``KSComplement`` and
    ``TVComplement``.  Both scores lie in [0, 1]; 1 means identical.

    Parameters
    ----------
    real, synthetic : DataFrame
        Tables in the original feature space with the same columns.
    discrete_columns : list of column names or None, default=None
        Numeric or datetime columns to score as discrete.  Booleans, text,
        strings and categoricals are always discrete.

    Returns
    -------
    DataFrame
        One row per column of ``real``: ``column``, ``metric``
        (``"KSComplement"`` or ``"TVComplement"``) and ``score`` (NaN when a
        column has no values in one of the tables).

    Examples
    --------
    >>> import pandas as pd
    >>> from ganaug.metrics import column_shapes
    >>> real = pd.DataFrame({"age": [20, 30, 40, 50], "city": ["a", "a", "b", "b"]})
    >>> synthetic = pd.DataFrame({"age": [20, 30, 40, 90], "city": ["a", "b", "b", "b"]})
    >>> column_shapes(real, synthetic)
      column        metric  score
    0    age  KSComplement   0.75
    1   city  TVComplement   0.75
    """
    kinds = prepare({"real": real, "synthetic": synthetic}, discrete_columns)
    rows = []
    for column, kind in kinds.items():
        if kind == CONTINUOUS:
            score = ks_complement(real[column], synthetic[column])
            rows.append((column, "KSComplement", score))
        else:
            score = tv_complement(real[column], synthetic[column])
            rows.append((column, "TVComplement", score))
    return pd.DataFrame(rows, columns=["column", "metric", "score"]).astype(
        {"score": np.float64}
    )


def ks_complement(real, synthetic):
    """``1 - D`` of the two-sample Kolmogorov-Smirnov test; NaN if one is empty."""
    a = np.round(as_float(real), _DECIMALS)
    b = np.round(as_float(synthetic), _DECIMALS)
    a, b = a[~np.isnan(a)], b[~np.isnan(b)]
    if a.size == 0 or b.size == 0:
        return np.nan
    return float(1.0 - ks_2samp(a, b, method="asymp").statistic)


def tv_complement(real, synthetic):
    """``1 -`` total variation distance of the category frequencies."""
    real_codes, synthetic_codes = joint_codes(real, synthetic)
    real_codes = real_codes[real_codes >= 0]
    synthetic_codes = synthetic_codes[synthetic_codes >= 0]
    if real_codes.size == 0 or synthetic_codes.size == 0:
        return np.nan
    size = max(real_codes.max(), synthetic_codes.max()) + 1
    p = np.bincount(real_codes, minlength=size) / real_codes.size
    q = np.bincount(synthetic_codes, minlength=size) / synthetic_codes.size
    return float(1.0 - 0.5 * np.abs(p - q).sum())
