"""Keeping synthetic rows away from the training rows.

Two rules, applied by :meth:`GANAugmenter.sample` after generation (the
hashes of the training rows live in :mod:`ganaug._data._row_hashes`):

- exact copies: no larger share of the synthetic rows may equal a training
  row than the share of training rows that equal *another* training row (a
  leave-one-out estimate of how often a fresh real row repeats a training
  row).  On tables with continuous columns that share is about 0, so no copy
  passes; on small all-discrete tables, where real rows repeat, some may.
- ``min_distance``: no synthetic row may lie closer than that to a training
  row, by a Gower distance (see :class:`RowDistance`).

Rejected rows are replaced by new draws until the rules hold.
"""

import numbers
import warnings

import numpy as np
import pandas as pd

MAX_ROUNDS = 20


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
        from ..metrics._kinds import prepare
        from ..metrics._privacy import closest_distances, encode_for_distance

        if len(frame) == 0:
            return np.zeros(0)
        tables = {"training rows": self.reference, "synthetic rows": frame}
        reference, query, is_continuous = encode_for_distance(tables, prepare(tables, None))
        return closest_distances(query, reference, is_continuous)


def guard_rules(model, min_distance):
    """The rejection rules of a sampling call of the :class:`FittedGAN` ``model``.

    Raises
    ------
    TypeError, ValueError
        For a bad ``min_distance``, or one the model cannot honour because
        it does not hold its training rows (loaded, unpickled or streamed).
    """
    rules = []
    if model.copy_guard is not None:
        rules.append(model.copy_guard.rejected)
    if min_distance is not None:
        if isinstance(min_distance, bool) or not isinstance(min_distance, numbers.Real):
            raise TypeError(f"min_distance must be a number or None; received {min_distance!r}.")
        if not 0 <= min_distance <= 1:
            raise ValueError(f"min_distance must be in [0, 1]; received {min_distance!r}.")
        if model.training_rows is None:
            raise ValueError(
                "min_distance needs the training rows, which a loaded, unpickled or "
                "streamed model does not keep; refit the model in memory to use it."
            )
        distance = RowDistance(model.training_rows)

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
