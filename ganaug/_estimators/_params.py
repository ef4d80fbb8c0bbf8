"""The GAN's constructor parameters: their constraints, their docs, their settings.

:class:`~ganaug.GANAugmenter` and :class:`~ganaug.GANOverSampler` share
every parameter of the GAN.  Their constraints (scikit-learn's
``_parameter_constraints``, checked by ``_validate_params`` at fit) and
their documentation (substituted into both docstrings, as imbalanced-learn
shares its docs) are written here once, and :func:`training_settings` turns
them into the values the training layer receives.
"""

import numbers

import numpy as np
from sklearn.utils._param_validation import HasMethods, Interval, StrOptions

from .._model._settings import Architecture, TrainingSettings
from .._utils._checks import check_positive_int

LOSSES = ("wgan-gp", "standard")
OPTIMIZERS = ("adam", "rmsprop", "sgd")

_POSITIVE_INT = Interval(numbers.Integral, 1, None, closed="left")
_POSITIVE_REAL = Interval(numbers.Real, 0, None, closed="neither")

GAN_PARAMETER_CONSTRAINTS = {
    "epochs": [_POSITIVE_INT, None],
    "batch_size": [_POSITIVE_INT],
    "generator_dims": ["array-like"],
    "discriminator_dims": ["array-like"],
    "noise_dim": [_POSITIVE_INT],
    "pac": [_POSITIVE_INT],
    "loss": [StrOptions(set(LOSSES))],
    "optimizer": [StrOptions(set(OPTIMIZERS)), HasMethods(["apply", "get_config"])],
    "generator_lr": [_POSITIVE_REAL],
    "discriminator_lr": [_POSITIVE_REAL],
    "discriminator_steps": [_POSITIVE_INT],
    "discrete_columns": ["array-like", None],
    "random_state": ["random_state", np.random.Generator],
    "verbose": ["verbose"],
    "distribution_strategy": [HasMethods(["run", "scope"]), None],
}

# Numpydoc of the shared parameters, substituted for ``%(gan_parameters)s``.
GAN_PARAMETERS_DOC = """epochs : int or None, default=None
        Passes over the training table.  ``None`` picks enough epochs for
        about 6,000 generator steps, so small tables still learn.
    batch_size : int, default=500
        Rows per step; reduced to the table size for small tables and
        rounded down to a multiple of ``pac``.
    generator_dims : sequence of int, default=(256, 256)
        Widths of the generator's residual blocks.
    discriminator_dims : sequence of int, default=(256, 256)
        Widths of the discriminator's hidden layers.
    noise_dim : int, default=128
        Width of the generator's noise input.
    pac : int, default=10
        Rows the discriminator judges together (PacGAN), all drawn under
        one condition; reduced for small tables so that every batch holds
        several packs.
    loss : {"wgan-gp", "standard"}, default="wgan-gp"
        Wasserstein loss with gradient penalty, or the original minimax GAN
        loss with the non-saturating generator loss.
    optimizer : {"adam", "rmsprop", "sgd"} or keras.optimizers.Optimizer, default="adam"
        An instance is copied for each network; the learning rates always
        come from ``generator_lr`` and ``discriminator_lr``.
    generator_lr, discriminator_lr : float, default=2e-4
        Learning rates.
    discriminator_steps : int, default=1
        Discriminator updates per generator update."""

GAN_CONTEXT_DOC = """discrete_columns : list of column names or None, default=None
        Numeric columns to model as categories.  Non-numeric columns are
        always discrete; ``None`` also treats numeric columns with fewer than
        10 distinct integer values as discrete.
    random_state : int, RandomState, Generator or None, default=None
        Seeds every random choice; the same value gives the same rows.
    verbose : bool, default=False
        Show a progress bar with the current losses during fit.
    distribution_strategy : tf.distribute.Strategy or None, default=None
        Train under this strategy (``MirroredStrategy``,
        ``MultiWorkerMirroredStrategy``, ...): the variables are created in
        its scope, each replica draws ``batch_size / num_replicas`` rows per
        step and the gradients are averaged across replicas.  ``None``
        trains on the default device.  The strategy is neither pickled nor
        saved: a loaded model samples on one device."""


def substitute_docs(cls):
    """Fill ``%(gan_parameters)s`` and ``%(gan_context)s`` in ``cls``'s docstring."""
    cls.__doc__ = cls.__doc__ % {
        "gan_parameters": GAN_PARAMETERS_DOC, "gan_context": GAN_CONTEXT_DOC,
    }
    return cls


def training_settings(params):
    """The :class:`TrainingSettings` of validated GAN parameters ``params``
    (a ``get_params()`` dict); checks what the constraints cannot say."""
    for name in ("generator_dims", "discriminator_dims"):
        _check_dims(params[name], name)
    strategy = params["distribution_strategy"]
    if strategy is not None:
        from .._model._distribute import check_strategy

        check_strategy(strategy, params["random_state"])
    return TrainingSettings(
        architecture=Architecture(
            params["noise_dim"], tuple(params["generator_dims"]),
            tuple(params["discriminator_dims"]),
        ),
        epochs=params["epochs"],
        batch_size=params["batch_size"],
        pac=params["pac"],
        loss=params["loss"],
        optimizer=params["optimizer"],
        generator_lr=params["generator_lr"],
        discriminator_lr=params["discriminator_lr"],
        discriminator_steps=params["discriminator_steps"],
        verbose=bool(params["verbose"]),
        strategy=strategy,
    )


def n_synthetic_rows(value, n_rows):
    """Rows ``transform`` appends: an int as is, a float as a fraction of ``n_rows``."""
    if isinstance(value, numbers.Integral):
        return int(value)
    return int(round(value * n_rows))


def _check_dims(value, name):
    if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
        raise TypeError(f"{name} must be a sequence of ints; received {value!r}.")
    for width in value:
        check_positive_int(width, f"every entry of {name}")
