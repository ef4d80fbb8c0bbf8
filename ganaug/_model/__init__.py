"""The model: networks, losses, the compiled trainer and the fitted GAN.

Networks and their inference form, output activations, optimizers, weight
averaging, ``tf.distribute`` support, row sources (a table in memory or a
``tf.data`` stream), the one fit driver, row generation, and ``FittedGAN``
with its file format.  Imports TensorFlow; may import ``_data`` and
``_utils`` only.
"""
