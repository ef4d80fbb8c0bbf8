import numpy as np
import pandas as pd
import pytest
from threadpoolctl import threadpool_limits

import ganaug.metrics as metrics
from ganaug.metrics import (
    column_pair_trends,
    column_shapes,
    detection_auc,
    evaluate,
    infer_discrete_columns,
    ml_efficacy,
    privacy,
    quality_score,
)

from .conftest import mixed_frame


@pytest.fixture(autouse=True)
def one_thread():
    # Tiny tables: OpenMP thread start-up would cost more than the boosting.
    with threadpool_limits(1):
        yield


def linked(n=200, seed=0):
    """``y`` follows ``x`` closely and ``band`` is a coarse version of ``x``."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    return pd.DataFrame({
        "x": x,
        "y": 2 * x + rng.normal(scale=0.1, size=n),
        "band": pd.Series(np.where(x > 0, "high", "low"), dtype=object),
    })


# --- column shapes -----------------------------------------------------------

def test_identical_tables_score_one(frame):
    shapes = column_shapes(frame, frame)
    trends = column_pair_trends(frame, frame)
    assert shapes["column"].tolist() == frame.columns.tolist()
    assert np.allclose(shapes["score"], 1.0)
    assert len(trends) == len(frame.columns) * (len(frame.columns) - 1) // 2
    assert np.allclose(trends["score"], 1.0)
    assert quality_score(frame, frame) == pytest.approx(1.0)


def test_default_kinds_pick_the_metric(frame):
    metric = column_shapes(frame, frame).set_index("column")["metric"]
    continuous = {"float", "int", "when", "float_nan"}
    for column, name in metric.items():
        assert name == ("KSComplement" if column in continuous else "TVComplement"), column


def test_discrete_columns_override_the_default(frame):
    shapes = column_shapes(frame, frame, discrete_columns=["int"]).set_index("column")
    assert shapes.loc["int", "metric"] == "TVComplement"
    trends = column_pair_trends(frame, frame, discrete_columns=["int"])
    pair = trends[(trends["column_1"] == "float") & (trends["column_2"] == "int")]
    assert pair["metric"].item() == "ContingencySimilarity"


def test_shifted_column_lowers_only_its_shape_score(frame):
    shifted = frame.assign(float=frame["float"] + 6)
    scores = column_shapes(frame, shifted).set_index("column")["score"]
    assert scores["float"] < 0.5
    assert np.allclose(scores.drop("float"), 1.0)
    assert quality_score(frame, shifted) < quality_score(frame, frame)


def test_ks_complement_matches_the_largest_cdf_gap():
    real = pd.DataFrame({"x": [1.0, 2.0, 3.0, 4.0, np.nan]})
    synthetic = pd.DataFrame({"x": [3.0, 4.0, 5.0, 6.0]})
    # Empirical CDFs differ most at 2: real 0.5, synthetic 0.
    assert column_shapes(real, synthetic)["score"].item() == pytest.approx(0.5)


def test_tv_complement_by_hand_ignores_missing_values():
    real = pd.DataFrame({"c": ["a", "a", "b", None]})
    synthetic = pd.DataFrame({"c": ["a", "c", "c", "b"]})
    # 0.5 * (|2/3 - 1/4| + |1/3 - 1/4| + |0 - 1/2|) = 0.5
    assert column_shapes(real, synthetic)["score"].item() == pytest.approx(0.5)


def test_equal_values_of_other_dtypes_match():
    real = pd.DataFrame({"n": [1, 2, 2, 3], "c": pd.Categorical(["a", "b", "a", "b"])})
    synthetic = pd.DataFrame({"n": [1.0, 2.0, 2.0, 3.0], "c": ["a", "b", "a", "b"]})
    scores = column_shapes(real, synthetic, discrete_columns=["n"])["score"]
    assert np.allclose(scores, 1.0)


def test_datetime_resolution_does_not_matter():
    when = pd.Series(pd.to_datetime(["2020-01-01", "2021-06-01", "2022-03-04", None]))
    real = pd.DataFrame({"when": when.astype("datetime64[ns]"), "x": [1.0, 2.0, 4.0, 3.0]})
    synthetic = real.assign(when=when.astype("datetime64[s]"))
    assert np.allclose(column_shapes(real, synthetic)["score"], 1.0)
    assert np.allclose(column_pair_trends(real, synthetic)["score"], 1.0)


def test_column_without_values_scores_nan():
    real = pd.DataFrame({"x": [1.0, 2.0, 3.0], "c": ["a", "b", "a"]})
    synthetic = pd.DataFrame({"x": [np.nan] * 3, "c": [None] * 3})
    assert column_shapes(real, synthetic)["score"].isna().all()


# --- column pair trends ------------------------------------------------------

def test_broken_correlation_lowers_the_trend_score():
    real = linked()
    rng = np.random.default_rng(1)
    broken = real.assign(y=rng.permutation(real["y"].to_numpy()))
    trends = column_pair_trends(real, broken).set_index(["column_1", "column_2"])
    assert trends.loc[("x", "y"), "metric"] == "CorrelationSimilarity"
    assert trends.loc[("x", "y"), "real_correlation"] > 0.95
    assert trends.loc[("x", "y"), "score"] < 0.6
    assert trends.loc[("x", "band"), "score"] == pytest.approx(1.0)
    # Shuffling keeps every marginal, so only the trend average drops.
    assert np.allclose(column_shapes(real, broken)["score"], 1.0)
    assert quality_score(real, broken) < quality_score(real, real)


def test_broken_discrete_association_lowers_the_contingency_score():
    real = linked()
    rng = np.random.default_rng(2)
    broken = real.assign(band=rng.permutation(real["band"].to_numpy()))
    trends = column_pair_trends(real, broken).set_index(["column_1", "column_2"])
    assert trends.loc[("x", "band"), "metric"] == "ContingencySimilarity"
    assert trends.loc[("x", "band"), "real_association"] > 0.5
    assert trends.loc[("x", "band"), "score"] < 0.8


def test_constant_column_gives_a_nan_correlation_that_the_average_skips():
    real = linked().assign(flat=1.0)
    trends = column_pair_trends(real, real)
    flat = (trends["column_1"] == "flat") | (trends["column_2"] == "flat")
    continuous = trends["metric"] == "CorrelationSimilarity"
    assert trends.loc[flat & continuous, "score"].isna().all()
    assert quality_score(real, real) == pytest.approx(1.0)


def test_thresholds_count_only_strong_real_trends():
    rng = np.random.default_rng(3)
    real = linked().assign(noise=rng.normal(size=200))
    synthetic = real.assign(noise=-real["noise"])   # same marginal shape, weak pair
    synthetic["noise"] = rng.permutation(synthetic["noise"].to_numpy())
    plain = quality_score(real, synthetic)
    strict = quality_score(real, synthetic, correlation_threshold=0.5,
                           association_threshold=0.3)
    # Only (x, y) and (x, band), (y, band) pass; they are kept intact.
    assert strict > plain
    assert strict == pytest.approx(
        np.mean([column_shapes(real, synthetic)["score"].mean(), 1.0])
    )


# --- detection ---------------------------------------------------------------

def test_detection_auc_is_half_for_identical_tables(frame):
    assert detection_auc(frame, frame) == pytest.approx(0.5, abs=0.05)


def test_detection_auc_is_high_for_a_different_table():
    real = linked()
    far = real.assign(x=real["x"] + 4, band="high")
    assert detection_auc(real, far) > 0.95


def test_detection_is_seeded():
    real, synthetic = mixed_frame(80, 0), mixed_frame(80, 1)
    assert detection_auc(real, synthetic, random_state=3) == detection_auc(
        real, synthetic, random_state=3
    )


def test_detection_subsamples_large_inputs(monkeypatch):
    seen = []
    original = metrics._detection.cross_val_score

    def spy(model, X, y, **kwargs):
        seen.append((X.shape[0], int(y.sum())))
        return original(model, X, y, **kwargs)

    monkeypatch.setattr(metrics._detection, "cross_val_score", spy)
    detection_auc(mixed_frame(300, 0), mixed_frame(250, 1), max_rows=40)
    assert seen == [(80, 40)]


# --- machine-learning efficacy -----------------------------------------------

def test_efficacy_classification_compares_synthetic_with_real():
    train, test = linked(200, 0), linked(100, 1)
    rng = np.random.default_rng(4)
    noisy = train.assign(band=rng.permutation(train["band"].to_numpy()))
    good = ml_efficacy(train, train, test, "band")
    bad = ml_efficacy(train, noisy, test, "band")
    assert good["metric"] == "macro_f1" and good["task"] == "classification"
    assert good["train_on_real"] > 0.9
    assert good["train_on_synthetic"] == pytest.approx(good["train_on_real"])
    assert bad["train_on_synthetic"] < good["train_on_real"] - 0.2


def test_efficacy_infers_regression_and_can_be_overridden():
    train, test = linked(200, 0), linked(100, 1)
    result = ml_efficacy(train, train, test, "y")
    assert result["task"] == "regression" and result["metric"] == "r2"
    assert result["train_on_real"] > 0.8
    few = train.assign(k=np.arange(200) % 3)
    as_regression = ml_efficacy(few, few, test.assign(k=np.arange(100) % 3), "k",
                                task="regression")
    assert as_regression["metric"] == "r2"
    assert ml_efficacy(few, few, test.assign(k=np.arange(100) % 3), "k")["task"] == (
        "classification"
    )


def test_efficacy_with_a_single_synthetic_class_still_scores():
    train, test = linked(200, 0), linked(100, 1)
    one_class = train.assign(band="high")
    result = ml_efficacy(train, one_class, test, "band")
    assert 0 <= result["train_on_synthetic"] < result["train_on_real"]


# --- privacy -----------------------------------------------------------------

def test_exact_copies_are_counted():
    train, holdout = mixed_frame(60, 0), mixed_frame(40, 5)
    synthetic = pd.concat([train.iloc[:3], mixed_frame(7, 9)], ignore_index=True)
    result = privacy(train, synthetic, holdout)
    assert result["exact_copy_rate"] == pytest.approx(0.3)
    assert result["holdout_exact_copy_rate"] == 0.0
    assert result["dcr_p5"] == 0.0
    assert result["holdout_dcr_p5"] > 0.0
    assert list(result.index) == [
        "exact_copy_rate", "holdout_exact_copy_rate", "dcr_p5", "holdout_dcr_p5",
        "dcr_p50", "holdout_dcr_p50",
    ]


def test_distance_by_hand_with_missing_values():
    train = pd.DataFrame({"x": [0.0, 3.0, np.nan], "c": ["a", "b", None]})
    synthetic = pd.DataFrame({"x": [1.5, np.nan, 0.0], "c": ["a", None, "b"]})
    holdout = pd.DataFrame({"x": [6.0], "c": ["z"]})
    result = privacy(train, synthetic, holdout)
    # row 0: to (0, a) 0.5/2; row 1: copy of (NaN, None); row 2: to (0, a) 0.5
    # (or (3, b) 1.0/2), so the distances are 0.25, 0 and 0.5.
    assert result["exact_copy_rate"] == pytest.approx(1 / 3)
    assert result["dcr_p50"] == pytest.approx(0.25)
    # holdout: x capped at distance 1, c differs: 1.0
    assert result["holdout_dcr_p50"] == pytest.approx(1.0)


def test_chunking_does_not_change_the_result():
    train, synthetic, holdout = mixed_frame(50, 0), mixed_frame(30, 1), mixed_frame(20, 2)
    whole = privacy(train, synthetic, holdout)
    chunked = privacy(train, synthetic, holdout, chunk_size=7)
    pd.testing.assert_series_equal(whole, chunked)


# --- helpers and the tidy table -----------------------------------------------

def test_infer_discrete_columns_applies_the_benchmark_rule(frame):
    table = frame.assign(stars=np.arange(len(frame)) % 4)
    assert infer_discrete_columns(table) == [
        "bool", "text", "string", "str", "category", "text_none", "stars",
    ]
    assert "stars" not in infer_discrete_columns(table, max_distinct=4)


def test_evaluate_lists_every_applicable_score():
    real, synthetic, holdout = linked(120, 0), linked(120, 1), linked(60, 2)
    basic = evaluate(real, synthetic)
    assert basic.columns.tolist() == ["group", "metric", "value"]
    assert basic["metric"].tolist() == [
        "quality", "column_shapes", "column_pair_trends", "detection_auc",
    ]
    assert basic["value"].iloc[0] == pytest.approx(quality_score(real, synthetic))
    full = evaluate(real, synthetic, holdout=holdout, target="band")
    assert set(full["group"]) == {"quality", "detection", "privacy", "efficacy"}
    assert {"train_on_synthetic_macro_f1", "train_on_real_macro_f1", "dcr_p5"} <= set(
        full["metric"]
    )


def test_inputs_are_not_mutated(frame):
    train, synthetic, holdout = frame, mixed_frame(60, 1), mixed_frame(30, 2)
    before = [t.copy(deep=True) for t in (train, synthetic, holdout)]
    evaluate(train, synthetic, holdout=holdout, target="text", discrete_columns=["int"])
    quality_score(train, synthetic, correlation_threshold=0.5)
    for table, copy in zip((train, synthetic, holdout), before):
        pd.testing.assert_frame_equal(table, copy)


ARRAY = np.zeros((5, 1))
SMALL = pd.DataFrame({"x": [1.0, 2.0, 3.0, 4.0, 5.0], "c": list("ababa")})


@pytest.mark.parametrize(
    "call, error, match",
    [
        (lambda: column_shapes(ARRAY, SMALL), TypeError,
         "real must be a pandas DataFrame.*received ndarray"),
        (lambda: column_shapes(SMALL, SMALL[["x"]]), ValueError,
         r"synthetic must have the same columns as real; missing \['c'\]"),
        (lambda: column_pair_trends(SMALL, SMALL.assign(z=1)), ValueError,
         r"unexpected \['z'\]"),
        (lambda: column_shapes(SMALL, SMALL.iloc[:0]), ValueError,
         r"synthetic must have at least 1 row\(s\); received 0"),
        (lambda: column_shapes(SMALL, SMALL, discrete_columns="x"), TypeError,
         "discrete_columns must be None or a list of column names; received 'x'"),
        (lambda: column_shapes(SMALL, SMALL, discrete_columns=["nope"]), ValueError,
         r"discrete_columns names 'nope', which is not a column of real; "
         r"columns are \['x', 'c'\]"),
        (lambda: column_shapes(SMALL, SMALL.assign(x=list("vwxyz"))), TypeError,
         "Column 'x' of synthetic must be numeric or datetime.*received dtype"),
        (lambda: quality_score(SMALL, SMALL, correlation_threshold=2), ValueError,
         "correlation_threshold must be in \\[0, 1\\]; received 2"),
        (lambda: detection_auc(SMALL, SMALL, cv=1), ValueError, "cv must be >= 2; received 1"),
        (lambda: detection_auc(SMALL, SMALL, cv="5"), TypeError, "cv must be an int"),
        (lambda: detection_auc(SMALL, SMALL.iloc[:3]), ValueError,
         "synthetic must have at least cv=5 rows.*received 3"),
        (lambda: detection_auc(SMALL, SMALL, max_rows=2), ValueError,
         "max_rows must be >= 5; received 2"),
        (lambda: ml_efficacy(SMALL, SMALL, SMALL, "nope"), ValueError,
         "target must name a column of train; received 'nope'"),
        (lambda: ml_efficacy(SMALL, SMALL, SMALL, "c", task="ranking"), ValueError,
         "task must be one of .*received 'ranking'"),
        (lambda: ml_efficacy(SMALL, SMALL, SMALL, "c", task="regression"), TypeError,
         "task='regression' needs a numeric target; column 'c' has dtype"),
        (lambda: ml_efficacy(SMALL[["c"]], SMALL[["c"]], SMALL[["c"]], "c"), ValueError,
         "at least one feature besides target='c'"),
        (lambda: privacy(SMALL, SMALL, SMALL[["x"]]), ValueError,
         r"holdout must have the same columns as train; missing \['c'\]"),
        (lambda: privacy(SMALL, SMALL, SMALL, chunk_size=0), ValueError,
         "chunk_size must be >= 1; received 0"),
        (lambda: evaluate(SMALL, SMALL, target="c"), ValueError,
         "target='c' needs holdout"),
        (lambda: infer_discrete_columns(SMALL, max_distinct=0), ValueError,
         "max_distinct must be >= 1; received 0"),
    ],
)
def test_bad_input_raises_a_clear_error(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_detection_sees_a_table_of_few_repeated_rows(frame):
    collapsed = pd.concat([frame.iloc[:3]] * 20, ignore_index=True)
    assert detection_auc(frame, collapsed) > 0.9
