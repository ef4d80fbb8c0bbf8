"""``python -m ganaug`` in a fresh process: the README's session and errors.

tests/test_examples_command_line.py runs the whole session end to end.
"""

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ENV = dict(os.environ, PYTHONPATH=os.pathsep.join(
    filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))


def ganaug(*args, cwd):
    return subprocess.run([sys.executable, "-m", "ganaug", *map(str, args)], cwd=cwd,
                          env=ENV, capture_output=True, text=True, timeout=600)


def ganaug_commands(script):
    """The ``ganaug`` command lines of a bash text, split, without ``--epochs N``."""
    commands = [shlex.split(line, comments=True) for line in script.splitlines()]
    commands = [c for c in commands if c and c[0] == "ganaug"]
    for command in commands:
        while "--epochs" in command:
            at = command.index("--epochs")
            del command[at:at + 2]
    return commands


def test_readme_session_is_the_command_line_example():
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"^```bash\n(.*?)^```$", readme, re.S | re.M)
    (session,) = [b for b in blocks if "pip install" not in b]
    shown = ganaug_commands(session)
    assert [c[1] for c in shown] == ["demo", "fit", "sample", "sample", "augment", "report"]
    # The README shows the defaults; the example only adds --epochs.
    assert "--epochs" not in session
    example = (ROOT / "examples" / "command_line.sh").read_text()
    assert shown == ganaug_commands(example)


@pytest.mark.slow
def test_errors_are_one_line_without_traceback(tmp_path):
    result = ganaug("fit", "missing.csv", "-o", "model.ganaug", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == "ganaug: error: DATA: no such file: 'missing.csv'.\n"
    assert result.stdout == ""
    debug = ganaug("fit", "missing.csv", "-o", "model.ganaug", "--debug", cwd=tmp_path)
    assert debug.returncode == 1
    assert "Traceback" in debug.stderr and debug.stderr.rstrip().endswith(
        "CommandError: DATA: no such file: 'missing.csv'.")
    usage = ganaug("demo", "--epochs", "0", cwd=tmp_path)
    assert usage.returncode == 2
    assert usage.stderr == ("ganaug: error: argument --epochs: expected a whole number >= 1; "
                            "received '0' (see 'ganaug demo --help')\n")
