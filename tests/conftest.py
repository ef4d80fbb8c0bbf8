import numpy as np
import pandas as pd
import pytest

# Tiny networks and few steps: tests check behaviour, not sample quality.
TINY = dict(
    epochs=2, batch_size=32, generator_dims=(16,), discriminator_dims=(16,),
    noise_dim=8, random_state=0,
)


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
