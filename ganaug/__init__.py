"""ganaug: tabular data augmentation with a conditional GAN.

``import ganaug`` is light: TensorFlow loads when a model is first built.
"""

from ._estimators import AugmentedEstimator, GANAugmenter, GANOverSampler

__all__ = ["AugmentedEstimator", "GANAugmenter", "GANOverSampler"]
__version__ = "0.1.0"
