"""Parameter checks; the bad-data matrix is in test_bad_input.py."""

import pytest

from ganaug import GANAugmenter

from .conftest import TINY, mixed_frame


@pytest.mark.parametrize(
    "params, error, match",
    [
        ({"epochs": 0}, ValueError, "epochs must be >= 1"),
        ({"epochs": 2.5}, TypeError, "epochs must be an int"),
        ({"batch_size": -1}, ValueError, "batch_size must be >= 1"),
        ({"pac": "10"}, TypeError, "pac must be an int"),
        ({"generator_dims": 16}, TypeError, "generator_dims must be a sequence"),
        ({"discriminator_dims": (16, 0)}, ValueError, "every entry of discriminator_dims"),
        ({"loss": "hinge"}, ValueError, "loss must be one of"),
        ({"optimizer": "adagrad"}, ValueError, "optimizer must be one of"),
        ({"optimizer": object()}, TypeError, "optimizer must be"),
        ({"generator_lr": 0}, ValueError, "generator_lr must be a positive float"),
        ({"n_synthetic": -1}, ValueError, "n_synthetic must be >= 0"),
        ({"n_synthetic": "all"}, TypeError, "n_synthetic must be an int"),
        ({"discrete_columns": "int"}, TypeError, "discrete_columns must be None or a list"),
        ({"discrete_columns": ["nope"]}, ValueError, "discrete_columns names 'nope'"),
        ({"random_state": "seed"}, TypeError, "random_state must be"),
    ],
)
def test_bad_parameters_name_the_argument(params, error, match):
    with pytest.raises(error, match=match):
        GANAugmenter(**dict(TINY, **params)).fit(mixed_frame())
