import numpy as np
import pandas as pd

from ganaug import GANAugmenter
from ganaug._sampling import _drawing
from ganaug._sampling._drawing import class_counts


def _labelled(n=120, seed=0):
    rng = np.random.default_rng(seed)
    X = pd.DataFrame({"x": rng.normal(size=n), "c": rng.choice(["u", "v"], n)})
    y = pd.Series(np.where(rng.random(n) < 0.25, "rare", "common"), name="label")
    return X, y


def test_class_target_rows_are_generated_conditioned_on_their_class(monkeypatch, tiny_params):
    X, y = _labelled()
    aug = GANAugmenter(**tiny_params).fit(X, y)
    calls = []
    original = _drawing.draw_table

    def recording(model, n_rows, forced, seed, drop_fraction=0.0):
        calls.append((n_rows, dict(forced)))
        return original(model, n_rows, forced, seed, drop_fraction)

    monkeypatch.setattr(_drawing, "draw_table", recording)
    X_syn, y_syn = aug.sample(400)
    target_index = len(aug.encoder_.discrete) - 1  # the target is the last column
    assert all(target_index in forced for _, forced in calls)
    assert len(X_syn) == len(y_syn) == 400
    assert sum(n for n, _ in calls) >= 400  # more when the guard redraws copies
    # Each class gets its training share of the rows, in shuffled order.
    assert abs((y_syn == "rare").sum() - 400 * (y == "rare").mean()) < 1
    assert 0 < (y_syn.iloc[:200] == "rare").sum() < 200


def test_a_condition_on_the_target_is_kept(tiny_params):
    X, y = _labelled()
    aug = GANAugmenter(**tiny_params).fit(X, y)
    _, y_syn = aug.sample(50, conditions={"label": "rare"})
    assert (y_syn == "rare").all()
    X_a, y_a = aug.sample(60)
    X_b, y_b = aug.sample(60)
    pd.testing.assert_frame_equal(X_a, X_b)
    pd.testing.assert_series_equal(y_a, y_b)


def test_class_counts_round_each_share():
    counts = np.array([195, 5])
    rng = np.random.default_rng(0)
    assert class_counts(200, counts, rng).tolist() == [195, 5]
    assert class_counts(0, counts, rng).tolist() == [0, 0]
    for n in (1, 7, 99, 301):
        split = class_counts(n, np.array([10, 3, 1]), rng)
        shares = n * np.array([10, 3, 1]) / 14
        assert split.sum() == n
        assert (split >= np.floor(shares)).all() and (split <= np.ceil(shares)).all()


def test_class_counts_give_leftover_rows_by_their_fractions():
    rng = np.random.default_rng(1)
    draws = np.array([class_counts(1, np.array([3, 1]), rng) for _ in range(4000)])
    assert draws.sum(axis=1).tolist() == [1] * 4000
    assert abs(draws[:, 1].mean() - 0.25) < 0.03
