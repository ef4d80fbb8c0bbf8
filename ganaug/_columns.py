"""Per-column encoders: one table column <-> a block of model-space features.

A continuous column becomes a scalar in ``[-1, 1]`` and a one-hot *mode*
(mode-specific normalisation: a Gaussian mixture fitted to the column, each
value expressed relative to one of its components).  A discrete column
becomes a one-hot over its observed values.  Missing values are one more
state of the one-hot in both cases, so the generator learns how often they
occur.  Every encoder serialises to plain JSON (``to_config``).
"""

import warnings

import numpy as np
import pandas as pd

from ._dtypes import dtype_from_config, dtype_to_config, plain_scalar, restore_dtype

_MAX_MODES = 10
_MIN_MODE_WEIGHT = 0.005
_GMM_SUBSAMPLE = 5000
_CLIP = 0.99


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
        values = _to_float(series, self.kind)
        missing = np.isnan(values)
        observed = values[~missing]
        self.has_missing = bool(missing.any())
        self.low, self.high = float(observed.min()), float(observed.max())
        self.center = float(observed.mean())
        std = float(observed.std())
        self.scale = std if std > 0 else 1.0
        z = (observed - self.center) / self.scale
        self.means, self.stds, self.weights = _fit_modes(z, seed)
        self.step = _datetime_step(observed) if self.kind == "datetime" else 1
        return self

    def encode(self, series, rng):
        """Return ``(alpha, mode)``: the scalar in [-1, 1] and the mode index."""
        values = _to_float(series, self.kind)
        missing = np.isnan(values)
        z = (np.where(missing, self.center, values) - self.center) / self.scale
        logp = (
            np.log(self.weights)
            - np.log(self.stds)
            - 0.5 * ((z[:, None] - self.means) / self.stds) ** 2
        )
        gumbel = -np.log(-np.log(rng.uniform(1e-12, 1.0, size=logp.shape)))
        mode = np.argmax(logp + gumbel, axis=1)
        alpha = (z - self.means[mode]) / (4 * self.stds[mode])
        alpha = np.clip(alpha, -_CLIP, _CLIP)
        alpha[missing] = 0.0
        mode[missing] = len(self.means)
        return alpha, mode

    def decode(self, alpha, mode):
        """Turn ``(alpha, mode)`` arrays back into a column of the training dtype."""
        n_real_modes = len(self.means)
        missing = mode >= n_real_modes
        safe = np.minimum(mode, n_real_modes - 1)
        z = np.clip(alpha, -1.0, 1.0) * 4 * self.stds[safe] + self.means[safe]
        values = np.clip(z * self.scale + self.center, self.low, self.high)
        values[missing] = np.nan
        return _from_float(values, self.kind, self.dtype, self.name, self.step)

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
            "means": self.means.tolist(),
            "stds": self.stds.tolist(),
            "weights": self.weights.tolist(),
        }

    @classmethod
    def from_config(cls, config):
        column = cls(config["name"], config["kind"], dtype_from_config(config["dtype"]))
        for key in ("has_missing", "low", "high", "center", "scale", "step"):
            setattr(column, key, config[key])
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
    """Fit a 1-D Gaussian mixture and return (means, stds, weights) of its modes."""
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
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        gmm.fit(z.reshape(-1, 1))
    keep = gmm.weights_ > _MIN_MODE_WEIGHT
    weights = gmm.weights_[keep] / gmm.weights_[keep].sum()
    means = gmm.means_[keep, 0]
    stds = np.sqrt(gmm.covariances_[keep, 0, 0])
    order = np.argsort(means)
    return means[order], stds[order], weights[order]


def _to_float(series, kind):
    if kind == "datetime":
        if getattr(series.dt, "tz", None) is not None:
            series = series.dt.tz_convert("UTC").dt.tz_localize(None)
        ns = series.astype("datetime64[ns]")
        values = ns.to_numpy().astype("int64").astype(np.float64)
        values[ns.isna().to_numpy()] = np.nan
        return values
    return series.astype("float64").to_numpy(dtype=np.float64, na_value=np.nan)


def _from_float(values, kind, dtype, name, step):
    if kind == "float":
        return restore_dtype(values, dtype, name)
    missing = np.isnan(values)
    if kind == "int":
        return restore_dtype(np.round(values), dtype, name)
    ns = np.round(np.where(missing, 0, values) / step).astype("int64") * np.int64(step)
    series = pd.Series(ns.astype("datetime64[ns]"), name=name).where(~missing)
    tz = getattr(dtype, "tz", None)
    if tz is not None:
        series = series.dt.tz_localize("UTC").dt.tz_convert(tz)
    return series.astype(dtype)


def _datetime_step(ns_values):
    """The coarsest unit (a day down to a nanosecond) that divides every value."""
    ints = ns_values.astype("int64")
    for unit in (86_400 * 10**9, 3_600 * 10**9, 60 * 10**9, 10**9, 10**6, 10**3):
        if np.all(ints % unit == 0):
            return unit
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
