"""The package's layers hold: the import contracts, and a light ``import ganaug``."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(*command):
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_import_contracts_are_kept():
    """Layers, no imports of the estimators from below, no TensorFlow in the
    modules ``import ganaug`` loads, and no import cycles (pyproject.toml)."""
    result = _run(str(Path(sys.executable).parent / "lint-imports"))
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def test_import_ganaug_loads_neither_tensorflow_nor_keras():
    code = (
        "import sys, ganaug, ganaug.metrics, ganaug.report, ganaug.datasets; "
        "print(sorted(m for m in ('tensorflow', 'keras') if m in sys.modules))"
    )
    result = _run(sys.executable, "-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_code_is_lint_clean():
    result = _run(sys.executable, "-m", "ruff", "check", "--no-cache", "ganaug", "tests",
                  "benchmarks", "examples", "integrations")
    assert result.returncode == 0, result.stdout[-3000:]
