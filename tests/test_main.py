import subprocess
import sys

import pandas as pd


def test_demo_fits_and_writes_synthetic_rows(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "ganaug", "demo", "-o", str(tmp_path / "demo"),
         "--epochs", "2", "--quiet"],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert out.returncode == 0, out.stderr
    assert "Wrote 2000 synthetic rows" in out.stdout
    synthetic = pd.read_csv(tmp_path / "demo" / "synthetic.csv")
    assert synthetic.shape == (2000, 15)
    assert set(synthetic["income"]) <= {"<=50K", ">50K"}


def test_errors_are_one_line_without_traceback(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "ganaug", "demo", "-o", str(tmp_path), "--epochs", "0"],
        capture_output=True, text=True,
    )
    assert out.returncode == 1
    assert out.stderr.strip() == "ganaug: error: epochs must be >= 1; received 0."
