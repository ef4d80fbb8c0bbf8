"""What a fit is asked for, and what it actually uses.

:class:`Architecture` sizes the networks (and travels with a fitted model,
which rebuilds them from it); :class:`TrainingSettings` holds every value a
training needs.  The estimators build both from their parameters, so the
layers below them never see an estimator.  :func:`plan_training` adapts the
batch size, ``pac`` and the number of epochs to a table.
"""

import math
from dataclasses import dataclass

# With ``epochs=None``, train for about this many generator steps.
AUTO_STEPS = 6000
# Small tables: keep at least this many packed samples per discriminator batch.
MIN_PACKS = 8


@dataclass(frozen=True)
class Architecture:
    """Sizes of the generator and the discriminator."""

    noise_dim: int
    generator_dims: tuple
    discriminator_dims: tuple

    def get_config(self):
        return {
            "noise_dim": int(self.noise_dim),
            "generator_dims": [int(w) for w in self.generator_dims],
            "discriminator_dims": [int(w) for w in self.discriminator_dims],
        }

    @classmethod
    def from_config(cls, config):
        return cls(
            int(config["noise_dim"]),
            tuple(int(w) for w in config["generator_dims"]),
            tuple(int(w) for w in config["discriminator_dims"]),
        )


@dataclass(frozen=True)
class TrainingSettings:
    """Everything a training run needs besides the rows.

    ``epochs=None`` picks enough epochs for about ``AUTO_STEPS`` steps;
    ``strategy`` is a ``tf.distribute.Strategy`` or ``None``.
    """

    architecture: Architecture
    epochs: int | None
    batch_size: int
    pac: int
    loss: str
    optimizer: object
    generator_lr: float
    discriminator_lr: float
    discriminator_steps: int
    verbose: bool = False
    strategy: object = None


@dataclass(frozen=True)
class TrainingPlan:
    """The batch size, pac and epochs used for one fit."""

    batch_size: int
    pac: int
    epochs: int
    steps_per_epoch: int

    def get_config(self):
        return {name: int(getattr(self, name))
                for name in ("batch_size", "pac", "epochs", "steps_per_epoch")}

    @classmethod
    def from_config(cls, config):
        return cls(**{name: int(value) for name, value in config.items()})


def plan_training(settings, n_rows, n_replicas=1, steps_per_epoch=None):
    """Adapt batch size and pac to ``n_rows`` rows, and pick the number of epochs.

    The batch is global: ``n_replicas`` replicas draw ``batch_size //
    n_replicas`` rows each, so it is rounded down to a multiple of ``pac *
    n_replicas`` (and ``pac`` reduced when a replica would hold less than
    one pack).  ``steps_per_epoch`` is that of a stream, which an epoch
    reads: ``0`` for one whole pass, ``None`` for a table in memory (an
    epoch is one pass over it).  ``epochs=None`` picks about
    ``AUTO_STEPS`` steps, or one pass over a stream read whole.
    """
    batch = min(settings.batch_size, n_rows)
    pac = max(1, min(settings.pac, batch // MIN_PACKS, batch // n_replicas))
    unit = pac * n_replicas
    batch = max(unit, batch - batch % unit)
    if steps_per_epoch is None:
        steps_per_epoch = max(1, math.ceil(n_rows / batch))
    epochs = settings.epochs
    if epochs is None:
        epochs = 1 if steps_per_epoch == 0 else math.ceil(AUTO_STEPS / steps_per_epoch)
    return TrainingPlan(batch_size=batch, pac=pac, epochs=epochs, steps_per_epoch=steps_per_epoch)
