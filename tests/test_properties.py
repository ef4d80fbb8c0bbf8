"""Property-based tests: random messy tables through fit and sample.

``benchmarks/fuzz_fit.py`` runs the same property on many more tables; here
a few dozen (each one a fit) keep the slow lane short.
"""

import pytest

hypothesis = pytest.importorskip("hypothesis", reason="property tests need hypothesis")

from hypothesis import HealthCheck, given, settings  # noqa: E402

from .tables import fit_or_refuse, tables  # noqa: E402

PROPERTY_SETTINGS = dict(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.slow
@settings(max_examples=30, **PROPERTY_SETTINGS)
@given(tables(refusable=False))
def test_fittable_tables_fit_and_sample_like_the_training_data(frame):
    fit_or_refuse(frame, refusable=False)


@pytest.mark.slow
@settings(max_examples=25, **PROPERTY_SETTINGS)
@given(tables())
def test_any_table_is_fitted_or_refused_with_a_named_error(frame):
    fit_or_refuse(frame)
