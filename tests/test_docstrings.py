"""The docstring examples are collected by the test command itself.

``python -m pytest`` runs them (``--doctest-modules`` over the ``ganaug``
package, see ``[tool.pytest.ini_options]`` in pyproject.toml); this checks
that the configuration says so and that the public entry points keep
examples for it to run.
"""

import doctest
import importlib
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Objects whose docstrings must show an example.
DOCUMENTED = [
    "ganaug._estimators._augmenter.GANAugmenter",
    "ganaug._estimators._oversampler.GANOverSampler",
    "ganaug._estimators._augmented.AugmentedEstimator",
    "ganaug._estimators._fit_streaming.fit_streaming",
    "ganaug.tf_data.synthetic_dataset",
    "ganaug.tf_data.augment",
    "ganaug._data._elements.dataset_to_frame",
    "ganaug.tfds.fit_on_split",
    "ganaug.report._report.make_report",
    "ganaug.metrics._evaluate.evaluate",
]


def _pytest_settings():
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        tomllib = pytest.importorskip("tomli", reason="reading pyproject.toml needs tomli")
    with open(ROOT / "pyproject.toml", "rb") as file:
        return tomllib.load(file)["tool"]["pytest"]["ini_options"]


def test_the_test_command_collects_the_package_docstrings():
    settings = _pytest_settings()
    assert "--doctest-modules" in settings["addopts"].split()
    assert {"tests", "integrations", "ganaug"} <= set(settings["testpaths"])


@pytest.mark.parametrize("path", DOCUMENTED)
def test_public_entry_points_show_an_example(path):
    module_name, name = path.rsplit(".", 1)
    obj = getattr(importlib.import_module(module_name), name)
    tests = doctest.DocTestFinder(recurse=False).find(obj, name)
    assert sum(len(test.examples) for test in tests) >= 2, path
