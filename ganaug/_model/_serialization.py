"""Model files: a zip of one JSON header and one ``.npz`` of weights.

Nothing in a model file is ever executed: the JSON is parsed, arrays are
read with ``allow_pickle=False`` semantics (object arrays are refused), and
the networks are rebuilt from code.  A file from a stranger is also bounded
in what it can cost: each member's uncompressed size, as declared and as
read, is capped before it is held in memory, every array's shape and dtype
are checked against those caps before the array is allocated, and the
networks' sizes in the header are checked against the weights before any
network is built.
"""

import io
import json
import math
import zipfile

import numpy as np

FORMAT_NAME = "ganaug"
# 1: first format.  2: int and datetime columns keep exact bounds, datetimes
# their resolution (version 1 files are read as nanoseconds).  3: the fitted
# model is one section (``model``), the estimator's own fitted attributes
# another (``estimator``); the tf.data element structure is kept.
FORMAT_VERSION = 3
CONFIG_MEMBER = "ganaug.json"
WEIGHTS_MEMBER = "weights.npz"
# Largest uncompressed header and weights a model file may hold.
MAX_CONFIG_BYTES = 64 * 2**20
MAX_WEIGHTS_BYTES = 2**30
_TUPLE_PARAMS = ("generator_dims", "discriminator_dims")
# Parameters that hold live runtime objects: saved and pickled as ``None``.
RUNTIME_PARAMS = ("distribution_strategy",)


def write_model_file(path, params, estimator, model):
    """Write a model file.

    Parameters
    ----------
    path : str or os.PathLike
    params : dict
        The estimator's ``get_params()``.
    estimator : dict
        The estimator's own fitted attributes, as JSON values.
    model : FittedGAN
    """
    header = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "params": params_to_config(params),
        "estimator": estimator,
        "model": model.get_config(),
    }
    buffer = io.BytesIO()
    np.savez(buffer, **model.get_weights())
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(CONFIG_MEMBER, json.dumps(header))
        archive.writestr(WEIGHTS_MEMBER, buffer.getvalue())


def read_model_file(path):
    """Read a model file: ``(params, estimator, model)``.

    ``params`` are constructor parameters, ``estimator`` the estimator's
    own fitted attributes and ``model`` the :class:`FittedGAN`.

    Raises
    ------
    ValueError
        If the file is not a readable model file, is too large, or was
        written by a newer ganaug.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if not {CONFIG_MEMBER, WEIGHTS_MEMBER} <= names:
                raise _not_a_model(path, f"it lacks {CONFIG_MEMBER} or {WEIGHTS_MEMBER}")
            raw_header = _read_member(archive, CONFIG_MEMBER, MAX_CONFIG_BYTES, path)
            weights = _read_member(archive, WEIGHTS_MEMBER, MAX_WEIGHTS_BYTES, path)
        header = json.loads(raw_header.decode("utf-8"))
    except (zipfile.BadZipFile, EOFError, UnicodeDecodeError, json.JSONDecodeError,
            RecursionError) as error:
        raise _not_a_model(path, str(error)) from None
    _check_header(header, path)
    try:
        arrays = read_arrays(weights, MAX_WEIGHTS_BYTES)
    except (ValueError, OSError, zipfile.BadZipFile, EOFError) as error:
        raise _not_a_model(path, f"its weights are unreadable ({error})") from None
    try:
        header = _current_header(header, arrays)
        from .._utils._backend import load_tensorflow
        from ._fitted import FittedGAN

        load_tensorflow()
        model = FittedGAN.from_config(header["model"], arrays)
        params = params_from_config(header["params"])
        estimator = dict(header["estimator"])
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as error:
        raise _not_a_model(path, f"its content is inconsistent ({error!r})") from None
    return params, estimator, model


def _read_member(archive, name, limit, path):
    """The bytes of member ``name``, refused when it declares more than
    ``limit`` uncompressed bytes or holds more than it declares (reading
    stops there)."""
    info = archive.getinfo(name)
    if info.file_size > limit:
        raise _too_large(path, name, f"declares {info.file_size} bytes", limit)
    with archive.open(info) as member:
        data = member.read(info.file_size + 1)
    if len(data) > info.file_size:
        raise _not_a_model(
            path, f"its member {name} holds more bytes than the {info.file_size} it declares"
        )
    return data


def read_arrays(data, limit):
    """``{name: ndarray}`` of an ``.npz`` archive's bytes, reading at most
    ``limit`` bytes of array data in all.

    Every array header is read and checked (no object dtype, a size within
    what is left of ``limit`` and within the member's declared size) before
    the array is allocated.

    Raises
    ------
    ValueError
        For object arrays, arrays beyond the limit and malformed members.
    """
    arrays = {}
    left = limit
    with zipfile.ZipFile(io.BytesIO(data)) as npz:
        for info in npz.infolist():
            if not info.filename.endswith(".npy"):
                raise ValueError(f"unexpected member {info.filename!r}")
            with npz.open(info) as member:
                shape, dtype = _array_header(member)
                n_bytes = math.prod(shape) * dtype.itemsize
                if n_bytes > min(left, info.file_size):
                    raise ValueError(
                        f"array {info.filename!r} declares shape {shape} of {dtype}, "
                        f"{n_bytes} bytes, more than its member or the limit allows"
                    )
                buffer = member.read(n_bytes)
            if len(buffer) != n_bytes:
                raise ValueError(f"array {info.filename!r} is truncated")
            left -= n_bytes
            arrays[info.filename[: -len(".npy")]] = (
                np.frombuffer(buffer, dtype=dtype).reshape(shape).copy()
            )
    return arrays


def _array_header(member):
    """``(shape, dtype)`` of a ``.npy`` stream, positioned at its data."""
    version = np.lib.format.read_magic(member)
    if version == (1, 0):
        shape, fortran, dtype = np.lib.format.read_array_header_1_0(member)
    elif version == (2, 0):
        shape, fortran, dtype = np.lib.format.read_array_header_2_0(member)
    else:
        raise ValueError(f"unsupported .npy version {version}")
    if dtype.hasobject:
        raise ValueError("object arrays are refused (they would need pickle)")
    if fortran and len(shape) > 1:
        raise ValueError("Fortran-ordered arrays are not written by ganaug")
    if any(not isinstance(n, int) or n < 0 for n in shape):
        raise ValueError(f"invalid array shape {shape}")
    return tuple(shape), dtype


def _current_header(header, arrays):
    """A header of any readable version in the current version's layout."""
    if header["version"] >= 3:
        return header
    fitted, params = header["fitted"], header["params"]

    def dims(name):
        value = params[name]
        return value["tuple"] if isinstance(value, dict) else value

    model = {
        "architecture": {
            "noise_dim": params["noise_dim"],
            "generator_dims": dims("generator_dims"),
            "discriminator_dims": dims("discriminator_dims"),
        },
        "plan": {"batch_size": fitted["batch_size_"], "pac": fitted["pac_"],
                 "epochs": fitted["epochs_"], "steps_per_epoch": 0},
        "encoder": fitted["encoder_"],
        "container": fitted["container"],
        "history": fitted["history_"],
        # Version-1 files predate the copy guard: their models sample without it.
        "copy_guard_rate": fitted.get("copy_guard_rate") if "copy_guard" in arrays else None,
        "sample_seed": fitted["sample_seed"],
        "element_structure": None,
    }
    estimator = {name: fitted[name] for name in ("n_features_in_", "feature_names_in_")}
    return {**header, "model": model, "estimator": estimator}


def _check_header(header, path):
    if not isinstance(header, dict) or header.get("format") != FORMAT_NAME:
        raise _not_a_model(path, "its header does not name the ganaug format")
    version = header.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _not_a_model(path, f"its format version {version!r} is invalid")
    if version > FORMAT_VERSION:
        raise ValueError(
            f"{path} was written by a newer ganaug (model format version {version}); "
            f"this version reads format versions up to {FORMAT_VERSION}. "
            "Upgrade ganaug to load it."
        )


def params_to_config(params):
    """Constructor parameters as JSON values (runtime objects as ``None``)."""
    config = {}
    for name, value in params.items():
        if name in _TUPLE_PARAMS and isinstance(value, tuple):
            value = {"tuple": list(value)}
        elif name == "optimizer" and not isinstance(value, str):
            import keras

            value = {"keras_optimizer": keras.optimizers.serialize(value)}
        elif name in RUNTIME_PARAMS or (
            name == "random_state" and not (value is None or isinstance(value, int))
        ):
            value = None
        config[name] = value
    return config


def params_from_config(config):
    """Inverse of :func:`params_to_config` (Keras optimizers in safe mode)."""
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


def _too_large(path, member, found, limit):
    return ValueError(
        f"{path} is not a readable ganaug model file: its member {member} {found} "
        f"uncompressed, more than the {limit} bytes a model file may hold."
    )


def _not_a_model(path, reason):
    return ValueError(f"{path} is not a readable ganaug model file: {reason}.")
