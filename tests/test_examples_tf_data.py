"""The tf.data + Keras example runs end to end."""

import re

import pytest

from . import _example_runs


@pytest.mark.slow
def test_tf_data_keras_example_runs():
    out, _ = _example_runs.result("tf_data_keras.py")
    assert out.returncode == 0, out.stderr[-3000:]
    for name in ("real only", "augmented"):
        line = next(line for line in out.stdout.splitlines() if line.strip().startswith(name))
        loss = float(re.search(r"training loss ([-\d.naif]+)", line).group(1))
        accuracy = float(re.search(r"accuracy ([\d.]+)", line).group(1))
        assert loss == loss and loss < 10 and 0.5 < accuracy <= 1.0
