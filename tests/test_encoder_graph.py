"""The table encoder's graph side against its host side: same rows, same encoding."""

import numpy as np
import pandas as pd
import pytest
import tensorflow as tf

from ganaug._data._columns import HOST_OPS, mode_logits, mode_scalar, standardise
from ganaug._data._encoder import TableEncoder
from ganaug._data._encoder_graph import GRAPH_OPS, GraphEncoder


@pytest.fixture(scope="module")
def table():
    rng = np.random.default_rng(0)
    n = 500
    return pd.DataFrame({
        "bimodal": np.concatenate([rng.normal(-5, 1, n // 2), rng.normal(8, 2, n - n // 2)]),
        "count": rng.integers(0, 40, n),
        "city": rng.choice(["Lima", "Oslo", "Pune"], n),
        "flag": rng.random(n) > 0.3,
        "gap": np.where(rng.random(n) < 0.2, np.nan, rng.exponential(3.0, n)),
    })


@pytest.fixture(scope="module")
def encoder(table):
    return TableEncoder().fit(table, seed=0)


def _features(table):
    return {name: tf.constant(table[name].to_numpy()) for name in table.columns}


def test_shared_arithmetic_gives_the_same_numbers_on_both_sides(encoder, table):
    column = encoder.columns[0]
    values = table["bimodal"].to_numpy()
    z_host = standardise(values, column.center, column.scale)
    z_graph = standardise(tf.constant(values), column.center, column.scale).numpy()
    np.testing.assert_array_equal(z_host, z_graph)
    logits_host = mode_logits(HOST_OPS, z_host, column.means, column.stds, column.weights)
    logits_graph = mode_logits(
        GRAPH_OPS, tf.constant(z_host), tf.constant(column.means), tf.constant(column.stds),
        tf.constant(column.weights),
    ).numpy()
    np.testing.assert_allclose(logits_host, logits_graph, rtol=1e-12, atol=1e-12)
    mode = np.argmax(logits_host, axis=1)
    scalar_host = mode_scalar(HOST_OPS, z_host, column.means[mode], column.stds[mode])
    scalar_graph = mode_scalar(
        GRAPH_OPS, tf.constant(z_host), tf.constant(column.means[mode]),
        tf.constant(column.stds[mode]),
    ).numpy()
    np.testing.assert_allclose(scalar_host, scalar_graph, rtol=1e-12, atol=1e-12)
    assert np.abs(scalar_host).max() <= 0.99


def test_graph_encoding_matches_the_host_encoding_given_the_same_modes(encoder, table):
    graph = GraphEncoder(encoder)
    z, codes = graph.row_codes(_features(table))
    encoded = graph.encode(z, codes, tf.constant([3, 4], tf.int64)).numpy()
    host = encoder.transform(table, seed=5)
    assert encoded.shape == host.shape
    # Discrete one-hots are exact; a continuous column's mode is a random
    # draw on both sides, so its scalar is compared where the modes agree.
    for tanh_slot, soft_slot in encoder.column_slots:
        start, size = encoder.softmax_spans[soft_slot]
        graph_modes = encoded[:, start:start + size].argmax(axis=1)
        host_modes = host[:, start:start + size].argmax(axis=1)
        if tanh_slot is None:
            np.testing.assert_array_equal(graph_modes, host_modes)
            continue
        same = graph_modes == host_modes
        assert same.mean() > 0.6  # most values sit clearly in one mode
        position = encoder.tanh_positions[tanh_slot]
        np.testing.assert_allclose(encoded[same, position], host[same, position], atol=1e-6)


def test_graph_modes_follow_the_host_mode_probabilities(encoder, table):
    """Over many draws, each value's mode is drawn with the same probabilities."""
    graph = GraphEncoder(encoder)
    rows = table.iloc[:40]
    z, codes = graph.row_codes(_features(rows))
    column = encoder.columns[0]
    start, size = encoder.softmax_spans[encoder.column_slots[0][1]]
    graph_counts = np.zeros((len(rows), size))
    host_counts = np.zeros((len(rows), size))
    for i in range(300):
        encoded = graph.encode(z, codes, tf.constant([i, 1], tf.int64)).numpy()
        graph_counts += encoded[:, start:start + size]
        host_counts += encoder.transform(rows, seed=i)[:, start:start + size]
    assert column.n_modes == size
    np.testing.assert_allclose(graph_counts / 300, host_counts / 300, atol=0.12)


def test_rows_the_encoder_cannot_hold_are_dropped(encoder, table):
    graph = GraphEncoder(encoder)
    rows = table.iloc[:4].copy()
    rows["city"] = ["Lima", "Rome", "Oslo", "Pune"]  # Rome was never seen
    features = _features(rows)
    z, codes = graph.row_codes(features)
    assert z.shape[0] == codes.shape[0] == 3
