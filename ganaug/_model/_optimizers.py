"""Optimizers for the training step.

``"adam"``, ``"rmsprop"`` and ``"sgd"`` update every variable with one fused
TensorFlow training kernel (``ResourceApplyAdam`` and friends), which keeps
the compiled step small: a Keras optimizer spends a dozen ops per variable.
A Keras optimizer instance is copied and used as is.
"""

import tensorflow as tf

ADAM_BETAS = (0.5, 0.9)
EPSILON = 1e-8
RMSPROP_RHO = 0.9


class FusedOptimizer:
    """Adam, RMSprop or SGD as one fused kernel per variable.

    Parameters
    ----------
    kind : {"adam", "rmsprop", "sgd"}
    learning_rate : float
    """

    def __init__(self, kind, learning_rate):
        self.kind = kind
        self.learning_rate = learning_rate

    def build(self, variables):
        """Create the slot variables (outside any ``tf.function``)."""
        n_slots = {"adam": 2, "rmsprop": 2, "sgd": 0}[self.kind]
        self.slots = [
            [tf.Variable(tf.zeros_like(v.value), trainable=False) for _ in range(n_slots)]
            for v in variables
        ]
        self.powers = [tf.Variable(beta, trainable=False) for beta in ADAM_BETAS]

    def apply(self, gradients, variables):
        """Apply one update to ``variables``."""
        lr = tf.constant(self.learning_rate, tf.float32)
        for gradient, variable, slots in zip(gradients, variables, self.slots):
            handle = variable.value.handle
            if self.kind == "adam":
                tf.raw_ops.ResourceApplyAdam(
                    var=handle, m=slots[0].handle, v=slots[1].handle,
                    beta1_power=self.powers[0], beta2_power=self.powers[1], lr=lr,
                    beta1=ADAM_BETAS[0], beta2=ADAM_BETAS[1], epsilon=EPSILON, grad=gradient,
                )
            elif self.kind == "rmsprop":
                tf.raw_ops.ResourceApplyRMSProp(
                    var=handle, ms=slots[0].handle, mom=slots[1].handle, lr=lr,
                    rho=RMSPROP_RHO, momentum=0.0, epsilon=EPSILON, grad=gradient,
                )
            else:
                tf.raw_ops.ResourceApplyGradientDescent(var=handle, alpha=lr, delta=gradient)
        if self.kind == "adam":
            # A raw assignment, like the updates: under a tf.distribute
            # strategy each replica advances its own copy by the same amount.
            for power, beta in zip(self.powers, ADAM_BETAS):
                tf.raw_ops.AssignVariableOp(resource=power.handle, value=power * beta)


def make_optimizer(spec, learning_rate):
    """A fresh optimizer from a name (fused kernels) or a Keras template instance."""
    import keras

    if isinstance(spec, str):
        return FusedOptimizer(spec, learning_rate)
    if isinstance(spec, keras.optimizers.Optimizer):
        config = dict(spec.get_config(), learning_rate=learning_rate)
        return spec.__class__.from_config(config)
    raise TypeError(
        "optimizer must be 'adam', 'rmsprop', 'sgd' or a keras.optimizers."
        f"Optimizer instance; received {spec!r}."
    )
