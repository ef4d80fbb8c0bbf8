"""Discriminator scores of single synthetic rows, for rejection sampling.

The discriminator judges ``pac`` rows packed side by side, so one row has no
score of its own.  Each row is packed with random companions several times
and its score is the mean over those packings: the companions' share of
each packing's score averages out, the row's own share does not.  As in
training, where a pack's rows share one condition, the companions are drawn
from the rows generated under the same condition where there are enough.
"""

import tensorflow as tf

N_PACKINGS = 8


class DiscriminatorScorer:
    """Per-row realism scores from a trained (PacGAN) discriminator.

    Parameters
    ----------
    discriminator : keras.Model
        The trained discriminator; called in inference mode (no dropout).
    pac : int
        Rows per packed discriminator input.
    n_packings : int, default=N_PACKINGS
        Random packings averaged per row.
    """

    def __init__(self, discriminator, pac, n_packings=N_PACKINGS):
        self.discriminator = discriminator
        self.pac = pac
        self.n_packings = n_packings

    def __call__(self, rows, cond, seed, groups=None):
        """Scores of shape ``(n,)`` for ``rows`` under ``cond`` (higher: more real).

        Parameters
        ----------
        rows : Tensor of shape (n, row_width)
            Activated generator outputs, as the discriminator saw them in
            training.
        cond : Tensor of shape (n, cond_dim)
            Each row's conditional vector.
        seed : Tensor of shape (2,)
        groups : Tensor of shape (n,), default=None
            Each row's condition index; rows of one condition are packed
            together (a pack spans two conditions only at their boundary).
        """
        packed_rows = tf.concat([rows, cond], axis=1)
        n = tf.shape(packed_rows)[0]
        n_packs = (n + self.pac - 1) // self.pac
        total = tf.zeros([n])
        seeds = tf.random.experimental.stateless_split(seed, self.n_packings)
        for i in range(self.n_packings):
            order = tf.argsort(tf.random.stateless_uniform([n], seeds[i]))
            if groups is not None:
                order = tf.gather(order, tf.argsort(tf.gather(groups, order), stable=True))
            # Fill the last pack with rows from the start of the permutation.
            index = tf.tile(order, [self.pac])[: n_packs * self.pac]
            packs = tf.reshape(tf.gather(packed_rows, index), [n_packs, -1])
            scores = tf.repeat(self.discriminator(packs, training=False)[:, 0], self.pac)
            total += tf.math.unsorted_segment_mean(scores, index, n)
        return total / self.n_packings
