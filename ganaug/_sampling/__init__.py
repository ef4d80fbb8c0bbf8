"""Sampling: a fitted model (``_model.FittedGAN``) to rows.

The seed of a call, class shares, forcing of conditions, discriminator
rejection, the copy guard and ``min_distance``, chunked writing to files
and the ``tf.data`` streams of synthetic elements.  May import ``_model``,
``metrics`` (distances), ``_data`` and ``_utils``; never the estimators.
"""
