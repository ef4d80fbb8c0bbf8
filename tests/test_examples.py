"""Every script in examples/ runs to the end and prints what it promises."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# script -> lines (substrings) its output must hold
EXPECTED = {
    "dataframe_quickstart.py": [
        "real table: 2000 rows x 15 columns",
        "transform: 2000 rows -> 4000 rows",
        "saved to adult.ganaug and reloaded: the reloaded model draws identical rows",
    ],
    "sklearn_pipeline.py": [
        "Adult income, 3-fold accuracy: augmented",
        "GridSearchCV best: {",
        "Diabetes, 5-fold R^2: augmented",
    ],
    "imbalanced_pipeline.py": [
        "class counts: {'benign': 357, 'malignant': 30}",
        "'malignant': 357",
        "new rows per class: {'malignant': 327}",
        "per-class recall, 3-fold cross-validation:",
    ],
}
NEEDS = {"imbalanced_pipeline.py": "imblearn"}
# Scripts another module owns (the tf.data example) are checked by their own tests.


def run_example(name, cwd):
    return subprocess.run(
        [sys.executable, str(EXAMPLES / name)],
        cwd=cwd, capture_output=True, text=True, timeout=600,
    )


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_runs(name, tmp_path):
    if name in NEEDS and importlib.util.find_spec(NEEDS[name]) is None:
        pytest.skip(f"{name} needs {NEEDS[name]}")
    result = run_example(name, tmp_path)
    assert result.returncode == 0, result.stderr[-4000:]
    for line in EXPECTED[name]:
        assert line in result.stdout, f"{line!r} not in the output of {name}:\n{result.stdout}"
    if name == "dataframe_quickstart.py":
        # Files the examples write land in the working directory.
        assert (tmp_path / "adult.ganaug").is_file()


def test_every_listed_example_exists():
    for name in EXPECTED:
        assert (EXAMPLES / name).is_file(), name
