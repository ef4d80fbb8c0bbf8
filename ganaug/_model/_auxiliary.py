"""An auxiliary classifier that keeps generated rows true to their class.

With a class target ``y``, a small classifier learns, on the real rows of
every training step, to predict the class from the other columns; the
generator is also trained so that the classifier predicts, for each row it
makes, the class the row carries (the auxiliary classifier of CTAB-GAN,
Zhao et al., 2021).  The critic matches each class's rows only as far as it
tells them apart from the real ones; the classifier adds a direct signal
for what separates the classes, which is what a model trained on the
synthetic rows has to learn.  The classifier is used in training only.
"""

import numpy as np
import tensorflow as tf

# Weight of the classifier's cross-entropy in the generator's loss.
AUXILIARY_WEIGHT = 0.2
# Hidden layer widths of the classifier.
HIDDEN_DIMS = (128, 128)


class AuxiliaryClassifier:
    """A classifier of the class target, trained beside the GAN.

    Parameters
    ----------
    model : keras.Model
        Maps an encoded row (the class target's one-hot zeroed) to class
        logits; see :func:`ganaug._networks.build_classifier`.
    optimizer : FusedOptimizer or keras.Optimizer
        Its optimizer.
    target_span : tuple of (int, int)
        ``(start, size)`` of the class target's one-hot in an encoded row.
    row_width : int
        Width of an encoded row.
    weight : float, default=AUXILIARY_WEIGHT
        Weight of :meth:`generator_loss` in the generator's loss.
    """

    def __init__(self, model, optimizer, target_span, row_width, weight=AUXILIARY_WEIGHT):
        self.model = model
        self.optimizer = optimizer
        self.start, self.size = target_span
        self.weight = weight
        mask = np.ones(row_width, np.float32)
        mask[self.start : self.start + self.size] = 0.0
        self.mask = tf.constant(mask)
        optimizer.build(model.trainable_variables)

    def update(self, real, apply):
        """One step on encoded ``real`` rows; ``apply(optimizer, gradients,
        variables)`` applies the gradients.  Returns the loss."""
        variables = self.model.trainable_variables
        with tf.GradientTape() as tape:
            loss = self._cross_entropy(real)
        apply(self.optimizer, tape.gradient(loss, variables), variables)
        return loss

    def generator_loss(self, fake):
        """The weighted cross-entropy of the classifier on generated rows,
        against the class each row carries (not differentiated)."""
        return self.weight * self._cross_entropy(fake)

    def _cross_entropy(self, rows):
        labels = tf.stop_gradient(rows[:, self.start : self.start + self.size])
        logits = self.model(rows * self.mask, training=True)
        return tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels, logits))


def target_span(encoder):
    """``(start, size)`` of a class target's one-hot in ``encoder``'s rows, or
    ``None`` when there is no discrete target of at least two classes."""
    index = encoder.class_target
    if index is None:
        return None
    span = encoder.cond_spans[index]
    return span if span[1] > 1 else None
