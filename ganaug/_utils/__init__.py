"""The base layer: seeded randomness, the deferred TensorFlow import and
argument checks shared by every other layer.

Imports nothing from the rest of ganaug, and never TensorFlow at import time.
"""
