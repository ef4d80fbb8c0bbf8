"""scikit-learn's common estimator checks."""

from sklearn.utils.estimator_checks import parametrize_with_checks

from ganaug import GANAugmenter

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
