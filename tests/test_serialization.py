"""Model files and pickles: round trips, old format versions, and files
from strangers (foreign, damaged, pickled payloads, oversized members)."""

import io
import json
import pickle
import time
import zipfile
from pathlib import Path

import joblib
import numpy as np
import pandas as pd
import pytest

from ganaug import GANAugmenter
from ganaug._model._serialization import FORMAT_VERSION, MAX_CONFIG_BYTES, MAX_WEIGHTS_BYTES

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
    if edit == "no-model":
        del header["model"]
    elif edit == "column-not-a-mapping":
        header["model"]["encoder"]["columns"] = ["x"]
    elif edit == "unknown-parameter":
        header["params"]["colour"] = "red"
    elif edit == "history-not-a-table":
        header["model"]["history"] = 5
    elif edit == "no-columns":
        header["model"]["encoder"]["columns"] = []
    elif edit == "huge-network":
        header["model"]["architecture"]["generator_dims"] = [2**40]
    return header


@pytest.mark.parametrize(
    "edit",
    ["no-model", "column-not-a-mapping", "unknown-parameter",
     "history-not-a-table", "no-columns", "huge-network"],
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


V2_FILE = Path(__file__).parent / "data" / "model_v2.ganaug"
# ``sample(30, random_state=5)`` of the model in V2_FILE, recorded with the
# ganaug that wrote it (format version 2).
V2_ROWS = "3cf7c5a716b467da"


def _rows_digest(X, y):
    import hashlib

    text = X.to_csv(index=False) + y.to_csv(index=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def test_format_version_2_files_load_and_give_the_same_rows():
    with zipfile.ZipFile(V2_FILE) as archive:
        assert json.loads(archive.read("ganaug.json"))["version"] == 2
    model = GANAugmenter.load(V2_FILE)
    assert _rows_digest(*model.sample(30, random_state=5)) == V2_ROWS
    assert model.model_.copy_guard is not None
    assert model.pac_ > 0 and len(model.history_) == model.epochs_


def test_format_version_1_files_are_read(tmp_path):
    with zipfile.ZipFile(V2_FILE) as archive:
        header = json.loads(archive.read("ganaug.json"))
        weights = archive.read("weights.npz")
    header["version"] = 1
    for column in header["fitted"]["encoder_"]["columns"]:
        column.pop("unit", None)
        column.pop("bounds", None)
    # Version 1 predates the copy guard.
    with zipfile.ZipFile(io.BytesIO(weights)) as npz:
        arrays = {name: npz.read(name) for name in npz.namelist() if name != "copy_guard.npy"}
    old_weights = io.BytesIO()
    with zipfile.ZipFile(old_weights, "w") as npz:
        for name, data in arrays.items():
            npz.writestr(name, data)
    old = tmp_path / "old"
    _rewrite(V2_FILE, old, **{"ganaug.json": json.dumps(header),
                              "weights.npz": old_weights.getvalue()})
    loaded = GANAugmenter.load(old)
    assert loaded.model_.copy_guard is None
    X, _ = loaded.sample(20)
    assert X.dtypes.to_dict() == GANAugmenter.load(V2_FILE).sample(1)[0].dtypes.to_dict()


def _zip_bomb(path, member, n_blocks, declared=None):
    """A model file whose ``member`` inflates to ``n_blocks`` times 16 MiB of
    whitespace (raw DEFLATE, about 16 KiB on disk per block); ``declared`` is
    the uncompressed size its zip entry claims (the true size by default)."""
    import zlib

    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = b" " * 2**24
    data = b"".join(compressor.compress(block) for _ in range(n_blocks)) + compressor.flush()
    crc = 0
    for _ in range(n_blocks):
        crc = zlib.crc32(block, crc)
    info = zipfile.ZipInfo(member)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.file_size = n_blocks * len(block) if declared is None else declared
    info.compress_size = len(data)
    info.CRC = crc
    with zipfile.ZipFile(path, "w") as archive:
        other = "weights.npz" if member == "ganaug.json" else "ganaug.json"
        archive.writestr(other, b"{}")
        # The member's bytes as they are, with the size it declares.
        info.header_offset = archive.fp.tell()
        archive.fp.write(info.FileHeader())
        archive.fp.write(data)
        archive.filelist.append(info)
        archive.NameToInfo[info.filename] = info
        archive.start_dir = archive.fp.tell()
    return path


@pytest.mark.parametrize(
    "member, n_blocks, declared",
    [
        ("ganaug.json", 128, None),  # 2 GiB of whitespace in a 2 MiB file
        ("weights.npz", 1, 2**31),
        ("ganaug.json", 1, 1000),
        ("weights.npz", 1, 1000),
    ],
    ids=["header-2GiB", "weights-declared-2GiB", "header-lying-size", "weights-lying-size"],
)
def test_members_that_inflate_beyond_a_limit_are_refused_fast(tmp_path, member, n_blocks,
                                                               declared):
    path = _zip_bomb(tmp_path / "bomb.ganaug", member, n_blocks, declared)
    assert path.stat().st_size < 4 * 2**20
    start = time.perf_counter()
    with pytest.raises(ValueError, match="not a readable ganaug model file") as error:
        GANAugmenter.load(path)
    assert time.perf_counter() - start < 1  # stops at the limit, not after inflating
    if declared != 1000:  # a lying entry fails its size or CRC check on reading
        limit = MAX_CONFIG_BYTES if member == "ganaug.json" else MAX_WEIGHTS_BYTES
        assert f"more than the {limit} bytes a model file may hold" in str(error.value)


def _npy_header_only(shape):
    """The bytes of a ``.npy`` file that declares ``shape`` of float32 but
    holds only 16 bytes of data."""
    buffer = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        buffer, {"descr": "<f4", "fortran_order": False, "shape": shape}
    )
    return buffer.getvalue() + b"\0" * 16


@pytest.mark.parametrize("shape", [(10**12,), (2**20, 2**20), (-1,)])
def test_array_shapes_are_checked_before_anything_is_allocated(fitted, tmp_path, shape):
    good = tmp_path / "good"
    fitted.save(good)
    planted = io.BytesIO()
    with zipfile.ZipFile(planted, "w") as npz:
        npz.writestr("generator_0.npy", _npy_header_only(shape))
    evil = tmp_path / "evil"
    _rewrite(good, evil, **{"weights.npz": planted.getvalue()})
    start = time.perf_counter()
    with pytest.raises(ValueError, match="weights are unreadable"):
        GANAugmenter.load(evil)
    assert time.perf_counter() - start < 1


def test_unfitted_save_raises(tmp_path):
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError):
        GANAugmenter().save(tmp_path / "m")
