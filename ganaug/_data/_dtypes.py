"""Column dtypes: how a column is modelled, and how its dtype comes back."""

import numpy as np
import pandas as pd

# Numeric columns with fewer distinct (integer) values than this are modelled
# as discrete when the user does not say otherwise.
DISCRETE_THRESHOLD = 10


def column_kind(series):
    """Classify a column as ``"discrete"``, ``"int"``, ``"float"`` or ``"datetime"``.

    Raises
    ------
    ValueError
        For complex numbers.
    TypeError
        For other dtypes that cannot be modelled (timedelta, period, ...).
    """
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype) or pd.api.types.is_bool_dtype(dtype):
        return "discrete"
    if pd.api.types.is_string_dtype(dtype) or dtype == np.dtype(object):
        return "discrete"
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return "datetime"
    if pd.api.types.is_integer_dtype(dtype):
        return "int"
    if pd.api.types.is_float_dtype(dtype):
        return "float"
    if pd.api.types.is_complex_dtype(dtype):
        raise ValueError(
            f"Complex data not supported: column {series.name!r} has dtype "
            f"{dtype}; expected real numbers."
        )
    raise TypeError(
        f"Column {series.name!r} has dtype {dtype}, which ganaug cannot model; "
        "expected numbers, booleans, strings, categories or datetimes."
    )


def looks_discrete(series, kind):
    """Whether a numeric column with few distinct integer values is a category."""
    if kind not in ("int", "float"):
        return kind == "discrete"
    observed = series.dropna()
    if observed.nunique() >= DISCRETE_THRESHOLD:
        return False
    values = observed.to_numpy(dtype=np.float64)
    return bool(np.all(values == np.round(values)))


def restore_dtype(values, dtype, name):
    """Build a Series of ``dtype`` from decoded values (NaN or None: missing)."""
    if isinstance(dtype, np.dtype) and dtype.kind in "iub":
        return pd.Series(np.asarray(values).astype(dtype), name=name)
    if dtype == np.dtype(object):
        return pd.Series(values, dtype=object, name=name)
    return pd.Series(values, name=name).astype(dtype)


def dtype_to_config(dtype):
    """A JSON-friendly description of ``dtype``."""
    if isinstance(dtype, pd.CategoricalDtype):
        return {
            "name": "category",
            "categories": [plain_scalar(c) for c in dtype.categories.tolist()],
            "ordered": bool(dtype.ordered),
        }
    return {"name": str(dtype)}


def dtype_from_config(config):
    """Inverse of :func:`dtype_to_config`."""
    if config["name"] == "category":
        return pd.CategoricalDtype(config["categories"], ordered=config["ordered"])
    return pd.api.types.pandas_dtype(config["name"])


def plain_scalar(value):
    return value.item() if isinstance(value, np.generic) else value
