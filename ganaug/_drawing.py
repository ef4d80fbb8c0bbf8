"""How ``GANAugmenter.sample`` turns a request into generated rows.

With a class target and no condition on it, each class gets its training
share of the rows (rounded; the remainders go to classes drawn by their
fractions) and its rows are generated conditioned on it, so that a label
always matches the features the generator made for that label and a small
sample keeps the training balance.  Every group of rows passes the guard
rules of :mod:`._guard`.
"""

import numpy as np
import pandas as pd

from ._guard import guarded, round_seed
from ._random import draw_seed, make_rng


def call_seed(est, random_state):
    """The seed of one ``sample`` call: ``random_state``'s, or with ``None``
    the one drawn at fit (so calls repeat their rows), if any."""
    if random_state is None and est._sample_seed is not None:
        return est._sample_seed
    return draw_seed(make_rng(random_state))


def draw_rows(est, n_samples, forced, seed, rejection, rules):
    """The model table of ``n_samples`` rows for a fitted ``est``.

    Parameters
    ----------
    est : GANAugmenter
    n_samples : int
    forced : dict
        ``{discrete_index: code}`` from the user's conditions.
    seed : int
    rejection : float
        Share of candidates dropped by discriminator score.
    rules : list of callables
        Guard rules; each maps a table to a mask of rejected rows.
    """
    target = est.encoder_.class_target
    if target is None or target in forced:
        return _guarded_draw(est, n_samples, forced, seed, rejection, rules)
    rng = np.random.default_rng(seed)
    counts = est.encoder_.discrete[target][1].counts
    per_class = class_counts(n_samples, counts, rng)
    parts = [
        _guarded_draw(est, int(n), {**forced, target: code},
                      _class_seed(seed, code), rejection, rules)
        for code, n in enumerate(per_class) if n > 0
    ]
    if not parts:
        return _guarded_draw(est, 0, forced, seed, rejection, rules)
    table = pd.concat(parts, ignore_index=True)
    return table.take(rng.permutation(len(table))).reset_index(drop=True)


def class_counts(n_rows, counts, rng):
    """``n_rows`` split by the shares of ``counts``: each share rounded down,
    the rows left over given to distinct classes drawn by their fractions."""
    shares = n_rows * counts / counts.sum()
    per_class = np.floor(shares).astype(np.int64)
    left = n_rows - int(per_class.sum())
    if left:
        fractions = shares - per_class
        extra = rng.choice(len(counts), size=left, replace=False, p=fractions / fractions.sum())
        per_class[extra] += 1
    return per_class


def _class_seed(seed, code):
    """An independent seed for the rows of class ``code``."""
    return int(np.random.default_rng([seed, code]).integers(2**31 - 1))


def _guarded_draw(est, n_rows, forced, seed, rejection, rules):
    def draw(n, round_):
        return est._synth.sample(n, forced, round_seed(seed, round_), rejection)

    return guarded(draw, n_rows, rules)


