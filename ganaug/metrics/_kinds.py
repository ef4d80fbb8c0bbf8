"""Input checks and the discrete/continuous split shared by every metric."""

import numpy as np
import pandas as pd

from .._data._dtypes import DISCRETE_THRESHOLD, column_kind
from .._data._validation import check_discrete_columns
from .._utils._checks import check_positive_int

DISCRETE = "discrete"
CONTINUOUS = "continuous"
_EPOCH_SECOND = pd.Timedelta(seconds=1)


def check_table(table, name, *, min_rows=1):
    """Return ``table`` (never a copy) after checking it is a usable DataFrame."""
    if not isinstance(table, pd.DataFrame):
        raise TypeError(
            f"{name} must be a pandas DataFrame in the original feature space; "
            f"received {type(table).__name__}."
        )
    if table.shape[1] == 0:
        raise ValueError(f"{name} must have at least 1 column; received 0 columns.")
    if len(table) < min_rows:
        raise ValueError(
            f"{name} must have at least {min_rows} row(s); received {len(table)}."
        )
    if table.columns.duplicated().any():
        duplicated = table.columns[table.columns.duplicated()].unique().tolist()
        raise ValueError(
            f"{name} has duplicate column names {duplicated}; every column needs "
            "its own name."
        )
    return table


def check_same_columns(reference, other, reference_name, other_name):
    """Raise unless ``other`` holds exactly the columns of ``reference``."""
    missing = [c for c in reference.columns if c not in other.columns]
    extra = [c for c in other.columns if c not in reference.columns]
    if missing or extra:
        raise ValueError(
            f"{other_name} must have the same columns as {reference_name}; "
            f"missing {missing}, unexpected {extra}."
        )


def column_kinds(table, discrete_columns=None, name="real"):
    """Map each column of ``table`` to ``"discrete"`` or ``"continuous"``.

    Booleans, text, strings and categoricals are discrete; numbers and
    datetimes are continuous unless listed in ``discrete_columns``.
    """
    listed = set(check_discrete_columns(discrete_columns, table.columns, name) or ())
    kinds = {}
    for column in table.columns:
        kind = column_kind(table[column])
        discrete = kind == "discrete" or column in listed
        kinds[column] = DISCRETE if discrete else CONTINUOUS
    return kinds


def check_continuous_dtypes(kinds, table, name):
    """Raise unless every continuous column of ``table`` is numeric or datetime."""
    for column, kind in kinds.items():
        if kind != CONTINUOUS:
            continue
        dtype = table[column].dtype
        numeric = pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)
        if not (numeric or pd.api.types.is_datetime64_any_dtype(dtype)):
            raise TypeError(
                f"Column {column!r} of {name} must be numeric or datetime like the "
                f"real column (it is continuous); received dtype {dtype}."
            )


def prepare(tables, discrete_columns):
    """Check the named tables and return the column kinds of the first.

    ``tables`` maps argument names to DataFrames; every table must share the
    columns of the first, whose dtypes decide the kinds.
    """
    (reference, first), *others = tables.items()
    check_table(first, reference)
    for name, table in others:
        check_table(table, name)
        check_same_columns(first, table, reference, name)
    kinds = column_kinds(first, discrete_columns, reference)
    for name, table in others:
        check_continuous_dtypes(kinds, table, name)
    return kinds


def as_float(series):
    """A continuous column as float64 (datetimes in seconds; missing is NaN)."""
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        epoch = pd.Timestamp(0, tz=getattr(series.dtype, "tz", None))
        return ((series - epoch) / _EPOCH_SECOND).to_numpy(dtype=np.float64, na_value=np.nan)
    return series.to_numpy(dtype=np.float64, na_value=np.nan)


def joint_codes(*columns):
    """Integer codes shared across ``columns``; missing values get code -1.

    Values that compare equal (``1``, ``1.0`` and ``True``) share a code, and
    categoricals compare by their values, not their category codes.
    """
    values = pd.concat([pd.Series(c.astype(object).to_numpy()) for c in columns],
                       ignore_index=True)
    missing = values.isna().to_numpy()
    codes, _ = pd.factorize(values.where(~missing, None), use_na_sentinel=True)
    codes[missing] = -1
    bounds = np.cumsum([0] + [len(c) for c in columns])
    return [codes[start:stop] for start, stop in zip(bounds[:-1], bounds[1:])]


def infer_discrete_columns(table, *, max_distinct=DISCRETE_THRESHOLD):
    """Columns that hold text or fewer than ``max_distinct`` distinct values.

    This is the rule that tabular-GAN benchmarks use to mark columns as
    discrete; pass the result as ``discrete_columns=`` to any metric.

    Parameters
    ----------
    table : DataFrame
        The real table.
    max_distinct : int, default=10
        Numeric and datetime columns with fewer distinct (non-missing)
        values than this count as discrete.

    Returns
    -------
    list
        Column names, in table order.

    Examples
    --------
    >>> import pandas as pd
    >>> from ganaug.metrics import infer_discrete_columns
    >>> table = pd.DataFrame({"age": range(20), "stars": [1, 2, 3, 4] * 5,
    ...                       "city": ["Oslo", "Rome"] * 10})
    >>> infer_discrete_columns(table)
    ['stars', 'city']
    """
    check_table(table, "table")
    check_positive_int(max_distinct, "max_distinct")
    return [
        column for column in table.columns
        if column_kind(table[column]) == "discrete"
        or table[column].nunique(dropna=True) < max_distinct
    ]
