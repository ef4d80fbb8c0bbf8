"""``sampling_strategy`` of an over-sampler: how many rows each class gains.

The accepted forms and their meaning follow imbalanced-learn's over-samplers,
so that a strategy written for one of them asks for the same counts here.
"""

import numbers
from collections import OrderedDict
from collections.abc import Mapping

import numpy as np
from sklearn.utils.multiclass import type_of_target

STRATEGY_NAMES = ("auto", "minority", "not minority", "not majority", "all")
_EXPECTED = (
    "a float in (0, 1], one of "
    + ", ".join(repr(name) for name in STRATEGY_NAMES)
    + ", a dict {class: n_samples} or a callable y -> dict"
)


def over_sampling_counts(sampling_strategy, y):
    """Rows to add per class, as an ``OrderedDict`` sorted by class.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable
        See :class:`~ganaug.GANOverSampler`.
    y : ndarray of shape (n_samples,)
        Class labels.

    Returns
    -------
    OrderedDict
        ``{class: number of new rows}`` for the classes that are resampled.

    Raises
    ------
    ValueError
        For a strategy of the wrong kind, or one that asks to remove rows.
    """
    counts = class_counts(y)
    if len(counts) <= 1:
        raise ValueError(
            "The target 'y' needs to have more than 1 class. "
            f"Got {len(counts)} class instead"
        )
    if isinstance(sampling_strategy, str):
        wanted = _named_strategy(sampling_strategy, counts)
    elif isinstance(sampling_strategy, Mapping):
        wanted = _dict_strategy(dict(sampling_strategy), counts)
    elif isinstance(sampling_strategy, numbers.Real):
        wanted = _ratio_strategy(sampling_strategy, y, counts)
    elif callable(sampling_strategy):
        target = sampling_strategy(y)
        if not isinstance(target, Mapping):
            raise ValueError(
                "A callable sampling_strategy must return a dict {class: n_samples}; "
                f"it returned {type(target).__name__}."
            )
        wanted = _dict_strategy(dict(target), counts)
    elif isinstance(sampling_strategy, list):
        raise ValueError(
            "'sampling_strategy' cannot be a list for samplers which are not "
            "cleaning methods."
        )
    else:
        raise ValueError(
            f"sampling_strategy must be {_EXPECTED}; received {sampling_strategy!r}."
        )
    return OrderedDict(sorted(wanted.items()))


def class_counts(y):
    """``{class: count}`` in the order of ``np.unique``."""
    classes, counts = np.unique(y, return_counts=True)
    return {cls: int(count) for cls, count in zip(classes, counts)}


def _named_strategy(name, counts):
    if name == "majority":
        raise ValueError("'sampling_strategy'='majority' cannot be used with over-sampler.")
    if name not in STRATEGY_NAMES:
        raise ValueError(
            f"When 'sampling_strategy' is a string, it needs to be one of "
            f"{list(STRATEGY_NAMES)}. Got {name!r} instead."
        )
    # ``max``/``min`` keep the first class among ties, in ``np.unique`` order.
    majority = max(counts, key=counts.get)
    minority = min(counts, key=counts.get)
    n_majority = counts[majority]
    chosen = {
        "auto": lambda cls: cls != majority,
        "not majority": lambda cls: cls != majority,
        "not minority": lambda cls: cls != minority,
        "minority": lambda cls: cls == minority,
        "all": lambda cls: True,
    }[name]
    return {cls: n_majority - n for cls, n in counts.items() if chosen(cls)}


def _dict_strategy(target, counts):
    unknown = set(target) - set(counts)
    if unknown:
        raise ValueError(
            f"The {unknown} target class is/are not present in the data: "
            f"sampling_strategy may only name classes of y, which are {list(counts)}."
        )
    for cls, n_samples in target.items():
        if isinstance(n_samples, bool) or not isinstance(n_samples, numbers.Integral):
            raise ValueError(
                "The number of samples in a class must be an integer; "
                f"'sampling_strategy' gives class {cls!r} the value {n_samples!r}."
            )
    if any(n_samples < 0 for n_samples in target.values()):
        raise ValueError(
            "The number of samples in a class cannot be negative. "
            f"'sampling_strategy' contains some negative value: {target}"
        )
    wanted = {}
    for cls, n_samples in target.items():
        if n_samples < counts[cls]:
            raise ValueError(
                "With over-sampling methods, the number of samples in a class "
                "should be greater or equal to the original number of samples. "
                f"Originally, there is {counts[cls]} samples and {n_samples} "
                f"samples are asked for class {cls!r} in sampling_strategy."
            )
        wanted[cls] = int(n_samples) - counts[cls]
    return wanted


def _ratio_strategy(ratio, y, counts):
    if not 0 < ratio <= 1:
        raise ValueError(
            "When 'sampling_strategy' is a float, it should be in the range "
            f"(0, 1]. Got {ratio} instead."
        )
    if type_of_target(y) != "binary":
        raise ValueError(
            '"sampling_strategy" can be a float only when the type of target is '
            "binary. For multi-class, use a dict."
        )
    majority = max(counts, key=counts.get)
    n_majority = counts[majority]
    wanted = {
        cls: int(n_majority * ratio - n) for cls, n in counts.items() if cls != majority
    }
    if any(n_new <= 0 for n_new in wanted.values()):
        raise ValueError(
            "The specified ratio required to remove samples from the minority "
            "class while trying to generate new samples. Please increase the ratio."
        )
    return wanted
