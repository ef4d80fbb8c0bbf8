"""ganaug.metrics against SDMetrics' QualityReport on the same mixed table.

Runs only where ``sdmetrics`` is installed (it is not a dependency).
"""

import warnings

import numpy as np
import pandas as pd
import pytest

from ganaug.metrics import column_pair_trends, column_shapes
from ganaug.metrics._quality import combine

from .conftest import mixed_frame

pytest.importorskip("sdmetrics", reason="comparison with SDMetrics needs sdmetrics")

TOLERANCE = 0.02
CONTINUOUS = ("float", "int", "when", "float_nan", "x", "y")


def table(n, seed, noise):
    """mixed_frame plus strongly linked columns, so thresholds have pairs to keep."""
    rng = np.random.default_rng(seed + 100)
    frame = mixed_frame(n, seed)
    x = frame["float"].to_numpy()
    frame["x"] = x + rng.normal(scale=noise, size=n)
    frame["y"] = np.where(rng.random(n) < 0.1, np.nan, -x + rng.normal(scale=noise, size=n))
    frame["band"] = pd.Series(np.where(x > 10, "high", "low"), dtype=object)
    return frame


def metadata(frame):
    columns = {}
    for name in frame.columns:
        if name in CONTINUOUS:
            sdtype = "datetime" if name == "when" else "numerical"
        else:
            sdtype = "boolean" if frame[name].dtype == bool else "categorical"
        columns[name] = {"sdtype": sdtype}
    return {"columns": columns}


def sdmetrics_report(real, synthetic, thresholds):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")   # deprecation notices from sdmetrics
        from sdmetrics.reports.single_table import QualityReport

        report = QualityReport()
        if thresholds is not None:
            if not hasattr(report, "real_correlation_threshold"):
                pytest.skip("this sdmetrics version has no pair-trend thresholds")
            report.real_correlation_threshold, report.real_association_threshold = thresholds
        report.generate(real, synthetic, metadata(real), verbose=False)
    return report


@pytest.fixture(scope="module")
def tables():
    return table(300, 0, noise=1.0), table(250, 1, noise=2.5)


@pytest.mark.parametrize("thresholds", [(0.0, 0.0), None], ids=["no-threshold", "default"])
def test_scores_match_sdmetrics_quality_report(tables, thresholds):
    real, synthetic = tables
    report = sdmetrics_report(real, synthetic, thresholds)
    if thresholds is None:
        thresholds = (getattr(report, "real_correlation_threshold", 0.0),
                      getattr(report, "real_association_threshold", 0.0))
    shapes, trends = column_shapes(real, synthetic), column_pair_trends(real, synthetic)
    ours = combine(shapes, trends, *thresholds)
    theirs = report.get_properties().set_index("Property")["Score"]
    assert not np.isnan(ours["column_pair_trends"])
    assert abs(ours["column_shapes"] - theirs["Column Shapes"]) <= TOLERANCE
    assert abs(ours["column_pair_trends"] - theirs["Column Pair Trends"]) <= TOLERANCE
    assert abs(ours["quality"] - report.get_score()) <= TOLERANCE


def test_per_column_and_per_pair_scores_match(tables):
    real, synthetic = tables
    report = sdmetrics_report(real, synthetic, (0.0, 0.0))
    their_shapes = report.get_details("Column Shapes").set_index("Column")
    shapes = column_shapes(real, synthetic).set_index("column")
    assert (shapes["metric"] == their_shapes.loc[shapes.index, "Metric"]).all()
    np.testing.assert_allclose(shapes["score"], their_shapes.loc[shapes.index, "Score"],
                               atol=1e-6)

    their_trends = report.get_details("Column Pair Trends").set_index(["Column 1", "Column 2"])
    trends = column_pair_trends(real, synthetic).set_index(["column_1", "column_2"])
    theirs = their_trends.loc[trends.index]
    assert (trends["metric"] == theirs["Metric"]).all()
    correlation = trends["metric"] == "CorrelationSimilarity"
    np.testing.assert_allclose(trends.loc[correlation, "score"],
                               theirs.loc[correlation, "Score"], atol=1e-9)
    # Mixed pairs differ only where SDMetrics bins a column's maximum and its
    # missing values together; ganaug keeps missing values apart.
    np.testing.assert_allclose(trends["score"], theirs["Score"], atol=0.05)
