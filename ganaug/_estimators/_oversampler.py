"""GANOverSampler: GANAugmenter's GAN behind imbalanced-learn's sampler API."""

import pandas as pd
from sklearn.base import BaseEstimator, OneToOneFeatureMixin
from sklearn.utils.validation import check_consistent_length, check_is_fitted, validate_data

from .._data._container import append_rows, append_target, target_name
from .._data._validation import as_frame
from .._utils._random import draw_seed, make_rng
from ._augmenter import GANAugmenter
from ._params import GAN_PARAMETER_CONSTRAINTS, substitute_docs, training_settings
from ._sampler_api import (
    check_class_target,
    named_target,
    sampler_tags,
)
from ._sampling_strategy import over_sampling_counts


@substitute_docs
class GANOverSampler(OneToOneFeatureMixin, BaseEstimator):
    """Over-sample classes with rows from a conditional tabular GAN.

    A drop-in imbalanced-learn over-sampler: :meth:`fit_resample` fits the
    GAN of :class:`~ganaug.GANAugmenter` on ``X`` and the class labels ``y``,
    then draws each class's new rows with the generator conditioned on that
    class.  It works in ``imblearn.pipeline.Pipeline``, and imbalanced-learn
    itself is not needed.

    Parameters
    ----------
    sampling_strategy : float, str, dict or callable, default="auto"
        How many rows each class should have, as for imbalanced-learn's
        over-samplers:

        - ``"auto"`` or ``"not majority"``: every class but the majority
          grows to the majority's count; ``"minority"``: the minority only;
          ``"not minority"``: every class but the minority; ``"all"``: every
          class.
        - float in (0, 1], binary targets only: the wanted ratio of the
          minority's count to the majority's after resampling.
        - dict ``{class: n_samples}``: the wanted count of each named class.
        - callable ``y -> dict``, such a dict.
    %(gan_parameters)s
    %(gan_context)s

    Attributes
    ----------
    sampling_strategy_ : OrderedDict
        ``{class: number of new rows}`` for the classes that are resampled.
    augmenter_ : GANAugmenter
        The fitted GAN (set by :meth:`fit_resample`).
    n_features_in_ : int
        Number of columns seen during fit.
    feature_names_in_ : ndarray of str
        Column names seen during fit, when they are all strings.

    Examples
    --------
    >>> import numpy as np
    >>> from ganaug import GANOverSampler
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(60, 3))
    >>> y = np.array([0] * 45 + [1] * 15)
    >>> sampler = GANOverSampler(epochs=2, random_state=0)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> X_res.shape
    (90, 3)
    >>> np.bincount(y_res).tolist()
    [45, 45]
    >>> bool((X_res[:60] == X).all())
    True
    """

    _estimator_type = "sampler"
    # ``sampling_strategy`` is checked by ``over_sampling_counts``, whose
    # messages name what each form of it means.
    _parameter_constraints = {"sampling_strategy": "no_validation", **GAN_PARAMETER_CONSTRAINTS}

    def __init__(
        self, *, sampling_strategy="auto", epochs=None, batch_size=500,
        generator_dims=(256, 256), discriminator_dims=(256, 256), noise_dim=128,
        pac=10, loss="wgan-gp", optimizer="adam", generator_lr=2e-4,
        discriminator_lr=2e-4, discriminator_steps=1, discrete_columns=None,
        random_state=None, verbose=False, distribution_strategy=None,
    ):
        self.sampling_strategy = sampling_strategy
        self.epochs = epochs
        self.batch_size = batch_size
        self.generator_dims = generator_dims
        self.discriminator_dims = discriminator_dims
        self.noise_dim = noise_dim
        self.pac = pac
        self.loss = loss
        self.optimizer = optimizer
        self.generator_lr = generator_lr
        self.discriminator_lr = discriminator_lr
        self.discriminator_steps = discriminator_steps
        self.discrete_columns = discrete_columns
        self.random_state = random_state
        self.verbose = verbose
        self.distribution_strategy = distribution_strategy

    def fit(self, X, y):
        """Check the inputs and set ``sampling_strategy_``; no GAN is trained.

        Use :meth:`fit_resample` to get the new rows.

        Parameters
        ----------
        X : DataFrame or array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Class labels.

        Returns
        -------
        self : GANOverSampler
        """
        self._check_inputs(X, y)
        return self

    def fit_resample(self, X, y):
        """Fit the GAN on ``X`` and ``y`` and add rows to the classes that need them.

        Parameters
        ----------
        X : DataFrame or array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
            Class labels (a one-vs-all indicator matrix is also accepted).

        Returns
        -------
        X_resampled : DataFrame, ndarray or list
            ``X``'s rows first and unchanged, then the new rows class by
            class, in ``X``'s container and dtypes (the index of a DataFrame
            continues).
        y_resampled : Series, DataFrame, ndarray or list
            The matching labels, in ``y``'s container.
        """
        frame, labels, one_vs_all = self._check_inputs(X, y)
        target = named_target(y, labels, one_vs_all, target_name(y, frame.columns))
        X_parts, y_parts = self._fit_resample(X, target)
        X_res = append_rows(X, X_parts)
        index = X_res.index if isinstance(X_res, pd.DataFrame) else None
        y_res = append_target(y, y_parts, index, one_vs_all)
        return X_res, y_res

    def _check_inputs(self, X, y):
        """Validate parameters and data; set the fitted attributes of ``fit``."""
        self._validate_params()
        training_settings(self.get_params())
        labels, one_vs_all = check_class_target(y, type(self).__name__)
        frame = as_frame(X)
        validate_data(self, X, reset=True, skip_check_array=True)
        check_consistent_length(frame, labels)
        self.sampling_strategy_ = over_sampling_counts(self.sampling_strategy, labels)
        return frame, labels, one_vs_all

    def _fit_resample(self, X, target):
        """Fit the GAN on ``X`` and the named class ``target``; return the new
        rows of each class in ``sampling_strategy_`` as ``(X_parts, y_parts)``,
        each class's rows generated conditioned on it."""
        params = self.get_params()
        augmenter = GANAugmenter(**{name: params[name] for name in GAN_PARAMETER_CONSTRAINTS})
        augmenter.fit(X, target)
        key = augmenter.model_.container.target_key
        wanted = [(cls, n) for cls, n in self.sampling_strategy_.items() if n > 0]
        rng = None if self.random_state is None else make_rng(self.random_state)
        X_parts, y_parts = [], []
        for cls, n_samples in wanted:
            seed = None if rng is None else draw_seed(rng)
            X_syn, y_syn = augmenter.sample(
                n_samples, conditions={key: cls}, random_state=seed
            )
            X_parts.append(X_syn)
            y_parts.append(y_syn)
        if not X_parts:
            X_syn, y_syn = augmenter.sample(0)
            X_parts, y_parts = [X_syn], [y_syn]
        self.augmenter_ = augmenter
        return X_parts, y_parts

    def get_feature_names_out(self, input_features=None):
        """The column names of the resampled ``X``: the input's.

        Parameters
        ----------
        input_features : array-like of str or None, default=None
            Input column names; ``None`` uses ``feature_names_in_`` or
            ``x0, x1, ...``.

        Returns
        -------
        feature_names_out : ndarray of str
        """
        check_is_fitted(self)
        return super().get_feature_names_out(input_features)

    def __getstate__(self):
        # A tf.distribute strategy is a live runtime object: not pickled.
        return dict(super().__getstate__(), distribution_strategy=None)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        tags.input_tags.string = True
        tags.input_tags.categorical = True
        tags.non_deterministic = False
        return sampler_tags(tags)

    def __sklearn_is_fitted__(self):
        return hasattr(self, "sampling_strategy_")
