"""The table encoder: a DataFrame <-> the GAN's model space.

The encoded row is the concatenation, column by column, of a ``tanh`` scalar
and a one-hot mode for continuous columns and a one-hot for discrete ones.
The encoder knows this layout (``tanh_positions``, ``softmax_spans``) and the
part of it that forms the conditional vector (the discrete columns' one-hots).
"""

import numpy as np
import pandas as pd

from ._columns import ContinuousColumn, DiscreteColumn, column_from_config
from ._container import TARGET_KEY
from ._dtypes import column_kind, looks_discrete


class TableEncoder:
    """Fit, encode and decode a whole table.

    Parameters
    ----------
    discrete_columns : sequence of column names or None
        Numeric columns to model as discrete.  Non-numeric columns are always
        discrete.  ``None`` also treats numeric columns with fewer than ten
        distinct integer values as discrete.
    overrides : dict or None
        ``{column: is_discrete}`` for numeric columns whose nature is known
        (the target), ahead of ``discrete_columns`` and detection.
    """

    def __init__(self, discrete_columns=None, overrides=None):
        self.discrete_columns = discrete_columns
        self.overrides = overrides or {}

    def fit(self, frame, seed):
        """Fit one column encoder per column of ``frame``."""
        rng = np.random.default_rng(seed)
        self.columns = []
        for name in frame.columns:
            series = frame[name]
            kind = column_kind(series)
            if self._is_discrete(series, kind):
                column = DiscreteColumn(name, series.dtype)
            else:
                column = ContinuousColumn(name, kind, series.dtype)
            self.columns.append(column.fit(series, int(rng.integers(2**31 - 1))))
        self._build_segments()
        return self

    def _is_discrete(self, series, kind):
        if kind == "discrete":
            return True
        if kind == "datetime":
            return False
        if series.name in self.overrides:
            return self.overrides[series.name]
        if self.discrete_columns is None:
            return looks_discrete(series, kind)
        return series.name in set(self.discrete_columns)

    def _build_segments(self):
        self.tanh_positions, self.softmax_spans = [], []
        self.column_slots = []
        position = 0
        for column in self.columns:
            tanh_slot = None
            if isinstance(column, ContinuousColumn):
                tanh_slot = len(self.tanh_positions)
                self.tanh_positions.append(position)
                position += 1
            self.column_slots.append((tanh_slot, len(self.softmax_spans)))
            self.softmax_spans.append((position, column.n_modes))
            position += column.n_modes
        self.output_dim = position

    @property
    def discrete(self):
        """``[(column_index, column)]`` of the discrete columns."""
        return [
            (i, c) for i, c in enumerate(self.columns) if isinstance(c, DiscreteColumn)
        ]

    @property
    def class_target(self):
        """Position of the class target among :attr:`discrete`, or ``None``
        when there is no target or it is continuous."""
        for i, (_, column) in enumerate(self.discrete):
            if column.name == TARGET_KEY:
                return i
        return None

    @property
    def cond_spans(self):
        """Spans ``(start, size)`` of the discrete one-hots in an encoded row."""
        return [self.softmax_spans[self.column_slots[i][1]] for i, _ in self.discrete]

    @property
    def cond_dim(self):
        return sum(size for _, size in self.cond_spans)

    @property
    def cond_offsets(self):
        """Where each discrete column starts in the conditional vector."""
        return np.cumsum([0] + [size for _, size in self.cond_spans[:-1]]).astype(np.int32)

    def forcing(self, forced):
        """The arrays that impose conditions on generated rows.

        Parameters
        ----------
        forced : dict
            ``{discrete_index: code}``: the state each conditioned discrete
            column must hold.

        Returns
        -------
        cond : float32 ndarray of shape (cond_dim,)
            The conditional vector with a one at every forced state.
        forced_spans : bool ndarray of shape (len(softmax_spans),)
            Which one-hot spans are forced.
        codes : int32 ndarray of shape (len(softmax_spans),)
            The forced state of each forced span (0 elsewhere).
        """
        cond = np.zeros(self.cond_dim, dtype=np.float32)
        forced_spans = np.zeros(len(self.softmax_spans), dtype=bool)
        codes = np.zeros(len(self.softmax_spans), dtype=np.int32)
        spans = [self.column_slots[i][1] for i, _ in self.discrete]
        for discrete_index, code in forced.items():
            cond[self.cond_offsets[discrete_index] + code] = 1.0
            forced_spans[spans[discrete_index]] = True
            codes[spans[discrete_index]] = code
        return cond, forced_spans, codes

    def transform(self, frame, seed):
        """Encode ``frame`` into a float32 matrix of width ``output_dim``."""
        rng = np.random.default_rng(seed)
        n = len(frame)
        matrix = np.zeros((n, self.output_dim), dtype=np.float32)
        rows = np.arange(n)
        for column, (tanh_slot, soft_slot) in zip(self.columns, self.column_slots):
            series = frame[column.name]
            if tanh_slot is None:
                codes = column.encode(series)
            else:
                alpha, codes = column.encode(series, rng)
                matrix[:, self.tanh_positions[tanh_slot]] = alpha
            matrix[rows, self.softmax_spans[soft_slot][0] + codes] = 1.0
        return matrix

    def decode(self, alpha, codes):
        """Decode generator output back into a DataFrame.

        Parameters
        ----------
        alpha : ndarray of shape (n, len(tanh_positions))
            The ``tanh`` scalars.
        codes : ndarray of shape (n, len(softmax_spans))
            The chosen state of every one-hot span.
        """
        decoded = {}
        for column, (tanh_slot, soft_slot) in zip(self.columns, self.column_slots):
            if tanh_slot is None:
                series = column.decode(codes[:, soft_slot])
            else:
                series = column.decode(alpha[:, tanh_slot], codes[:, soft_slot])
            decoded[len(decoded)] = series.reset_index(drop=True)
        frame = pd.concat(decoded, axis=1)
        frame.columns = pd.Index([c.name for c in self.columns], dtype=object)
        return frame

    def to_config(self):
        return {
            "discrete_columns": self.discrete_columns,
            "overrides": [[name, value] for name, value in self.overrides.items()],
            "columns": [column.to_config() for column in self.columns],
        }

    @classmethod
    def from_config(cls, config):
        encoder = cls(config["discrete_columns"], dict(map(tuple, config["overrides"])))
        encoder.columns = [column_from_config(c) for c in config["columns"]]
        encoder._build_segments()
        return encoder
