"""Writing many synthetic rows to a file in chunks, with bounded memory.

Rows are generated in the units of :meth:`Synthesizer.sample
<ganaug._synthesis.Synthesizer.sample>` (``CHUNK_ROWS`` rows, unit ``i``
seeded with ``[seed, i]``), decoded and written ``chunk_rows`` at a time, so
a file holds exactly the rows that ``sample(n_samples)`` would return with
the same seed, in the same order, whatever ``chunk_rows`` is.  At most
``chunk_rows + CHUNK_ROWS`` encoded rows and one decoded chunk are held.
"""

import os
from pathlib import Path

import numpy as np

from . import _synthesis
from ._container import TARGET_KEY
from ._random import draw_seed, make_rng
from ._validation import check_positive_int

DEFAULT_CHUNK_ROWS = 262_144
FORMATS = {".parquet": "parquet", ".pq": "parquet", ".csv": "csv"}


def write_samples(est, path, n_samples, *, conditions=None, chunk_rows=DEFAULT_CHUNK_ROWS,
                  random_state=None):
    """Write ``n_samples`` rows of the fitted ``est`` to ``path``.

    See :meth:`GANAugmenter.write_samples <ganaug.GANAugmenter.write_samples>`.
    """
    fmt = file_format(path)
    n_samples = check_positive_int(n_samples, "n_samples", minimum=0)
    chunk_rows = check_positive_int(chunk_rows, "chunk_rows")
    forced = est._container.condition_codes(est.encoder_, conditions)
    # The seed sample() uses for the same random_state.
    if random_state is None and est._sample_seed is not None:
        seed = est._sample_seed
    else:
        seed = draw_seed(make_rng(random_state))
    if fmt == "parquet":
        writer = _ParquetSink(path, _file_columns(_probe_table(est.encoder_), est._container))
    else:
        writer = _CsvSink(path)
    with writer:
        for alpha, codes in _encoded_chunks(est._synth, n_samples, forced, seed, chunk_rows):
            table = est._synth.encoder.decode(alpha, codes)
            writer.write(_file_columns(table, est._container))


def write_model_samples(model_path, path, n_samples, *, conditions=None,
                        chunk_rows=DEFAULT_CHUNK_ROWS, seed=None):
    """Load a model saved by :meth:`GANAugmenter.save` and write its rows.

    The entry point of the command line's ``sample`` command for large
    outputs; the arguments are those of :meth:`GANAugmenter.write_samples`.

    Parameters
    ----------
    model_path : str or os.PathLike
        A model file written by :meth:`GANAugmenter.save`.
    path : str or os.PathLike
        Output file, ``.parquet``/``.pq`` or ``.csv``.
    n_samples : int
    conditions : dict, default=None
    chunk_rows : int, default=262144
    seed : int or None, default=None
    """
    from ._augmenter import GANAugmenter

    file_format(path)
    model = GANAugmenter.load(model_path)
    model.write_samples(
        path, n_samples, conditions=conditions, chunk_rows=chunk_rows, random_state=seed
    )


def file_format(path):
    """``"parquet"`` or ``"csv"`` from ``path``'s extension; ``ValueError`` otherwise."""
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a str or os.PathLike; received {path!r}.")
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(
            f"path must end with one of {sorted(FORMATS)} (the file format); "
            f"received {os.fspath(path)!r}."
        )
    return FORMATS[suffix]


def _encoded_chunks(synth, n_rows, forced, seed, chunk_rows):
    """``(alpha, codes)`` of ``chunk_rows`` rows at a time (the last may be
    shorter), generated in the units and with the seeds of ``synth.sample``."""
    pending = None
    for alpha, codes in _units(synth, n_rows, forced, seed):
        if pending is not None:
            alpha, codes = np.concatenate([pending[0], alpha]), np.concatenate([pending[1], codes])
        whole = len(alpha) - len(alpha) % chunk_rows
        for start in range(0, whole, chunk_rows):
            yield alpha[start : start + chunk_rows], codes[start : start + chunk_rows]
        pending = alpha[whole:], codes[whole:]
    if len(pending[0]) or n_rows == 0:
        yield pending


def _units(synth, n_rows, forced, seed):
    """Encoded rows unit by unit, exactly as ``Synthesizer.sample`` draws them."""
    import tensorflow as tf

    fixed = np.zeros(synth.cond_dim, dtype=np.float32)
    for discrete_index, code in forced.items():
        fixed[synth.encoder.cond_offsets[discrete_index] + code] = 1.0
    slots = [synth.encoder.column_slots[i][1] for i, _ in synth.encoder.discrete]
    unit = _synthesis.CHUNK_ROWS
    for i, start in enumerate(range(0, max(n_rows, 1), unit)):
        alpha, code = synth.generate(
            tf.constant(min(unit, n_rows - start), tf.int32),
            tf.constant(fixed),
            tf.constant(bool(forced)),
            tf.constant([seed, i], tf.int64),
        )
        code = code.numpy()
        for discrete_index, value in forced.items():
            code[:, slots[discrete_index]] = value
        yield alpha.numpy(), code


def _probe_table(encoder):
    """A few decoded rows that hold every state of every column (missing
    values included), so that a file schema fits every chunk."""
    n_rows = max([size for _, size in encoder.softmax_spans], default=1)
    codes = np.stack(
        [np.arange(n_rows) % size for _, size in encoder.softmax_spans], axis=1
    ).reshape(n_rows, -1)
    alpha = np.zeros((n_rows, len(encoder.tanh_positions)), dtype=np.float32)
    return encoder.decode(alpha, codes)


def _file_columns(table, container):
    """The decoded ``table`` with the training column names (as strings) and
    the target, when there was one, under the name ``conditions`` use."""
    names = [str(name) for name in container.columns]
    if container.has_target:
        names.append(str(container.condition_key))
    table = table[[c for c in table.columns if c != TARGET_KEY] + (
        [TARGET_KEY] if container.has_target else []
    )]
    table.columns = names
    return table


class _CsvSink:
    """Append chunks to a CSV file, the header once."""

    def __init__(self, path):
        self.path = path
        self.started = False

    def __enter__(self):
        return self

    def write(self, frame):
        frame.to_csv(self.path, mode="a" if self.started else "w",
                     header=not self.started, index=False)
        self.started = True

    def __exit__(self, *exc):
        return False


class _ParquetSink:
    """Append chunks as row groups of one Parquet file (pyarrow's ParquetWriter),
    with the schema of ``probe``."""

    def __init__(self, path, probe):
        try:
            import pyarrow  # noqa: F401
            import pyarrow.parquet  # noqa: F401
        except ImportError:
            raise ImportError(
                "Writing Parquet needs pyarrow; install it with "
                "`pip install 'ganaug[parquet]'` or write a .csv file."
            ) from None
        self.path = path
        self.schema = pyarrow.Table.from_pandas(probe, preserve_index=False).schema
        self.writer = None

    def __enter__(self):
        import pyarrow.parquet as pq

        self.writer = pq.ParquetWriter(self.path, self.schema)
        return self

    def write(self, frame):
        import pyarrow as pa

        table = pa.Table.from_pandas(frame, schema=self.schema, preserve_index=False)
        self.writer.write_table(table)

    def __exit__(self, *exc):
        self.writer.close()
        return False
