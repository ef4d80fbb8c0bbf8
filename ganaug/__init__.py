"""ganaug: tabular data augmentation with a conditional GAN.

``import ganaug`` is light: TensorFlow loads when a model is first built.
"""

from ._augmenter import GANAugmenter

__all__ = ["GANAugmenter"]
__version__ = "0.1.0"
