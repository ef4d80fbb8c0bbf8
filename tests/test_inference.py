import numpy as np
import pytest

from ganaug import GANAugmenter

from .conftest import mixed_frame


@pytest.mark.parametrize("dims", [(16,), (12, 8, 4)])
def test_folded_generator_matches_the_keras_generator(dims, tiny_params):
    import tensorflow as tf

    from ganaug._model._inference import FoldedGenerator

    aug = GANAugmenter(**dict(tiny_params, generator_dims=dims)).fit(mixed_frame())
    cond_dim = aug.encoder_.cond_dim
    rng = np.random.default_rng(0)
    noise = rng.normal(size=(50, aug.noise_dim)).astype(np.float32)
    codes = rng.integers(0, cond_dim, 50)
    onehot = np.eye(cond_dim, dtype=np.float32)[codes]
    expected = aug.generator_(np.hstack([noise, onehot]), training=False).numpy()
    folded = FoldedGenerator(aug.generator_, aug.noise_dim, cond_dim)
    by_code = folded(tf.constant(noise), cond_codes=tf.constant(codes, tf.int32)).numpy()
    by_vector = folded(tf.constant(noise[:1]), fixed_cond=tf.constant(onehot[0])).numpy()
    np.testing.assert_allclose(by_code, expected, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(by_vector, expected[:1], rtol=1e-4, atol=1e-5)
