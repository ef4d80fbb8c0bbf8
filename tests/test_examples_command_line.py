"""examples/command_line.sh, run as a new user would: with the ``ganaug``
command, in an empty folder, each command in a fresh process.

The script holds the README's command line session (tests/test_main.py
checks that they agree), so this is the end-to-end test of the command line.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]


def ganaug_on_path(folder):
    """Put a ``ganaug`` command in ``folder`` that runs ``python -m ganaug``
    with this interpreter and this checkout; return the environment to use."""
    script = folder / "ganaug"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m ganaug "$@"\n')
    script.chmod(0o755)
    env = dict(os.environ, PATH=f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def test_command_line_example_runs(tmp_path):
    if shutil.which("bash") is None:
        pytest.skip("the example is a bash script and bash is missing")
    pytest.importorskip("pyarrow", reason="the example writes Parquet, which needs pyarrow")
    bin_dir, work = tmp_path / "bin", tmp_path / "work"
    bin_dir.mkdir()
    work.mkdir()
    result = subprocess.run(
        ["bash", str(ROOT / "examples" / "command_line.sh")], cwd=work,
        env=ganaug_on_path(bin_dir), capture_output=True, text=True, timeout=600,
    )
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
