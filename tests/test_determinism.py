"""The same random_state gives the same rows, also in a fresh process."""

import subprocess
import sys

import pandas as pd

SCRIPT = """
import sys
from ganaug import GANAugmenter
from tests.conftest import TINY, mixed_frame
aug = GANAugmenter(**TINY).fit(mixed_frame())
aug.sample(30, conditions={"text": "red"}).to_pickle(sys.argv[1])
"""


def test_fit_and_sample_repeat_exactly_across_processes(tmp_path):
    paths = [tmp_path / f"rows{i}.pkl" for i in range(2)]
    for path in paths:
        subprocess.run([sys.executable, "-c", SCRIPT, str(path)], check=True, cwd=_root())
    first, second = (pd.read_pickle(p) for p in paths)
    pd.testing.assert_frame_equal(first, second)
    assert (first["text"] == "red").all()


def _root():
    from pathlib import Path

    return Path(__file__).resolve().parents[1]
