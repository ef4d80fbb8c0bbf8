import numpy as np
import pandas as pd
import pytest
import tensorflow as tf

from ganaug import GANAugmenter
from ganaug._data._container import TARGET_KEY
from ganaug._data._encoder import TableEncoder
from ganaug._estimators._params import training_settings
from ganaug._model._auxiliary import AUXILIARY_WEIGHT, AuxiliaryClassifier, target_span
from ganaug._model._fit import _auxiliary
from ganaug._model._networks import build_classifier
from ganaug._model._optimizers import make_optimizer


def _encoder(target=None, n=400):
    """An encoder of a table whose class target follows ``x``'s sign."""
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"x": rng.normal(size=n), "colour": rng.choice(["r", "g"], n)})
    overrides = {}
    if target == "class":
        frame[TARGET_KEY] = np.where(frame["x"] > 0, "yes", "no")
        overrides = {TARGET_KEY: True}
    elif target == "number":
        frame[TARGET_KEY] = rng.normal(size=n)
        overrides = {TARGET_KEY: False}
    encoder = TableEncoder(overrides=overrides).fit(frame, seed=0)
    return encoder, encoder.transform(frame, seed=1).astype(np.float32)


def _classifier(encoder, weight=AUXILIARY_WEIGHT):
    span = target_span(encoder)
    model = build_classifier(encoder.output_dim, (16,), span[1], seed=3)
    return AuxiliaryClassifier(model, make_optimizer("adam", 1e-2), span, encoder.output_dim,
                               weight)


def _plain_apply(optimizer, gradients, variables):
    optimizer.apply(gradients, variables)


def test_target_span_is_the_class_targets_one_hot():
    encoder, rows = _encoder("class")
    start, size = target_span(encoder)
    assert size == 2
    # Every encoded row holds exactly one of the target's states.
    np.testing.assert_array_equal(rows[:, start : start + size].sum(axis=1), 1.0)
    names = [column.name for _, column in encoder.discrete]
    assert (start, size) == encoder.cond_spans[names.index(TARGET_KEY)]


@pytest.mark.parametrize("target", [None, "number"])
def test_no_classifier_without_a_class_target(target, tiny_params):
    encoder, _ = _encoder(target)
    assert target_span(encoder) is None
    settings = training_settings(GANAugmenter(**tiny_params).get_params())
    assert _auxiliary(settings, encoder, seed=0) is None


def test_build_auxiliary_sizes_the_classifier_to_the_classes(tiny_params):
    encoder, rows = _encoder("class")
    settings = training_settings(GANAugmenter(**tiny_params).get_params())
    classifier = _auxiliary(settings, encoder, seed=0)
    assert classifier.model(rows[:5]).shape == (5, 2)
    assert classifier.weight == AUXILIARY_WEIGHT


def test_the_classifier_never_sees_the_target():
    encoder, rows = _encoder("class")
    classifier = _classifier(encoder)
    start, size = classifier.start, classifier.size
    flipped = rows.copy()
    flipped[:, start : start + size] = 1.0 - flipped[:, start : start + size]
    np.testing.assert_array_equal(classifier.model(rows * classifier.mask),
                                  classifier.model(flipped * classifier.mask))


def test_the_classifier_learns_the_class_from_the_other_columns():
    encoder, rows = _encoder("class")
    classifier = _classifier(encoder)
    update = tf.function(lambda batch: classifier.update(batch, _plain_apply))
    first = float(update(tf.constant(rows)))
    for _ in range(150):
        last = float(update(tf.constant(rows)))
    assert last < 0.3 * first
    predicted = np.argmax(classifier.model(rows * classifier.mask), axis=1)
    start = classifier.start
    truth = np.argmax(rows[:, start : start + classifier.size], axis=1)
    assert (predicted == truth).mean() > 0.95


def test_generator_loss_is_the_weighted_cross_entropy_against_each_rows_class():
    encoder, rows = _encoder("class")
    classifier = _classifier(encoder, weight=0.5)
    start, size = classifier.start, classifier.size
    logits = classifier.model(rows * classifier.mask).numpy()
    log_p = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    expected = -(rows[:, start : start + size] * log_p).sum(axis=1).mean()
    assert float(classifier.generator_loss(tf.constant(rows))) == pytest.approx(
        0.5 * expected, rel=1e-5
    )
    # Gradients reach the other columns of a generated row, not its label.
    fake = tf.Variable(rows[:8])
    with tf.GradientTape() as tape:
        loss = classifier.generator_loss(fake)
    gradient = tape.gradient(loss, fake).numpy()
    np.testing.assert_array_equal(gradient[:, start : start + size], 0.0)
    assert np.abs(gradient).sum() > 0
