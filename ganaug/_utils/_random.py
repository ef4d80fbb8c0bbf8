"""Local, seeded randomness: numpy Generators on the host, int seeds for TF."""

import numbers

import numpy as np

_SEED_LIMIT = 2**31 - 1


def make_rng(random_state):
    """A numpy ``Generator`` from ``random_state``.

    ``None`` gives fresh entropy; an int, a ``RandomState`` or a ``Generator``
    gives reproducible draws.  Global random state is never touched.
    """
    if random_state is None:
        return np.random.default_rng()
    if isinstance(random_state, np.random.Generator):
        return random_state
    if isinstance(random_state, np.random.RandomState):
        return np.random.default_rng(random_state.randint(_SEED_LIMIT))
    if isinstance(random_state, numbers.Integral) and not isinstance(random_state, bool):
        if random_state < 0:
            raise ValueError(f"random_state must be >= 0; received {random_state}.")
        return np.random.default_rng(int(random_state))
    raise TypeError(
        "random_state must be None, an int, a numpy RandomState or Generator; "
        f"received {random_state!r}."
    )


def draw_seed(rng):
    """An int seed for a TF op or a Keras initialiser."""
    return int(rng.integers(_SEED_LIMIT))
