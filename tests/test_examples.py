"""Every script in examples/ runs to the end and prints what it promises.

The scripts run in their own processes, started when collection ends (see
tests/_example_runs.py).
"""

import pytest

from . import _example_runs
from ._example_runs import EXAMPLES

pytestmark = pytest.mark.slow

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
# The tf.data and command line examples have their own test files.


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_runs(name):
    reason = _example_runs.missing(name)
    if reason is not None:
        pytest.skip(reason)
    result, cwd = _example_runs.result(name)
    assert result.returncode == 0, result.stderr[-4000:]
    for line in EXPECTED[name]:
        assert line in result.stdout, f"{line!r} not in the output of {name}:\n{result.stdout}"
    if name == "dataframe_quickstart.py":
        # Files the examples write land in the working directory.
        assert (cwd / "adult.ganaug").is_file()


def test_every_listed_example_exists():
    for name in EXPECTED:
        assert (EXAMPLES / name).is_file(), name
