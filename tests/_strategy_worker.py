"""Fit under a tf.distribute strategy in a fresh process (run by test_distribute).

``python -m tests._strategy_worker MODE OUT_DIR``: MODE is ``mirrored`` (two
logical CPU devices, which must be configured before TensorFlow
initialises) or ``multiworker`` (``TF_CONFIG`` names the cluster and this
worker).  Writes ``OUT_DIR/result.json``, the fitted model and 50 sampled
rows.
"""

import json
import os
import pickle
import sys

import numpy as np

# The fit every strategy test compares: small, but with enough steps for a
# loss curve (5 steps of 64 rows per epoch).
FRAME_ROWS = 320
PARAMS = dict(
    epochs=15, batch_size=64, generator_dims=(16,), discriminator_dims=(16,),
    noise_dim=8, random_state=0,
)


def make_strategy(mode):
    import tensorflow as tf

    if mode == "mirrored":
        cpu = tf.config.list_physical_devices("CPU")[0]
        tf.config.set_logical_device_configuration(
            cpu, [tf.config.LogicalDeviceConfiguration()] * 2
        )
        return tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
    return tf.distribute.MultiWorkerMirroredStrategy()


def replicas_in_sync(model):
    """Whether every replica's copy of every variable holds the same values."""
    for weight in model.weights:
        copies = getattr(weight.value, "values", (weight.value,))
        first = copies[0].numpy()
        if any(not np.array_equal(c.numpy(), first) for c in copies[1:]):
            return False
    return True


def main(mode, out_dir):
    strategy = make_strategy(mode)
    from ganaug import GANAugmenter
    from tests.conftest import mixed_frame

    unseeded = GANAugmenter(**dict(PARAMS, random_state=None, epochs=1),
                            distribution_strategy=strategy)
    try:
        unseeded.fit(mixed_frame(FRAME_ROWS))
        unseeded_error = None
    except ValueError as error:
        unseeded_error = str(error)
    aug = GANAugmenter(**PARAMS, distribution_strategy=strategy).fit(mixed_frame(FRAME_ROWS))
    rows = aug.sample(50, random_state=0)
    copy = pickle.loads(pickle.dumps(aug))
    result = {
        "replicas": strategy.num_replicas_in_sync,
        "unseeded_error": unseeded_error,
        "batch_size_": aug.batch_size_,
        "pac_": aug.pac_,
        "history": aug.history_[["generator_loss", "discriminator_loss"]].to_numpy().tolist(),
        "weights": [w.tolist() for w in aug.generator_.get_weights()],
        "in_sync": replicas_in_sync(aug.generator_) and replicas_in_sync(aug.discriminator_),
        "pickled_strategy": repr(copy.distribution_strategy),
        "pickled_same_rows": copy.sample(50, random_state=0).equals(rows),
    }
    # A class target adds the auxiliary classifier to the step.
    X = mixed_frame(FRAME_ROWS)
    labelled = GANAugmenter(**dict(PARAMS, epochs=2), distribution_strategy=strategy)
    labelled.fit(X, np.arange(FRAME_ROWS) % 3)
    _, labels = labelled.sample(30, random_state=0)
    result["class_target_in_sync"] = replicas_in_sync(labelled.generator_)
    result["class_target_labels"] = sorted(set(labels.tolist()))
    result.update(streamed_fit(strategy))
    aug.save(os.path.join(out_dir, "model.ganaug"))
    rows.to_pickle(os.path.join(out_dir, "rows.pkl"))
    with open(os.path.join(out_dir, "result.json"), "w") as f:
        json.dump(result, f)


def stream_frame(n_rows=FRAME_ROWS):
    """Columns a tf.data element holds: floats, ints and strings, and a label."""
    rng = np.random.default_rng(1)
    features = {
        "x": rng.normal(10, 3, n_rows).astype("float32"),
        "n": rng.integers(0, 50, n_rows),
        "city": rng.choice(["Lima", "Oslo", "Pune"], n_rows),
    }
    return features, (features["x"] > 10).astype("int64")


def streamed_fit(strategy):
    """``fit_streaming`` under ``strategy``: each step's rows are split
    between the replicas (and between the workers)."""
    import tensorflow as tf

    from ganaug import GANAugmenter
    from ganaug.tf_data import fit_streaming

    dataset = tf.data.Dataset.from_tensor_slices(stream_frame()).batch(32)
    aug = fit_streaming(GANAugmenter(**PARAMS, distribution_strategy=strategy), dataset,
                        encoder_rows=FRAME_ROWS)
    X, y = aug.sample(40, random_state=0)
    return {
        "streamed_history": aug.history_[["generator_loss", "discriminator_loss"]]
        .to_numpy().tolist(),
        "streamed_weights": [w.tolist() for w in aug.generator_.get_weights()],
        "streamed_in_sync": replicas_in_sync(aug.generator_)
        and replicas_in_sync(aug.discriminator_),
        "streamed_cities": sorted(set(X["city"].tolist())),
        "streamed_labels": sorted(set(y.tolist())),
        "streamed_x_range": [float(X["x"].min()), float(X["x"].max())],
    }


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
