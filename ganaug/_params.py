"""Parameter checks and the settings a fit actually uses."""

import math
import numbers
from dataclasses import dataclass

from ._validation import check_positive_int

LOSSES = ("wgan-gp", "standard")
OPTIMIZERS = ("adam", "rmsprop", "sgd")
# With ``epochs=None``, train for about this many generator steps.
AUTO_STEPS = 6000
# Small tables: keep at least this many packed samples per discriminator batch.
MIN_PACKS = 8


@dataclass(frozen=True)
class TrainingPlan:
    """The batch size, pac and epochs used for one fit."""

    batch_size: int
    pac: int
    epochs: int
    steps_per_epoch: int


def check_params(est):
    """Validate every constructor parameter of ``est``; raise on the first bad one."""
    if est.epochs is not None:
        check_positive_int(est.epochs, "epochs")
    for name in ("batch_size", "noise_dim", "pac", "discriminator_steps"):
        check_positive_int(getattr(est, name), name)
    for name in ("generator_dims", "discriminator_dims"):
        _check_dims(getattr(est, name), name)
    _check_choice(est.loss, "loss", LOSSES)
    for name in ("generator_lr", "discriminator_lr"):
        _check_positive_float(getattr(est, name), name)
    check_n_synthetic(est.n_synthetic)
    if isinstance(est.optimizer, str):
        _check_choice(est.optimizer, "optimizer", OPTIMIZERS)
    if est.discrete_columns is not None and (
        isinstance(est.discrete_columns, str) or not hasattr(est.discrete_columns, "__iter__")
    ):
        raise TypeError(
            "discrete_columns must be None or a list of column names; received "
            f"{est.discrete_columns!r}."
        )
    if est.distribution_strategy is not None:
        from ._distribute import check_strategy

        check_strategy(est.distribution_strategy, est.random_state)


def plan_training(est, n_rows, n_replicas=1):
    """Adapt batch size and pac to the table, and pick the number of epochs.

    The batch is global: ``n_replicas`` replicas draw ``batch_size //
    n_replicas`` rows each, so it is rounded down to a multiple of ``pac *
    n_replicas`` (and ``pac`` reduced when a replica would hold less than
    one pack).
    """
    batch = min(est.batch_size, n_rows)
    pac = max(1, min(est.pac, batch // MIN_PACKS, batch // n_replicas))
    unit = pac * n_replicas
    batch = max(unit, batch - batch % unit)
    steps = max(1, math.ceil(n_rows / batch))
    epochs = est.epochs if est.epochs is not None else math.ceil(AUTO_STEPS / steps)
    return TrainingPlan(batch_size=batch, pac=pac, epochs=epochs, steps_per_epoch=steps)


def check_n_synthetic(value):
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            "n_synthetic must be an int (rows) or a float (fraction of len(X)); "
            f"received {value!r}."
        )
    if value < 0 or not math.isfinite(value):
        raise ValueError(f"n_synthetic must be >= 0; received {value!r}.")


def n_synthetic_rows(value, n_rows):
    """Rows ``transform`` appends: an int as is, a float as a fraction."""
    check_n_synthetic(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    return int(round(value * n_rows))


def make_optimizer(spec, learning_rate):
    """A fresh optimizer from a name (fused kernels) or a Keras template instance."""
    import keras

    if isinstance(spec, str):
        from ._optimizers import FusedOptimizer

        return FusedOptimizer(spec, learning_rate)
    if isinstance(spec, keras.optimizers.Optimizer):
        config = dict(spec.get_config(), learning_rate=learning_rate)
        return spec.__class__.from_config(config)
    raise TypeError(
        "optimizer must be 'adam', 'rmsprop', 'sgd' or a keras.optimizers."
        f"Optimizer instance; received {spec!r}."
    )


def _check_dims(value, name):
    if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
        raise TypeError(f"{name} must be a sequence of ints; received {value!r}.")
    for width in value:
        check_positive_int(width, f"every entry of {name}")


def _check_choice(value, name, choices):
    if value not in choices:
        raise ValueError(f"{name} must be one of {list(choices)}; received {value!r}.")


def _check_positive_float(value, name):
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a positive float; received {value!r}.")
    if not (value > 0 and math.isfinite(value)):
        raise ValueError(f"{name} must be a positive float; received {value!r}.")
