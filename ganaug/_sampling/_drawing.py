"""How a sampling call turns a request into rows of the model table.

One path serves :meth:`GANAugmenter.sample <ganaug.GANAugmenter.sample>`
and :meth:`~ganaug.GANAugmenter.write_samples`: the call's seed
(:func:`call_seed`), the class shares, the generation (with discriminator
rejection when asked) and the guard rules.  With a class target and no
condition on it, each class gets its training share of the rows (rounded;
the remainders go to classes drawn by their fractions) and its rows are
generated conditioned on it, so that a label always matches the features
the generator made for that label and a small sample keeps the training
balance.  The ``tf.data`` streams of :mod:`._synthetic_streams` share the
seed and the forcing of conditions, and draw the classes row by row.
"""

import math

import numpy as np
import pandas as pd

from .._utils._random import draw_seed, make_rng
from ._guard import guarded, round_seed


def call_seed(model, random_state):
    """The seed of one sampling call: ``random_state``'s, or with ``None``
    the one drawn at fit (so calls repeat their rows), if any."""
    if random_state is None and model.sample_seed is not None:
        return model.sample_seed
    return draw_seed(make_rng(random_state))


def draw_rows(model, n_samples, forced, seed, rejection, rules):
    """The model table of ``n_samples`` rows of a :class:`FittedGAN`.

    Parameters
    ----------
    model : FittedGAN
    n_samples : int
    forced : dict
        ``{discrete_index: code}`` from the user's conditions.
    seed : int
    rejection : float
        Share of candidates dropped by discriminator score.
    rules : list of callables
        Guard rules; each maps a table to a mask of rejected rows.
    """
    target = model.encoder.class_target
    if target is None or target in forced:
        return _guarded_draw(model, n_samples, forced, seed, rejection, rules)
    rng = np.random.default_rng(seed)
    counts = model.encoder.discrete[target][1].counts
    per_class = class_counts(n_samples, counts, rng)
    parts = [
        _guarded_draw(model, int(n), {**forced, target: code},
                      _class_seed(seed, code), rejection, rules)
        for code, n in enumerate(per_class) if n > 0
    ]
    if not parts:
        return _guarded_draw(model, 0, forced, seed, rejection, rules)
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


def _guarded_draw(model, n_rows, forced, seed, rejection, rules):
    def draw(n, round_):
        return draw_table(model, n, forced, round_seed(seed, round_), rejection)

    return guarded(draw, n_rows, rules)


def draw_table(model, n_rows, forced, seed, drop_fraction=0.0):
    """Generate and decode ``n_rows`` rows into a DataFrame.

    Parameters
    ----------
    model : FittedGAN
    n_rows : int
    forced : dict
        ``{discrete_index: code}``: the conditional vector holds these
        states and the rows carry them.
    seed : int
    drop_fraction : float in [0, 1), default=0.0
        Draw ``n_rows / (1 - drop_fraction)`` candidates and drop the ones
        the discriminator scores lowest.  The ranking is within each
        condition the generator was given, so the mix of conditions (and
        with it every discrete column's frequencies as the generator
        learned them) is kept.
    """
    generator = model.row_generator
    forcing = model.encoder.forcing(forced)
    if drop_fraction > 0:
        # A row is scored in packs with others: give it some to meet.
        n_candidates = max(
            math.ceil(n_rows / (1.0 - drop_fraction)), n_rows + 2 * generator.scorer.pac
        )
        alpha, codes, scores, groups = generator.run(
            generator.generate_scored, n_candidates, forcing, bool(forced), False, seed
        )
        keep = most_realistic(scores, groups, n_rows)
        alpha, codes = alpha[keep], codes[keep]
    else:
        alpha, codes = generator.run(
            generator.generate, n_rows, forcing, bool(forced), False, seed
        )
    return model.encoder.decode(alpha, codes)


def most_realistic(scores, groups, n_keep):
    """Indices (in order) of the ``n_keep`` rows ranked highest within their group.

    A row's rank is its score's percentile among the rows of its group, so
    every group loses about the same share of its rows.
    """
    order = np.lexsort((scores, groups))
    sorted_groups = groups[order]
    starts = np.flatnonzero(np.r_[True, sorted_groups[1:] != sorted_groups[:-1]])
    sizes = np.diff(np.r_[starts, len(order)])
    rank = np.arange(len(order)) - np.repeat(starts, sizes)
    percentile = np.empty(len(order))
    percentile[order] = (rank + 1) / np.repeat(sizes, sizes)
    return np.sort(np.argsort(-percentile, kind="stable")[:n_keep])
