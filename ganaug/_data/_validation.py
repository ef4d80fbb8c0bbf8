"""Input checks: every problem is a ValueError/TypeError naming what is wrong."""

import numbers
import warnings

import numpy as np
import pandas as pd

from ._dtypes import column_kind

_SCALAR_TYPES = (str, bool, numbers.Integral, numbers.Real, np.bool_)
# Text columns with at least this many distinct values, one for nearly every
# row, look like identifiers rather than categories.
_ID_MIN_UNIQUE = 50
_ID_UNIQUE_FRACTION = 0.9
# Beyond this many categories a column's one-hot dominates the model.
_MAX_CATEGORIES = 1000


def as_frame(X, name="X", fitting=True):
    """Return ``X`` as a DataFrame (never a copy of a DataFrame) after checks.

    Parameters
    ----------
    X : object
        The table.
    name : str, default="X"
        How error messages name ``X``.
    fitting : bool, default=True
        Whether a GAN is fitted on ``X``: it then needs at least 2 rows and a
        value in every column.  Otherwise (``transform``) 1 row will do.

    Raises
    ------
    TypeError, ValueError
        For anything that is not a non-empty 2-D table of supported columns.
    """
    if isinstance(X, pd.DataFrame):
        frame = X
    elif isinstance(X, pd.Series):
        raise TypeError(
            f"{name} must be 2-D (a DataFrame or an array of shape (n_samples, "
            f"n_features)); received a Series. Use {name}.to_frame()."
        )
    elif _is_sparse(X):
        raise TypeError(
            f"Sparse data was passed for {name}, but dense data is required. "
            "Use '.toarray()' to convert to a dense numpy array."
        )
    else:
        array = _as_array(X, name)
        # object arrays: numeric columns become numeric (the array is not changed)
        frame = pd.DataFrame(array).infer_objects()
    _check_shape(frame, name, 2 if fitting else 1)
    _check_column_names(frame, name)
    for column in frame.columns:
        _check_column(frame[column], require_values=fitting)
    return frame


def _is_sparse(X):
    from scipy import sparse

    return sparse.issparse(X)


def _as_array(X, name):
    if isinstance(X, (str, bytes)) or (not hasattr(X, "__len__") and not hasattr(X, "__array__")):
        raise TypeError(
            f"{name} must be a DataFrame or a 2-D array-like; received "
            f"{type(X).__name__}."
        )
    try:
        array = np.asarray(X)
    except ValueError as error:
        raise ValueError(f"{name} could not be read as a 2-D array: {error}") from None
    if array.ndim != 2:
        raise ValueError(
            f"{name} must be 2-D of shape (n_samples, n_features); received an "
            f"array with {array.ndim} dimension(s). Reshape your data with "
            "array.reshape(-1, 1) if it has a single feature."
        )
    return array


def _check_shape(frame, name, min_samples):
    n_rows, n_columns = frame.shape
    if n_columns == 0:
        raise ValueError(
            f"{name} has 0 feature(s) (shape=({n_rows}, 0)) while a minimum of 1 "
            "is required."
        )
    if n_rows == 0:
        raise ValueError(
            f"{name} has 0 sample(s) (shape=(0, {n_columns})) while a minimum of "
            f"{min_samples} is required."
        )
    if n_rows < min_samples:
        raise ValueError(
            f"{name} has 1 sample; a GAN needs at least 2 rows (n_samples = 1)."
        )


def _check_column_names(frame, name):
    duplicated = frame.columns[frame.columns.duplicated()].unique().tolist()
    if duplicated:
        raise ValueError(
            f"{name} has duplicate column names {duplicated}; every column "
            "needs its own name."
        )
    for column in frame.columns:
        if not isinstance(column, (str, numbers.Integral)):
            raise TypeError(
                f"{name} has a column named {column!r} of type "
                f"{type(column).__name__}; column names must be strings or ints."
            )
    texts = [column for column in frame.columns if isinstance(column, str)]
    if texts and len(texts) < frame.shape[1]:
        others = [column for column in frame.columns if not isinstance(column, str)]
        raise TypeError(
            f"{name} has column names of mixed types: strings such as {texts[0]!r} "
            f"and ints such as {others[0]!r}; column names must be all strings "
            "or all ints. Convert them with X.columns = X.columns.astype(str)."
        )


def _check_column(series, require_values=True):
    kind = column_kind(series)
    if require_values and series.isna().all():
        raise ValueError(
            f"Column {series.name!r} has no values (all missing); drop it before "
            "fitting."
        )
    if kind in ("int", "float"):
        values = series.to_numpy(dtype=np.float64, na_value=np.nan)
        if np.isinf(values).any():
            raise ValueError(
                f"Column {series.name!r} contains infinity; expected finite "
                "numbers or missing values (NaN)."
            )
    elif kind == "discrete":
        _check_scalars(series)


def _check_scalars(series):
    values = series.dropna()
    if isinstance(series.dtype, pd.CategoricalDtype):
        values = pd.Series(series.dtype.categories)
    kinds = values.map(type).unique()
    for value_type in kinds:
        if not issubclass(value_type, _SCALAR_TYPES):
            raise TypeError(
                f"Column {series.name!r} holds values of type "
                f"{value_type.__name__}, but every argument must be a string or a "
                "number (booleans too). Convert or drop the column."
            )
        floats = issubclass(value_type, float)
        if floats and np.isinf(values[values.map(type) == value_type].astype(float)).any():
            raise ValueError(
                f"Column {series.name!r} contains infinity; expected finite "
                "values or missing values."
            )


def warn_suspicious_columns(frame, shown_names=None):
    """Warn about columns that a GAN can only copy (constant or ID-like) or
    hardly learn (more than 1,000 categories).

    ``shown_names`` maps internal column names to the names users know.
    """
    shown_names = shown_names or {}
    for name in frame.columns:
        message = _suspicion(frame[name], shown_names.get(name, name), len(frame))
        if message is not None:
            warnings.warn(message, UserWarning, stacklevel=3)


def _suspicion(series, name, n_rows):
    n_unique = series.nunique(dropna=True)
    if n_unique == 1:
        return f"Column {name!r} holds a single value; synthetic rows will repeat it."
    if column_kind(series) != "discrete":
        return None
    if n_unique >= _ID_MIN_UNIQUE and n_unique >= _ID_UNIQUE_FRACTION * n_rows:
        return (
            f"Column {name!r} has {n_unique} distinct values in {n_rows} rows and "
            "looks like an identifier; synthetic rows can only repeat its "
            "training values. Consider dropping it."
        )
    if n_unique > _MAX_CATEGORIES:
        return (
            f"Column {name!r} has {n_unique} categories (more than "
            f"{_MAX_CATEGORIES}); each is one output of the generator, so training "
            "is slow and rare categories are hardly learnt. Consider grouping "
            "rare values."
        )
    return None


def as_target(y, n_rows):
    """Return ``y`` as a Series of length ``n_rows`` after checks."""
    if isinstance(y, pd.DataFrame):
        if y.shape[1] != 1:
            raise ValueError(
                f"y must be 1-D; received a DataFrame with {y.shape[1]} columns."
            )
        y = y.iloc[:, 0]
    if not isinstance(y, pd.Series):
        array = np.asarray(y)
        if array.ndim == 2 and array.shape[1] == 1:
            array = array.ravel()
        if array.ndim != 1:
            raise ValueError(f"y must be 1-D; received shape {array.shape}.")
        y = pd.Series(array)
    if len(y) != n_rows:
        raise ValueError(
            f"X and y have inconsistent numbers of samples: X has {n_rows} rows, "
            f"y has {len(y)}."
        )
    _check_column(y.rename(y.name if y.name is not None else "y"))
    return y


def check_discrete_columns(discrete_columns, columns, name="X"):
    """``discrete_columns`` as a list (``None`` kept) after checking that it
    is a list of names of ``columns`` (the columns of the table ``name``)."""
    if discrete_columns is None:
        return None
    if isinstance(discrete_columns, (str, bytes)) or not isinstance(
        discrete_columns, (list, tuple, set, frozenset, pd.Index, np.ndarray)
    ):
        raise TypeError(
            "discrete_columns must be None or a list of column names; received "
            f"{discrete_columns!r}."
        )
    listed = list(discrete_columns)
    for column in listed:
        if column not in columns:
            raise ValueError(
                f"discrete_columns names {column!r}, which is not a column of {name}; "
                f"columns are {list(columns)}."
            )
    return listed
