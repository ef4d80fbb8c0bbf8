"""Random messy tables (hypothesis strategies) and the contract fit must keep.

Shared by ``tests/test_properties.py`` and ``benchmarks/fuzz_fit.py``.
"""

import datetime as dt
import warnings

import numpy as np
import pandas as pd
from hypothesis import strategies as st
from hypothesis.extra import pandas as pdst

from ganaug import GANAugmenter
from ganaug._data._columns import DiscreteColumn
from ganaug._data._dtypes import column_kind

from .conftest import TINY

# The tiny model for one epoch: the contract does not depend on quality.
FUZZ_PARAMS = dict(TINY, epochs=1)
KINDS = ("float", "int", "bool", "string", "category", "datetime", "mixed")
ODD_NAMES = ("", " ", "a b", "0", "1.5", "é ü", "Σx", "名前", "\t", "None", "nan")
_BIG = 1e300


def column_names(kind):
    """Unicode text and odd spellings (``"str"``), ints (``"int"``: numbers as
    names), or both (``"mixed"``, which fit refuses)."""
    text = st.one_of(st.sampled_from(ODD_NAMES), st.text(max_size=6))
    numbers = st.integers(-3, 1000)
    return {"str": text, "int": numbers, "mixed": st.one_of(text, numbers)}[kind]


def _floats():
    """Finite floats of any magnitude from 1e-300 to 1e300, either sign."""
    tiny_to_huge = st.builds(
        lambda sign, exponent: sign * 10.0**exponent,
        st.sampled_from([-1.0, 1.0]),
        st.floats(-300, 300),
    )
    return st.one_of(st.floats(-_BIG, _BIG), tiny_to_huge, st.floats(-10, 10))


def _elements(kind):
    if kind == "float":
        return _floats()
    if kind == "int":
        return st.one_of(
            st.integers(-(2**63), 2**63 - 1), st.integers(-5, 5), st.integers(0, 10**6)
        )
    if kind == "bool":
        return st.booleans()
    if kind in ("string", "category"):
        return st.one_of(st.text(max_size=4), st.sampled_from(["a", "b", "c"]))
    if kind == "datetime":
        return st.datetimes(dt.datetime(1700, 1, 1), dt.datetime(2200, 1, 1))
    return st.one_of(st.integers(-5, 5), st.text(max_size=3), st.booleans(),
                     st.floats(-10, 10))


@st.composite
def column_specs(draw, refusable):
    """``(name, kind, missing, constant)`` of 1 to 5 distinctly named columns
    (``refusable``: names of mixed types and all-missing columns too)."""
    namings = ["str"] * 8 + ["int"] + (["mixed"] if refusable else [])
    names = draw(st.lists(column_names(draw(st.sampled_from(namings))), min_size=1,
                          max_size=5, unique_by=lambda name: (type(name), name)))
    patterns = ["none"] * 9 + ["some"] * 6 + ["most"] * 4 + (["all"] if refusable else [])
    return [
        (
            name,
            draw(st.sampled_from(KINDS)),
            draw(st.sampled_from(patterns)),
            draw(st.booleans()) and draw(st.booleans()),
        )
        for name in names
    ]


def _column_elements(kind, missing, constant, draw):
    values = _elements(kind)
    if constant:
        values = st.just(draw(values))
    return st.none() if missing == "all" else values


def _missing_mask(missing, n_rows, draw):
    """Where the values of a column with ``missing`` (pattern) are missing."""
    if missing in ("none", "all"):
        return np.zeros(n_rows, dtype=bool)
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    fraction = {"some": draw(st.sampled_from([0.05, 0.2, 0.5])), "most": 0.9}[missing]
    mask = rng.random(n_rows) < fraction
    mask[rng.integers(n_rows)] = False
    return mask


@st.composite
def tables(draw, max_rows=200, refusable=True):
    """A DataFrame of up to ``max_rows`` rows mixing every supported kind of
    column, with random missing values, odd names and extreme values.

    With ``refusable=False`` every table can be fitted: at least 2 rows, a
    value in every column, column names of one type.
    """
    specs = draw(column_specs(refusable))
    columns = [
        pdst.column(str(i), elements=_column_elements(kind, missing, constant, draw),
                    dtype=object)
        for i, (_, kind, missing, constant) in enumerate(specs)
    ]
    n_rows = draw(st.integers(1 if refusable else 2, max_rows))
    raw = draw(pdst.data_frames(columns, index=pdst.range_indexes(n_rows, n_rows)))
    for i, (_, _, missing, _) in enumerate(specs):
        raw.iloc[_missing_mask(missing, n_rows, draw), i] = None
    frame = pd.DataFrame(
        {i: _typed(raw.iloc[:, i], kind, draw) for i, (_, kind, _, _) in enumerate(specs)}
    )
    frame.columns = pd.Index([name for name, *_ in specs], dtype=object)
    return frame


def _typed(values, kind, draw):
    """``values`` (objects, None for missing) as a column of ``kind``."""
    values = values.reset_index(drop=True)
    has_missing = bool(values.isna().any())
    if kind == "float":
        fits_float32 = bool((values.dropna().abs() < 3e38).all())
        return values.astype("float32" if fits_float32 and draw(st.booleans()) else "float64")
    if kind == "int":
        if has_missing:
            return values.astype("Int64")
        return values.astype("int64")
    if kind == "bool":
        if has_missing:
            return values.astype(draw(st.sampled_from(["boolean", object])))
        return values.astype(bool)
    if kind == "string":
        return values.astype(draw(st.sampled_from([object, "string", "str"])))
    if kind == "category":
        observed = sorted(set(values.dropna()))
        extra = draw(st.lists(st.text(max_size=3), max_size=2))
        categories = list(dict.fromkeys(observed + extra))
        return pd.Series(pd.Categorical(values, categories=categories,
                                        ordered=draw(st.booleans())))
    if kind == "datetime":
        return _datetimes(values, draw)
    return values


def _datetimes(values, draw):
    stamps = pd.to_datetime(values.astype(object))
    tz = draw(st.sampled_from([None, None, "UTC", "Europe/Oslo"]))
    if tz is not None:
        stamps = stamps.dt.tz_localize(tz, ambiguous="NaT", nonexistent="NaT")
    unit = draw(st.sampled_from([None, "s", "ms", "us"]))
    if unit is not None:
        dtype = f"datetime64[{unit}]" if tz is None else f"datetime64[{unit}, {tz}]"
        stamps = stamps.astype(dtype)
    return stamps


def fit_or_refuse(frame, n_samples=50, refusable=True):
    """Fit on ``frame`` and check the contract.

    Either ``fit`` refuses the table with a ValueError/TypeError whose message
    names it or a column, or it fits and ``sample`` returns the training
    columns and dtypes, values in the training range (categories from the
    training set), and missing values only in columns that had some.  The
    input is never changed.  Returns the error of a refused table, else None;
    with ``refusable=False`` a refusal is raised.
    """
    original = frame.copy(deep=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        try:
            augmenter = GANAugmenter(**FUZZ_PARAMS).fit(frame)
        except (ValueError, TypeError) as error:
            if not refusable:
                raise
            pd.testing.assert_frame_equal(frame, original)
            _check_message(error, frame)
            return error
    pd.testing.assert_frame_equal(frame, original)
    rows = augmenter.sample(n_samples)
    check_rows(frame, rows, augmenter)
    return None


def _check_message(error, frame):
    message = str(error)
    names = ["X"] + [repr(name) for name in frame.columns]
    assert any(name in message for name in names), (
        f"{type(error).__name__} names neither X nor a column: {message}"
    )


def check_rows(frame, rows, augmenter):
    """Assert that synthetic ``rows`` keep the contract against ``frame``."""
    assert isinstance(rows, pd.DataFrame)
    assert len(rows) > 0
    assert list(rows.columns) == list(frame.columns)
    assert rows.dtypes.tolist() == frame.dtypes.tolist()
    for i, encoded in enumerate(augmenter.encoder_.columns):
        train, synthetic = frame.iloc[:, i], rows.iloc[:, i]
        if not train.isna().any():
            assert not synthetic.isna().any(), f"missing values in {train.name!r}"
        observed, made = train.dropna(), synthetic.dropna()
        if isinstance(encoded, DiscreteColumn):
            unseen = set(made.tolist()) - set(observed.tolist())
            assert not unseen, f"{train.name!r}: values {unseen} never seen in training"
        elif len(made):
            assert made.min() >= observed.min(), f"{train.name!r} below its range"
            assert made.max() <= observed.max(), f"{train.name!r} above its range"
        assert column_kind(synthetic) == column_kind(train)


def describe(frame):
    """A short description of a table for failure reports."""
    parts = [
        f"{name!r}: {dtype} ({frame[name].isna().sum()} missing, "
        f"{frame[name].nunique()} distinct)"
        for name, dtype in zip(frame.columns, frame.dtypes)
    ]
    return f"{len(frame)} rows; " + "; ".join(parts)
