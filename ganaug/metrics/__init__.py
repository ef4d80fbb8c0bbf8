"""Fidelity, detectability, usefulness and privacy of synthetic tables.

Every function compares DataFrames in the original feature space and needs
only scipy and scikit-learn (TensorFlow is not imported).  Booleans, text,
strings and categoricals are discrete; numbers and datetimes are continuous
unless listed in ``discrete_columns`` (:func:`infer_discrete_columns` applies
the common benchmark rule: text, or fewer than 10 distinct values).

- :func:`column_shapes`, :func:`column_pair_trends` and :func:`quality_score`
  follow the definitions of SDMetrics' ``QualityReport`` (KS and
  total-variation complements; correlation and contingency similarity).
- :func:`detection_auc`: can a classifier tell synthetic rows from real ones?
- :func:`ml_efficacy`: train on synthetic, test on real, beside train on real.
- :func:`privacy`: exact copies of training rows and distances to the
  closest training record, beside a real holdout.
- :func:`evaluate`: all of the above that apply, as one tidy table.

Examples
--------
>>> import numpy as np
>>> import pandas as pd
>>> from ganaug.metrics import column_shapes, evaluate, quality_score
>>> rng = np.random.default_rng(0)
>>> real = pd.DataFrame({"age": rng.normal(40, 10, 300).round(),
...                      "city": rng.choice(["Oslo", "Rome", "Lima"], 300)})
>>> synthetic = real.sample(300, replace=True, random_state=1)
>>> 0.9 < quality_score(real, synthetic) <= 1.0
True
>>> column_shapes(real, synthetic)["metric"].tolist()
['KSComplement', 'TVComplement']
>>> evaluate(real, synthetic)["metric"].tolist()
['quality', 'column_shapes', 'column_pair_trends', 'detection_auc']
"""

from ._detection import detection_auc
from ._efficacy import ml_efficacy
from ._evaluate import evaluate
from ._kinds import infer_discrete_columns
from ._privacy import privacy
from ._quality import quality_score
from ._shapes import column_shapes
from ._trends import column_pair_trends

__all__ = [
    "column_pair_trends",
    "column_shapes",
    "detection_auc",
    "evaluate",
    "infer_discrete_columns",
    "ml_efficacy",
    "privacy",
    "quality_score",
]
