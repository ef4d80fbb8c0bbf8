"""Privacy: do synthetic rows copy, or sit unusually close to, training rows?"""

import numpy as np
import pandas as pd

from ._kinds import CONTINUOUS, as_float, check_positive_int, joint_codes, prepare

# Distances computed at once: a chunk of query rows times the training rows.
_PAIRS_PER_CHUNK = 2**21
_PERCENTILES = (5, 50)


def privacy(train, synthetic, holdout, *, discrete_columns=None, chunk_size=None):
    """Exact copies and distance to the closest training record, beside a holdout.

    Each synthetic row's distance to its closest ``train`` row (DCR) uses a
    Gower-like distance, the mean over columns of: for continuous columns
    ``|a - b|`` divided by the column's range in ``train`` (capped at 1);
    for discrete columns 0 when equal, 1 otherwise.  Two missing values are
    equal; a missing and a present value differ by 1.  A distance of 0 is an
    exact copy.  The same figures for ``holdout``, real rows that were not
    used for training, show what "close" means for genuinely new rows: a
    synthetic DCR well below the holdout's suggests memorised rows.

    Parameters
    ----------
    train : DataFrame
        Real rows the synthetic data was generated from.
    synthetic : DataFrame
        Synthetic rows with the same columns.
    holdout : DataFrame
        Real rows not used for training, with the same columns.
    discrete_columns : list of column names or None, default=None
        Numeric or datetime columns to compare as categories.
    chunk_size : int or None, default=None
        Query rows compared with all training rows at once; ``None`` keeps
        each chunk to about two million row pairs so memory stays bounded.

    Returns
    -------
    Series
        ``exact_copy_rate``, ``holdout_exact_copy_rate`` (fractions of rows
        identical to a training row), ``dcr_p5``, ``holdout_dcr_p5``,
        ``dcr_p50`` and ``holdout_dcr_p50`` (5th and 50th percentiles of the
        DCR).

    Examples
    --------
    >>> import pandas as pd
    >>> from ganaug.metrics import privacy
    >>> train = pd.DataFrame({"x": [0.0, 1.0, 2.0, 3.0], "c": ["a", "b", "a", "b"]})
    >>> synthetic = pd.DataFrame({"x": [0.0, 1.5], "c": ["a", "a"]})
    >>> holdout = pd.DataFrame({"x": [0.5, 2.5], "c": ["b", "a"]})
    >>> float(privacy(train, synthetic, holdout)["exact_copy_rate"])
    0.5
    """
    tables = {"train": train, "synthetic": synthetic, "holdout": holdout}
    kinds = prepare(tables, discrete_columns)
    if chunk_size is not None:
        chunk_size = check_positive_int(chunk_size, "chunk_size", minimum=1)
    train_matrix, synthetic_matrix, holdout_matrix, is_continuous = encode_for_distance(
        tables, kinds
    )
    figures = {}
    for prefix, query in (("", synthetic_matrix), ("holdout_", holdout_matrix)):
        dcr = closest_distances(query, train_matrix, is_continuous, chunk_size)
        figures[f"{prefix}exact_copy_rate"] = float(np.mean(dcr == 0))
        for q in _PERCENTILES:
            figures[f"{prefix}dcr_p{q}"] = float(np.percentile(dcr, q))
    order = ["exact_copy_rate", "holdout_exact_copy_rate"] + [
        f"{prefix}dcr_p{q}" for q in _PERCENTILES for prefix in ("", "holdout_")
    ]
    return pd.Series({name: figures[name] for name in order}, dtype=np.float64)


def encode_for_distance(tables, kinds):
    """Matrices where continuous columns are scaled by the training range.

    Discrete columns hold shared codes; missing values are NaN everywhere.
    """
    columns = [[] for _ in tables]
    is_continuous = []
    for column, kind in kinds.items():
        if kind == CONTINUOUS:
            values = [as_float(t[column]) for t in tables.values()]
            low, span = _range(values[0])
            values = [(v - low) / span for v in values]
        else:
            codes = joint_codes(*(t[column] for t in tables.values()))
            values = [np.where(c < 0, np.nan, c.astype(np.float64)) for c in codes]
        is_continuous.append(kind == CONTINUOUS)
        for matrix, encoded in zip(columns, values):
            matrix.append(encoded)
    return (*(np.column_stack(m) for m in columns), np.array(is_continuous))


def _range(values):
    present = values[~np.isnan(values)]
    if present.size == 0:
        return 0.0, 1.0
    span = float(np.ptp(present))
    return float(present.min()), span if span > 0 else 1.0


def closest_distances(query, reference, is_continuous, chunk_size=None):
    """Gower-like distance of each ``query`` row to its closest ``reference`` row."""
    if chunk_size is None:
        chunk_size = max(1, _PAIRS_PER_CHUNK // max(1, len(reference)))
    out = np.empty(len(query))
    for start in range(0, len(query), chunk_size):
        block = query[start:start + chunk_size]
        total = np.zeros((len(block), len(reference)))
        for j, continuous in enumerate(is_continuous):
            total += _column_distance(block[:, j], reference[:, j], continuous)
        out[start:start + chunk_size] = total.min(axis=1)
    return out / len(is_continuous)


def _column_distance(a, b, continuous):
    """Per-pair distance in [0, 1] between the values of one column."""
    a_missing, b_missing = np.isnan(a)[:, None], np.isnan(b)[None, :]
    if continuous:
        distance = np.minimum(np.abs(a[:, None] - b[None, :]), 1.0)
    else:
        distance = (a[:, None] != b[None, :]).astype(np.float64)
    return np.where(a_missing | b_missing, (a_missing != b_missing).astype(np.float64),
                    distance)
