"""Deferred TensorFlow/Keras import: ``import ganaug`` stays light."""

import os


def load_tensorflow():
    """Import TensorFlow and Keras 3 on the TensorFlow backend.

    Returns
    -------
    tf, keras : modules

    Raises
    ------
    ImportError
        If Keras runs on another backend in this process.
    """
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    import keras
    import tensorflow as tf

    if keras.backend.backend() != "tensorflow":
        raise ImportError(
            "ganaug trains with Keras 3 on the TensorFlow backend, but Keras runs "
            f"on {keras.backend.backend()!r} here; set KERAS_BACKEND=tensorflow "
            "before Keras is first imported."
        )
    return tf, keras
