"""The data layer: tables and ``tf.data`` elements <-> the model's space.

Column dtypes and input checks, the column encoders and the table encoder
(host modules in numpy and pandas, with their graph versions beside them in
``_encoder_graph``), the training containers, row hashes and the structure
of ``tf.data`` elements.  May import ``_utils`` only; the host modules never
import TensorFlow.
"""
