"""Synthetic rows as ``tf.data`` streams, made inside the TensorFlow graph.

A batch of synthetic rows is one call of the model's compiled
:meth:`RowGenerator.generate <ganaug._model._generation.RowGenerator>`
(noise, the generator, the per-column draws and the forced states) followed
by a :class:`~ganaug._data._encoder_graph.GraphDecoder`.  The stream shares
with :meth:`GANAugmenter.sample <ganaug.GANAugmenter.sample>` its seed, the
forcing of conditions and the class shares: with a class target that no
condition fixes, each row's class is drawn by the training frequencies and
the row is generated conditioned on it, so a long stream holds each class
at its training share (``sample`` rounds the shares of each call instead).
What the streams skip, and why: the copy guard and discriminator rejection
compare or rank decoded rows on the host, which an endless stream decoded
inside the graph never holds; ``min_distance`` likewise.

Per-batch seeds come from ``tf.data.Dataset.random`` with
``rerandomize_each_iteration``: every pass over a stream draws new rows,
and the sequence of passes repeats with the seed.

Mixing is vectorised: rather than choosing a source element by element, the
number of synthetic rows in front of each real row is drawn at once for a
whole chunk of real rows (a geometric count: the number of synthetic picks
before each real pick when every element is synthetic with probability
``fraction``, independently), and one gather interleaves them.  This is the
distribution of ``tf.data.Dataset.sample_from_datasets`` with weights
``[1 - fraction, fraction]`` stopping with the real stream, without its
per-element cost.
"""

import math

import tensorflow as tf

from .._data._container import TARGET_KEY
from .._data._elements import first_batch_size
from .._data._encoder_graph import GraphDecoder

# Rows generated (or mixed) per graph call, before ``unbatch`` or ``rebatch``.
CHUNK_ROWS = 1024
# Smallest uniform draw for the geometric counts (log of it stays finite).
_TINY = 1e-300


class RowMaker:
    """``(n_rows, seed) -> element structure`` of decoded synthetic rows.

    Parameters
    ----------
    model : FittedGAN
        Fitted on ``tf.data`` elements (its ``element_structure`` is set).
    forced : dict
        ``{discrete_index: code}``: conditions that every row holds.
    """

    def __init__(self, model, forced):
        encoder = model.encoder
        structure = model.element_structure
        dtypes = dict(structure["features"])
        if structure["label"] is not None:
            dtypes[TARGET_KEY] = structure["label"]
        self.decoder = GraphDecoder(encoder, dtypes)
        self.forcing = [tf.constant(a) for a in encoder.forcing(forced)]
        self.conditioned = tf.constant(bool(forced))
        target = encoder.class_target
        self.draw_class = tf.constant(target is not None and target not in forced)
        self.generate = model.row_generator.generate
        self.names = [name for name, _ in structure["features"]]
        self.has_label = structure["label"] is not None

    def __call__(self, n_rows, seed):
        alpha, codes = self.generate(
            n_rows, *self.forcing, self.conditioned, self.draw_class, seed
        )
        columns = self.decoder(alpha, codes)
        features = {name: columns[name] for name in self.names}
        return (features, columns[TARGET_KEY]) if self.has_label else features


def synthetic_stream(model, forced, seed):
    """An endless dataset of synthetic elements shaped like the training ones
    (see :func:`ganaug.tf_data.synthetic_dataset`)."""
    batch = model.element_structure["batch"]
    if batch is None:
        return synthetic_batches(model, forced, seed, CHUNK_ROWS).unbatch()
    chunk = batch["size"] * max(1, CHUNK_ROWS // batch["size"])
    stream = synthetic_batches(model, forced, seed, chunk)
    return stream.rebatch(batch["size"], drop_remainder=batch["fixed"])


def mixed_stream(dataset, batch, model, fraction, seed):
    """``dataset`` (batched as ``batch`` says) with synthetic elements mixed
    in at ``fraction``, batched back like it (see :func:`ganaug.tf_data.augment`)."""
    chunks = dataset.batch(CHUNK_ROWS) if batch is None else dataset.rebatch(CHUNK_ROWS)
    mixed = mixed_batches(chunks, model, fraction, seed)
    if batch is None:
        return mixed.unbatch()
    size = batch["size"] if batch["fixed"] else first_batch_size(dataset)
    return mixed.rebatch(size, drop_remainder=batch["fixed"])


def synthetic_batches(model, forced, seed, rows):
    """An endless dataset of batches of ``rows`` synthetic rows."""
    make = RowMaker(model, forced)
    n_rows = tf.constant(rows, tf.int32)
    base = tf.constant(seed, tf.int64)
    draws = tf.data.Dataset.random(seed=seed, rerandomize_each_iteration=True)

    @tf.autograph.experimental.do_not_convert
    def batch(draw):
        return make(n_rows, tf.stack([base, draw]))

    return draws.map(batch, num_parallel_calls=tf.data.AUTOTUNE)


def mixed_batches(real, model, fraction, seed):
    """Batches of ``real`` with synthetic rows interleaved at ``fraction``.

    Parameters
    ----------
    real : tf.data.Dataset
        Batches (of any sizes) of real rows with the training structure.
    model : FittedGAN
        As in :class:`RowMaker`.
    fraction : float in (0, 1)
        Probability that an element of the mixed stream is synthetic.
    seed : int

    Returns
    -------
    tf.data.Dataset
        One batch per real batch, each real row after a geometric number of
        synthetic ones; sizes vary.
    """
    make = RowMaker(model, {})
    log_fraction = math.log(fraction)
    base = tf.constant(seed, tf.int64)

    @tf.autograph.experimental.do_not_convert
    def mix(batch, draw):
        seeds = tf.random.experimental.stateless_split(tf.stack([base, draw]), 2)
        n_real = tf.shape(tf.nest.flatten(batch)[0])[0]
        uniform = tf.random.stateless_uniform(
            [n_real], seeds[0], minval=_TINY, maxval=1.0, dtype=tf.float64
        )
        gaps = tf.cast(tf.floor(tf.math.log(uniform) / log_fraction), tf.int32)
        synthetic = make(tf.reduce_sum(gaps), seeds[1])
        order = interleaving(gaps)
        return tf.nest.map_structure(
            lambda r, s: tf.gather(tf.concat([r, s], axis=0), order), batch, synthetic
        )

    draws = tf.data.Dataset.random(seed=seed, rerandomize_each_iteration=True)
    return tf.data.Dataset.zip((real, draws)).map(mix, num_parallel_calls=tf.data.AUTOTUNE)


def interleaving(gaps):
    """Gather order over ``concat([real, synthetic])`` that puts ``gaps[i]``
    synthetic rows in front of real row ``i``.

    Examples
    --------
    >>> import tensorflow as tf
    >>> interleaving(tf.constant([1, 0, 2])).numpy().tolist()
    [3, 0, 1, 4, 5, 2]
    """
    n_real = tf.size(gaps)
    real_at = tf.cumsum(gaps) + tf.range(n_real)
    total = n_real + tf.reduce_sum(gaps)
    is_real = tf.scatter_nd(real_at[:, None], tf.ones([n_real], tf.int32), [total])
    reals_so_far = tf.cumsum(is_real)
    return tf.where(is_real > 0, reals_so_far - 1, n_real + tf.range(total) - reals_so_far)
