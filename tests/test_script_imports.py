"""Every ganaug import of the scripts outside the package resolves.

The benchmarks are never run by the tests, and the examples only in the
slow lane, so a module moved inside the package would break them silently:
this reads their ``import`` statements (at any depth, also inside
functions) and imports each name they take from ganaug.
"""

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = sorted(
    p.relative_to(ROOT).as_posix()
    for folder in ("benchmarks", "examples", "integrations")
    for p in (ROOT / folder).rglob("*.py")
)


def ganaug_imports(path):
    """``[(module, name or None)]`` of every import from ganaug in ``path``."""
    found = []
    for node in ast.walk(ast.parse((ROOT / path).read_text(), filename=path)):
        if isinstance(node, ast.Import):
            found += [(a.name, None) for a in node.names if a.name.split(".")[0] == "ganaug"]
        elif (isinstance(node, ast.ImportFrom) and node.level == 0 and node.module
              and node.module.split(".")[0] == "ganaug"):
            found += [(node.module, a.name) for a in node.names]
    return found


def test_the_scripts_are_found():
    assert "benchmarks/bench_sample_guard.py" in SCRIPTS
    assert "examples/sklearn_pipeline.py" in SCRIPTS
    assert ("ganaug._data._row_hashes", "row_hashes") in ganaug_imports(
        "benchmarks/bench_sample_guard.py"
    )


@pytest.mark.parametrize("path", SCRIPTS)
def test_ganaug_imports_resolve(path):
    for module_name, name in ganaug_imports(path):
        module = importlib.import_module(module_name)
        if name is not None and not hasattr(module, name):
            # ``from package import submodule``
            importlib.import_module(f"{module_name}.{name}")
