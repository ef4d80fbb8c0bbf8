"""Generator and discriminator builders (Keras 3 functional models)."""

import keras


def build_generator(input_dim, hidden_dims, output_dim, seed):
    """Residual MLP: each block is Dense -> BatchNorm -> ReLU, concatenated
    with its input, as in CTGAN.  Returns raw (pre-activation) outputs.

    Parameters
    ----------
    input_dim : int
        Noise plus conditional-vector width.
    hidden_dims : sequence of int
        Width of every residual block.
    output_dim : int
        Width of an encoded row.
    seed : int
        Seed of the weight initialisers.
    """
    inputs = keras.Input(shape=(input_dim,), name="noise_and_condition")
    x = inputs
    for i, width in enumerate(hidden_dims):
        h = keras.layers.Dense(width, kernel_initializer=_init(seed, i), name=f"dense_{i}")(x)
        h = keras.layers.BatchNormalization(momentum=0.9, epsilon=1e-5, name=f"bn_{i}")(h)
        h = keras.layers.ReLU(name=f"relu_{i}")(h)
        x = keras.layers.Concatenate(name=f"residual_{i}")([h, x])
    outputs = keras.layers.Dense(
        output_dim, kernel_initializer=_init(seed, len(hidden_dims)), name="output"
    )(x)
    return keras.Model(inputs, outputs, name="generator")


def build_discriminator(input_dim, hidden_dims, pac, seed):
    """MLP critic over ``pac`` rows packed side by side (PacGAN).

    Parameters
    ----------
    input_dim : int
        Width of one encoded row plus its conditional vector.
    hidden_dims : sequence of int
        Hidden layer widths; each is Dense -> LeakyReLU(0.2) -> Dropout(0.5).
    pac : int
        Rows per packed sample.
    seed : int
        Seed of the weight initialisers and dropout masks.
    """
    inputs = keras.Input(shape=(input_dim * pac,), name="packed_rows")
    outputs = _leaky_mlp(inputs, hidden_dims, (1, "score"), seed, dropout_seed=seed + 1000)
    return keras.Model(inputs, outputs, name="discriminator")


def build_classifier(input_dim, hidden_dims, n_classes, seed):
    """MLP classifier of the class target (see :mod:`ganaug._auxiliary`).

    Parameters
    ----------
    input_dim : int
        Width of one encoded row.
    hidden_dims : sequence of int
        Hidden layer widths; each is Dense -> LeakyReLU(0.2).
    n_classes : int
        Number of class logits.
    seed : int
        Seed of the weight initialisers.
    """
    inputs = keras.Input(shape=(input_dim,), name="row")
    outputs = _leaky_mlp(inputs, hidden_dims, (n_classes, "logits"), seed)
    return keras.Model(inputs, outputs, name="classifier")


def _leaky_mlp(x, hidden_dims, output, seed, dropout_seed=None):
    """Dense -> LeakyReLU(0.2) (-> Dropout(0.5) with ``dropout_seed``) per
    hidden width, then a linear ``output = (width, name)`` layer."""
    for i, width in enumerate(hidden_dims):
        x = keras.layers.Dense(width, kernel_initializer=_init(seed, i), name=f"dense_{i}")(x)
        x = keras.layers.LeakyReLU(negative_slope=0.2, name=f"leaky_relu_{i}")(x)
        if dropout_seed is not None:
            x = keras.layers.Dropout(0.5, seed=dropout_seed + i, name=f"dropout_{i}")(x)
    width, name = output
    return keras.layers.Dense(width, kernel_initializer=_init(seed, len(hidden_dims)), name=name)(x)


def _init(seed, index):
    return keras.initializers.GlorotUniform(seed=seed + index)


def build_networks(architecture, encoder, pac, seed):
    """A fresh generator and discriminator sized for ``encoder``'s rows."""
    generator = build_generator(
        architecture.noise_dim + encoder.cond_dim, architecture.generator_dims,
        encoder.output_dim, seed,
    )
    discriminator = build_discriminator(
        encoder.output_dim + encoder.cond_dim, architecture.discriminator_dims, pac, seed + 7919
    )
    return generator, discriminator


def n_weights(architecture, encoder, pac):
    """``(generator, discriminator)`` numbers of weights (every float of
    every variable) of :func:`build_networks`' networks, by arithmetic only."""
    width = architecture.noise_dim + encoder.cond_dim
    generator = 0
    for hidden in architecture.generator_dims:
        generator += width * hidden + 5 * hidden  # kernel, bias, BatchNorm's four
        width += hidden
    generator += width * encoder.output_dim + encoder.output_dim
    width = (encoder.output_dim + encoder.cond_dim) * pac
    discriminator = 0
    for hidden in (*architecture.discriminator_dims, 1):
        discriminator += width * hidden + hidden
        width = hidden
    return generator, discriminator
