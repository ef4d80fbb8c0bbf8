"""The fitted model: everything a fit produces and sampling needs, in one object."""

import numpy as np
import pandas as pd

from .._data._container import Container
from .._data._encoder import TableEncoder
from .._data._row_hashes import CopyGuard
from ._settings import Architecture, TrainingPlan

_NETWORKS = ("generator", "discriminator")


class FittedGAN:
    """A trained GAN with its encoder and the state its sampling needs.

    The estimators hold one and expose its parts as their fitted
    attributes.  Nothing that samples from it changes it.  It serialises
    as Keras objects do: :meth:`get_config` (plain JSON values) and
    :meth:`get_weights` (named arrays), inverted by :meth:`from_config`;
    pickling goes through the same two.

    Parameters
    ----------
    architecture : Architecture
        The networks' sizes.
    plan : TrainingPlan
        The batch size, ``pac`` and epochs training used.
    encoder : TableEncoder
        The fitted table encoder.
    container : Container
        The containers and names of the training ``X`` and ``y``.
    generator, discriminator : keras.Model
        The trained networks.
    history : DataFrame
        One row per epoch: ``generator_loss``, ``discriminator_loss``,
        ``seconds``.
    copy_guard : CopyGuard or None
        Hashes of the training rows (``None``: no guard, as in format
        version 1 files).
    sample_seed : int or None
        The seed of a sampling call that gives none (``None``: fresh rows).
    element_structure : dict or None, default=None
        The structure of the ``tf.data`` elements trained on, if any.
    training_rows : DataFrame or None, default=None
        The training table, for ``min_distance``; kept in memory only,
        never saved or pickled.
    """

    def __init__(self, *, architecture, plan, encoder, container, generator, discriminator,
                 history, copy_guard, sample_seed, element_structure=None,
                 training_rows=None):
        from ._generation import RowGenerator

        self.architecture = architecture
        self.plan = plan
        self.encoder = encoder
        self.container = container
        self.generator = generator
        self.discriminator = discriminator
        self.history = history
        self.copy_guard = copy_guard
        self.sample_seed = sample_seed
        self.element_structure = element_structure
        self.training_rows = training_rows
        self.row_generator = RowGenerator(
            encoder, generator, architecture.noise_dim, discriminator, plan.pac
        )

    def get_config(self):
        """The model as plain JSON values (the weights aside)."""
        return {
            "architecture": self.architecture.get_config(),
            "plan": self.plan.get_config(),
            "encoder": self.encoder.to_config(),
            "container": self.container.to_config(),
            "history": self.history.to_dict(orient="list"),
            "copy_guard_rate": (
                None if self.copy_guard is None else self.copy_guard.allowed_rate
            ),
            "sample_seed": self.sample_seed,
            "element_structure": self.element_structure,
        }

    def get_weights(self):
        """``{name: ndarray}``: the networks' weights and the row hashes."""
        arrays = {}
        if self.copy_guard is not None:
            arrays["copy_guard"] = self.copy_guard.hashes
        for name in _NETWORKS:
            for i, weight in enumerate(getattr(self, name).get_weights()):
                arrays[f"{name}_{i}"] = weight
        return arrays

    @classmethod
    def from_config(cls, config, weights):
        """Rebuild a model from :meth:`get_config` and :meth:`get_weights`.

        Raises
        ------
        ValueError
            If the weights do not fit the networks the config describes.
        """
        from ._networks import build_networks, n_weights

        architecture = Architecture.from_config(config["architecture"])
        plan = TrainingPlan.from_config(config["plan"])
        encoder = TableEncoder.from_config(config["encoder"])
        networks = _network_weights(weights)
        expected = n_weights(architecture, encoder, plan.pac)
        for name, size in zip(_NETWORKS, expected):
            found = sum(int(np.size(w)) for w in networks[name])
            if found != size:
                raise ValueError(
                    f"the {name} weights hold {found} values, the architecture {size}"
                )
        generator, discriminator = build_networks(architecture, encoder, plan.pac, seed=0)
        for network, name in ((generator, "generator"), (discriminator, "discriminator")):
            shapes = [w.shape for w in network.get_weights()]
            if [np.shape(w) for w in networks[name]] != shapes:
                raise ValueError(f"the {name} weights do not fit its architecture")
            network.set_weights(networks[name])
        rate = config["copy_guard_rate"]
        structure = config.get("element_structure")
        if structure is not None:  # JSON made its (name, dtype) pairs lists
            structure = {**structure, "features": [tuple(f) for f in structure["features"]]}
        return cls(
            architecture=architecture,
            plan=plan,
            encoder=encoder,
            container=Container.from_config(config["container"]),
            generator=generator,
            discriminator=discriminator,
            history=pd.DataFrame(config["history"]).rename_axis("epoch"),
            copy_guard=None if rate is None else CopyGuard(weights["copy_guard"], rate),
            sample_seed=config["sample_seed"],
            element_structure=structure,
        )

    def __getstate__(self):
        return {"config": self.get_config(), "weights": self.get_weights()}

    def __setstate__(self, state):
        from .._utils._backend import load_tensorflow

        load_tensorflow()
        model = type(self).from_config(state["config"], state["weights"])
        self.__dict__.update(model.__dict__)


def _network_weights(arrays):
    """``{network: [arrays in order]}`` from ``get_weights``' names."""
    networks = {}
    for name in _NETWORKS:
        prefix = f"{name}_"
        keys = [k for k in arrays if k.startswith(prefix) and k[len(prefix):].isdigit()]
        networks[name] = [arrays[k] for k in sorted(keys, key=lambda k: int(k[len(prefix):]))]
    return networks
