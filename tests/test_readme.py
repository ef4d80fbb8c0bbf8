"""Every Python block of README.md runs as written.

The blocks show the default settings; while one runs, the defaults of
GANAugmenter and GANOverSampler are swapped for tiny networks and a few
epochs, so the test checks that the code works, not how good its rows are.
The bash blocks are the install commands (run by CI itself) and the command
line session, which tests/test_main.py runs.
"""

import importlib.util
import re
from pathlib import Path

import pytest

from ganaug import GANAugmenter, GANOverSampler

from .conftest import TINY

README = Path(__file__).resolve().parents[1] / "README.md"
# The tiny networks as the blocks' defaults.  The blocks pass their own
# random_state (keeping the default None where they do not), and train on
# the 2,000-row Adult sample: batches of 64 halve the steps.
README_DEFAULTS = {
    **{name: value for name, value in TINY.items() if name != "random_state"},
    "batch_size": 64,
}
NEEDS = {"imblearn": "imbalanced-learn"}


def code_blocks(language):
    """The ``language`` fenced blocks of README.md, in order."""
    return re.findall(rf"^```{language}\n(.*?)^```$", README.read_text(), re.S | re.M)


PYTHON = code_blocks("python")


def test_readme_has_a_block_per_use():
    text = "\n".join(PYTHON)
    for use in ("GANAugmenter(random_state=0).fit(df)", "AugmentedEstimator(",
                "imblearn.pipeline import Pipeline", "tf_data import augment"):
        assert use in text, use


@pytest.mark.slow
@pytest.mark.parametrize("block", PYTHON, ids=[f"block{i}" for i in range(len(PYTHON))])
def test_python_block_runs(block, tmp_path, monkeypatch):
    for module, package in NEEDS.items():
        if f"from {module}" in block and importlib.util.find_spec(module) is None:
            pytest.skip(f"this block needs {package}")
    for cls in (GANAugmenter, GANOverSampler):
        defaults = {**cls.__init__.__kwdefaults__, **README_DEFAULTS}
        monkeypatch.setattr(cls.__init__, "__kwdefaults__", defaults)
    monkeypatch.chdir(tmp_path)  # files the blocks write land here
    namespace = {"__name__": "__readme__"}
    exec(compile(block, str(README), "exec"), namespace)
    if "aug.save(" in block:
        assert (tmp_path / "model.ganaug").is_file()
        assert namespace["same"].sample(5).equals(namespace["aug"].sample(5))
    if "conditions=" in block:
        conditioned = namespace.get("rare", namespace.get("y_syn"))
        conditioned = conditioned["income"] if hasattr(conditioned, "columns") else conditioned
        assert (conditioned == ">50K").all()
