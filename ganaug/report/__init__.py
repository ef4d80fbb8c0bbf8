"""A visual report comparing synthetic rows with the real table.

:func:`make_report` scores the synthetic table with :mod:`ganaug.metrics` and
draws each column's real and synthetic distribution, correlation heatmaps
and, given a fitted model, its training losses.  The :class:`Report` shows
inline in a notebook and saves as one self-contained HTML file (figures are
embedded PNG images; nothing is loaded from elsewhere).  Figures are drawn
with matplotlib's object API and the Agg canvas: pyplot and the global
backend are left alone.

Examples
--------
>>> import numpy as np
>>> import pandas as pd
>>> from ganaug.report import make_report
>>> rng = np.random.default_rng(0)
>>> real = pd.DataFrame({"age": rng.normal(40, 9, 100),
...                      "city": rng.choice(["Oslo", "Rome"], 100)})
>>> synthetic = real.sample(100, replace=True, random_state=1)
>>> report = make_report(real, synthetic)   # or make_report(..., model=fitted_augmenter)
>>> sorted(report.figures)
['marginal:age', 'marginal:city']
>>> report.save("fidelity.html")  # doctest: +SKIP
PosixPath('fidelity.html')
"""

from ._report import Report, make_report

__all__ = ["Report", "make_report"]
