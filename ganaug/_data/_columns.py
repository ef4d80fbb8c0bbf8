"""Per-column encoders: one table column <-> a block of model-space features.

A continuous column becomes a scalar in ``[-1, 1]`` and a one-hot *mode*
(mode-specific normalisation: a Gaussian mixture fitted to the column, each
value expressed relative to one of its components).  A discrete column
becomes a one-hot over its observed values.  Missing values are one more
state of the one-hot in both cases, so the generator learns how often they
occur.  Every encoder serialises to plain JSON (``to_config``).


The arithmetic that turns a standardised value into its mode's logits and
its scalar is written once, against a small namespace of array operations
(:class:`ArrayOps`): :data:`HOST_OPS` (numpy) here, and the TensorFlow ops of
:mod:`._encoder_graph` for rows encoded inside a training graph.
"""

import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._dtypes import dtype_from_config, dtype_to_config, plain_scalar, restore_dtype

_MAX_MODES = 10
_MIN_MODE_WEIGHT = 0.005
_GMM_SUBSAMPLE = 5000
# Bound of a continuous column's scalar once encoded (tanh's range, kept off 1).
CLIP = 0.99


@dataclass(frozen=True)
class ArrayOps:
    """The array operations the shared encoding arithmetic needs."""

    log: Callable
    square: Callable
    clip: Callable


HOST_OPS = ArrayOps(log=np.log, square=np.square, clip=np.clip)


def standardise(values, center, scale):
    """``(values - center) / scale``, computed as the encoder always has."""
    return values / scale - center / scale


def mode_logits(ops, z, means, stds, weights):
    """Log of each mode's weighted density at the standardised values ``z``:
    the logits of the mode a value is encoded in, shape ``(n, n_modes)``."""
    return ops.log(weights) - ops.log(stds) - 0.5 * ops.square((z[:, None] - means) / stds)


def mode_scalar(ops, z, mean, std):
    """The encoded scalar of ``z`` in the mode of ``mean`` and ``std``."""
    return ops.clip((z - mean) / (4 * std), -CLIP, CLIP)


class ContinuousColumn:
    """Mode-specific normalisation of one numeric or datetime column.

    Parameters
    ----------
    name : hashable
        Column name.
    kind : {"float", "int", "datetime"}
        How values are restored on decoding.
    dtype : dtype
        The training column's dtype, restored on decoding.
    """

    def __init__(self, name, kind, dtype):
        self.name = name
        self.kind = kind
        self.dtype = dtype

    @property
    def n_modes(self):
        return len(self.means) + int(self.has_missing)

    def fit(self, series, seed):
        """Fit the mixture on the column's non-missing values."""
        self.unit = _datetime_unit(self.dtype) if self.kind == "datetime" else None
        values = _to_float(series, self.kind, self.unit)
        missing = np.isnan(values)
        observed = values[~missing]
        self.has_missing = bool(missing.any())
        self.low, self.high = float(observed.min()), float(observed.max())
        self.center, self.scale = _center_and_scale(observed)
        z = observed / self.scale - self.center / self.scale
        self.means, self.stds, self.weights = _fit_modes(z, seed)
        exact = _integer_bounds(series, self.kind, self.unit)
        self.bounds = None if exact is None else exact[:2]
        self.step = _datetime_step(exact[2], self.unit) if self.kind == "datetime" else 1
        return self

    def encode(self, series, rng):
        """Return ``(alpha, mode)``: the scalar in [-1, 1] and the mode index."""
        values = _to_float(series, self.kind, self.unit)
        missing = np.isnan(values)
        z = standardise(np.where(missing, self.center, values), self.center, self.scale)
        logp = mode_logits(HOST_OPS, z, self.means, self.stds, self.weights)
        gumbel = -np.log(-np.log(rng.uniform(1e-12, 1.0, size=logp.shape)))
        mode = np.argmax(logp + gumbel, axis=1)
        alpha = mode_scalar(HOST_OPS, z, self.means[mode], self.stds[mode])
        alpha[missing] = 0.0
        mode[missing] = len(self.means)
        return alpha, mode

    def decode(self, alpha, mode):
        """Turn ``(alpha, mode)`` arrays back into a column of the training dtype."""
        n_real_modes = len(self.means)
        missing = mode >= n_real_modes
        safe = np.minimum(mode, n_real_modes - 1)
        z = np.clip(alpha, -1.0, 1.0) * 4 * self.stds[safe] + self.means[safe]
        with np.errstate(over="ignore"):  # beyond the float range: clipped
            values = np.clip(z * self.scale + self.center, self.low, self.high)
        values[missing] = np.nan
        if self.kind == "float":
            return restore_dtype(values, self.dtype, self.name)
        ints = _exact_ints(values, self.bounds, self.step)
        return _from_ints(ints, missing, self.kind, self.dtype, self.name, self.unit)

    def to_config(self):
        return {
            "type": "continuous",
            "name": plain_scalar(self.name),
            "kind": self.kind,
            "dtype": dtype_to_config(self.dtype),
            "has_missing": self.has_missing,
            "low": self.low,
            "high": self.high,
            "center": self.center,
            "scale": self.scale,
            "step": self.step,
            "unit": self.unit,
            "bounds": self.bounds,
            "means": self.means.tolist(),
            "stds": self.stds.tolist(),
            "weights": self.weights.tolist(),
        }

    @classmethod
    def from_config(cls, config):
        column = cls(config["name"], config["kind"], dtype_from_config(config["dtype"]))
        for key in ("has_missing", "low", "high", "center", "scale", "step"):
            setattr(column, key, config[key])
        # format version 1: datetimes in nanoseconds, bounds from the floats
        column.unit = config.get("unit", "ns" if column.kind == "datetime" else None)
        column.bounds = config.get("bounds") or _float_bounds(column)
        for key in ("means", "stds", "weights"):
            setattr(column, key, np.asarray(config[key], dtype=np.float64))
        return column


class DiscreteColumn:
    """One-hot encoding of a column of categories (missing is one more).

    Parameters
    ----------
    name : hashable
        Column name.
    dtype : dtype
        The training column's dtype (categoricals keep their categories).
    """

    def __init__(self, name, dtype):
        self.name = name
        self.dtype = dtype

    @property
    def n_modes(self):
        return len(self.categories) + int(self.has_missing)

    def fit(self, series, seed=None):
        """Learn the observed categories and their frequencies."""
        missing = series.isna().to_numpy()
        observed = series[~missing]
        self.has_missing = bool(missing.any())
        if isinstance(self.dtype, pd.CategoricalDtype):
            present = set(observed.unique().tolist())
            categories = [c for c in self.dtype.categories.tolist() if c in present]
        else:
            categories = _sorted_unique(observed)
        self.categories = [plain_scalar(c) for c in categories]
        self.missing_marker = _missing_marker(series[missing])
        codes = self._codes(series)
        self.counts = np.bincount(codes, minlength=self.n_modes).astype(np.int64)
        return self

    def encode(self, series, rng=None):
        """Return the integer code of every value (missing: the last code)."""
        return self._codes(series)

    def _codes(self, series):
        missing = series.isna().to_numpy()
        index = pd.Index(self.categories, dtype=object)
        codes = index.get_indexer(series.to_numpy(dtype=object))
        codes = np.where(missing, len(self.categories), codes)
        if (codes < 0).any():
            unknown = series.to_numpy(dtype=object)[codes < 0][0]
            raise ValueError(
                f"Column {self.name!r} holds the value {unknown!r}, which was "
                "not seen during fit."
            )
        return codes.astype(np.int64)

    def decode(self, codes):
        """Turn integer codes back into a column of the training dtype."""
        table = np.empty(len(self.categories) + 1, dtype=object)
        table[: len(self.categories)] = self.categories
        table[-1] = _MARKERS[self.missing_marker]
        return restore_dtype(table[codes], self.dtype, self.name)

    def value_code(self, value):
        """The code of one category (``None``/NaN for missing), or ``None``."""
        if _is_missing(value):
            return len(self.categories) if self.has_missing else None
        value = plain_scalar(value)
        for code, category in enumerate(self.categories):
            if type(category) is type(value) and category == value:
                return code
            if _both_numeric(category, value) and category == value:
                return code
        return None

    def to_config(self):
        return {
            "type": "discrete",
            "name": plain_scalar(self.name),
            "dtype": dtype_to_config(self.dtype),
            "has_missing": self.has_missing,
            "categories": self.categories,
            "missing_marker": self.missing_marker,
            "counts": self.counts.tolist(),
        }

    @classmethod
    def from_config(cls, config):
        column = cls(config["name"], dtype_from_config(config["dtype"]))
        column.has_missing = config["has_missing"]
        column.categories = list(config["categories"])
        column.missing_marker = config["missing_marker"]
        column.counts = np.asarray(config["counts"], dtype=np.int64)
        return column


def column_from_config(config):
    """Rebuild a column encoder from :meth:`to_config` output."""
    kinds = {"continuous": ContinuousColumn, "discrete": DiscreteColumn}
    if config.get("type") not in kinds:
        raise ValueError(f"Unknown column type in model file: {config.get('type')!r}.")
    return kinds[config["type"]].from_config(config)


def _fit_modes(z, seed):
    """Fit a 1-D Gaussian mixture and return (means, stds, weights) of its modes.

    The mixture is fitted on numpy arrays whatever scikit-learn's
    ``array_api_dispatch`` says: the encoder works in numpy, and k-means++
    initialisation has no array-API implementation.
    """
    from sklearn import config_context
    from sklearn.mixture import GaussianMixture

    unique = np.unique(z)
    n_components = min(_MAX_MODES, len(unique))
    if n_components <= 1:
        return np.array([unique[0]]), np.array([1e-3]), np.array([1.0])
    rng = np.random.default_rng(seed)
    if len(z) > _GMM_SUBSAMPLE:
        z = rng.choice(z, size=_GMM_SUBSAMPLE, replace=False)
    gmm = GaussianMixture(
        n_components=n_components,
        max_iter=100,
        reg_covar=1e-4,
        init_params="k-means++",
        random_state=int(rng.integers(2**31 - 1)),
    )
    with warnings.catch_warnings(), config_context(array_api_dispatch=False):
        warnings.simplefilter("ignore")
        gmm.fit(z.reshape(-1, 1))
    keep = gmm.weights_ > _MIN_MODE_WEIGHT
    weights = gmm.weights_[keep] / gmm.weights_[keep].sum()
    means = gmm.means_[keep, 0]
    stds = np.sqrt(gmm.covariances_[keep, 0, 0])
    order = np.argsort(means)
    return means[order], stds[order], weights[order]


def _center_and_scale(observed):
    """Mean and standard deviation (1 when 0) without overflow or underflow,
    from ``observed / max|observed|``."""
    magnitude = float(np.max(np.abs(observed)))
    if magnitude == 0.0:
        return 0.0, 1.0
    unit = observed / magnitude
    std = magnitude * float(unit.std())
    return magnitude * float(unit.mean()), std if std > 0 else 1.0


def _datetime_unit(dtype):
    """The resolution of a datetime dtype: ``"s"``, ``"ms"``, ``"us"`` or ``"ns"``."""
    unit = getattr(dtype, "unit", None)
    return unit if unit is not None else np.datetime_data(dtype)[0]


def _datetime_ints(series, unit):
    """``(int64 counts of unit since the epoch (UTC), missing mask)``."""
    if getattr(series.dt, "tz", None) is not None:
        series = series.dt.tz_convert("UTC").dt.tz_localize(None)
    series = series.astype(f"datetime64[{unit}]")
    return series.to_numpy().view("int64"), series.isna().to_numpy()


def _to_float(series, kind, unit=None):
    if kind == "datetime":
        ints, missing = _datetime_ints(series, unit)
        values = ints.astype(np.float64)
        values[missing] = np.nan
        return values
    return series.astype("float64").to_numpy(dtype=np.float64, na_value=np.nan)


def _integer_bounds(series, kind, unit):
    """``[low, high, observed ints]`` exactly, for int and datetime columns."""
    if kind == "float":
        return None
    if kind == "datetime":
        ints, missing = _datetime_ints(series, unit)
        observed = ints[~missing]
    else:
        observed = series.dropna().to_numpy()
    return [int(observed.min()), int(observed.max()), observed]


def _float_bounds(column):
    if column.kind == "float":
        return None
    return [int(column.low), int(column.high)]


def _exact_ints(values, bounds, step):
    """Round ``values`` to multiples of ``step`` within ``bounds``, exactly,
    as int64 (uint64 beyond the int64 range); missing values become ``low``."""
    low, high = bounds
    dtype = np.dtype(np.uint64 if high > np.iinfo(np.int64).max else np.int64)
    info = np.iinfo(dtype)
    # float(info.max) rounds up to 2**63 (2**64): the float below it is castable
    top = np.nextafter(float(info.max), 0.0)
    units = np.round(np.nan_to_num(values / step, nan=low / step))
    units = np.clip(units, float(info.min), top).astype(dtype)
    units = np.clip(units, dtype.type(-(-low // step)), dtype.type(high // step))
    return units * dtype.type(step)


def _from_ints(ints, missing, kind, dtype, name, unit):
    if kind == "int":
        if isinstance(dtype, np.dtype):
            return pd.Series(ints.astype(dtype), name=name)
        return pd.Series(ints, name=name).astype(dtype).mask(missing)
    stamps = pd.Series(ints.astype(np.int64).view(f"datetime64[{unit}]"), name=name)
    stamps = stamps.where(~missing)
    tz = getattr(dtype, "tz", None)
    if tz is not None:
        stamps = stamps.dt.tz_localize("UTC").dt.tz_convert(tz)
    return stamps.astype(dtype)


_NS_PER_UNIT = {"s": 10**9, "ms": 10**6, "us": 10**3, "ns": 1}


def _datetime_step(ints, unit):
    """The coarsest unit (a day down to the resolution) that divides every
    value, in counts of ``unit``."""
    per = _NS_PER_UNIT[unit]
    for ns in (86_400 * 10**9, 3_600 * 10**9, 60 * 10**9, 10**9, 10**6, 10**3):
        if ns % per == 0 and np.all(ints % (ns // per) == 0):
            return ns // per
    return 1


def _sorted_unique(series):
    unique = pd.unique(series.to_numpy(dtype=object))
    try:
        return sorted(unique.tolist())
    except TypeError:
        return sorted(unique.tolist(), key=lambda v: (type(v).__name__, repr(v)))


_MARKERS = {"none": None, "nan": np.nan, "na": pd.NA, "nat": pd.NaT}


def _missing_marker(missing_values):
    """How the training column spelled a missing value (NaN unless all agree)."""
    kinds = {
        "none" if v is None else "na" if v is pd.NA else "nat" if v is pd.NaT else "nan"
        for v in missing_values.to_numpy(dtype=object)
    }
    return kinds.pop() if len(kinds) == 1 else "nan"


def _is_missing(value):
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _both_numeric(a, b):
    numeric = (int, float)
    return isinstance(a, numeric) and isinstance(b, numeric)
