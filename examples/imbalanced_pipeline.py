"""GANOverSampler in an imbalanced-learn Pipeline (needs imbalanced-learn).

``imblearn.pipeline.Pipeline`` calls the sampler's ``fit_resample`` while
fitting only, so each cross-validation fold over-samples its training rows
and predicts its test rows untouched.

Data: scikit-learn's breast cancer table with the malignant class cut down
to 30 rows (about 8%) to make it rare.

Run ``python examples/imbalanced_pipeline.py``.
"""

import numpy as np
import pandas as pd
from imblearn.pipeline import Pipeline
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import classification_report
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.preprocessing import StandardScaler

from ganaug import GANOverSampler

X, y = load_breast_cancer(return_X_y=True, as_frame=True)
y = y.map({0: "malignant", 1: "benign"}).rename("diagnosis")
rng = np.random.default_rng(0)
keep = (y == "benign") | (y.index.isin(rng.choice(y.index[y == "malignant"], 30, replace=False)))
X, y = X[keep], y[keep]
print("class counts:", y.value_counts().to_dict())

# One fit_resample by hand: the real rows first, then new malignant rows
# drawn by the generator conditioned on the class.  epochs=100 keeps the
# example short; the default (epochs=None: about 6,000 generator steps) and
# the default (256, 256) networks give better rows.
sampler = GANOverSampler(epochs=100, generator_dims=(64, 64), discriminator_dims=(64, 64),
                         noise_dim=32, random_state=0)
X_res, y_res = sampler.fit_resample(X, y)
print("after fit_resample:", y_res.value_counts().to_dict(),
      "| new rows per class:", dict(sampler.sampling_strategy_))

# The same sampler as the first step of a pipeline, cross-validated.
pipelines = {
    "no over-sampling": Pipeline([("scale", StandardScaler()),
                                  ("model", LogisticRegression(max_iter=1000))]),
    "GANOverSampler": Pipeline([("oversample", sampler), ("scale", StandardScaler()),
                                ("model", LogisticRegression(max_iter=1000))]),
}
folds = StratifiedKFold(3, shuffle=True, random_state=0)
rows = {}
for name, pipeline in pipelines.items():
    predicted = cross_val_predict(pipeline, X, y, cv=folds)
    report = classification_report(y, predicted, output_dict=True)
    rows[name] = {cls: report[cls]["recall"] for cls in ("benign", "malignant")}
print("\nper-class recall, 3-fold cross-validation:")
print(pd.DataFrame(rows).T.round(3).to_string())
