"""tf.data: fitting on datasets, the in-graph synthetic stream and mixing."""

import pickle

import numpy as np
import pandas as pd
import pytest
import tensorflow as tf

from ganaug import GANAugmenter
from ganaug.tf_data import (
    augment,
    dataset_to_frame,
    synthetic_dataset,
)

from .conftest import TINY

COLOURS = ["red", "green", "blue"]
PYTHON_OPS = {"PyFunc", "PyFuncStateless", "EagerPyFunc", "GeneratorDataset"}


def features(n=240, seed=0, x=None):
    """Scalar features of every supported kind; ``f`` holds NaN."""
    rng = np.random.default_rng(seed)
    return {
        "x": rng.normal(5, 2, n).astype(np.float32) if x is None else np.full(n, x, np.float32),
        "k": rng.integers(-5, 100, n),
        "s": rng.choice(COLOURS, n),
        "b": rng.random(n) > 0.5,
        "f": np.where(rng.random(n) < 0.2, np.nan, rng.normal(size=n)),
    }


def labels(n=240, seed=0):
    return np.random.default_rng(seed + 1).integers(0, 2, n).astype(np.int32)


def _dict_ds():
    return tf.data.Dataset.from_tensor_slices(features())


def _supervised_ds():
    return tf.data.Dataset.from_tensor_slices((features(), labels()))


DATASETS = {
    "dict": _dict_ds,
    "dict_batched": lambda: _dict_ds().batch(32),
    "supervised": _supervised_ds,
    "supervised_fixed_batch": lambda: _supervised_ds().batch(16, drop_remainder=True),
}


@pytest.fixture(scope="module")
def fitted():
    """``{name: (dataset, augmenter)}``, each fitted once."""
    return {name: (make(), GANAugmenter(**TINY).fit(make())) for name, make in DATASETS.items()}


def rows(dataset, n):
    """The first ``n`` unbatched elements as a DataFrame (and labels)."""
    batched = len(tf.nest.flatten(dataset.element_spec)[0].shape) == 1
    elements = (dataset.unbatch() if batched else dataset).take(n)
    items = list(elements.as_numpy_iterator())
    if isinstance(items[0], tuple):
        return pd.DataFrame([i[0] for i in items]), np.array([i[1] for i in items])
    return pd.DataFrame(items), None


def graph_ops(dataset):
    graph = tf.compat.v1.GraphDef()
    graph.ParseFromString(dataset._as_serialized_graph().numpy())
    ops = {node.op for node in graph.node}
    for function in graph.library.function:
        ops |= {node.op for node in function.node_def}
    return ops


@pytest.mark.parametrize("name", list(DATASETS))
def test_element_spec_equals_training(fitted, name):
    dataset, aug = fitted[name]
    synthetic = synthetic_dataset(aug, seed=0)
    assert synthetic.element_spec == dataset.element_spec
    for element in synthetic.take(2):  # real tensors match the spec too
        assert tf.nest.map_structure(lambda t: t.dtype, element) == tf.nest.map_structure(
            lambda s: s.dtype, dataset.element_spec
        )


def test_batched_streams_keep_the_batch_size(fitted):
    sizes = [len(e["x"]) for e in synthetic_dataset(fitted["dict_batched"][1]).take(3)]
    assert sizes == [32, 32, 32]
    features_, label = next(iter(synthetic_dataset(fitted["supervised_fixed_batch"][1])))
    assert features_["s"].shape == (16,) and label.shape == (16,)


def test_values_are_decoded_like_the_training_data(fitted):
    _, aug = fitted["supervised"]
    frame, y = rows(synthetic_dataset(aug, seed=1), 600)
    train = features()
    assert set(frame["s"]) <= {c.encode() for c in COLOURS}
    assert frame["k"].dtype == np.int64 and frame["x"].dtype == np.float32
    assert frame["k"].between(train["k"].min(), train["k"].max()).all()
    assert frame["b"].dtype == bool and set(y) <= {0, 1}
    observed = frame["f"].dropna()
    assert observed.between(np.nanmin(train["f"]), np.nanmax(train["f"])).all()


@pytest.mark.parametrize("name", ["dict", "supervised"])
def test_graph_decoder_matches_the_host_decoder(fitted, name):
    """The same generator output decodes to the same values in the graph."""
    from ganaug._data._container import TARGET_KEY
    from ganaug._data._encoder_graph import GraphDecoder

    dataset, aug = fitted[name]
    encoder = aug.encoder_
    draw_class = encoder.class_target is not None
    assert draw_class == (name == "supervised")  # the int label is a class target
    alpha, codes = aug.model_.row_generator.generate(
        tf.constant(500, tf.int32), *(tf.constant(a) for a in encoder.forcing({})),
        tf.constant(False), tf.constant(draw_class), tf.constant([7, 0], tf.int64),
    )
    expected = encoder.decode(alpha.numpy(), codes.numpy())
    spec = dataset.element_spec
    dtypes = {k: v.dtype for k, v in (spec[0] if isinstance(spec, tuple) else spec).items()}
    if isinstance(spec, tuple):
        dtypes[TARGET_KEY] = spec[1].dtype
    decoded = GraphDecoder(encoder, dtypes)(alpha, codes)
    assert set(decoded) == set(dtypes) == set(expected.columns)
    for column, tensor in decoded.items():
        assert tensor.dtype == dtypes[column], column  # the training element's dtype
        values = tensor.numpy()
        if tensor.dtype == tf.string:
            # A tf.string tensor holds UTF-8 bytes (``s``); the host decoder
            # gives the text the training frame held: compare the text.
            values = np.array([v.decode("utf-8") for v in values], dtype=object)
        host = expected[column].to_numpy()
        assert values.dtype == host.dtype, column
        np.testing.assert_array_equal(values, host)


@pytest.mark.parametrize("name", ["supervised", "dict_batched"])
def test_conditions_hold_on_every_element(fitted, name):
    _, aug = fitted[name]
    conditions = {"s": "blue", "b": True}
    if name == "supervised":
        conditions["y"] = 1
    frame, y = rows(synthetic_dataset(aug, conditions=conditions, seed=0), 400)
    assert (frame["s"] == b"blue").all() and frame["b"].all()
    if name == "supervised":
        assert len(y) == 400 and (y == 1).all()
    else:
        assert y is None


def test_unknown_conditions_raise(fitted):
    aug = fitted["dict"][1]
    with pytest.raises(ValueError, match="'purple'"):
        synthetic_dataset(aug, conditions={"s": "purple"})
    with pytest.raises(ValueError, match="'x', which is continuous"):
        synthetic_dataset(aug, conditions={"x": 1.0})


def test_seed_makes_the_stream_reproducible(fitted):
    aug = fitted["dict"][1]
    first, _ = rows(synthetic_dataset(aug, seed=3), 300)
    again, _ = rows(synthetic_dataset(aug, seed=3), 300)
    other, _ = rows(synthetic_dataset(aug, seed=4), 300)
    pd.testing.assert_frame_equal(first, again)
    assert not first["x"].equals(other["x"])
    # no seed: the seed drawn at fit from random_state, as sample uses
    default, _ = rows(synthetic_dataset(aug), 50)
    pd.testing.assert_frame_equal(default, rows(synthetic_dataset(aug), 50)[0])


def test_each_pass_draws_new_rows_reproducibly(fitted):
    aug = fitted["dict_batched"][1]
    passes = []
    for _ in range(2):
        stream = synthetic_dataset(aug, seed=5).take(2)
        passes.append([rows(stream, 64)[0] for _ in range(2)])
    assert not passes[0][0]["x"].equals(passes[0][1]["x"])
    for first, again in zip(*passes):
        pd.testing.assert_frame_equal(first, again)


def test_no_python_in_the_graph(fitted):
    dataset, aug = fitted["supervised"]
    mixed = augment(dataset, aug, synthetic_fraction=0.3)
    for stream in (synthetic_dataset(aug, seed=0), mixed):
        ops = graph_ops(stream)
        assert "ParallelMapDatasetV2" in ops and "MatMul" in ops
        assert not ops & PYTHON_OPS
    # the check itself sees Python generators and py_function
    generator = tf.data.Dataset.from_generator(
        lambda: iter([1.0]), output_signature=tf.TensorSpec([], tf.float32)
    )
    assert graph_ops(generator) & PYTHON_OPS
    wrapped = dataset.map(lambda f, y: tf.py_function(lambda v: v, [f["x"]], tf.float32))
    assert graph_ops(wrapped) & PYTHON_OPS


def test_stream_builds_and_runs_inside_tf_function(fitted):
    aug = fitted["dict"][1]

    @tf.function(autograph=False)
    def total():
        stream = synthetic_dataset(aug, seed=0).take(100)
        return stream.reduce(tf.constant(0, tf.int64), lambda total, e: total + e["k"])

    frame, _ = rows(synthetic_dataset(aug, seed=0), 100)
    assert int(total()) == frame["k"].sum()


def test_augment_mixes_at_the_fraction(fitted):
    _, aug = fitted["dict"]
    # real x is -1000, synthetic x stays inside the training range
    real = tf.data.Dataset.from_tensor_slices(features(10_000, seed=5, x=-1000.0))
    frame, _ = rows(augment(real, aug, synthetic_fraction=0.3, seed=0), 2000)
    n_synthetic = int((frame["x"] > -1000).sum())
    assert abs(n_synthetic - 600) < 4 * np.sqrt(2000 * 0.3 * 0.7)
    again, _ = rows(augment(real, aug, synthetic_fraction=0.3, seed=0), 2000)
    pd.testing.assert_frame_equal(frame, again)


def test_augment_ends_with_the_real_stream(fitted):
    dataset, aug = fitted["dict"]
    frame, _ = rows(augment(dataset.map(lambda e: {**e, "x": e["x"] - 1000}), aug,
                            synthetic_fraction=0.5, seed=1), 10_000)
    assert int((frame["x"] < -500).sum()) == 240
    assert augment(dataset, aug, synthetic_fraction=0.0) is dataset


@pytest.mark.parametrize("name", ["dict_batched", "supervised_fixed_batch"])
def test_augment_batched_in_batched_out(fitted, name):
    dataset, aug = fitted[name]
    mixed = augment(dataset, aug, synthetic_fraction=0.25, seed=0)
    assert mixed.element_spec == dataset.element_spec
    batch = dataset.element_spec[1].shape[0] if name.startswith("super") else 32
    sizes = [len(tf.nest.flatten(e)[0]) for e in mixed]
    assert sizes[:-1] == [batch] * (len(sizes) - 1) and 0 < sizes[-1] <= batch
    # a differently batched real stream of the same elements works too
    rebatched = augment(dataset.unbatch().batch(8), aug, synthetic_fraction=0.25)
    assert len(tf.nest.flatten(next(iter(rebatched)))[0]) == 8


def test_augment_checks_its_arguments(fitted):
    dataset, aug = fitted["dict"]
    for bad in (1.0, -0.1, 1.5):
        with pytest.raises(ValueError, match="synthetic_fraction"):
            augment(dataset, aug, synthetic_fraction=bad)
    for bad in ("0.3", True, None):
        with pytest.raises(TypeError, match="synthetic_fraction"):
            augment(dataset, aug, synthetic_fraction=bad)
    with pytest.raises(TypeError, match="dataset"):
        augment(pd.DataFrame(features()), aug, synthetic_fraction=0.2)
    with pytest.raises(ValueError, match="differ from the training elements"):
        augment(_supervised_ds(), aug, synthetic_fraction=0.2)


def test_fit_rejects_what_a_table_cannot_hold(tiny_params):
    base = features(40)
    with pytest.raises(ValueError, match=r"Feature 'v' has shape \(3,\) per element"):
        GANAugmenter(**tiny_params).fit(
            tf.data.Dataset.from_tensor_slices({**base, "v": np.ones((40, 3))})
        )
    batched = tf.data.Dataset.from_tensor_slices({**base, "m": np.ones((40, 2, 2))}).batch(8)
    with pytest.raises(ValueError, match=r"Feature 'm' has shape \(2, 2\) per element"):
        GANAugmenter(**tiny_params).fit(batched)
    nested = tf.data.Dataset.from_tensor_slices({"inner": {"x": base["x"]}})
    with pytest.raises(ValueError, match="'inner'"):
        GANAugmenter(**tiny_params).fit(nested)
    complex_ = tf.data.Dataset.from_tensor_slices({"z": np.ones(40, np.complex64)})
    with pytest.raises(ValueError, match="'z' has dtype complex64"):
        GANAugmenter(**tiny_params).fit(complex_)
    with pytest.raises(ValueError, match="y must be None"):
        GANAugmenter(**tiny_params).fit(_dict_ds(), labels())
    with pytest.raises(ValueError, match="no elements"):
        GANAugmenter(**tiny_params).fit(_dict_ds().take(0))


def test_streams_need_a_dataset_fit(fitted, tiny_params):
    aug = GANAugmenter(**tiny_params).fit(pd.DataFrame(features(40)))
    with pytest.raises(ValueError, match="not fitted on a tf.data.Dataset"):
        synthetic_dataset(aug)
    refit = pickle.loads(pickle.dumps(fitted["supervised"][1]))
    assert synthetic_dataset(refit).element_spec == fitted["supervised"][0].element_spec


def test_dataset_to_frame_keeps_dtypes():
    data = {"h": np.array([1.5, 2.5, 3.5], np.float16), "i": np.array([1, 2, 3], np.uint8),
            "t": ["a", "é", "c"]}
    dataset = tf.data.Dataset.from_tensor_slices((data, [1.0, 2.0, 3.0])).batch(2)
    frame, y, layout = dataset_to_frame(dataset)
    assert frame["h"].dtype == np.float32 and frame["i"].dtype == np.uint8
    assert frame["t"].tolist() == ["a", "é", "c"] and y.dtype == np.float32
    assert layout == {"features": [("h", "float16"), ("i", "uint8"), ("t", "string")],
                      "label": "float32", "batch": {"size": 2, "fixed": False}}


def test_graph_decoder_refuses_missing_values_it_cannot_hold():
    from ganaug._data._encoder import TableEncoder
    from ganaug._data._encoder_graph import GraphDecoder

    frame = pd.DataFrame({"t": ["a", None, "b", "a"], "x": [1.0, np.nan, 2.0, 3.0]})
    with pytest.raises(ValueError, match="Column 't'"):
        GraphDecoder(TableEncoder().fit(frame, 0), {"t": tf.string, "x": tf.float32})
    decoder = GraphDecoder(TableEncoder().fit(frame[["x"]], 0), {"x": tf.float32})
    values = decoder(tf.zeros([2, 0]), tf.constant([[3], [0]], tf.int32))["x"].numpy()
    assert np.isnan(values[0]) and values[1] == 1.0


def test_half_precision_and_continuous_label_round_trip(tiny_params):
    data = {"h": np.linspace(0, 1, 60).astype(np.float16)}
    dataset = tf.data.Dataset.from_tensor_slices((data, np.linspace(-3, 3, 60)))
    aug = GANAugmenter(**tiny_params).fit(dataset)
    features_, y = next(iter(synthetic_dataset(aug, seed=0).batch(100)))
    assert features_["h"].dtype == tf.float16 and y.dtype == tf.float64
    assert ((y >= -3) & (y <= 3)).numpy().all()


@pytest.mark.slow
def test_keras_model_trains_on_the_augmented_stream(tiny_params):
    import keras

    n = 320
    rng = np.random.default_rng(0)
    data = {"x": rng.normal(5, 2, n).astype(np.float32), "k": rng.integers(0, 100, n),
            "s": rng.choice(COLOURS, n)}
    target = ((data["x"] > 5) | (data["s"] == "red")).astype(np.int32)
    real = tf.data.Dataset.from_tensor_slices((data, target)).shuffle(n, seed=0).batch(32)
    aug = GANAugmenter(**tiny_params).fit(real)
    inputs = {
        "x": keras.Input(shape=(), dtype="float32", name="x"),
        "k": keras.Input(shape=(), dtype="int64", name="k"),
        "s": keras.Input(shape=(), dtype="string", name="s"),
    }
    scaled = []
    for name in ("x", "k"):
        norm = keras.layers.Normalization(axis=None)
        norm.adapt(data[name].astype(np.float32))
        scaled.append(keras.layers.Reshape((1,))(norm(inputs[name])))
    lookup = keras.layers.StringLookup(vocabulary=COLOURS, output_mode="one_hot")
    hidden = keras.layers.Dense(8, activation="relu")(
        keras.layers.Concatenate()(scaled + [lookup(inputs["s"])])
    )
    model = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(hidden))
    model.compile(optimizer="adam", loss="binary_crossentropy")
    augmented = augment(real, aug, synthetic_fraction=0.3, seed=0)
    # a pass's length varies: repeat and take give Keras a known epoch length
    history = model.fit(augmented.repeat().take(12), epochs=1, verbose=0, shuffle=False)
    assert np.isfinite(history.history["loss"][0])
