"""What a sampler shares with imbalanced-learn's: tags and target checks.

Samplers describe themselves with imbalanced-learn's estimator tags and
check their class targets as it does, without importing imbalanced-learn.
"""

from dataclasses import dataclass, fields

import numpy as np
import pandas as pd
from sklearn.utils import InputTags, Tags, TargetTags
from sklearn.utils.multiclass import check_classification_targets, type_of_target
from sklearn.utils.validation import column_or_1d


@dataclass(slots=True)
class SamplerTags:
    """Sampler tags, as imbalanced-learn reads them.

    Parameters
    ----------
    sample_indices : bool, default=False
        Whether the sampler exposes ``sample_indices_``.
    """

    sample_indices: bool = False


@dataclass(slots=True)
class SamplerInputTags(InputTags):
    """Input tags with imbalanced-learn's ``dataframe`` tag."""

    dataframe: bool = False


@dataclass(slots=True)
class SamplerEstimatorTags(Tags):
    """Estimator tags with imbalanced-learn's ``sampler_tags``."""

    sampler_tags: SamplerTags | None = None


def sampler_tags(tags):
    """Turn scikit-learn ``tags`` into a sampler's tags (a new object)."""
    values = {f.name: getattr(tags, f.name) for f in fields(Tags)}
    values.update(
        estimator_type="sampler",
        target_tags=TargetTags(required=True),
        transformer_tags=None,
        classifier_tags=None,
        regressor_tags=None,
        sampler_tags=SamplerTags(),
    )
    inputs = {f.name: getattr(tags.input_tags, f.name) for f in fields(InputTags)}
    values["input_tags"] = SamplerInputTags(**inputs, dataframe=True)
    return SamplerEstimatorTags(**values)


def check_class_target(y, caller):
    """Class labels as a 1-D ndarray, and whether ``y`` was one-vs-all encoded.

    Raises
    ------
    ValueError
        If ``y`` is missing, continuous, multilabel or multioutput.
    """
    if y is None:
        raise ValueError(
            f"This {caller} estimator requires y to be passed, but the target y is None."
        )
    check_classification_targets(y)
    if type_of_target(y) == "multilabel-indicator":
        indicator = np.asarray(y)
        if np.any(indicator.sum(axis=1) > 1):
            raise ValueError(
                "Only binary, multiclass and one-vs-all encoded multiclass targets "
                "are supported; received a target with several labels per row. "
                "Multilabel and multioutput targets are not supported."
            )
        return indicator.argmax(axis=1), True
    return column_or_1d(y), False


def named_target(y, labels, one_vs_all, name):
    """``y`` as a Series called ``name``, keeping a Series' dtype."""
    if not one_vs_all:
        if isinstance(y, pd.DataFrame):
            return y.iloc[:, 0].rename(name).reset_index(drop=True)
        if isinstance(y, pd.Series):
            return y.rename(name).reset_index(drop=True)
    return pd.Series(labels, name=name)
