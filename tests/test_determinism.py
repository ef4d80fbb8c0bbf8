"""The same random_state gives the same rows, also in a fresh process."""

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from ganaug import GANAugmenter

from .conftest import mixed_frame

SCRIPT = """
import sys
from ganaug import GANAugmenter
from tests.conftest import TINY, mixed_frame
aug = GANAugmenter(**TINY).fit(mixed_frame())
aug.sample(30, conditions={"text": "red"}).to_pickle(sys.argv[1])
"""


@pytest.mark.slow
def test_fit_and_sample_repeat_exactly_across_processes(tmp_path, tiny_params):
    """A fresh process draws the rows this one (after whatever ran before
    it in the session) draws with the same settings."""
    path = tmp_path / "rows.pkl"
    root = Path(__file__).resolve().parents[1]
    subprocess.run([sys.executable, "-c", SCRIPT, str(path)], check=True, cwd=root, timeout=600)
    fresh = pd.read_pickle(path)
    here = GANAugmenter(**tiny_params).fit(mixed_frame()).sample(30, conditions={"text": "red"})
    pd.testing.assert_frame_equal(fresh, here)
    assert (fresh["text"] == "red").all()
