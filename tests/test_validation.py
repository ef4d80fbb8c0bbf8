"""Parameter checks; the bad-data matrix is in test_bad_input.py."""

import numpy as np
import pytest
from sklearn.utils._param_validation import InvalidParameterError

from ganaug import GANAugmenter, GANOverSampler

from .conftest import mixed_frame


def _constraint(name, expected, got, estimator="GANAugmenter"):
    """The message of scikit-learn's parameter validation, as a regex."""
    return rf"The '{name}' parameter of {estimator} must be {expected}\. Got {got} instead\."


@pytest.mark.parametrize(
    "params, match",
    [
        ({"epochs": 0}, _constraint("epochs", r"an int in the range \[1, inf\) or None", "0")),
        ({"epochs": 2.5}, _constraint("epochs", r"an int in the range \[1, inf\) or None", "2.5")),
        ({"batch_size": -1}, _constraint("batch_size", r"an int in the range \[1, inf\)", "-1")),
        ({"pac": "10"}, _constraint("pac", r"an int in the range \[1, inf\)", "'10'")),
        ({"noise_dim": 0}, _constraint("noise_dim", r"an int in the range \[1, inf\)", "0")),
        ({"discriminator_steps": 0},
         _constraint("discriminator_steps", r"an int in the range \[1, inf\)", "0")),
        ({"generator_dims": 16}, _constraint("generator_dims", "an array-like", "16")),
        ({"loss": "hinge"}, _constraint("loss", "a str among .*'wgan-gp'.*", "'hinge'")),
        ({"optimizer": "adagrad"},
         _constraint("optimizer", "a str among .*'rmsprop'.* or an object implementing 'apply' "
                     "and 'get_config'", "'adagrad'")),
        ({"optimizer": object()}, _constraint("optimizer", ".*", "<object object at .*>")),
        ({"generator_lr": 0},
         _constraint("generator_lr", r"a float in the range \(0.0, inf\)", "0")),
        ({"discriminator_lr": -1.0},
         _constraint("discriminator_lr", r"a float in the range \(0.0, inf\)", "-1.0")),
        ({"n_synthetic": -1},
         _constraint("n_synthetic", r"an int in the range \[0, inf\) .*", "-1")),
        ({"n_synthetic": "all"}, _constraint("n_synthetic", "an int .*", "'all'")),
        ({"discrete_columns": "int"},
         _constraint("discrete_columns", "an array-like or None", "'int'")),
        ({"random_state": "seed"}, _constraint("random_state", "an int .*", "'seed'")),
        ({"verbose": "yes"}, _constraint("verbose", ".*", "'yes'")),
        ({"distribution_strategy": "mirrored"},
         _constraint("distribution_strategy", "an object implementing 'run' and 'scope' or None",
                     "'mirrored'")),
    ],
)
def test_bad_parameters_name_the_argument(params, match, tiny_params):
    estimator = GANAugmenter(**dict(tiny_params, **params))
    with pytest.raises(InvalidParameterError, match=match) as raised:
        estimator.fit(mixed_frame())
    # scikit-learn's error is both: callers catching either keep working.
    assert isinstance(raised.value, ValueError) and isinstance(raised.value, TypeError)
    assert not hasattr(estimator, "model_")


@pytest.mark.parametrize(
    "params, error, match",
    [
        ({"discriminator_dims": (16, 0)}, ValueError,
         r"every entry of discriminator_dims must be >= 1; received 0\."),
        ({"generator_dims": (8, 2.5)}, TypeError,
         r"every entry of generator_dims must be an int; received 2\.5\."),
        ({"discrete_columns": ["nope"]}, ValueError,
         r"discrete_columns names 'nope', which is not a column of X; columns are \['float'"),
    ],
)
def test_hand_written_checks_name_the_argument(params, error, match, tiny_params):
    with pytest.raises(error, match=match):
        GANAugmenter(**dict(tiny_params, **params)).fit(mixed_frame())


def test_the_over_sampler_checks_the_shared_parameters(tiny_params):
    y = np.array([0] * 40 + [1] * 20)
    sampler = GANOverSampler(**dict(tiny_params, pac=0))
    with pytest.raises(
        InvalidParameterError,
        match=_constraint("pac", r"an int in the range \[1, inf\)", "0", "GANOverSampler"),
    ):
        sampler.fit_resample(mixed_frame(), y)
