"""Training under a ``tf.distribute.Strategy``.

The networks, the optimizers' slots and the encoded table are created under
``strategy.scope()``.  The compiled epoch calls ``strategy.run`` on each
step; every replica draws ``batch_size / num_replicas`` rows with its own
random key (or reads its share of a streamed step from a distributed
dataset), and the gradients of both networks are averaged across replicas
before they are applied, so the replicas stay identical and together take
the step of one global batch.

With ``strategy=None`` none of this code runs: the single-device graph is the
one built without a strategy.
"""

import contextlib
import numbers

import tensorflow as tf

from ._optimizers import FusedOptimizer


def check_strategy(value, random_state):
    """Raise ``TypeError`` unless ``value`` is ``None`` or a ``tf.distribute.Strategy``.

    Every worker of a multi-worker strategy fits the encoder on its own
    host, so they agree only when they draw the same seeds: ``ValueError``
    unless ``random_state`` is then an int.
    """
    if value is not None and not isinstance(value, tf.distribute.Strategy):
        raise TypeError(
            "distribution_strategy must be None or a tf.distribute.Strategy "
            f"instance; received {value!r}."
        )
    seeded = isinstance(random_state, numbers.Integral) and not isinstance(random_state, bool)
    if n_workers(value) > 1 and not seeded:
        raise ValueError(
            "random_state must be an int when distribution_strategy spans "
            f"{n_workers(value)} workers (each fits the table encoder with the "
            f"same seeds); received {random_state!r}."
        )


def n_workers(strategy):
    """Worker processes of ``strategy``'s cluster: 1 without a cluster."""
    resolver = getattr(strategy, "cluster_resolver", None)
    if resolver is None:
        return 1
    spec = resolver.cluster_spec()
    return sum(len(spec.job_tasks(job)) for job in spec.jobs if job in ("chief", "worker")) or 1


def n_replicas(strategy):
    """Replicas that share one global batch: 1 without a strategy."""
    return 1 if strategy is None else int(strategy.num_replicas_in_sync)


def strategy_scope(strategy):
    """``strategy.scope()``, or a no-op context without a strategy."""
    return contextlib.nullcontext() if strategy is None else strategy.scope()


def replicated_step(strategy, step):
    """``step(key, unit) -> (g_loss, d_loss)`` run on every replica of ``strategy``.

    Each replica folds its index into ``key`` (when there are several), so the
    replicas draw different rows, and gets its own share of a distributed
    ``unit``; the returned losses are the replicas' mean.
    """
    several = n_replicas(strategy) > 1

    def on_replica(key, unit):
        if several:
            replica = tf.distribute.get_replica_context().replica_id_in_sync_group
            key = tf.random.experimental.stateless_fold_in(key, tf.cast(replica, tf.int64))
        return step(key, unit)

    def run(key, unit):
        g_loss, d_loss = strategy.run(on_replica, args=(key, unit))
        mean = tf.distribute.ReduceOp.MEAN
        return strategy.reduce(mean, g_loss, axis=None), strategy.reduce(mean, d_loss, axis=None)

    return run


def gradient_applier(strategy):
    """``apply(optimizer, gradients, variables)`` for training under ``strategy``.

    Without a strategy the optimizer applies the gradients as they are.  The
    fused optimizer updates each replica's copy of a variable with a raw
    kernel, so the gradients are first averaged across replicas with an
    all-reduce: every replica then applies the same update.  A Keras
    optimizer sums gradients across replicas itself, so it is given each
    replica's gradients divided by the number of replicas.
    """
    if strategy is None:
        return lambda optimizer, gradients, variables: optimizer.apply(gradients, variables)
    scale = 1.0 / n_replicas(strategy)

    def apply(optimizer, gradients, variables):
        if isinstance(optimizer, FusedOptimizer):
            context = tf.distribute.get_replica_context()
            gradients = context.all_reduce(tf.distribute.ReduceOp.MEAN, gradients)
        else:
            gradients = [gradient * scale for gradient in gradients]
        optimizer.apply(gradients, variables)

    return apply


def average_statistics(strategy, model):
    """Average ``model``'s non-trainable float variables across replicas.

    BatchNorm's moving mean and variance are updated on each replica from its
    own rows and are not synchronised during training.  The moving mean is
    linear in the batch means, so the replicas' average is the moving
    average of the global batch means; the moving variance averages the
    replicas' batch variances.  After this call every replica holds the same
    values, so a model read from any replica samples the same way.
    """
    variables = [
        weight.value for weight in model.non_trainable_weights
        if tf.as_dtype(weight.dtype).is_floating
    ]
    if strategy is None or not variables:
        return

    def on_replica():
        context = tf.distribute.get_replica_context()
        values = context.all_reduce(
            tf.distribute.ReduceOp.MEAN, [tf.identity(v) for v in variables]
        )
        for variable, value in zip(variables, values):
            tf.raw_ops.AssignVariableOp(resource=variable.handle, value=value)

    tf.function(lambda: strategy.run(on_replica))()
