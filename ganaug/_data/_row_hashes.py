"""Row hashes of the training table: what the copy guard compares against.

:class:`CopyGuard` holds the sorted hashes of the training rows and the
share of synthetic rows that may equal one of them (see
:mod:`ganaug._sampling._guard`, which applies it).
"""

import math

import numpy as np
import pandas as pd


def row_hashes(frame):
    """One uint64 per row; equal rows (missing values equal) hash equally.

    Numbers hash by their float value, datetimes by their integer ticks and
    everything else by value through a categorical (one hash per distinct
    value, missing values as one), so ``sample`` pays little for it.
    """
    canonical = {}
    for i, (_, column) in enumerate(frame.items()):
        if pd.api.types.is_datetime64_any_dtype(column):
            values = pd.DatetimeIndex(column).asi8  # NaT: the smallest int64
        elif pd.api.types.is_numeric_dtype(column) and not isinstance(
            column.dtype, pd.CategoricalDtype
        ):
            values = column.to_numpy(dtype=np.float64, na_value=np.nan)
        else:
            values = pd.Categorical(column)
        canonical[i] = values
    return pd.util.hash_pandas_object(pd.DataFrame(canonical), index=False).to_numpy()


class CopyGuard:
    """Hashes of the training rows and the share of copies allowed.

    Parameters
    ----------
    hashes : ndarray of uint64
        Sorted unique hashes of the training rows.
    allowed_rate : float
        Largest share of synthetic rows that may equal a training row.
    """

    def __init__(self, hashes, allowed_rate):
        self.hashes = hashes
        self.allowed_rate = float(allowed_rate)

    @classmethod
    def from_table(cls, table):
        """Guard against copies of ``table``'s rows.

        The allowed share is the larger of the share of rows that repeat
        another row and, when every column has finitely many values (no
        float or datetime column), the share of the possible rows that the
        table holds: a table that holds every possible row cannot be
        sampled without copies.
        """
        hashes, counts = np.unique(row_hashes(table), return_counts=True)
        repeated = counts[counts > 1].sum() / max(len(table), 1)
        return cls(hashes, max(repeated, len(hashes) / _possible_rows(table)))

    def rejected(self, frame):
        """Boolean mask of the copies beyond the allowed share (the later ones)."""
        is_copy = np.isin(row_hashes(frame), self.hashes)
        allowed = math.floor(self.allowed_rate * len(frame))
        return is_copy & (np.cumsum(is_copy) > allowed)


def _possible_rows(table):
    """How many distinct rows the columns' seen values allow (inf with a
    float or datetime column that holds more than one value)."""
    possible = 1.0
    for _, column in table.items():
        continuous = (pd.api.types.is_float_dtype(column)
                      or pd.api.types.is_datetime64_any_dtype(column))
        if continuous and column.nunique() > 1:
            return math.inf
        possible *= max(column.nunique(dropna=False), 1)
    return possible
