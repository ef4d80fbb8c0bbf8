import numpy as np
import pandas as pd
import pytest

from . import _example_runs

# Tiny networks and few steps: tests check behaviour, not sample quality.
# The one definition of the test model: tests take it from the ``tiny_params``
# fixture; module-scope fixtures and parametrizations import TINY, and
# settings that must differ derive from it (``dict(TINY, epochs=1)``).
TINY = dict(
    epochs=2, batch_size=32, generator_dims=(16,), discriminator_dims=(16,),
    noise_dim=8, random_state=0,
)


@pytest.fixture
def tiny_params():
    """The tiny model settings, a fresh copy per test."""
    return dict(TINY)


def mixed_frame(n=60, seed=0):
    """A table with every supported column type and missing values."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "float": rng.normal(10, 3, n),
            "int": rng.integers(-5, 200, n),
            "bool": rng.random(n) > 0.4,
            "text": pd.Series(rng.choice(["red", "green", "blue"], n), dtype=object),
            "string": pd.Series(rng.choice(["a", "b"], n), dtype="string"),
            # pandas 3: the default ``str`` dtype; pandas 2: object
            "str": pd.Series(rng.choice(["x", "y", "z"], n), dtype="str"),
            "category": pd.Categorical(
                rng.choice(["lo", "hi"], n), categories=["lo", "mid", "hi"], ordered=True
            ),
            "when": pd.Timestamp("2021-03-01")
            + pd.to_timedelta(rng.integers(0, 400, n), unit="D"),
            "float_nan": np.where(rng.random(n) < 0.3, np.nan, rng.normal(size=n)),
            "text_none": pd.Series(rng.choice(["u", "v", None], n), dtype=object),
        }
    )
    frame.loc[rng.random(n) < 0.2, "when"] = pd.NaT
    return frame


@pytest.fixture
def frame():
    return mixed_frame()


# Slow tests in test files whose owner marks them in place later (a second
# slow marker is harmless): the tests of a name holding one of these words.
SLOW_ELSEWHERE = {
    "test_distribute.py": ("mirrored", "multi_worker", "one_replica", "fitted_under_a_strategy"),
    "test_serialization.py": ("2GiB",),
    "test_fingerprints.py": ("one_batch_of_synthetic_dataset",),
    "test_layers.py": ("import_ganaug_loads_neither",),
    "test_encoder_graph.py": ("graph_modes_follow",),
}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        words = SLOW_ELSEWHERE.get(item.path.name, ())
        if any(word in item.name for word in words):
            item.add_marker(pytest.mark.slow)


def pytest_collection_finish(session):
    """Start the selected example scripts now: they run in their own
    processes beside the rest of the session (see tests/_example_runs.py)."""
    if session.config.option.collectonly:
        return
    for item in session.items:
        name = _example_runs.example_of(item)
        if name is not None and _example_runs.missing(name) is None:
            _example_runs.start(name)


def pytest_sessionfinish(session):
    _example_runs.stop_all()
