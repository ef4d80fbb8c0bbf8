"""One quality score: the mean of the column-shape and pair-trend averages."""

import numbers

import numpy as np

from ._shapes import column_shapes
from ._trends import column_pair_trends


def quality_score(
    real, synthetic, *, discrete_columns=None, correlation_threshold=0.0,
    association_threshold=0.0,
):
    """Overall fidelity in [0, 1]: the mean of the shape and trend averages.

    The average of :func:`column_shapes` and the average of
    :func:`column_pair_trends` are computed ignoring NaN scores, and the
    quality score is their mean (ignoring an average that is NaN), as in
    SDMetrics' ``QualityReport``.

    Parameters
    ----------
    real, synthetic : DataFrame
        Tables in the original feature space with the same columns.
    discrete_columns : list of column names or None, default=None
        Numeric or datetime columns to treat as discrete.
    correlation_threshold, association_threshold : float, default=0.0
        When positive, a continuous pair counts towards the trend average
        only if its real ``|r|`` exceeds ``correlation_threshold``, and any
        other pair only if its real Cramér's V exceeds
        ``association_threshold``.  The default counts every pair; SDMetrics
        0.2x and later use 0.5 and 0.3 in their ``QualityReport``.

    Returns
    -------
    float
        The quality score; 1 means the marginals and pairwise trends match.

    See Also
    --------
    column_shapes, column_pair_trends : The per-column and per-pair detail.

    Examples
    --------
    >>> import numpy as np
    >>> import pandas as pd
    >>> from ganaug.metrics import quality_score
    >>> rng = np.random.default_rng(0)
    >>> real = pd.DataFrame({"x": rng.normal(size=200),
    ...                      "city": rng.choice(["Oslo", "Rome"], 200)})
    >>> quality_score(real, real)
    1.0
    >>> shifted = real.assign(x=real["x"] + 3)
    >>> quality_score(real, shifted) < 0.9
    True
    """
    _check_threshold(correlation_threshold, "correlation_threshold")
    _check_threshold(association_threshold, "association_threshold")
    shapes = column_shapes(real, synthetic, discrete_columns=discrete_columns)
    trends = column_pair_trends(real, synthetic, discrete_columns=discrete_columns)
    return combine(
        shapes, trends, correlation_threshold, association_threshold
    )["quality"]


def combine(shapes, trends, correlation_threshold=0.0, association_threshold=0.0):
    """The shape average, the trend average and their mean, as a dict."""
    shape_average = _nanmean(shapes["score"].to_numpy())
    counted = _counted_pairs(trends, correlation_threshold, association_threshold)
    trend_average = _nanmean(trends.loc[counted, "score"].to_numpy())
    quality = _nanmean(np.array([shape_average, trend_average]))
    return {
        "quality": quality,
        "column_shapes": shape_average,
        "column_pair_trends": trend_average,
    }


def _counted_pairs(trends, correlation_threshold, association_threshold):
    correlation = trends["metric"] == "CorrelationSimilarity"
    strength = np.where(
        correlation, trends["real_correlation"].abs(), trends["real_association"]
    )
    threshold = np.where(correlation, correlation_threshold, association_threshold)
    # NaN strength fails a positive threshold, as in SDMetrics.
    return (threshold <= 0) | (strength > threshold)


def _nanmean(values):
    values = values[~np.isnan(values)]
    return float(values.mean()) if values.size else float("nan")


def _check_threshold(value, name):
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a float in [0, 1]; received {value!r}.")
    if not 0 <= value <= 1:
        raise ValueError(f"{name} must be in [0, 1]; received {value!r}.")
