import pickle

import numpy as np
import pandas as pd
import pytest

from ganaug import GANAugmenter
from ganaug._data._row_hashes import CopyGuard, row_hashes
from ganaug._sampling._guard import MAX_ROUNDS, RowDistance, guarded

from .conftest import TINY, mixed_frame


@pytest.fixture(scope="module")
def fitted():
    frame = mixed_frame()
    return frame, GANAugmenter(**TINY).fit(frame)


def test_row_hashes_equal_rows_hash_equally():
    frame = pd.DataFrame({
        "x": [1.5, np.nan, 1.5, 2.0],
        "c": pd.Series(["a", None, "a", "a"], dtype=object),
        "t": pd.to_datetime(["2020-01-01", None, "2020-01-01", "2020-01-01"]),
    })
    hashes = row_hashes(frame)
    assert hashes[0] == hashes[2]
    assert len(set(hashes[[0, 1, 3]])) == 3
    # Same values under another dtype of the same kind hash the same.
    as_category = frame.assign(c=frame["c"].astype("category"))
    np.testing.assert_array_equal(row_hashes(as_category), hashes)


def test_copy_guard_allows_the_training_repeat_rate():
    table = pd.DataFrame({"a": ["x", "x", "y", "z"], "b": [1, 1, 2, 3]})
    guard = CopyGuard.from_table(table)
    assert guard.allowed_rate == 0.5  # rows 0 and 1 repeat each other
    candidates = pd.DataFrame({"a": ["x", "y", "z", "w"], "b": [1, 2, 3, 4]})
    # 3 copies among 4 rows; floor(0.5 * 4) = 2 allowed: the third is rejected.
    assert guard.rejected(candidates).tolist() == [False, False, True, False]


def test_row_distance_is_gower():
    reference = pd.DataFrame({"x": [0.0, 10.0], "c": ["a", "b"]})
    distance = RowDistance(reference)
    rows = pd.DataFrame({"x": [0.0, 5.0, 0.0, np.nan], "c": ["a", "a", "b", "a"]})
    # (0 + 0) / 2; (0.5 + 0) / 2; min((0 + 1) / 2, (1 + 0) / 2); missing x >= 1 away.
    np.testing.assert_allclose(distance.closest(rows)[:3], [0.0, 0.25, 0.5])
    assert distance.closest(rows)[3] >= 0.5


def test_guarded_redraws_rejected_rows():
    draws = []

    def draw(n, round_):
        draws.append((n, round_))
        return pd.DataFrame({"v": np.arange(n) + 100 * round_})

    table = guarded(draw, 5, [lambda frame: (frame["v"] < 3).to_numpy()])
    assert table["v"].tolist() == [3, 4, 100, 101, 102]
    assert draws[0] == (5, 0) and draws[1] == (3, 1)


def test_guarded_gives_up_with_a_clear_error_on_a_strict_rule():
    def draw(n, round_):
        return pd.DataFrame({"v": np.zeros(n)})

    def reject_all(frame):
        return np.ones(len(frame), dtype=bool)

    with pytest.warns(UserWarning, match=f"4 of 4 synthetic rows still copy.*{MAX_ROUNDS}"):
        assert len(guarded(draw, 4, [reject_all])) == 4
    reject_all.strict = True
    with pytest.raises(ValueError, match=f"after {MAX_ROUNDS} rounds.*min_distance"):
        guarded(draw, 4, [reject_all])


def test_a_table_holding_every_possible_row_allows_copies(tiny_params):
    table = pd.DataFrame({"a": ["0", ","]})
    assert CopyGuard.from_table(table).allowed_rate == 1.0
    rows = GANAugmenter(**tiny_params).fit(table).sample(50)
    assert set(rows["a"]) <= {"0", ","} and len(rows) == 50
    ints = pd.DataFrame({"a": [1, 2, 3, 4], "b": ["x", "y", "x", "y"]})
    assert CopyGuard.from_table(ints).allowed_rate == 4 / 8


def test_sample_has_no_exact_copies_of_a_continuous_table(fitted):
    frame, aug = fitted
    assert aug.model_.copy_guard.allowed_rate == 0.0
    synthetic = aug.sample(300)
    assert not np.isin(row_hashes(synthetic), row_hashes(frame)).any()


def test_sample_copy_rate_of_a_discrete_table_stays_within_the_real_rate(tiny_params):
    rng = np.random.default_rng(0)
    table = pd.DataFrame({"a": rng.choice(["x", "y"], 80), "b": rng.choice(["u", "v", "w"], 80)})
    aug = GANAugmenter(**tiny_params).fit(table)
    assert aug.model_.copy_guard.allowed_rate == 1.0  # only 6 possible rows: all repeat
    synthetic = aug.sample(100)
    assert len(synthetic) == 100
    assert list(synthetic.dtypes) == list(table.dtypes)


def test_min_distance_keeps_rows_away_from_training_rows(fitted):
    frame, aug = fitted
    synthetic = aug.sample(200, min_distance=0.1)
    assert len(synthetic) == 200
    assert list(synthetic.dtypes) == list(frame.dtypes)
    assert (RowDistance(frame).closest(synthetic) >= 0.1).all()
    assert not synthetic.equals(aug.sample(200))


def test_min_distance_needs_the_training_rows(fitted, tmp_path):
    _, aug = fitted
    assert aug.model_.training_rows is not None
    aug.save(tmp_path / "model.ganaug")
    loaded = GANAugmenter.load(tmp_path / "model.ganaug")
    for copy in (pickle.loads(pickle.dumps(aug)), loaded):
        assert copy.model_.training_rows is None
        with pytest.raises(ValueError, match="min_distance needs the training rows"):
            copy.sample(5, min_distance=0.1)
        # The exact-copy guard travels with the model.
        assert copy.model_.copy_guard.allowed_rate == aug.model_.copy_guard.allowed_rate
        np.testing.assert_array_equal(copy.model_.copy_guard.hashes,
                                      aug.model_.copy_guard.hashes)
        pd.testing.assert_frame_equal(copy.sample(50), aug.sample(50))
    # Pickling the estimator leaves its own model as it was.
    assert aug.model_.training_rows is not None


@pytest.mark.parametrize(
    "value, error, match",
    [(-0.1, ValueError, r"min_distance must be in \[0, 1\]; received -0.1"),
     ("far", TypeError, "min_distance must be a number or None; received 'far'")],
)
def test_bad_min_distance(fitted, value, error, match):
    with pytest.raises(error, match=match):
        fitted[1].sample(5, min_distance=value)
