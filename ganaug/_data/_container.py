"""What the user passed in, so that what comes out looks the same.

Remembers whether ``X`` was a DataFrame or an array (and its dtype), how the
target ``y`` looked, and turns generated tables back into those containers.
It also resolves ``conditions`` against the fitted encoder, and names the
target in ``conditions`` (``target_key``).
"""

import numpy as np
import pandas as pd
from sklearn.utils.multiclass import type_of_target

from ._dtypes import plain_scalar
from ._validation import as_target, check_discrete_columns

# Name of the target column inside the model's table.
TARGET_KEY = "__ganaug_target__"
_CLASSIFICATION_TARGETS = ("binary", "multiclass")


class Container:
    """The shape of the training data's containers."""

    @classmethod
    def from_data(cls, frame, X, y, discrete_columns):
        """Record the containers of ``X`` and ``y``; check ``discrete_columns``."""
        container = cls()
        container.is_frame = isinstance(X, pd.DataFrame)
        container.columns = frame.columns
        container.array_dtype = None if container.is_frame else np.asarray(X).dtype
        container.has_target = y is not None
        container.target_is_series = isinstance(y, (pd.Series, pd.DataFrame))
        container.target_name = _own_name(y)
        container.target_key = target_name(y, frame.columns) if y is not None else None
        container.target_dtype = None
        container.discrete_columns = check_discrete_columns(discrete_columns, frame.columns)
        container.overrides = {}
        if y is not None:
            target = as_target(y, len(frame))
            if not container.target_is_series:
                container.target_dtype = np.asarray(y).dtype
            container.overrides[TARGET_KEY] = _is_classification(target)
        return container

    @property
    def shown_names(self):
        """``{model column: name users know}`` where they differ (the target)."""
        return {TARGET_KEY: self.target_key} if self.has_target else {}

    def training_table(self, frame, y):
        """``frame`` with the target appended as one more column (no mutation)."""
        if y is None:
            return frame
        target = as_target(y, len(frame)).set_axis(frame.index)
        return pd.concat([frame, target.rename(TARGET_KEY)], axis=1)

    def condition_codes(self, encoder, conditions):
        """``{discrete_index: code}`` for ``conditions``, after checks."""
        if conditions is None:
            return {}
        if not isinstance(conditions, dict):
            raise TypeError(
                f"conditions must be a dict of {{column: value}}; received "
                f"{type(conditions).__name__}."
            )
        positions = {column.name: i for i, (_, column) in enumerate(encoder.discrete)}
        forced = {}
        for key, value in conditions.items():
            name = self._model_column(key, encoder)
            if name not in positions:
                raise ValueError(
                    f"conditions name the column {key!r}, which is continuous; "
                    f"conditions take discrete columns: {self._discrete_names(encoder)}."
                )
            column = encoder.discrete[positions[name]][1]
            code = column.value_code(value)
            if code is None:
                shown = column.categories[:20]
                raise ValueError(
                    f"conditions give {key!r} the value {value!r}, which it never "
                    f"held during fit; known values: {shown}"
                    + (" ..." if len(column.categories) > 20 else ".")
                )
            forced[positions[name]] = code
        return forced

    def _model_column(self, key, encoder):
        if self.has_target and key == self.target_key:
            return TARGET_KEY
        if key in self.columns and key != TARGET_KEY:
            return key
        raise ValueError(
            f"conditions name an unknown column {key!r}; discrete columns are "
            f"{self._discrete_names(encoder)}."
        )

    def _discrete_names(self, encoder):
        return [
            self.target_key if c.name == TARGET_KEY else c.name
            for _, c in encoder.discrete
        ]

    def to_config(self):
        """A JSON-friendly copy."""
        config = dict(vars(self))
        config["columns"] = [plain_scalar(c) for c in self.columns]
        for key in ("array_dtype", "target_dtype"):
            config[key] = None if config[key] is None else str(config[key])
        config["target_name"] = plain_scalar(self.target_name)
        config["target_key"] = plain_scalar(self.target_key)
        config["overrides"] = list(self.overrides.items())
        return config

    @classmethod
    def from_config(cls, config):
        """Inverse of :meth:`to_config`."""
        container = cls()
        for key, value in config.items():
            setattr(container, key, value)
        container.columns = pd.Index(config["columns"])
        for key in ("array_dtype", "target_dtype"):
            if config[key] is not None:
                setattr(container, key, np.dtype(config[key]))
        container.overrides = dict(map(tuple, config["overrides"]))
        return container

    def split_output(self, table):
        """Turn a generated table into ``X_syn`` (and ``y_syn``)."""
        features = table.drop(columns=[TARGET_KEY]) if self.has_target else table
        features.columns = self.columns
        if not self.is_frame:
            features = features.to_numpy(dtype=self.array_dtype)
        if not self.has_target:
            return features
        target = table[TARGET_KEY].rename(self.target_name)
        if not self.target_is_series:
            target = target.to_numpy(dtype=self.target_dtype)
        return features, target


def append_rows(X, parts):
    """``X`` followed by the synthetic ``parts`` (a list of frames or
    arrays), in ``X``'s container and dtype; a DataFrame's index continues.

    This and :func:`append_target` are the one way rows are appended.
    """
    if isinstance(X, pd.DataFrame):
        synthetic = pd.concat(parts, axis=0, ignore_index=True)
        synthetic = synthetic.set_axis(continued_index(X.index, len(synthetic)))
        return pd.concat([X, synthetic], axis=0)
    original = np.asarray(X)
    stacked = np.concatenate(
        [original, *(np.asarray(p).astype(original.dtype, copy=False) for p in parts)]
    )
    return stacked.tolist() if isinstance(X, list) else stacked


def append_target(y, parts, index=None, one_vs_all=False):
    """``y`` followed by the synthetic labels ``parts``, in ``y``'s container.

    Parameters
    ----------
    y : Series, single-column DataFrame, ndarray or list
        The original target, or with ``one_vs_all`` an indicator matrix.
    parts : list of Series or ndarray
        Synthetic targets; for an indicator ``y``, column indices.
    index : Index, default=None
        The index of the augmented ``X`` when it is a DataFrame; otherwise a
        Series ``y``'s index continues.
    one_vs_all : bool, default=False
        Whether ``y`` is a one-vs-all indicator matrix.
    """
    if one_vs_all:
        labels = pd.Series(np.asarray(y).argmax(axis=1))
    elif isinstance(y, pd.DataFrame):
        labels = y.iloc[:, 0]
    elif isinstance(y, pd.Series):
        labels = y
    else:
        labels = pd.Series(np.asarray(y).reshape(-1))
    pieces = [p if isinstance(p, pd.Series) else pd.Series(np.asarray(p)) for p in parts]
    stacked = pd.concat([labels.reset_index(drop=True), *pieces], axis=0, ignore_index=True)
    if one_vs_all:
        indicator = np.asarray(y)
        columns = np.arange(indicator.shape[1])
        values = (stacked.to_numpy()[:, None] == columns[None, :]).astype(indicator.dtype)
        if isinstance(y, pd.DataFrame):
            return pd.DataFrame(values, columns=y.columns, index=index)
        return values.tolist() if isinstance(y, list) else values
    if isinstance(y, (pd.Series, pd.DataFrame)):
        if index is None:
            index = y.index.append(continued_index(y.index, len(stacked) - len(y)))
        stacked = stacked.set_axis(index)
        if isinstance(y, pd.DataFrame):
            return stacked.to_frame(name=y.columns[0])
        return stacked.rename(y.name)
    values = stacked.to_numpy(dtype=np.asarray(y).dtype)
    return values.tolist() if isinstance(y, list) else values


def continued_index(index, n):
    """An index of ``n`` labels that continues ``index``."""
    if len(index) and pd.api.types.is_integer_dtype(index.dtype):
        start = int(index.max()) + 1
        return pd.RangeIndex(start, start + n)
    return pd.RangeIndex(len(index), len(index) + n)


def target_name(y, columns):
    """How ``conditions`` name the target: its own name when no column of X
    has it, else that name prefixed with underscores; ``"y"`` when unnamed."""
    name = _own_name(y)
    if not isinstance(name, (str, int)) or isinstance(name, bool):
        name = "y"
    while name in columns:
        name = f"_{name}"
    return name


def _own_name(y):
    if isinstance(y, pd.DataFrame) and y.shape[1] == 1:
        return y.columns[0]
    return getattr(y, "name", None)


def _is_classification(target):
    """Class labels (modelled as discrete) rather than a continuous target."""
    if not pd.api.types.is_numeric_dtype(target.dtype):
        return True
    return type_of_target(target.dropna()) in _CLASSIFICATION_TARGETS
