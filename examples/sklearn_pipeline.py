"""GAN augmentation in a scikit-learn Pipeline, cross-validated and tuned.

A Pipeline transformer cannot add rows (it gets no ``y`` and returns one row
per input row), so the augmentation lives in the last step:
``AugmentedEstimator(estimator, augmenter=...)`` fits the augmenter on the
training fold's ``X`` and ``y``, appends its rows and fits ``estimator`` on
the result.  Put the encoding *inside* ``estimator``: the GAN then models the
raw columns and the encoder sees real plus synthetic rows.  At predict and
score time nothing is augmented.

Run ``python examples/sklearn_pipeline.py``.
"""

from sklearn.compose import ColumnTransformer, make_column_selector
from sklearn.datasets import load_diabetes
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.model_selection import GridSearchCV, KFold, StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from ganaug import AugmentedEstimator, GANAugmenter
from ganaug.datasets import load_adult_sample

# Small networks and few epochs keep this example under a minute on 2 CPU
# cores; the defaults (epochs=None: about 6,000 generator steps, (256, 256)
# networks) give better synthetic rows.
GAN = dict(epochs=30, generator_dims=(64, 64), discriminator_dims=(64, 64), noise_dim=32,
           random_state=0)

# --- Classification on a mixed table: Adult income -------------------------
df = load_adult_sample().drop(columns=["fnlwgt", "education"])
X, y = df.drop(columns="income"), df["income"]

classifier = make_pipeline(
    ColumnTransformer([
        ("text", OneHotEncoder(handle_unknown="ignore"),
         make_column_selector(dtype_exclude="number")),
        ("num", StandardScaler(), make_column_selector(dtype_include="number")),
    ]),
    LogisticRegression(max_iter=2000),
)
# n_synthetic=0.5: add half as many rows as the training fold holds.
model = AugmentedEstimator(classifier, augmenter=GANAugmenter(n_synthetic=0.5, **GAN))

folds = StratifiedKFold(3, shuffle=True, random_state=0)
augmented = cross_val_score(model, X, y, cv=folds)
plain = cross_val_score(classifier, X, y, cv=folds)
print(f"Adult income, 3-fold accuracy: augmented {augmented.mean():.3f}, "
      f"not augmented {plain.mean():.3f}")

# The GAN's and the classifier's parameters are tuned together.
search = GridSearchCV(
    model,
    {"augmenter__n_synthetic": [0.5, 1.0], "estimator__logisticregression__C": [0.1, 1.0]},
    cv=StratifiedKFold(2, shuffle=True, random_state=0),
).fit(X, y)
print(f"GridSearchCV best: {search.best_params_} (accuracy {search.best_score_:.3f})")

# --- Regression: diabetes progression --------------------------------------
# For a continuous target, GANAugmenter models y as one more continuous column.
X, y = load_diabetes(return_X_y=True, as_frame=True)
regressor = make_pipeline(StandardScaler(), Ridge(alpha=1.0))
model = AugmentedEstimator(regressor, augmenter=GANAugmenter(n_synthetic=1.0, **GAN))
folds = KFold(5, shuffle=True, random_state=0)
augmented = cross_val_score(model, X, y, cv=folds)
plain = cross_val_score(regressor, X, y, cv=folds)
print(f"Diabetes, 5-fold R^2: augmented {augmented.mean():.3f}, not augmented {plain.mean():.3f}")
