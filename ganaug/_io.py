"""Saving and loading fitted models: a zip of JSON and ``.npz`` weights.

Nothing in a model file is ever executed: the JSON is parsed, the weights
are read with ``allow_pickle=False``, and the networks are rebuilt from code.
Pickling an estimator goes through the same state.
"""

import io
import json
import zipfile

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator

from ._container import container_from_config, container_to_config
from ._encoder import TableEncoder
from ._guard import CopyGuard

FORMAT_NAME = "ganaug"
# 1: first format.  2: int and datetime columns keep exact bounds, datetimes
# their resolution (version 1 files are read as nanoseconds).
FORMAT_VERSION = 2
_CONFIG = "ganaug.json"
_WEIGHTS = "weights.npz"
_NETWORKS = ("generator_", "discriminator_")
_TUPLE_PARAMS = ("generator_dims", "discriminator_dims")
# Parameters that hold live runtime objects: saved and pickled as ``None``.
_RUNTIME_PARAMS = ("distribution_strategy",)


def save_model(est, path):
    """Write ``est`` to ``path`` as a ganaug model file."""
    config, arrays = _fitted_state(est)
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(_CONFIG, json.dumps(config))
        archive.writestr(_WEIGHTS, buffer.getvalue())


def load_model(cls, path):
    """Read a model written by :func:`save_model` into a new ``cls``."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if not {_CONFIG, _WEIGHTS} <= names:
                raise _not_a_model(path, f"it lacks {_CONFIG} or {_WEIGHTS}")
            config = json.loads(archive.read(_CONFIG).decode("utf-8"))
            weights = archive.read(_WEIGHTS)
    except (zipfile.BadZipFile, EOFError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise _not_a_model(path, str(error)) from None
    _check_header(config, path)
    try:
        with np.load(io.BytesIO(weights), allow_pickle=False) as npz:
            arrays = {name: npz[name] for name in npz.files}
    except (ValueError, OSError, zipfile.BadZipFile, EOFError) as error:
        raise _not_a_model(path, f"its weights are unreadable ({error})") from None
    try:
        est = cls(**_params_from_config(config["params"]))
        _restore_fitted(est, config["fitted"], arrays)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as error:
        raise _not_a_model(path, f"its content is inconsistent ({error!r})") from None
    return est


def pickle_state(state):
    """An estimator's pickled ``state`` with its Keras networks replaced by
    their weights and its runtime parameters (the distribution strategy) by
    ``None``."""
    state = dict(state)
    for private in ("_synth", "_training_rows", "_row_distance"):
        state.pop(private, None)
    state.update(dict.fromkeys(_RUNTIME_PARAMS))
    if all(name in state for name in _NETWORKS):
        state["_network_weights"] = {
            name: state.pop(name).get_weights() for name in _NETWORKS
        }
    return state


def restore_pickle_state(est, state):
    """Inverse of :func:`pickle_state`: set ``state`` on ``est`` through
    ``BaseEstimator.__setstate__``, then rebuild the networks."""
    state = dict(state)
    weights = state.pop("_network_weights", None)
    BaseEstimator.__setstate__(est, state)
    if weights is not None:
        _rebuild_networks(est, weights["generator_"], weights["discriminator_"])


def _fitted_state(est):
    config = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "params": _params_to_config(est.get_params()),
        "fitted": {
            "n_features_in_": est.n_features_in_,
            "feature_names_in_": (
                est.feature_names_in_.tolist() if hasattr(est, "feature_names_in_") else None
            ),
            "batch_size_": est.batch_size_,
            "pac_": est.pac_,
            "epochs_": est.epochs_,
            "history_": est.history_.to_dict(orient="list"),
            "encoder_": est.encoder_.to_config(),
            "container": container_to_config(est._container),
            "sample_seed": est._sample_seed,
            "copy_guard_rate": est._copy_guard.allowed_rate,
        },
    }
    arrays = {"copy_guard": est._copy_guard.hashes}
    for name in _NETWORKS:
        for i, weight in enumerate(getattr(est, name).get_weights()):
            arrays[f"{name}{i}"] = weight
    return config, arrays


def _restore_fitted(est, fitted, arrays):
    est.n_features_in_ = fitted["n_features_in_"]
    if fitted["feature_names_in_"] is not None:
        est.feature_names_in_ = np.asarray(fitted["feature_names_in_"], dtype=object)
    est.batch_size_, est.pac_, est.epochs_ = (
        fitted["batch_size_"], fitted["pac_"], fitted["epochs_"]
    )
    est.history_ = pd.DataFrame(fitted["history_"]).rename_axis("epoch")
    est.encoder_ = TableEncoder.from_config(fitted["encoder_"])
    est._container = container_from_config(fitted["container"])
    est._sample_seed = fitted["sample_seed"]
    # Version-1 files predate the copy guard: their models sample without it.
    est._copy_guard = (
        CopyGuard(arrays["copy_guard"], fitted["copy_guard_rate"])
        if "copy_guard" in arrays else None
    )
    weights = {
        name: [arrays[key] for key in sorted(
            (k for k in arrays if k.startswith(name)), key=lambda k: int(k[len(name):])
        )]
        for name in _NETWORKS
    }
    _rebuild_networks(est, weights["generator_"], weights["discriminator_"])


def _rebuild_networks(est, generator_weights, discriminator_weights):
    from ._backend import load_tensorflow
    from ._fitting import attach_synthesizer, build_networks

    load_tensorflow()
    generator, discriminator = build_networks(est, est.encoder_, est.pac_, seed=0)
    for network, weights in ((generator, generator_weights), (discriminator, discriminator_weights)):
        expected = [w.shape for w in network.get_weights()]
        if [np.shape(w) for w in weights] != expected:
            raise ValueError(f"the {network.name} weights do not fit its architecture")
        network.set_weights(weights)
    est.generator_, est.discriminator_ = generator, discriminator
    attach_synthesizer(est)


def _check_header(config, path):
    if not isinstance(config, dict) or config.get("format") != FORMAT_NAME:
        raise _not_a_model(path, "its header does not name the ganaug format")
    version = config.get("version")
    if not isinstance(version, int) or version < 1:
        raise _not_a_model(path, f"its format version {version!r} is invalid")
    if version > FORMAT_VERSION:
        raise ValueError(
            f"{path} was written by a newer ganaug (model format version {version}); "
            f"this version reads format versions up to {FORMAT_VERSION}. "
            "Upgrade ganaug to load it."
        )


def _params_to_config(params):
    config = {}
    for name, value in params.items():
        if name in _TUPLE_PARAMS and isinstance(value, tuple):
            value = {"tuple": list(value)}
        elif name == "optimizer" and not isinstance(value, str):
            import keras

            value = {"keras_optimizer": keras.optimizers.serialize(value)}
        elif name == "random_state" and not (value is None or isinstance(value, int)):
            value = None
        elif name in _RUNTIME_PARAMS:
            value = None
        config[name] = value
    return config


def _params_from_config(config):
    params = dict(config)
    for name in _TUPLE_PARAMS:
        if isinstance(params.get(name), dict):
            params[name] = tuple(params[name]["tuple"])
    if isinstance(params.get("optimizer"), dict):
        import keras

        params["optimizer"] = keras.optimizers.deserialize(
            params["optimizer"]["keras_optimizer"], safe_mode=True
        )
    return params


def _not_a_model(path, reason):
    return ValueError(f"{path} is not a readable ganaug model file: {reason}.")
