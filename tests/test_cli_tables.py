"""Table files of the command line: CSV or Parquet by extension, clear errors."""

import sys

import pandas as pd
import pytest

from ganaug._cli import main
from ganaug._cli._errors import CommandError
from ganaug._cli._tables import read_table, table_format, write_table

from .conftest import mixed_frame


def test_csv_round_trip_keeps_values_and_does_not_touch_the_frame(tmp_path):
    frame = pd.DataFrame({"n": [3, 1, 2], "x": [0.5, float("nan"), 2.0], "s": ["a", "b", "a"]})
    before = frame.copy()
    path = write_table(frame, tmp_path / "sub" / "t.CSV")
    assert path == (tmp_path / "sub" / "t.CSV").resolve()
    back = read_table(path, "DATA")
    pd.testing.assert_frame_equal(frame, before)
    pd.testing.assert_frame_equal(back, frame, check_dtype=False)
    assert list(back.dtypes.astype(str)[:2]) == ["int64", "float64"]


@pytest.mark.parametrize("suffix", [".parquet", ".pq"])
def test_parquet_round_trip_keeps_dtypes(tmp_path, suffix):
    pytest.importorskip("pyarrow", reason="Parquet needs pyarrow")
    frame = mixed_frame(40)
    back = read_table(write_table(frame, tmp_path / f"t{suffix}"), "DATA")
    # Parquet has no "object" type: text comes back as pandas' string dtype.
    text = [c for c in frame if frame[c].dtype == object]
    assert text == ["text", "text_none"]
    pd.testing.assert_frame_equal(back.drop(columns=text), frame.drop(columns=text))
    pd.testing.assert_frame_equal(back[text].astype(object).fillna("<NA>"),
                                  frame[text].fillna("<NA>"))
    assert back["category"].cat.categories.tolist() == ["lo", "mid", "hi"]


@pytest.mark.parametrize("name, shown", [
    ("t.xlsx", "the extension '.xlsx'"), ("table", "no extension"),
])
def test_other_extensions_are_refused_naming_the_accepted_ones(name, shown):
    with pytest.raises(CommandError, match=rf"^-o must be a table file ending in "
                                           rf"\.parquet, \.pq, \.csv; received '{name}' "
                                           rf"with {shown}\.$"):
        table_format(name, "-o")


def test_missing_folder_and_unreadable_files(tmp_path):
    with pytest.raises(CommandError, match=r"^DATA: no such file: '.*nope\.csv'\.$"):
        read_table(tmp_path / "nope.csv", "DATA")
    (tmp_path / "dir.csv").mkdir()
    with pytest.raises(CommandError, match=r"^DATA: '.*dir\.csv' is a folder, not a file\.$"):
        read_table(tmp_path / "dir.csv", "DATA")
    (tmp_path / "binary.csv").write_bytes(b"\xff\xfe\x00\x81" * 50)
    with pytest.raises(CommandError, match=r"^REAL: cannot read '.*binary\.csv' as CSV: "):
        read_table(tmp_path / "binary.csv", "REAL")
    (tmp_path / "empty.csv").write_text("")
    with pytest.raises(CommandError, match=r"cannot read '.*empty\.csv' as CSV: No columns"):
        read_table(tmp_path / "empty.csv", "DATA")


def test_parquet_without_pyarrow_says_what_to_install(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # makes `import pyarrow` fail
    data = tmp_path / "data.parquet"
    code = main(["augment", str(data), "-o", str(tmp_path / "out.csv")])
    err = capsys.readouterr().err
    assert code == 1
    assert err == (
        f"ganaug: error: Parquet files ('{data}') need pyarrow, which is not installed; "
        "install it with: pip install 'ganaug[parquet]'\n"
    )
