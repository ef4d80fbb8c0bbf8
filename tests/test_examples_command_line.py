"""examples/command_line.sh, run as a new user would: with the ``ganaug``
command, in an empty folder, each command in a fresh process (the script
starts when collection ends, see tests/_example_runs.py).

The script holds the README's command line session (tests/test_main.py
checks that they agree), so this is the end-to-end test of the command line.
"""

import pandas as pd
import pytest

from . import _example_runs


@pytest.mark.slow
def test_command_line_example_runs():
    reason = _example_runs.missing("command_line.sh")
    if reason is not None:
        pytest.skip(reason)
    result, work = _example_runs.result("command_line.sh")
    assert result.returncode == 0, result.stderr[-4000:]
    real = pd.read_csv(work / "real.csv")
    assert pd.read_csv(work / "synthetic.csv").shape == real.shape == (2000, 15)
    sampled = pd.read_parquet(work / "sampled.parquet")
    assert len(sampled) == 2000 and sorted(sampled.columns) == sorted(real.columns)
    rich = pd.read_csv(work / "rich.csv")
    assert len(rich) == 500
    assert (rich["income"] == ">50K").all() and (rich["sex"] == "Female").all()
    augmented = pd.read_csv(work / "augmented.csv")
    assert len(augmented) == 3000
    pd.testing.assert_frame_equal(augmented.iloc[:2000], real)
    for report in ("report.html", "sampled.html"):
        assert (work / report).stat().st_size > 0
    for name in ("real.csv", "synthetic.csv", "report.html", "adult.ganaug",
                 "sampled.parquet", "rich.csv", "augmented.csv", "sampled.html"):
        assert f"{work.resolve() / name}" in result.stdout, name  # says where
    # The progress bar (no --quiet here) and one error line, no traceback.
    assert "ganaug fit" in result.stderr
    assert "ganaug: error: --condition income=rich: column 'income' never held" in result.stderr
    assert "Traceback" not in result.stderr
    assert "(the error above is expected" in result.stdout
