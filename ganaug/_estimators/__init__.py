"""The estimators: parameter validation and orchestration only.

``GANAugmenter``, ``GANOverSampler``, ``AugmentedEstimator`` and
``fit_streaming`` check what the user passed, build the training settings,
hand values (never themselves) to the layers below (``_sampling``,
``_model``, ``_data``, ``_utils``) and own their fitted attributes.  Nothing
below this layer imports it; TensorFlow is imported only when a model is
built or read.
"""

from ._augmented import AugmentedEstimator
from ._augmenter import GANAugmenter
from ._oversampler import GANOverSampler

__all__ = ["AugmentedEstimator", "GANAugmenter", "GANOverSampler"]
