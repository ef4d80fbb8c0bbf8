import sys

import numpy as np
import pandas as pd
import pytest
from sklearn.exceptions import NotFittedError

from ganaug import GANAugmenter
from ganaug._model import _generation

from .conftest import TINY, mixed_frame

# Generation units of 50 rows instead of 65,536, so that a few hundred rows
# cross several units.
UNIT = 50
N = 237


@pytest.fixture(scope="module")
def fitted():
    frame = mixed_frame()
    y = pd.Series(np.arange(len(frame)) % 3, name="klass")
    return GANAugmenter(**TINY).fit(frame, y)


@pytest.fixture(autouse=True)
def small_units(monkeypatch):
    monkeypatch.setattr(_generation, "CHUNK_ROWS", UNIT)


def _as_file_table(sampled):
    X, y = sampled
    return pd.concat([X, y], axis=1)


def _plain(frame):
    """Values as Python objects, missing as None: Parquet reads ``None``
    strings back as NaN and object columns as ``str``."""
    return frame.astype(object).where(frame.notna(), None)


# (rows, chunk_rows): one-row chunks (some all missing in a column, which
# must still fit the file's schema), several chunks, one chunk for everything.
@pytest.mark.parametrize("n, chunk_rows", [(12, 1), (N, 40), (N, 120), (N, 1000)])
def test_parquet_is_written_in_chunked_row_groups(fitted, tmp_path, n, chunk_rows):
    pq = pytest.importorskip("pyarrow.parquet", reason="Parquet needs pyarrow")
    path = tmp_path / "rows.parquet"
    fitted.write_samples(path, n, chunk_rows=chunk_rows, random_state=3)
    written = pd.read_parquet(path)
    assert pq.ParquetFile(path).num_row_groups == -(-n // chunk_rows)
    first = _as_file_table(fitted.sample(min(n, chunk_rows), random_state=3))
    # The first chunk is sample's rows for the same seed.
    pd.testing.assert_frame_equal(
        _plain(written.iloc[: len(first)]).reset_index(drop=True), _plain(first)
    )
    assert len(written) == n and list(written.columns) == list(first.columns)
    again = tmp_path / "again.parquet"
    fitted.write_samples(again, n, chunk_rows=chunk_rows, random_state=3)
    pd.testing.assert_frame_equal(pd.read_parquet(again), written)


@pytest.mark.parametrize("chunk_rows", [64, 5000])
def test_csv_rows_follow_sample(fitted, tmp_path, chunk_rows):
    path = tmp_path / "rows.csv"
    conditions = {"text": "red"}
    fitted.write_samples(path, N, conditions=conditions, chunk_rows=chunk_rows, random_state=5)
    written = pd.read_csv(path)
    assert len(written) == N and set(written["text"]) == {"red"}
    expected = _as_file_table(
        fitted.sample(min(N, chunk_rows), conditions=conditions, random_state=5)
    )
    lines = path.read_text().splitlines()
    assert lines[: len(expected) + 1] == expected.to_csv(index=False).splitlines()
    if chunk_rows < N:  # later chunks are new rows, not repeats of the first
        assert lines[1 : 1 + chunk_rows] != lines[1 + chunk_rows : 1 + 2 * chunk_rows]


def test_default_seed_is_the_one_of_sample(fitted, tmp_path):
    path = tmp_path / "rows.csv"
    fitted.write_samples(path, 30)
    assert path.read_text() == _as_file_table(fitted.sample(30)).to_csv(index=False)


def test_zero_rows_write_the_header_only(fitted, tmp_path):
    path = tmp_path / "rows.csv"
    fitted.write_samples(path, 0)
    assert path.read_text().strip().split(",") == [*map(str, fitted.feature_names_in_), "klass"]


def test_array_input_names_columns_as_strings(tmp_path, tiny_params):
    X = np.random.default_rng(0).normal(size=(40, 3))
    aug = GANAugmenter(**tiny_params).fit(X)
    path = tmp_path / "rows.csv"
    aug.write_samples(path, 20, random_state=1)
    written = pd.read_csv(path)
    assert list(written.columns) == ["0", "1", "2"]
    np.testing.assert_allclose(written.to_numpy(), aug.sample(20, random_state=1))


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        (dict(path="rows.txt"), ValueError,
         r"path must end with one of \['\.csv', '\.parquet', '\.pq'\].*received '.*rows\.txt'"),
        (dict(path=3), TypeError, "path must be a str or os.PathLike; received 3"),
        (dict(chunk_rows=0), ValueError, "chunk_rows must be >= 1; received 0"),
        (dict(chunk_rows=2.5), TypeError, "chunk_rows must be an int; received 2.5"),
        (dict(n_samples=-1), ValueError, "n_samples must be >= 0; received -1"),
        (dict(conditions={"text": "purple"}), ValueError, "purple"),
    ],
)
def test_invalid_arguments(fitted, tmp_path, kwargs, error, message):
    args = {"path": tmp_path / "rows.csv", "n_samples": 10, **kwargs}
    if isinstance(args["path"], str):
        args["path"] = str(tmp_path / args["path"])
    with pytest.raises(error, match=message):
        fitted.write_samples(args.pop("path"), args.pop("n_samples"), **args)


def test_missing_pyarrow_names_the_extra(fitted, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ImportError, match=r"ganaug\[parquet\]"):
        fitted.write_samples(tmp_path / "rows.parquet", 10)
    assert not (tmp_path / "rows.parquet").exists()


def test_unfitted_estimator_cannot_write(tmp_path):
    with pytest.raises(NotFittedError):
        GANAugmenter().write_samples(tmp_path / "rows.csv", 10)
