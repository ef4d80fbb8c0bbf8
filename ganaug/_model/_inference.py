"""The trained generator, rearranged for fast inference.

In inference mode a BatchNorm layer is an affine map, so it folds into the
dense layer before it.  The residual blocks concatenate their input to their
output; instead of copying those concatenations, every dense layer's kernel
is split by input block and the products are summed.  The conditional part of
the input is a one-hot, so its product is a row lookup.  The arithmetic is
the generator's own; only the data movement is gone.
"""

import numpy as np
import tensorflow as tf


class FoldedGenerator:
    """Inference-only forward pass of a network from ``build_generator``.

    Parameters
    ----------
    generator : keras.Model
        A trained generator.
    noise_dim, cond_dim : int
        Widths of the noise and conditional parts of its input.
    """

    def __init__(self, generator, noise_dim, cond_dim):
        self.noise_dim = noise_dim
        self.cond_dim = cond_dim
        self.layers = []
        widths = []
        i = 0
        while _has_layer(generator, f"dense_{i}"):
            dense, norm = generator.get_layer(f"dense_{i}"), generator.get_layer(f"bn_{i}")
            kernel, bias = _folded(dense, norm)
            self.layers.append(self._split(kernel, bias, widths))
            widths.insert(0, kernel.shape[1])
            i += 1
        output = generator.get_layer("output")
        self.layers.append(self._split(output.kernel.numpy(), output.bias.numpy(), widths))

    def _split(self, kernel, bias, widths):
        """``(hidden_kernels, noise_kernel, cond_kernel, bias)`` by input block."""
        bounds = np.cumsum([0] + widths + [self.noise_dim])
        hidden = [tf.constant(kernel[a:b]) for a, b in zip(bounds[:-2], bounds[1:-1])]
        noise = tf.constant(kernel[bounds[-2] : bounds[-1]])
        cond = tf.constant(kernel[bounds[-1] :])
        return hidden, noise, cond, tf.constant(bias)

    def __call__(self, noise, cond_codes=None, fixed_cond=None):
        """Raw generator outputs for ``noise`` and a one-hot condition.

        Parameters
        ----------
        noise : Tensor of shape (n, noise_dim)
        cond_codes : int Tensor of shape (n,), optional
            The index of each row's one-hot conditional vector.
        fixed_cond : Tensor of shape (cond_dim,), optional
            One conditional vector (one or more ones) shared by every row;
            with ``cond_codes``, each row's condition is the sum of both.
        """
        hidden = []
        for i, (kernels, noise_kernel, cond_kernel, bias) in enumerate(self.layers):
            z = tf.matmul(noise, noise_kernel) + bias
            if fixed_cond is not None:
                z += tf.linalg.matvec(cond_kernel, fixed_cond, transpose_a=True)
            if cond_codes is not None:
                z += tf.gather(cond_kernel, cond_codes)
            for h, kernel in zip(hidden, kernels):
                z += tf.matmul(h, kernel)
            if i == len(self.layers) - 1:
                return z
            hidden.insert(0, tf.nn.relu(z))


def _folded(dense, norm):
    """Kernel and bias of ``norm(dense(x))`` with ``norm`` in inference mode."""
    gamma, beta, mean, variance = (w.numpy() for w in (
        norm.gamma, norm.beta, norm.moving_mean, norm.moving_variance
    ))
    scale = gamma / np.sqrt(variance + norm.epsilon)
    kernel = dense.kernel.numpy() * scale
    bias = (dense.bias.numpy() - mean) * scale + beta
    return kernel.astype(np.float32), bias.astype(np.float32)


def _has_layer(model, name):
    return any(layer.name == name for layer in model.layers)
