"""Report figures, drawn with matplotlib's object API and rendered to PNG bytes."""

import io

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..metrics._kinds import CONTINUOUS, as_float

REAL_COLOR, SYNTHETIC_COLOR = "#1f77b4", "#ff7f0e"
# Bars drawn for a discrete column; rarer categories are left out.
MAX_CATEGORIES = 20
_SECONDS_PER_DAY = 86_400.0
_DPI = 96


def to_png(figure):
    """PNG bytes of ``figure``, rendered by the Agg canvas (no pyplot)."""
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=_DPI, metadata={"Software": None})
    return buffer.getvalue()


def marginal(real, synthetic, kind, name):
    """Real-vs-synthetic distribution of one column."""
    figure = Figure(figsize=(5, 3.2), layout="constrained")
    ax = figure.add_subplot()
    if kind == CONTINUOUS:
        _histogram(ax, real, synthetic)
    else:
        _bars(ax, real, synthetic)
    ax.set_title(str(name))
    if ax.get_legend_handles_labels()[0]:
        ax.legend(frameon=False, fontsize="small")
    return to_png(figure)


def _histogram(ax, real, synthetic):
    is_datetime = pd.api.types.is_datetime64_any_dtype(real.dtype)
    values = []
    for series in (real, synthetic):
        numbers = as_float(series)
        numbers = numbers[~np.isnan(numbers)]
        values.append(numbers / _SECONDS_PER_DAY if is_datetime else numbers)
    both = np.concatenate(values)
    bins = np.histogram_bin_edges(both, bins=30) if both.size else 10
    for numbers, label, color in zip(values, ("real", "synthetic"),
                                     (REAL_COLOR, SYNTHETIC_COLOR)):
        if numbers.size:
            ax.hist(numbers, bins=bins, density=True, alpha=0.5, color=color, label=label)
    if is_datetime:
        ax.xaxis_date()   # matplotlib dates count days since 1970-01-01
    ax.set_ylabel("density")


def _bars(ax, real, synthetic):
    real_share, synthetic_share = _shares(real), _shares(synthetic)
    categories = real_share.add(synthetic_share, fill_value=0).sort_values(ascending=False)
    categories = categories.index[:MAX_CATEGORIES]
    positions = np.arange(len(categories))
    for offset, share, label, color in (
        (-0.2, real_share, "real", REAL_COLOR),
        (0.2, synthetic_share, "synthetic", SYNTHETIC_COLOR),
    ):
        heights = share.reindex(categories, fill_value=0).to_numpy()
        ax.bar(positions + offset, heights, width=0.4, color=color, label=label)
    ax.set_xticks(positions, [str(c) for c in categories], rotation=45, ha="right",
                  fontsize="small")
    ax.set_ylabel("share of rows")


def _shares(series):
    labels = series.astype(object).where(series.notna(), "(missing)").map(str)
    return labels.value_counts(normalize=True)


def correlations(trends):
    """Real, synthetic and difference heatmaps of Pearson correlations.

    Built from the continuous pairs of a :func:`column_pair_trends` table;
    empty when there are fewer than two continuous columns.
    """
    pairs = trends[trends["metric"] == "CorrelationSimilarity"]
    if pairs.empty:
        return {}
    names = list(dict.fromkeys(pairs["column_1"].tolist() + pairs["column_2"].tolist()))
    real = _matrix(pairs, names, "real_correlation")
    synthetic = _matrix(pairs, names, "synthetic_correlation")
    return {
        "correlation:real": _heatmap(real, names, "Correlation (real)", 1.0),
        "correlation:synthetic": _heatmap(synthetic, names, "Correlation (synthetic)", 1.0),
        "correlation:difference": _heatmap(
            synthetic - real, names, "Synthetic minus real", 1.0
        ),
    }


def _matrix(pairs, names, column):
    index = {name: i for i, name in enumerate(names)}
    matrix = np.eye(len(names))
    for first, second, value in pairs[["column_1", "column_2", column]].itertuples(
        index=False
    ):
        matrix[index[first], index[second]] = matrix[index[second], index[first]] = value
    return matrix


def _heatmap(matrix, names, title, limit):
    size = 2.5 + 0.35 * len(names)
    figure = Figure(figsize=(size + 1, size), layout="constrained")
    ax = figure.add_subplot()
    image = ax.imshow(matrix, cmap="coolwarm", vmin=-limit, vmax=limit)
    labels = [str(n) for n in names]
    ax.set_xticks(range(len(names)), labels, rotation=45, ha="right", fontsize="small")
    ax.set_yticks(range(len(names)), labels, fontsize="small")
    ax.set_title(title)
    figure.colorbar(image, ax=ax, shrink=0.8)
    return to_png(figure)


def losses(history):
    """Generator and discriminator loss per epoch."""
    figure = Figure(figsize=(5.5, 3.2), layout="constrained")
    ax = figure.add_subplot()
    epochs = np.arange(1, len(history) + 1)
    ax.plot(epochs, history["generator_loss"], label="generator", color=SYNTHETIC_COLOR)
    ax.plot(epochs, history["discriminator_loss"], label="discriminator", color=REAL_COLOR)
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss")
    ax.set_title("Training losses")
    ax.legend(frameon=False, fontsize="small")
    return to_png(figure)
