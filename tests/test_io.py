import io
import json
import pickle
import zipfile

import joblib
import numpy as np
import pandas as pd
import pytest

from ganaug import GANAugmenter
from ganaug._io import FORMAT_VERSION

from .conftest import TINY, mixed_frame


@pytest.fixture(scope="module")
def fitted():
    frame = mixed_frame()
    y = pd.Series(np.arange(len(frame)) % 3, name="klass")
    return GANAugmenter(**TINY).fit(frame, y)


def _same_samples(a, b, **kwargs):
    (xa, ya), (xb, yb) = a.sample(40, **kwargs), b.sample(40, **kwargs)
    pd.testing.assert_frame_equal(xa, xb)
    pd.testing.assert_series_equal(ya, yb)


def test_save_load_gives_the_same_rows(fitted, tmp_path):
    path = tmp_path / "model"
    fitted.save(path)
    loaded = GANAugmenter.load(path)
    assert loaded.get_params() == fitted.get_params()
    pd.testing.assert_frame_equal(loaded.history_, fitted.history_)
    _same_samples(fitted, loaded)
    _same_samples(fitted, loaded, random_state=11)
    _same_samples(fitted, loaded, random_state=11, conditions={"klass": 2})


def test_save_writes_json_and_npz_only(fitted, tmp_path):
    path = tmp_path / "model.ganaug"
    fitted.save(path)
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == ["ganaug.json", "weights.npz"]
        header = json.loads(archive.read("ganaug.json"))
    assert header["format"] == "ganaug" and header["version"] == FORMAT_VERSION


@pytest.mark.parametrize("dumps, loads", [(pickle.dumps, pickle.loads), (None, None)])
def test_pickle_and_joblib_round_trip(fitted, tmp_path, dumps, loads):
    if dumps is None:
        joblib.dump(fitted, tmp_path / "m.joblib")
        restored = joblib.load(tmp_path / "m.joblib")
    else:
        restored = loads(dumps(fitted))
    _same_samples(fitted, restored, random_state=5)


def _rewrite(path, target, **members):
    with zipfile.ZipFile(path) as archive:
        contents = {name: archive.read(name) for name in archive.namelist()}
    contents.update(members)
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in contents.items():
            archive.writestr(name, data)


def test_truncated_foreign_and_corrupted_files_fail_clearly(fitted, tmp_path):
    good = tmp_path / "good"
    fitted.save(good)
    truncated = tmp_path / "truncated"
    truncated.write_bytes(good.read_bytes()[:200])
    foreign = tmp_path / "foreign.csv"
    foreign.write_text("a,b\n1,2\n")
    for path in (truncated, foreign):
        with pytest.raises(ValueError, match="not a readable ganaug model file"):
            GANAugmenter.load(path)
    bad_weights = tmp_path / "bad_weights"
    _rewrite(good, bad_weights, **{"weights.npz": b"\x93NUMPY garbage"})
    with pytest.raises(ValueError, match="weights are unreadable"):
        GANAugmenter.load(bad_weights)


def test_wrong_weight_shapes_are_refused(fitted, tmp_path):
    good = tmp_path / "good"
    fitted.save(good)
    buffer = io.BytesIO()
    np.savez(buffer, generator_0=np.zeros((2, 2), np.float32))
    wrong = tmp_path / "wrong"
    _rewrite(good, wrong, **{"weights.npz": buffer.getvalue()})
    with pytest.raises(ValueError, match="not a readable ganaug model file"):
        GANAugmenter.load(wrong)


def test_newer_format_version_is_refused(fitted, tmp_path):
    good = tmp_path / "good"
    fitted.save(good)
    with zipfile.ZipFile(good) as archive:
        header = json.loads(archive.read("ganaug.json"))
    header["version"] = 99
    newer = tmp_path / "newer"
    _rewrite(good, newer, **{"ganaug.json": json.dumps(header)})
    with pytest.raises(ValueError, match="newer ganaug.*format version 99"):
        GANAugmenter.load(newer)


class _Marker:
    """Unpickling it creates the file ``path``."""

    def __init__(self, path):
        self.path = str(path)

    def __reduce__(self):
        return (open, (self.path, "w"))


def _object_npz(payload):
    buffer = io.BytesIO()
    np.save(buffer, np.array([payload], dtype=object), allow_pickle=True)
    planted = io.BytesIO()
    with zipfile.ZipFile(planted, "w") as npz:
        npz.writestr("generator_0.npy", buffer.getvalue())
    return planted.getvalue()


def _plant(where, good, target, payload):
    if where == "renamed-pickle-file":
        target.write_bytes(pickle.dumps(payload))
    elif where == "object-array-in-weights":
        _rewrite(good, target, **{"weights.npz": _object_npz(payload)})
    elif where == "pickle-as-weights":
        _rewrite(good, target, **{"weights.npz": pickle.dumps(payload)})
    else:
        _rewrite(good, target, **{"ganaug.json": pickle.dumps(payload)})


@pytest.mark.parametrize(
    "where",
    ["renamed-pickle-file", "object-array-in-weights", "pickle-as-weights", "pickle-as-header"],
)
def test_pickled_content_in_a_model_file_is_never_executed(fitted, tmp_path, where):
    good = tmp_path / "good"
    fitted.save(good)
    control = tmp_path / "control-marker"
    pickle.loads(pickle.dumps(_Marker(control)))
    assert control.exists()  # the payload works when unpickled
    marker = tmp_path / "marker"
    evil = tmp_path / "evil.ganaug"
    _plant(where, good, evil, _Marker(marker))
    with pytest.raises(ValueError, match="not a readable ganaug model file"):
        GANAugmenter.load(evil)
    assert not marker.exists()


def _corrupt_weights(data):
    middle = len(data) // 2
    return data[:middle] + bytes(b ^ 0xFF for b in data[middle:middle + 64]) + data[middle + 64:]


@pytest.mark.parametrize(
    "damage",
    [lambda data: data[: len(data) // 2], _corrupt_weights],
    ids=["truncated-weights", "flipped-bytes-in-weights"],
)
def test_valid_header_with_damaged_weights_fails_clearly(fitted, tmp_path, damage):
    good = tmp_path / "good"
    fitted.save(good)
    with zipfile.ZipFile(good) as archive:
        weights = archive.read("weights.npz")
    damaged = tmp_path / "damaged"
    _rewrite(good, damaged, **{"weights.npz": damage(weights)})
    with pytest.raises(ValueError, match="weights are unreadable"):
        GANAugmenter.load(damaged)


def _edit_header(header, edit):
    if edit == "no-fitted-state":
        del header["fitted"]
    elif edit == "column-not-a-mapping":
        header["fitted"]["encoder_"]["columns"] = ["x"]
    elif edit == "unknown-parameter":
        header["params"]["colour"] = "red"
    elif edit == "history-not-a-table":
        header["fitted"]["history_"] = 5
    elif edit == "no-columns":
        header["fitted"]["encoder_"]["columns"] = []
    return header


@pytest.mark.parametrize(
    "edit",
    ["no-fitted-state", "column-not-a-mapping", "unknown-parameter",
     "history-not-a-table", "no-columns"],
)
def test_inconsistent_header_fails_clearly(fitted, tmp_path, edit):
    good = tmp_path / "good"
    fitted.save(good)
    with zipfile.ZipFile(good) as archive:
        header = json.loads(archive.read("ganaug.json"))
    edited = tmp_path / "edited"
    _rewrite(good, edited, **{"ganaug.json": json.dumps(_edit_header(header, edit))})
    with pytest.raises(ValueError, match="not a readable ganaug model file"):
        GANAugmenter.load(edited)


def test_format_version_1_files_are_read(fitted, tmp_path):
    good = tmp_path / "good"
    fitted.save(good)
    with zipfile.ZipFile(good) as archive:
        header = json.loads(archive.read("ganaug.json"))
    header["version"] = 1
    for column in header["fitted"]["encoder_"]["columns"]:
        column.pop("unit", None)
        column.pop("bounds", None)
    old = tmp_path / "old"
    _rewrite(good, old, **{"ganaug.json": json.dumps(header)})
    X, _ = GANAugmenter.load(old).sample(20)
    assert X.dtypes.to_dict() == fitted.sample(1)[0].dtypes.to_dict()


def test_unfitted_save_raises(tmp_path):
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError):
        GANAugmenter().save(tmp_path / "m")
