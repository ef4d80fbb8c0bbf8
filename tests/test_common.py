"""scikit-learn's common estimator checks (and imbalanced-learn's sampler checks).

Every check runs, none is expected to fail: the two behaviours by design
that some checks do not expect are set aside precisely (see APPENDS_ROWS and
KEEPS_LISTS).  The array API check runs in a fresh process, because
scikit-learn only runs it when ``SCIPY_ARRAY_API=1`` was set before SciPy
was imported (and skips it otherwise).
"""

import os
import pickle
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from sklearn.base import BaseEstimator, clone
from sklearn.linear_model import LogisticRegression
from sklearn.utils.estimator_checks import parametrize_with_checks

from ganaug import AugmentedEstimator, GANAugmenter, GANOverSampler

from .conftest import TINY

# Hundreds of small fits: the slow lane.
pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]

# One epoch: the checks fit many times on tiny tables.
CHECKED = dict(TINY, epochs=1)

# transform appends n_synthetic rows to X by design, so the checks that
# expect transform to keep the number (or order, or subset) of rows run on
# an augmenter that appends none (test_augmenter.py checks the rows it appends).
APPENDS_ROWS = {
    "check_transformer_general",
    "check_transformer_data_not_an_array",
    "check_methods_sample_order_invariance",
    "check_methods_subset_invariance",
}
# transform keeps X's container, so a list comes back as a list: the check's
# second half (a list X) then finds no ``shape``.  Its first half must pass.
KEEPS_LISTS = "check_transformer_data_not_an_array"


ARRAY_API = "check_array_api_input"
_ARRAY_API_SCRIPT = """
import pickle, sys
from sklearn.utils.estimator_checks import check_array_api_input
args, keywords, estimator = pickle.loads(bytes.fromhex(sys.stdin.read()))
check_array_api_input(*args, estimator, **keywords)
"""


def _name(check):
    return getattr(check, "func", check).__name__


def _run(check, estimator):
    if _name(check) != ARRAY_API:
        check(estimator)
        return
    payload = pickle.dumps((check.args, check.keywords, estimator)).hex()
    result = subprocess.run(
        [sys.executable, "-c", _ARRAY_API_SCRIPT], input=payload, capture_output=True,
        text=True, cwd=ROOT, env={**os.environ, "SCIPY_ARRAY_API": "1"}, timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]


@parametrize_with_checks([GANAugmenter(**CHECKED)])
def test_sklearn_compatible(estimator, check):
    if _name(check) in APPENDS_ROWS:
        estimator = clone(estimator).set_params(n_synthetic=0)
    if _name(check) != KEEPS_LISTS:
        _run(check, estimator)
        return
    with pytest.raises(AttributeError, match="'list' object has no attribute 'shape'"):
        check(estimator)


# GANOverSampler and AugmentedEstimator ----------------------------------------


class RepeatingSampler(BaseEstimator):
    """Appends a copy of every other row: a quick augmenter, so that the
    checks of AugmentedEstimator test the wrapper (its GAN augmenters are
    checked above and here, and together in test_augmented.py)."""

    def fit_resample(self, X, y):
        X, y = np.asarray(X), np.asarray(y)
        return np.concatenate([X, X[::2]]), np.concatenate([y, y[::2]])


@parametrize_with_checks(
    [
        GANOverSampler(**CHECKED),
        AugmentedEstimator(LogisticRegression(), augmenter=RepeatingSampler()),
    ],
)
def test_sklearn_compatible_sampler_and_meta(estimator, check):
    _run(check, estimator)


def _imblearn_checks():
    """imbalanced-learn's sampler checks on GANOverSampler, as a parametrize mark."""
    try:
        from imblearn.utils.estimator_checks import parametrize_with_checks as checks
    except ImportError:  # the test below skips itself
        return pytest.mark.parametrize("estimator, check", [(None, None)])
    # imbalanced-learn passes a generator; pytest wants a list.
    mark = checks([GANOverSampler(**CHECKED)]).mark
    names, values = mark.args
    return pytest.mark.parametrize(names, list(values), **mark.kwargs)


@_imblearn_checks()
def test_imblearn_compatible_sampler(estimator, check):
    pytest.importorskip("imblearn", reason="the sampler checks come from imbalanced-learn")
    check(estimator)
