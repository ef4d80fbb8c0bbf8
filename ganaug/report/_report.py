"""make_report: scores and figures comparing a synthetic table with the real one."""

import pathlib

import pandas as pd

from .._utils._checks import check_positive_int
from ..metrics._evaluate import evaluate_with_details
from ..metrics._kinds import column_kinds
from . import _figures
from ._html import render_body, render_document


class Report:
    """Scores and figures comparing synthetic rows with real ones.

    Build one with :func:`make_report`.  In a notebook it shows inline; use
    :meth:`save` for a single self-contained HTML file.

    Parameters
    ----------
    scores : DataFrame
        The score table (``group``, ``metric``, ``value``).
    figures : dict of str to bytes
        PNG images by name: ``"marginal:<column>"``, ``"correlation:real"``,
        ``"correlation:synthetic"``, ``"correlation:difference"``, ``"loss"``.
    column_shapes, column_pair_trends : DataFrame
        Per-column and per-pair detail from :mod:`ganaug.metrics`.
    n_marginals_skipped : int, default=0
        Columns left without a marginal figure.
    title : str, default="Synthetic data report"
        Heading of the page.

    Attributes
    ----------
    scores, figures, column_shapes, column_pair_trends, n_marginals_skipped, title
        As given.

    Examples
    --------
    >>> import pandas as pd
    >>> from ganaug.report import Report
    >>> report = Report(pd.DataFrame({"metric": ["quality"], "value": [0.9]}), {},
    ...                 pd.DataFrame(), pd.DataFrame())
    >>> "quality" in report._repr_html_()
    True
    """

    def __init__(self, scores, figures, column_shapes, column_pair_trends, *,
                 n_marginals_skipped=0, title="Synthetic data report"):
        self.scores = scores
        self.figures = figures
        self.column_shapes = column_shapes
        self.column_pair_trends = column_pair_trends
        self.n_marginals_skipped = n_marginals_skipped
        self.title = title

    def to_html(self):
        """The report as a complete, self-contained HTML document (a str)."""
        return render_document(self)

    def save(self, path):
        """Write the report to ``path`` as one self-contained HTML file.

        Figures are embedded as base64 PNG ``data:`` URIs; the page loads
        nothing from elsewhere.

        Parameters
        ----------
        path : str or path-like
            Where to write, usually ending in ``.html``.

        Returns
        -------
        pathlib.Path
            The path written.
        """
        path = pathlib.Path(path)
        path.write_text(self.to_html(), encoding="utf-8")
        return path

    def _repr_html_(self):
        return render_body(self)

    def __repr__(self):
        return (f"<Report: {len(self.scores)} scores, {len(self.figures)} figures; "
                "save('report.html') or show it in a notebook>")


def make_report(
    real, synthetic, *, model=None, discrete_columns=None, max_marginals=30,
    random_state=0, title="Synthetic data report",
):
    """Score synthetic rows against real ones and draw the comparison.

    The report holds the score table of :func:`ganaug.metrics.evaluate`
    (quality with its shape and trend averages, detection AUC), the
    per-column and per-pair detail, and figures: each column's real and
    synthetic distribution (histograms for continuous columns, bars for
    discrete ones), heatmaps of the Pearson correlations of continuous
    columns (real, synthetic, difference) and, for a fitted ``model``, its
    training losses per epoch.

    Parameters
    ----------
    real, synthetic : DataFrame
        Tables in the original feature space with the same columns.
    model : fitted GANAugmenter or None, default=None
        Adds the ``"loss"`` figure from its ``history_``.
    discrete_columns : list of column names or None, default=None
        Numeric or datetime columns to treat as discrete.
    max_marginals : int, default=30
        At most this many distribution figures; wider tables show the
        columns with the lowest shape scores.
    random_state : int, numpy Generator or None, default=0
        Seeds the detection classifier.
    title : str, default="Synthetic data report"
        Heading of the HTML page.

    Returns
    -------
    Report

    Examples
    --------
    >>> import numpy as np
    >>> import pandas as pd
    >>> from ganaug.report import make_report
    >>> rng = np.random.default_rng(0)
    >>> real = pd.DataFrame({"age": rng.normal(40, 9, 120), "income": rng.normal(5, 1, 120),
    ...                      "city": rng.choice(["Oslo", "Rome"], 120)})
    >>> synthetic = real.sample(120, replace=True, random_state=1)
    >>> report = make_report(real, synthetic)
    >>> sorted(report.figures)  # doctest: +NORMALIZE_WHITESPACE
    ['correlation:difference', 'correlation:real', 'correlation:synthetic',
     'marginal:age', 'marginal:city', 'marginal:income']
    >>> report.scores["metric"].tolist()
    ['quality', 'column_shapes', 'column_pair_trends', 'detection_auc']
    >>> path = report.save("report.html")  # doctest: +SKIP
    """
    max_marginals = check_positive_int(max_marginals, "max_marginals", minimum=0)
    history = _history(model)
    scores, shapes, trends = evaluate_with_details(
        real, synthetic, discrete_columns=discrete_columns, random_state=random_state
    )
    kinds = column_kinds(real, discrete_columns)
    shown = _columns_to_draw(shapes, max_marginals)
    figures = {
        f"marginal:{column}": _figures.marginal(real[column], synthetic[column],
                                                kinds[column], column)
        for column in shown
    }
    figures.update(_figures.correlations(trends))
    if history is not None:
        figures["loss"] = _figures.losses(history)
    return Report(scores, figures, shapes, trends,
                  n_marginals_skipped=len(kinds) - len(shown), title=str(title))


def _columns_to_draw(shapes, max_marginals):
    """All columns, or the ``max_marginals`` worst-scoring ones, in table order."""
    if len(shapes) <= max_marginals:
        return shapes["column"].tolist()
    worst = shapes["score"].fillna(-1.0).sort_values(kind="stable").index[:max_marginals]
    return shapes.loc[sorted(worst), "column"].tolist()


def _history(model):
    if model is None:
        return None
    history = getattr(model, "history_", None)
    if history is None:
        raise ValueError(
            f"model must be fitted (with a history_ of losses per epoch); received "
            f"an unfitted {type(model).__name__}. Call fit first or pass model=None."
        )
    if not isinstance(history, pd.DataFrame) or not {
        "generator_loss", "discriminator_loss"
    } <= set(history.columns):
        raise TypeError(
            "model.history_ must be a DataFrame with generator_loss and "
            f"discriminator_loss columns; received {type(history).__name__}."
        )
    return history
