"""The ``scenario`` fixture shared by every integration folder."""

import importlib.util

import pytest


@pytest.fixture(scope="module")
def scenario(request):
    """The ``*_scenario.py`` module beside the test, imported by path (the
    folders are no packages, so their modules never clash)."""
    (path,) = (
        p for p in request.path.parent.glob("*_scenario.py") if not p.name.startswith("test_")
    )
    spec = importlib.util.spec_from_file_location(f"ganaug_integrations_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
