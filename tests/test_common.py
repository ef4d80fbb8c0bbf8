"""scikit-learn's common estimator checks."""

import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.utils.estimator_checks import parametrize_with_checks

from ganaug import GANAugmenter
from ganaug import AugmentedEstimator, GANOverSampler

TINY = dict(
    epochs=1, batch_size=20, generator_dims=(8,), discriminator_dims=(8,), noise_dim=4,
    random_state=0,
)

# transform appends n_synthetic rows to X by design, so every check that
# expects transform to keep the number (or order, or subset) of rows fails.
_APPENDS_ROWS = (
    "transform appends synthetic rows by design, so the output has more rows "
    "than the input"
)
EXPECTED_FAILED_CHECKS = {
    "check_transformer_general": _APPENDS_ROWS,
    "check_transformer_data_not_an_array": _APPENDS_ROWS,
    "check_methods_sample_order_invariance": _APPENDS_ROWS,
    "check_methods_subset_invariance": _APPENDS_ROWS,
}


@parametrize_with_checks(
    [GANAugmenter(**TINY)],
    expected_failed_checks=lambda est: EXPECTED_FAILED_CHECKS,
)
def test_sklearn_compatible(estimator, check):
    check(estimator)


# GANOverSampler and AugmentedEstimator ----------------------------------------

@parametrize_with_checks(
    [
        GANOverSampler(**TINY),
        AugmentedEstimator(LogisticRegression(), GANOverSampler(**TINY)),
    ],
)
def test_sklearn_compatible_sampler_and_meta(estimator, check):
    check(estimator)


def _imblearn_checks():
    """imbalanced-learn's sampler checks on GANOverSampler, as a parametrize mark."""
    try:
        from imblearn.utils.estimator_checks import parametrize_with_checks as checks
    except ImportError:  # the test below skips itself
        return pytest.mark.parametrize("estimator, check", [(None, None)])
    # imbalanced-learn passes a generator; pytest wants a list.
    mark = checks([GANOverSampler(**TINY)]).mark
    names, values = mark.args
    return pytest.mark.parametrize(names, list(values), **mark.kwargs)


@_imblearn_checks()
def test_imblearn_compatible_sampler(estimator, check):
    pytest.importorskip("imblearn", reason="the sampler checks come from imbalanced-learn")
    check(estimator)
