import numpy as np
import pandas as pd
import pytest

from ganaug._data._container import TARGET_KEY
from ganaug._data._encoder import TableEncoder
from ganaug._model._conditions import (
    EXTRA_CONDITION_RATE,
    TARGET_CONDITION_RATE,
    column_logits,
    draw_columns,
)
from ganaug._model._row_sources import TableRows


def _frame(n=600, with_target=True):
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({
        "city": rng.choice(["Lima", "Oslo", "Pune"], n),
        "plan": rng.choice(["a", "b"], n, p=[0.8, 0.2]),
        "size": rng.choice(["s", "m", "l", "xl"], n),
        "x": rng.normal(size=n),
    })
    if with_target:
        frame[TARGET_KEY] = rng.choice(["no", "yes"], n, p=[0.9, 0.1])
    return frame


def _sampler(frame):
    overrides = {TARGET_KEY: True} if TARGET_KEY in frame else {}
    encoder = TableEncoder(overrides=overrides).fit(frame, seed=0)
    return encoder, TableRows(encoder, encoder.transform(frame, seed=1))


def _chosen_share(encoder, sampler, n=20_000):
    """The share of conditions revealing each discrete column, and the rows."""
    real, cond = sampler.batch(None, 0, n, np.array([3, 4], np.int64))
    real, cond = real.numpy(), cond.numpy()
    shares = {
        column.name: float((cond[:, offset : offset + size].sum(axis=1) > 0).mean())
        for (_, size), offset, (_, column) in zip(
            encoder.cond_spans, encoder.cond_offsets, encoder.discrete
        )
    }
    return shares, real, cond


def test_column_logits_are_uniform_without_a_class_target():
    encoder, _ = _sampler(_frame(with_target=False))
    np.testing.assert_allclose(np.exp(column_logits(encoder)), [1 / 3] * 3, rtol=1e-6)


def test_a_class_target_is_chosen_at_its_rate():
    encoder, _ = _sampler(_frame())
    probabilities = np.exp(column_logits(encoder))
    names = [column.name for _, column in encoder.discrete]
    assert probabilities[names.index(TARGET_KEY)] == pytest.approx(TARGET_CONDITION_RATE)
    assert probabilities.sum() == pytest.approx(1.0)
    others = np.delete(probabilities, names.index(TARGET_KEY))
    np.testing.assert_allclose(others, (1 - TARGET_CONDITION_RATE) / 3, rtol=1e-6)


def test_a_lone_class_target_is_always_chosen():
    frame = _frame()[["x", TARGET_KEY]]
    encoder, _ = _sampler(frame)
    np.testing.assert_allclose(np.exp(column_logits(encoder)), [1.0])


def test_training_conditions_follow_the_column_rates():
    encoder, sampler = _sampler(_frame())
    shares, _, _ = _chosen_share(encoder, sampler)
    # Chosen, or revealed as an extra condition when another column was chosen.
    target = TARGET_CONDITION_RATE + (1 - TARGET_CONDITION_RATE) * EXTRA_CONDITION_RATE
    other = (1 - TARGET_CONDITION_RATE) / 3
    other += (1 - other) * EXTRA_CONDITION_RATE
    assert shares[TARGET_KEY] == pytest.approx(target, abs=0.015)
    for name in ("city", "plan", "size"):
        assert shares[name] == pytest.approx(other, abs=0.015)


def test_training_rows_hold_the_categories_of_their_condition():
    encoder, sampler = _sampler(_frame())
    _, real, cond = _chosen_share(encoder, sampler, n=2_000)
    index = np.concatenate([np.arange(s, s + k) for s, k in encoder.cond_spans])
    revealed = cond > 0
    np.testing.assert_array_equal(real[:, index][revealed], 1.0)


def _packs_sharing_a_condition(cond, pack_size):
    """The share of runs of ``pack_size`` rows with one condition entry set in all."""
    packs = cond.reshape(-1, pack_size, cond.shape[1])
    return float((packs.min(axis=1) > 0).any(axis=1).mean())


def test_the_rows_of_a_pack_share_their_condition():
    encoder, sampler = _sampler(_frame())
    seed = np.array([5, 6], np.int64)
    real, cond = sampler.batch(None, 0, 2_000, seed, pack_size=5)
    assert real.shape == (2_000, encoder.output_dim)
    assert _packs_sharing_a_condition(cond.numpy(), 5) == 1.0
    _, unpacked = sampler.batch(None, 0, 2_000, seed)
    assert _packs_sharing_a_condition(unpacked.numpy(), 5) < 0.5


def test_draw_columns_follows_the_logits():
    logits = np.log(np.array([0.5, 0.25, 0.25], np.float32))
    columns = draw_columns(40_000, logits, np.array([1, 2], np.int64)).numpy()
    np.testing.assert_allclose(np.bincount(columns, minlength=3) / 40_000,
                               [0.5, 0.25, 0.25], atol=0.01)


def test_streamed_conditions_choose_the_class_target_as_often():
    import tensorflow as tf

    from ganaug._data._elements import element_structure
    from ganaug._model._row_sources import StreamedRows

    frame = _frame()
    encoder, sampler = _sampler(frame)
    features = {name: frame[name].to_numpy() for name in frame.columns if name != TARGET_KEY}
    dataset = tf.data.Dataset.from_tensor_slices((features, frame[TARGET_KEY].to_numpy()))
    structure = element_structure(dataset.element_spec)
    streamed = StreamedRows(encoder, dataset, structure, unit_rows=64, steps_per_epoch=0)
    np.testing.assert_array_equal(streamed.column_logits.numpy(),
                                  sampler.column_logits.numpy())
    assert np.exp(streamed.column_logits.numpy()).max() == pytest.approx(TARGET_CONDITION_RATE)
