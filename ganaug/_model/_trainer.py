"""The compiled training loop: one ``tf.function`` runs a whole epoch.

Inside the graph: the real rows and conditional vectors of the row source
(drawn by training-by-sampling from a table held in memory, or read from a
``tf.data`` iterator and encoded), the generator's Gumbel-softmax outputs,
the PacGAN packing, both losses, the gradient penalty, the optimizer
updates and, with a class target, the auxiliary classifier's.  Python only
sees the epoch's mean losses.
"""

import functools

import tensorflow as tf

from ._averaging import WeightAverage
from ._distribute import gradient_applier, replicated_step

GRADIENT_PENALTY_WEIGHT = 10.0
GUMBEL_TAU = 0.2


class GANTrainer:
    """Adversarial training of a generator against a discriminator.

    The generator's weights are averaged over the steps (see
    :mod:`ganaug._averaging`); :meth:`adopt_average` ends a training.

    Parameters
    ----------
    generator, discriminator : keras.Model
        Networks from :mod:`ganaug._networks`.
    rows : TableRows or StreamedRows
        The real rows and conditional vectors of every step (see
        :mod:`._row_sources`).
    activation : OutputActivation
        How raw generator outputs become encoded rows.
    optimizers : tuple of (keras.Optimizer, keras.Optimizer)
        Generator and discriminator optimizers.
    loss : {"wgan-gp", "standard"}
    batch_size : int
        Rows per step on each replica.
    pac, noise_dim, discriminator_steps : int
    seed : int
        Seed of every random op in the graph.
    strategy : tf.distribute.Strategy or None, default=None
        Runs each step on every replica and averages the gradients (see
        :mod:`ganaug._distribute`); the variables must have been created
        under its scope.
    classifier : AuxiliaryClassifier or None, default=None
        With a class target: learns the class from each step's real rows,
        and its loss on the generated rows joins the generator's (see
        :mod:`ganaug._auxiliary`).
    """

    def __init__(
        self, generator, discriminator, rows, activation, optimizers, *,
        loss, batch_size, pac, noise_dim, discriminator_steps, seed, strategy=None,
        classifier=None,
    ):
        self.generator = generator
        self.discriminator = discriminator
        self.rows = rows
        self.activation = activation
        self.g_optimizer, self.d_optimizer = optimizers
        self.loss = loss
        self.batch_size = batch_size
        self.pac = pac
        self.noise_dim = noise_dim
        self.discriminator_steps = discriminator_steps
        self.seed = tf.constant([seed, 0], tf.int64)
        self.g_optimizer.build(generator.trainable_variables)
        self.d_optimizer.build(discriminator.trainable_variables)
        self.average = WeightAverage(generator)
        self.classifier = classifier
        self.strategy = strategy
        self._apply = gradient_applier(strategy)
        self._run_step = self._step if strategy is None else replicated_step(strategy, self._step)
        self.run_epoch = tf.function(own_function(self._epoch))

    def _epoch(self, epoch, n_steps, feed):
        """``n_steps`` steps on the row source's units (fewer when a stream
        ends first).  Returns the mean losses and the number of steps run."""
        key = tf.random.experimental.stateless_fold_in(self.seed, epoch)
        g_total = tf.constant(0.0)
        d_total = tf.constant(0.0)
        taken = tf.constant(0)
        for step in tf.range(n_steps):
            unit = self.rows.next_unit(feed)
            if not unit.has_value():
                break
            g_loss, d_loss = self._run_step(
                tf.random.experimental.stateless_fold_in(key, step), unit.get_value()
            )
            g_total += g_loss
            d_total += d_loss
            taken += 1
        n = tf.cast(tf.maximum(taken, 1), tf.float32)
        return g_total / n, d_total / n, taken

    def _step(self, key, unit):
        """``discriminator_steps`` critic updates, then one generator update.

        The last critic update and the generator update share one generator
        pass (as in the DCGAN reference training loop): the critic learns on
        the batch with its gradient stopped, then the generator is pushed
        through the updated critic on the same batch.  ``unit`` is the row
        source's unit of the step.  An auxiliary classifier learns on the
        last real batch before the generator update.
        """
        keys = tf.random.experimental.stateless_split(key, 3 * self.discriminator_steps)
        for i in range(0, 3 * (self.discriminator_steps - 1), 3):
            real, cond = self._real_batch(keys[i], unit, i // 3)
            _, fake = self._fake(cond, keys[i + 1], training=True)
            self._discriminator_update(real, fake, cond, keys[i + 2])
        real, cond = self._real_batch(keys[-3], unit, self.discriminator_steps - 1)
        if self.classifier is not None:
            self.classifier.update(real, self._apply)
        variables = self.generator.trainable_variables
        with tf.GradientTape() as tape:
            raw, fake = self._fake(cond, keys[-2], training=True)
            with tape.stop_recording():
                d_loss = self._discriminator_update(
                    real, tf.stop_gradient(fake), cond, keys[-1]
                )
            d_fake = self.discriminator(self._pack(fake, cond), training=True)
            if self.loss == "wgan-gp":
                adversarial = -tf.reduce_mean(d_fake)
            else:
                adversarial = tf.reduce_mean(tf.nn.softplus(-d_fake))
            g_loss = adversarial + self._condition_loss(raw, cond)
            if self.classifier is not None:
                g_loss += self.classifier.generator_loss(fake)
        self._apply(self.g_optimizer, tape.gradient(g_loss, variables), variables)
        self.average.update()
        return g_loss, d_loss

    def adopt_average(self):
        """End of training: give the generator its averaged weights."""
        self.average.copy_to_model(self.strategy)

    def _real_batch(self, seed, unit, index):
        """``(real_rows, cond)`` of critic update ``index`` of the step."""
        return self.rows.batch(unit, index, self.batch_size, seed, self.pac)

    def _fake(self, cond, seed, training):
        seeds = tf.random.experimental.stateless_split(seed, 2)
        noise = tf.random.stateless_normal([self.batch_size, self.noise_dim], seeds[0])
        raw = self.generator(tf.concat([noise, cond], axis=1), training=training)
        return raw, self.activation.gumbel_activate(raw, seeds[1], GUMBEL_TAU)

    def _pack(self, rows, cond):
        packed = tf.concat([rows, cond], axis=1)
        return tf.reshape(packed, [self.batch_size // self.pac, -1])

    def _discriminator_update(self, real, fake, cond, seed):
        """One critic update on a real and a fake batch; returns its loss."""
        real_in, fake_in = self._pack(real, cond), self._pack(fake, cond)
        variables = self.discriminator.trainable_variables
        with tf.GradientTape() as tape:
            if self.loss == "wgan-gp":
                loss = self._wasserstein_loss(real_in, fake_in, seed)
            else:
                scores = self.discriminator(tf.concat([real_in, fake_in], 0), training=True)
                d_real, d_fake = tf.split(scores, 2)
                loss = tf.reduce_mean(tf.nn.softplus(-d_real) + tf.nn.softplus(d_fake))
        self._apply(self.d_optimizer, tape.gradient(loss, variables), variables)
        return loss

    def _wasserstein_loss(self, real_in, fake_in, seed):
        """Critic loss with the gradient penalty on interpolated rows."""
        scores = self.discriminator(tf.concat([real_in, fake_in], 0), training=True)
        d_real, d_fake = tf.split(scores, 2)
        alpha = tf.random.stateless_uniform([tf.shape(real_in)[0], 1], seed)
        mixed = alpha * real_in + (1.0 - alpha) * fake_in
        with tf.GradientTape() as inner:
            inner.watch(mixed)
            d_mixed = self.discriminator(mixed, training=True)
        gradient = inner.gradient(d_mixed, mixed)
        norm = tf.sqrt(tf.reduce_sum(tf.square(gradient), axis=1) + 1e-12)
        penalty = GRADIENT_PENALTY_WEIGHT * tf.reduce_mean(tf.square(norm - 1.0))
        return tf.reduce_mean(d_fake) - tf.reduce_mean(d_real) + penalty

    def _condition_loss(self, raw, cond):
        """Cross-entropy of the generated discrete columns against ``cond``."""
        if self.rows.n_columns == 0:
            return tf.constant(0.0)
        log_prob = tf.gather(self.activation.log_softmax(raw), self.rows.cond_index, axis=1)
        return -tf.reduce_mean(tf.reduce_sum(cond * log_prob, axis=1))


def own_function(method):
    """``method`` wrapped so that TensorFlow tracks its tracing on its own.

    Every fit traces a new model's graph; TensorFlow counts traces per code
    object and would warn about "retracing" when many models are fitted in a
    process (grid search, cross-validation).  A ``partial`` is tracked by
    its own identity instead.
    """
    return functools.partial(method)
