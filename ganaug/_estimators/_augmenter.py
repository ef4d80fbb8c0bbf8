"""GANAugmenter: validation and orchestration; the model lives in :mod:`ganaug._model`."""

import numbers

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils._param_validation import Interval
from sklearn.utils.validation import check_is_fitted, validate_data

from .._data._container import Container, append_rows
from .._data._validation import as_frame, warn_suspicious_columns
from .._sampling._drawing import call_seed, draw_rows
from .._sampling._guard import guard_rules
from .._utils._checks import check_fraction, check_positive_int
from .._utils._random import make_rng
from ._params import (
    GAN_PARAMETER_CONSTRAINTS,
    n_synthetic_rows,
    substitute_docs,
    training_settings,
)


@substitute_docs
class GANAugmenter(TransformerMixin, BaseEstimator, auto_wrap_output_keys=None):
    """Augment a table with rows from a conditional tabular GAN.

    The GAN follows CTGAN (mode-specific normalisation, Gumbel-softmax
    outputs, a conditional vector with training-by-sampling, PacGAN and a
    WGAN-GP loss) and trains in one compiled TensorFlow graph per epoch.
    A class target ``y`` is the condition of half the training steps' rows
    and has an auxiliary classifier (trained on the real rows) push each
    generated row towards features of its class; the fitted generator holds
    the moving average of its weights over the steps.

    Parameters
    ----------
    %(gan_parameters)s
    n_synthetic : int or float, default=1.0
        Rows that :meth:`transform` appends: an int is a count, a float a
        fraction of ``len(X)``.
    %(gan_context)s

    Attributes
    ----------
    model_ : FittedGAN
        The fitted model: encoder, networks, history and the state sampling
        needs.  The attributes below are its parts.
    n_features_in_ : int
        Number of columns seen during fit.
    feature_names_in_ : ndarray of str
        Column names seen during fit, when they are all strings.
    encoder_ : TableEncoder
        The fitted table encoder.
    generator_, discriminator_ : keras.Model
        The trained networks.
    history_ : DataFrame
        One row per epoch: ``generator_loss`` (with a class target, the
        auxiliary classifier's term included), ``discriminator_loss``,
        ``seconds``.
    batch_size_, pac_, epochs_ : int
        The values training used after adapting to the table.

    Examples
    --------
    >>> import pandas as pd
    >>> from ganaug import GANAugmenter
    >>> df = pd.DataFrame({"age": [23, 35, 47, 51, 62, 29] * 5,
    ...                    "city": ["Oslo", "Rome", "Oslo", "Lima", "Rome", "Lima"] * 5})
    >>> aug = GANAugmenter(epochs=2, random_state=0).fit(df)
    >>> aug.sample(3).shape
    (3, 2)
    >>> rows = aug.sample(4, conditions={"city": "Lima"})
    >>> rows["city"].tolist()
    ['Lima', 'Lima', 'Lima', 'Lima']
    >>> len(aug.transform(df)) == 2 * len(df)
    True
    """

    _parameter_constraints = {
        **GAN_PARAMETER_CONSTRAINTS,
        "n_synthetic": [
            Interval(numbers.Integral, 0, None, closed="left"),
            Interval(numbers.Real, 0, None, closed="left"),
        ],
    }

    def __init__(
        self, *, epochs=None, batch_size=500, generator_dims=(256, 256),
        discriminator_dims=(256, 256), noise_dim=128, pac=10, loss="wgan-gp",
        optimizer="adam", generator_lr=2e-4, discriminator_lr=2e-4,
        discriminator_steps=1, n_synthetic=1.0, discrete_columns=None,
        random_state=None, verbose=False, distribution_strategy=None,
    ):
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
        self.n_synthetic = n_synthetic
        self.discrete_columns = discrete_columns
        self.random_state = random_state
        self.verbose = verbose
        self.distribution_strategy = distribution_strategy

    def fit(self, X, y=None):
        """Fit the GAN on ``X`` (and ``y``, modelled jointly as one more column).

        Parameters
        ----------
        X : DataFrame, array-like of shape (n_samples, n_features) or tf.data.Dataset
            A dataset's elements are dicts of scalar features or ``(features,
            label)`` tuples, batched or not; the label is the target (see
            :mod:`ganaug.tf_data`).
        y : array-like of shape (n_samples,), default=None
            Class labels are modelled as a discrete column, other targets as
            a continuous one.  Must be ``None`` when ``X`` is a dataset.

        Returns
        -------
        self : GANAugmenter

        Notes
        -----
        The learned state is set only once training has finished.  A fit
        stopped by an error or by ``KeyboardInterrupt`` (Ctrl-C) leaves the
        estimator as it was: unfitted after an interrupted first fit, and
        still fully usable with its previous model after an interrupted
        refit.
        """
        self._validate_params()
        settings = training_settings(self.get_params())
        structure = None
        if type(X).__module__.startswith("tensorflow"):
            from .._data._elements import training_data

            X, y, structure = training_data(X, y)
        return self._fit(X, y, settings, structure)

    def _fit(self, X, y, settings, structure, stream=None):
        """Fit on the table ``X`` (and ``y``); with ``stream``, train on the
        streamed rows and let ``X`` be their first rows, for the encoder.

        The learned state is set only once training has finished: an error
        or a KeyboardInterrupt during training leaves the estimator as it was.
        """
        from .._model._fit import fit_gan

        frame = as_frame(X)
        container = Container.from_data(frame, X, y, self.discrete_columns)
        table = container.training_table(frame, y)
        warn_suspicious_columns(table, container.shown_names)
        model = fit_gan(
            settings, table, container, make_rng(self.random_state),
            seeded=self.random_state is not None, element_structure=structure, stream=stream,
        )
        validate_data(self, X, reset=True, skip_check_array=True)
        self.model_ = model
        return self

    def sample(
        self, n_samples, *, conditions=None, random_state=None,
        discriminator_rejection=0.0, min_distance=None,
    ):
        """Generate ``n_samples`` synthetic rows.

        With a class target ``y``, each class gets its training share of the
        rows (rounded) and its rows are generated conditioned on it, so
        labels match their features.  No larger share of the rows equals a
        training row than the share of training rows that repeat another
        training row (about none unless the table is all discrete with few
        distinct rows): copies beyond it are replaced by new draws.

        Parameters
        ----------
        n_samples : int
            Number of rows.
        conditions : dict, default=None
            ``{column: value}`` for discrete columns (or the target: by the
            name of ``y``, ``"y"`` when it has none, prefixed with ``"_"``
            while an ``X`` column has that name).  The generator is
            conditioned on these values and every row holds them.
        random_state : int, RandomState, Generator or None, default=None
            Seed of this call.  ``None`` uses a seed drawn at fit from the
            estimator's ``random_state``, so that calls repeat their rows
            (fresh rows each call if the estimator's ``random_state`` is
            ``None``).  Pass a seed per call to get different rows.
        discriminator_rejection : float in [0, 1), default=0.0
            Discriminator rejection sampling: draw ``n_samples / (1 -
            discriminator_rejection)`` candidates and drop the share the
            trained discriminator scores least realistic, ranked within
            each condition the generator was given so that category
            frequencies are kept.
        min_distance : float or None, default=None
            Replace rows closer than this to a training row (Gower distance:
            the mean over columns of ``|a - b| / range`` for continuous
            columns and of 0 or 1 for discrete ones).  Needs the training
            rows, which the estimator keeps in memory after :meth:`fit` but
            never writes to a file or a pickle.

        Returns
        -------
        X_syn : DataFrame or ndarray
            Same container, columns, order and dtypes as the training ``X``.
        y_syn : Series or ndarray
            Only when ``y`` was given at fit.
        """
        check_is_fitted(self)
        n_samples = check_positive_int(n_samples, "n_samples", minimum=0)
        rejection = check_fraction(discriminator_rejection, "discriminator_rejection")
        model = self.model_
        forced = model.container.condition_codes(model.encoder, conditions)
        rules = guard_rules(model, min_distance)
        seed = call_seed(model, random_state)
        table = draw_rows(model, n_samples, forced, seed, rejection, rules)
        return model.container.split_output(table)

    def write_samples(self, path, n_samples, *, conditions=None, chunk_rows=262_144,
                      random_state=None):
        """Write ``n_samples`` synthetic rows to a Parquet or CSV file, in chunks.

        Memory stays bounded by ``chunk_rows`` whatever ``n_samples`` is.
        Each chunk is drawn as :meth:`sample` draws rows; the first with the
        seed ``sample`` uses, so a file of at most ``chunk_rows`` rows holds
        exactly ``sample(n_samples, conditions=..., random_state=...)``, and
        each further chunk with its own seed derived from it.  The file is
        one table: the target, when ``y`` was given at fit, is the last
        column, named as in ``conditions``; column names are strings.

        Parameters
        ----------
        path : str or os.PathLike
            Ends with ``.parquet`` (or ``.pq``; needs pyarrow, ``pip install
            'ganaug[parquet]'``) or ``.csv``.  Overwritten.
        n_samples : int
            Number of rows.
        conditions : dict, default=None
            As in :meth:`sample`.
        chunk_rows : int, default=262144
            Rows decoded and written at a time (a Parquet row group).
        random_state : int, RandomState, Generator or None, default=None
            As in :meth:`sample`.
        """
        check_is_fitted(self)
        from .._sampling._writing import file_format, write_samples

        file_format(path)
        n_samples = check_positive_int(n_samples, "n_samples", minimum=0)
        chunk_rows = check_positive_int(chunk_rows, "chunk_rows")
        model = self.model_
        forced = model.container.condition_codes(model.encoder, conditions)
        seed = call_seed(model, random_state)
        write_samples(model, path, n_samples, forced, seed, chunk_rows)

    def transform(self, X):
        """Return ``X`` followed by ``n_synthetic`` synthetic rows.

        Parameters
        ----------
        X : DataFrame or array-like with the fitted columns

        Returns
        -------
        X_augmented : DataFrame or ndarray
            ``X``'s rows first and unchanged, then the new rows (the index of
            a DataFrame continues).
        """
        check_is_fitted(self)
        frame = as_frame(X, fitting=False)
        validate_data(self, X, reset=False, skip_check_array=True)
        n_new = n_synthetic_rows(self.n_synthetic, len(frame))
        synthetic = self.sample(n_new)
        if isinstance(synthetic, tuple):
            synthetic = synthetic[0]
        return append_rows(X, [synthetic])

    def fit_transform(self, X, y=None):
        """Fit on ``X`` (and ``y``), then :meth:`transform` ``X``."""
        return self.fit(X, y).transform(X)

    def save(self, path):
        """Write the fitted model to ``path`` (JSON and weights; no pickle).

        Parameters
        ----------
        path : str or os.PathLike
        """
        check_is_fitted(self)
        from .._model._serialization import write_model_file

        names = getattr(self, "feature_names_in_", None)
        write_model_file(path, self.get_params(), {
            "n_features_in_": self.n_features_in_,
            "feature_names_in_": None if names is None else names.tolist(),
        }, self.model_)

    @classmethod
    def load(cls, path):
        """Read a model written by :meth:`save`; nothing in the file is executed.

        Files written by every earlier version of ganaug load.  A file is
        refused with a ``ValueError`` when it is not a model file, when its
        parts would take more memory than a model file may (its header
        over 64 MiB or its weights over 1 GiB, uncompressed), or when it
        was written by a newer version.

        Parameters
        ----------
        path : str or os.PathLike

        Returns
        -------
        GANAugmenter
        """
        from .._model._serialization import read_model_file

        params, fitted, model = read_model_file(path)
        try:
            est = cls(**params)
        except TypeError as error:
            raise ValueError(
                f"{path} is not a readable ganaug model file: its parameters do not "
                f"fit {cls.__name__} ({error})."
            ) from None
        est.n_features_in_ = fitted["n_features_in_"]
        if fitted.get("feature_names_in_") is not None:
            est.feature_names_in_ = np.asarray(fitted["feature_names_in_"], dtype=object)
        est.model_ = model
        return est

    @property
    def encoder_(self):
        """The fitted :class:`TableEncoder` (``model_.encoder``)."""
        return self.model_.encoder

    @property
    def generator_(self):
        """The trained generator (``model_.generator``)."""
        return self.model_.generator

    @property
    def discriminator_(self):
        """The trained discriminator (``model_.discriminator``)."""
        return self.model_.discriminator

    @property
    def history_(self):
        """Per-epoch losses and seconds (``model_.history``)."""
        return self.model_.history

    @property
    def batch_size_(self):
        """The batch size training used (``model_.plan.batch_size``)."""
        return self.model_.plan.batch_size

    @property
    def pac_(self):
        """The ``pac`` training used (``model_.plan.pac``)."""
        return self.model_.plan.pac

    @property
    def epochs_(self):
        """The epochs training ran (``model_.plan.epochs``)."""
        return self.model_.plan.epochs

    def __getstate__(self):
        # A tf.distribute strategy is a live runtime object: not pickled.
        return dict(super().__getstate__(), distribution_strategy=None)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        tags.input_tags.string = True
        tags.input_tags.categorical = True
        tags.non_deterministic = False
        return tags

    def __sklearn_is_fitted__(self):
        return hasattr(self, "model_")
