"""An exponential moving average of the generator's weights.

GAN training does not settle: the generator's weights keep circling the
equilibrium, and the last iterate carries that wobble into every sampled
row (a category's share, a column's spread).  The average of the recent
iterates lies closer to the centre of the orbit (Yazici et al., 2019, "The
unusual effectiveness of averaging in GAN training").  The trainer updates
the average after every generator step inside the compiled graph, and a fit
ends by copying it into the generator.  BatchNorm's moving statistics are
averaged with the same decay, so they describe the averaged weights.
"""

import tensorflow as tf

# Weight of the old average at each step: a horizon of about 100 steps.
DECAY = 0.99


class WeightAverage:
    """Shadow copies of ``model``'s float weights, averaged after each step.

    The decay starts low and rises to ``decay`` (``min(decay, (1 + t) /
    (10 + t))`` at step ``t``), so that a short fit averages its own steps
    rather than the initial weights.  Create it where the model's variables
    were created (under a ``tf.distribute`` strategy's scope).

    Parameters
    ----------
    model : keras.Model
    decay : float, default=DECAY
    """

    def __init__(self, model, decay=DECAY):
        self.decay = decay
        self.variables = [
            weight.value for weight in model.weights
            if tf.as_dtype(weight.dtype).is_floating
        ]
        self.shadows = [
            tf.Variable(tf.identity(variable), trainable=False) for variable in self.variables
        ]
        self.updates = tf.Variable(0.0, trainable=False)

    def update(self):
        """Move the average towards the current weights (inside a step).

        Raw assignments, like the fused optimizer's: under a strategy each
        replica updates its own copy with the same values.
        """
        decay = tf.minimum(self.decay, (1.0 + self.updates) / (10.0 + self.updates))
        for shadow, variable in zip(self.shadows, self.variables):
            value = decay * tf.identity(shadow) + (1.0 - decay) * tf.identity(variable)
            tf.raw_ops.AssignVariableOp(resource=shadow.handle, value=value)
        tf.raw_ops.AssignVariableOp(resource=self.updates.handle, value=self.updates + 1.0)

    def copy_to_model(self, strategy=None):
        """Replace the model's weights by their averages (after training)."""

        def assign():
            for shadow, variable in zip(self.shadows, self.variables):
                tf.raw_ops.AssignVariableOp(resource=variable.handle, value=tf.identity(shadow))

        if strategy is None:
            assign()
        else:
            tf.function(lambda: strategy.run(assign))()
