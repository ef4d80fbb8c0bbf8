import numpy as np
import pandas as pd
import pytest

from ganaug._data._encoder import TableEncoder

from .conftest import mixed_frame


def _round_trip(frame, **kwargs):
    encoder = TableEncoder(**kwargs).fit(frame, seed=0)
    data = encoder.transform(frame, seed=1)
    alpha = data[:, encoder.tanh_positions]
    codes = np.stack(
        [data[:, s : s + k].argmax(axis=1) for s, k in encoder.softmax_spans], axis=1
    )
    return encoder, data, encoder.decode(alpha, codes)


def test_encoding_decodes_back_to_the_table():
    frame = mixed_frame(200)
    encoder, data, back = _round_trip(frame)
    assert data.dtype == np.float32 and data.shape == (200, encoder.output_dim)
    assert back.dtypes.to_dict() == frame.dtypes.to_dict()
    for column in frame.columns:
        if column == "float" or column == "float_nan":
            np.testing.assert_allclose(back[column], frame[column], rtol=1e-5, atol=1e-5)
        else:
            pd.testing.assert_series_equal(back[column], frame[column], check_names=False)


def test_layout_one_hot_per_span_and_tanh_in_range():
    frame = mixed_frame(100)
    encoder, data, _ = _round_trip(frame)
    for start, size in encoder.softmax_spans:
        assert (data[:, start : start + size].sum(axis=1) == 1).all()
    assert np.abs(data[:, encoder.tanh_positions]).max() <= 0.99
    assert encoder.cond_dim == sum(size for _, size in encoder.cond_spans)


def test_discrete_detection_and_overrides():
    frame = pd.DataFrame(
        {"few": np.arange(40) % 3, "many": np.arange(40), "floaty": np.arange(40) % 3 + 0.5}
    )
    kinds = lambda enc: [type(c).__name__ for c in enc.columns]  # noqa: E731
    assert kinds(TableEncoder().fit(frame, 0)) == [
        "DiscreteColumn", "ContinuousColumn", "ContinuousColumn"
    ]
    assert kinds(TableEncoder(["many"]).fit(frame, 0))[1] == "DiscreteColumn"
    assert kinds(TableEncoder(overrides={"few": False}).fit(frame, 0))[0] == "ContinuousColumn"


def test_missing_is_its_own_state_with_the_real_frequency():
    frame = mixed_frame(300)
    encoder = TableEncoder().fit(frame, 0)
    column = next(c for c in encoder.columns if c.name == "text_none")
    assert column.has_missing
    assert column.counts[-1] == frame["text_none"].isna().sum()


def test_config_round_trip_is_json_and_equivalent():
    import json

    frame = mixed_frame(100)
    encoder = TableEncoder().fit(frame, 0)
    restored = TableEncoder.from_config(json.loads(json.dumps(encoder.to_config())))
    np.testing.assert_array_equal(encoder.transform(frame, 3), restored.transform(frame, 3))


def test_unknown_category_at_encoding_names_the_column():
    frame = mixed_frame(50)
    encoder = TableEncoder().fit(frame, 0)
    other = frame.assign(text="purple")
    with pytest.raises(ValueError, match="'text' holds the value 'purple'"):
        encoder.transform(other, 0)


@pytest.mark.parametrize("kind, expected", [(None, None), (False, None), (True, 1)])
def test_class_target_is_the_targets_position_among_discrete_columns(kind, expected):
    from ganaug._data._container import TARGET_KEY

    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"x": rng.normal(size=50), "colour": rng.choice(["r", "g"], 50)})
    overrides = {}
    if kind is not None:
        frame[TARGET_KEY] = rng.integers(0, 3, 50)
        overrides = {TARGET_KEY: kind}
    encoder = TableEncoder(overrides=overrides).fit(frame, seed=0)
    assert encoder.class_target == expected
    if expected is not None:
        assert encoder.discrete[expected][1].name == TARGET_KEY
