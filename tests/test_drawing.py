import numpy as np
import pandas as pd

from ganaug import GANAugmenter
from ganaug._synthesis import Synthesizer

from .conftest import TINY


def _labelled(n=120, seed=0):
    rng = np.random.default_rng(seed)
    X = pd.DataFrame({"x": rng.normal(size=n), "c": rng.choice(["u", "v"], n)})
    y = pd.Series(np.where(rng.random(n) < 0.25, "rare", "common"), name="label")
    return X, y


def test_class_target_rows_are_generated_conditioned_on_their_class(monkeypatch):
    X, y = _labelled()
    aug = GANAugmenter(**TINY).fit(X, y)
    calls = []
    original = Synthesizer.sample

    def recording(self, n_rows, forced, seed, drop_fraction=0.0):
        calls.append((n_rows, dict(forced)))
        return original(self, n_rows, forced, seed, drop_fraction)

    monkeypatch.setattr(Synthesizer, "sample", recording)
    X_syn, y_syn = aug.sample(400)
    target_index = len(aug.encoder_.discrete) - 1  # the target is the last column
    assert all(target_index in forced for _, forced in calls)
    assert len(X_syn) == len(y_syn) == 400
    assert sum(n for n, _ in calls) >= 400  # more when the guard redraws copies
    # Classes come by the training frequencies (0.25 rare), in shuffled order.
    assert abs((y_syn == "rare").mean() - (y == "rare").mean()) < 0.08
    assert 0 < (y_syn.iloc[:200] == "rare").sum() < 200


def test_a_condition_on_the_target_is_kept():
    X, y = _labelled()
    aug = GANAugmenter(**TINY).fit(X, y)
    _, y_syn = aug.sample(50, conditions={"label": "rare"})
    assert (y_syn == "rare").all()
    X_a, y_a = aug.sample(60)
    X_b, y_b = aug.sample(60)
    pd.testing.assert_frame_equal(X_a, X_b)
    pd.testing.assert_series_equal(y_a, y_b)
