"""Checks of scalar arguments: a ``TypeError`` or ``ValueError`` naming the
argument, what it must be and what was received."""

import numbers


def check_positive_int(value, name, minimum=1):
    """Return ``value`` as an int if it is an integer of at least ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an int; received {value!r}.")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}; received {value!r}.")
    return int(value)


def check_fraction(value, name):
    """Return ``value`` as a float if it is a number in ``[0, 1)``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a float in [0, 1); received {value!r}.")
    if not 0 <= value < 1:
        raise ValueError(f"{name} must be in [0, 1); received {value!r}.")
    return float(value)
