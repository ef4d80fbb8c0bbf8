"""The scripts of examples/, each run once in a fresh process.

A test run starts every selected example when collection ends (see
``pytest_collection_finish`` in conftest.py), so that the scripts run beside
the in-process tests instead of one after the other at their turn; each
example test then waits for its own script's result.  Run alone, a test
starts its script itself.  Output goes to files (a pipe left unread would
block a chatty script).
"""

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
TIMEOUT = 600

# What the test file of each example is.
TEST_FILES = {
    "test_examples.py": None,  # its ``name`` parameter says which script
    "test_examples_tf_data.py": "tf_data_keras.py",
    "test_examples_command_line.py": "command_line.sh",
}
# Optional dependencies: an example is skipped (and never started) without them.
NEEDS = {
    "imbalanced_pipeline.py": [("imblearn", "imbalanced-learn")],
    "command_line.sh": [("pyarrow", "pyarrow: the example writes Parquet")],
}


def missing(name):
    """Why example ``name`` cannot run here, or ``None``."""
    if name.endswith(".sh") and shutil.which("bash") is None:
        return f"{name} is a bash script and bash is missing"
    for module, package in NEEDS.get(name, []):
        if importlib.util.find_spec(module) is None:
            return f"{name} needs {package}"
    return None


def ganaug_on_path(folder):
    """Put a ``ganaug`` command in ``folder`` that runs ``python -m ganaug``
    with this interpreter and this checkout; return the environment to use."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "ganaug"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m ganaug "$@"\n')
    script.chmod(0o755)
    env = dict(os.environ, PATH=f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


class ExampleRun:
    """One example script running in its own folder.

    ``cwd`` is the folder it runs in (and writes its files to); the
    tf.data example runs from the repository root, as its docs say.
    """

    def __init__(self, name):
        self.name = name
        self.folder = Path(tempfile.mkdtemp(prefix="ganaug-example-"))
        env = None
        if name.endswith(".sh"):
            self.cwd = self.folder / "work"
            self.cwd.mkdir()
            env = ganaug_on_path(self.folder / "bin")
            argv = ["bash", str(EXAMPLES / name)]
        else:
            self.cwd = ROOT if name == "tf_data_keras.py" else self.folder
            argv = [sys.executable, str(EXAMPLES / name)]
        self._stdout = open(self.folder / "stdout.txt", "w+")  # noqa: SIM115
        self._stderr = open(self.folder / "stderr.txt", "w+")  # noqa: SIM115
        self.started = time.monotonic()
        self.process = subprocess.Popen(
            argv, cwd=self.cwd, env=env, stdout=self._stdout, stderr=self._stderr, text=True
        )
        self.result = None

    def wait(self):
        """The finished run as a ``CompletedProcess`` (killed after TIMEOUT s)."""
        if self.result is None:
            left = max(1.0, TIMEOUT - (time.monotonic() - self.started))
            try:
                code = self.process.wait(timeout=left)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                raise
            outputs = []
            for file in (self._stdout, self._stderr):
                file.seek(0)
                outputs.append(file.read())
                file.close()
            self.result = subprocess.CompletedProcess(self.process.args, code, *outputs)
        return self.result

    def stop(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        for file in (self._stdout, self._stderr):
            file.close()
        shutil.rmtree(self.folder, ignore_errors=True)


_RUNS = {}


def start(name):
    """The run of example ``name``, started now unless it already was."""
    if name not in _RUNS:
        _RUNS[name] = ExampleRun(name)
    return _RUNS[name]


def result(name):
    """``(CompletedProcess, cwd)`` of example ``name``, waiting for it to end."""
    run = start(name)
    return run.wait(), run.cwd


def example_of(item):
    """The example script a collected test item runs, or ``None``."""
    if item.path.name not in TEST_FILES:
        return None
    name = TEST_FILES[item.path.name]
    if name is None:
        callspec = getattr(item, "callspec", None)
        name = None if callspec is None else callspec.params.get("name")
    return name


def stop_all():
    """Kill what still runs and remove the folders (end of the session)."""
    while _RUNS:
        _RUNS.popitem()[1].stop()
