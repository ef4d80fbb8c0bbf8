"""AugmentedEstimator: fit an estimator on its training rows plus synthetic ones."""

from copy import deepcopy

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, MetaEstimatorMixin, clone, is_classifier
from sklearn.utils import get_tags
from sklearn.utils.metaestimators import available_if
from sklearn.utils.validation import check_is_fitted, column_or_1d, validate_data

from .._data._container import append_rows, append_target
from .._data._validation import as_frame
from ._augmenter import GANAugmenter
from ._oversampler import GANOverSampler
from ._params import n_synthetic_rows


def _estimator_has(attr):
    """Whether the fitted estimator (or, before fit, the given one) has ``attr``."""

    def check(self):
        if hasattr(self, "estimator_"):
            return hasattr(self.estimator_, attr)
        return hasattr(self.estimator, attr)

    return check


class AugmentedEstimator(MetaEstimatorMixin, BaseEstimator):
    """Fit an estimator on its training data plus rows from an augmenter.

    At fit, the augmenter adds synthetic rows to ``(X, y)`` and a clone of
    ``estimator`` is fitted on the result; prediction and scoring go to that
    fitted estimator.  As a pipeline's last step or inside cross-validation,
    the augmenter only ever sees the training rows.

    Parameters
    ----------
    estimator : estimator object
        The model to fit on the augmented data; it is cloned.
    augmenter : object or None, default=None
        What adds the rows; it is cloned.  An object with
        ``fit_resample(X, y)`` (such as :class:`~ganaug.GANOverSampler` or an
        imbalanced-learn over-sampler) is used through that method; a
        :class:`~ganaug.GANAugmenter` is fitted on ``X`` with ``y`` and its
        ``n_synthetic`` sampled rows are appended (use it for regression
        targets).  ``None`` uses ``GANOverSampler()``, which balances the
        classes.

    Attributes
    ----------
    estimator_ : estimator object
        The estimator fitted on the augmented data.
    augmenter_ : object
        The fitted augmenter.
    classes_ : ndarray
        The class labels, when ``estimator_`` has them.
    n_features_in_ : int
        Number of columns seen during fit.
    feature_names_in_ : ndarray of str
        Column names seen during fit, when they are all strings.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import LogisticRegression
    >>> from ganaug import AugmentedEstimator, GANOverSampler
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(60, 3))
    >>> y = (X[:, 0] > 0.5).astype(int)
    >>> model = AugmentedEstimator(
    ...     LogisticRegression(), augmenter=GANOverSampler(epochs=2, random_state=0)
    ... ).fit(X, y)
    >>> model.predict(X[:4]).shape
    (4,)
    >>> model.classes_.tolist()
    [0, 1]
    """

    def __init__(self, estimator, *, augmenter=None):
        self.estimator = estimator
        self.augmenter = augmenter

    def fit(self, X, y, **fit_params):
        """Augment ``(X, y)``, then fit a clone of ``estimator`` on the result.

        Parameters
        ----------
        X : DataFrame or array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        **fit_params : dict
            Passed to the estimator's ``fit``.  A ``sample_weight`` holds
            the weights of the rows of ``X``; each synthetic row is given the
            mean weight of the real rows of its class (for a classifier), or
            of all real rows.

        Returns
        -------
        self : AugmentedEstimator
        """
        if y is None:
            raise ValueError(
                f"This {type(self).__name__} estimator requires y to be passed, "
                "but the target y is None."
            )
        shape = np.asarray(y).shape
        if len(shape) == 2 and shape[1] == 1:
            column_or_1d(y, warn=True)  # warns, as scikit-learn estimators do
        n_rows = len(as_frame(X))
        weights = _checked_weights(fit_params.get("sample_weight"), n_rows)
        augmenter = GANOverSampler() if self.augmenter is None else clone(self.augmenter)
        X_augmented, y_augmented = _augment(augmenter, X, y)
        validate_data(self, X, reset=True, skip_check_array=True)
        self.augmenter_ = augmenter
        if weights is not None:
            fit_params = {**fit_params, "sample_weight": _augmented_weights(
                weights, y_augmented, is_classifier(self.estimator)
            )}
        self.estimator_ = clone(self.estimator).fit(X_augmented, y_augmented, **fit_params)
        return self

    @property
    def classes_(self):
        """The class labels of the fitted estimator."""
        return self.estimator_.classes_

    @available_if(_estimator_has("predict"))
    def predict(self, X):
        """Predict with the fitted estimator.

        Parameters
        ----------
        X : DataFrame or array-like of shape (n_samples, n_features)

        Returns
        -------
        y_pred : ndarray of shape (n_samples,)
        """
        check_is_fitted(self)
        return self.estimator_.predict(X)

    @available_if(_estimator_has("predict_proba"))
    def predict_proba(self, X):
        """Class probabilities from the fitted estimator.

        Parameters
        ----------
        X : DataFrame or array-like of shape (n_samples, n_features)

        Returns
        -------
        proba : ndarray of shape (n_samples, n_classes)
        """
        check_is_fitted(self)
        return self.estimator_.predict_proba(X)

    @available_if(_estimator_has("predict_log_proba"))
    def predict_log_proba(self, X):
        """Log class probabilities from the fitted estimator.

        Parameters
        ----------
        X : DataFrame or array-like of shape (n_samples, n_features)

        Returns
        -------
        log_proba : ndarray of shape (n_samples, n_classes)
        """
        check_is_fitted(self)
        return self.estimator_.predict_log_proba(X)

    @available_if(_estimator_has("decision_function"))
    def decision_function(self, X):
        """Decision function of the fitted estimator.

        Parameters
        ----------
        X : DataFrame or array-like of shape (n_samples, n_features)

        Returns
        -------
        scores : ndarray of shape (n_samples,) or (n_samples, n_classes)
        """
        check_is_fitted(self)
        return self.estimator_.decision_function(X)

    @available_if(_estimator_has("score"))
    def score(self, X, y, sample_weight=None):
        """Score of the fitted estimator on ``(X, y)`` (no augmentation).

        Parameters
        ----------
        X : DataFrame or array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        sample_weight : array-like of shape (n_samples,), default=None

        Returns
        -------
        score : float
        """
        check_is_fitted(self)
        if sample_weight is None:
            return self.estimator_.score(X, y)
        return self.estimator_.score(X, y, sample_weight=sample_weight)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        inner = get_tags(self.estimator)
        tags.estimator_type = inner.estimator_type
        tags.classifier_tags = deepcopy(inner.classifier_tags)
        tags.regressor_tags = deepcopy(inner.regressor_tags)
        tags.target_tags.required = True
        tags.input_tags.allow_nan = inner.input_tags.allow_nan
        tags.input_tags.string = inner.input_tags.string
        tags.input_tags.categorical = inner.input_tags.categorical
        tags.input_tags.sparse = False
        tags.non_deterministic = inner.non_deterministic
        return tags

    def __sklearn_is_fitted__(self):
        return hasattr(self, "estimator_")


def _augment(augmenter, X, y):
    """``(X, y)`` with the augmenter's rows appended; fits ``augmenter``."""
    if hasattr(augmenter, "fit_resample"):
        return augmenter.fit_resample(X, y)
    if isinstance(augmenter, GANAugmenter):
        augmenter.fit(X, y)
        frame = as_frame(X)
        n_new = n_synthetic_rows(augmenter.n_synthetic, len(frame))
        X_syn, y_syn = augmenter.sample(n_new)
        X_augmented = append_rows(X, [X_syn])
        index = X_augmented.index if isinstance(X_augmented, pd.DataFrame) else None
        return X_augmented, append_target(y, [y_syn], index)
    raise TypeError(
        "augmenter must be None, a GANAugmenter or an object with "
        f"fit_resample(X, y); received {augmenter!r}."
    )


def _checked_weights(weights, n_rows):
    """``sample_weight`` as float64 of shape ``(n_rows,)``, or ``None``."""
    if weights is None:
        return None
    weights = np.asarray(weights, dtype=np.float64)
    if weights.shape != (n_rows,):
        raise ValueError(
            f"sample_weight must hold one weight per row of X, shape ({n_rows},); "
            f"received shape {weights.shape}."
        )
    return weights


def _augmented_weights(weights, y_augmented, by_class):
    """``weights`` followed by a weight for each synthetic row: the mean
    weight of the real rows of its class (``by_class``), else of all rows."""
    n_rows = len(weights)
    labels = np.asarray(y_augmented)
    if not by_class or labels.ndim != 1:
        return np.concatenate([weights, np.full(len(labels) - n_rows, weights.mean())])
    real, synthetic = pd.Series(labels[:n_rows]), pd.Series(labels[n_rows:])
    class_means = pd.Series(weights).groupby(real.to_numpy()).mean()
    extra = synthetic.map(class_means).fillna(weights.mean()).to_numpy(dtype=np.float64)
    return np.concatenate([weights, extra])
