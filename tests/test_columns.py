"""Column encoders at the edges of their dtypes: exact, in range, no overflow."""

import numpy as np
import pandas as pd
import pytest

from ganaug._data._columns import ContinuousColumn
from ganaug._data._dtypes import column_kind


def _fitted(series):
    return ContinuousColumn("c", column_kind(series), series.dtype).fit(series, seed=0)


def _decode_random(column, n=400, seed=0):
    """Decode ``n`` random generator outputs, extremes of ``alpha`` included."""
    rng = np.random.default_rng(seed)
    alpha = np.r_[-1.0, 1.0, rng.uniform(-1, 1, n - 2)]
    mode = rng.integers(0, column.n_modes, n)
    return column.decode(alpha, mode)


INT64 = np.iinfo(np.int64)
EDGES = {
    "int64-extremes": pd.Series(np.r_[INT64.min, INT64.max, np.arange(-20, 20) * 2**58]),
    "uint64-beyond-int64": pd.Series(
        np.array([2**64 - 1, 2**63 + 7] + [2**62 + i for i in range(20)], dtype=np.uint64)
    ),
    "Int64-beyond-2**53": pd.Series(
        [2**60 + 1, None] + [2**60 + 3 * i for i in range(20)], dtype="Int64"
    ),
    "microseconds-far-from-1970": pd.Series(np.array(
        ["1700-01-01T00:00:00.000001", "2199-05-03T01:02:03.456789"] * 3
        + [f"21{i:02d}-01-01" for i in range(12)], dtype="datetime64[us]")),
    "nanoseconds": pd.Series(pd.Timestamp("2020-01-01") + pd.to_timedelta(
        np.arange(0, 10**15, 7 * 10**13 + 3), unit="ns")),
    "seconds-outside-nanosecond-range": pd.Series(np.array(
        ["1000-01-01", "2999-12-31", "1500-06-01", "2500-06-01"] * 5, dtype="datetime64[s]"
    )),
    "tz-aware-microseconds": pd.Series(np.array(
        ["1800-03-01T01:01:01.000001", "2100-01-01"] * 10, dtype="datetime64[us]")
    ).dt.tz_localize("Europe/Oslo"),
}


@pytest.mark.parametrize("series", EDGES.values(), ids=EDGES.keys())
def test_int_and_datetime_values_come_back_exact_and_in_range(series):
    column = _fitted(series)
    decoded = _decode_random(column)
    observed = series.dropna()
    assert decoded.dtype == series.dtype
    assert decoded.notna().any()
    assert decoded.min() >= observed.min() and decoded.max() <= observed.max()


def test_datetime_step_is_found_on_exact_values():
    days = pd.Series(np.array(["2199-01-01", "1700-01-02", "1990-05-05"] * 5,
                              dtype="datetime64[ns]"))
    column = _fitted(days)
    assert column.step == 86_400 * 10**9
    decoded = _decode_random(column)
    assert (decoded == decoded.dt.normalize()).all()


@pytest.mark.parametrize("magnitude", [1e300, 1e-300])
def test_extreme_magnitudes_are_scaled_without_overflow(magnitude):
    rng = np.random.default_rng(0)
    base = np.r_[rng.normal(size=50), rng.normal(size=50) + 8]
    series = pd.Series(base * magnitude)
    with np.errstate(over="raise", invalid="raise"):
        column = _fitted(series)
    assert 0 < column.scale < np.inf
    assert column.scale == pytest.approx(base.std() * magnitude, rel=1e-9)
    assert len(column.means) >= 2  # the two clusters are told apart
    decoded = _decode_random(column)
    assert decoded.min() >= series.min() and decoded.max() <= series.max()


def test_config_round_trip_keeps_exact_bounds():
    series = EDGES["int64-extremes"]
    column = _fitted(series)
    again = ContinuousColumn.from_config(column.to_config())
    assert again.bounds == [INT64.min, INT64.max]
    pd.testing.assert_series_equal(_decode_random(again), _decode_random(column))
