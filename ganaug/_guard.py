"""Keeping synthetic rows away from the training rows.

Two rules, applied by :meth:`GANAugmenter.sample` after generation:

- exact copies: no larger share of the synthetic rows may equal a training
  row than the share of training rows that equal *another* training row (a
  leave-one-out estimate of how often a fresh real row repeats a training
  row).  On tables with continuous columns that share is about 0, so no copy
  passes; on small all-discrete tables, where real rows repeat, some may.
- ``min_distance``: no synthetic row may lie closer than that to a training
  row, by a Gower distance (see :class:`RowDistance`).

Rejected rows are replaced by new draws until the rules hold.
"""

import math
import numbers
import warnings

import numpy as np
import pandas as pd

MAX_ROUNDS = 20
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


class RowDistance:
    """Gower distance from rows to their closest reference row.

    The distance of :func:`ganaug.metrics.privacy`: the mean over columns of
    ``|a - b| / range`` (capped at 1) for continuous columns and of 0 or 1
    for discrete ones; a missing value equals only a missing value.

    Parameters
    ----------
    reference : DataFrame
        The rows to keep away from.
    """

    def __init__(self, reference):
        self.reference = reference

    def closest(self, frame):
        """Distance from each row of ``frame`` to its nearest reference row."""
        from .metrics._kinds import prepare
        from .metrics._privacy import closest_distances, encode_for_distance

        if len(frame) == 0:
            return np.zeros(0)
        tables = {"training rows": self.reference, "synthetic rows": frame}
        reference, query, is_continuous = encode_for_distance(tables, prepare(tables, None))
        return closest_distances(query, reference, is_continuous)


def guard_rules(est, min_distance):
    """The rejection rules of a fitted ``est``'s ``sample`` call."""
    rules = []
    if getattr(est, "_copy_guard", None) is not None:
        rules.append(est._copy_guard.rejected)
    if min_distance is not None:
        if isinstance(min_distance, bool) or not isinstance(min_distance, numbers.Real):
            raise TypeError(f"min_distance must be a number or None; received {min_distance!r}.")
        if not 0 <= min_distance <= 1:
            raise ValueError(f"min_distance must be in [0, 1]; received {min_distance!r}.")
        if getattr(est, "_training_rows", None) is None:
            raise ValueError(
                "min_distance needs the training rows, which a loaded or unpickled "
                "model does not keep; refit the model to use it."
            )
        if getattr(est, "_row_distance", None) is None:
            est._row_distance = RowDistance(est._training_rows)
        distance = est._row_distance

        def too_close(frame):
            return distance.closest(frame) < min_distance

        too_close.strict = True
        rules.append(too_close)
    return rules


def round_seed(seed, round_):
    """The seed of redraw ``round_`` (round 0 is ``seed`` itself)."""
    return seed if round_ == 0 else int((seed + 104729 * round_) % (2**31 - 1))


def guarded(draw, n_rows, rules):
    """``n_rows`` rows from ``draw(n, round)`` that pass every rule.

    Each rule maps a DataFrame to a mask of rejected rows; rejected rows are
    replaced by fresh draws, at most ``MAX_ROUNDS`` times.  Then a strict
    rule (``min_distance``) raises; the copy guard alone warns and keeps the
    rows, so that sampling never fails for it.
    """
    table = draw(n_rows, 0)
    for round_ in range(1, MAX_ROUNDS + 1):
        reject = np.zeros(len(table), dtype=bool)
        for rule in rules:
            reject |= rule(table)
        if not reject.any():
            return table
        fresh = draw(int(reject.sum()), round_)
        table = pd.concat([table[~reject], fresh], ignore_index=True)
    if not any(getattr(rule, "strict", False) for rule in rules):
        warnings.warn(
            f"{int(reject.sum())} of {n_rows} synthetic rows still copy training rows "
            f"after {MAX_ROUNDS} rounds of redrawing; they are kept.",
            UserWarning, stacklevel=5,
        )
        return table
    raise ValueError(
        f"could not generate {n_rows} rows that keep away from the training rows: "
        f"{int(reject.sum())} were still rejected after {MAX_ROUNDS} rounds of "
        "redrawing; lower min_distance."
    )
