"""Writing many synthetic rows to a file in chunks, with bounded memory.

Rows are drawn ``chunk_rows`` at a time exactly as ``sample`` draws them
(class-conditioned rows, the copy guard), written and let go, so at most one
chunk is held.  The first chunk is drawn with the seed ``sample`` would use,
so a file of at most ``chunk_rows`` rows holds exactly ``sample``'s rows;
each further chunk has its own seed derived from it.
"""

import os
from pathlib import Path

import numpy as np

from .._data._container import TARGET_KEY
from ._drawing import draw_rows
from ._guard import guard_rules, round_seed

# ``{suffix: format}`` of the table files ganaug reads and writes.
FORMATS = {".parquet": "parquet", ".pq": "parquet", ".csv": "csv"}


def write_samples(model, path, n_samples, forced, seed, chunk_rows):
    """Write ``n_samples`` rows of the :class:`FittedGAN` ``model`` to ``path``.

    ``forced`` and ``seed`` are those of a sampling call (checked by the
    caller).  See :meth:`GANAugmenter.write_samples
    <ganaug.GANAugmenter.write_samples>`.
    """
    fmt = file_format(path)
    container = model.container
    if fmt == "parquet":
        writer = _ParquetSink(path, _file_columns(_probe_table(model.encoder), container))
    else:
        writer = _CsvSink(path)
    rules = guard_rules(model, None)
    with writer:
        for k, start in enumerate(range(0, max(n_samples, 1), chunk_rows)):
            size = min(chunk_rows, n_samples - start)
            table = draw_rows(model, size, forced, round_seed(seed, k), 0.0, rules)
            writer.write(_file_columns(table, container))


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
        names.append(str(container.target_key))
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
            import pyarrow
            import pyarrow.parquet
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
