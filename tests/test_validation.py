import numpy as np
import pandas as pd
import pytest
from scipy import sparse

from ganaug import GANAugmenter

from .conftest import TINY, mixed_frame


def _frame(**columns):
    base = {"x": np.arange(30, dtype=float)}
    base.update(columns)
    return pd.DataFrame(base)


@pytest.mark.parametrize(
    "X, error, match",
    [
        (pd.DataFrame(), ValueError, "0 feature"),
        (pd.DataFrame({"a": []}), ValueError, "0 sample"),
        (np.empty((0, 3)), ValueError, "0 sample"),
        (pd.DataFrame({"a": [1.0]}), ValueError, "1 sample"),
        (_frame(gone=[np.nan] * 30), ValueError, "Column 'gone' has no values"),
        (_frame(big=[np.inf] + [1.0] * 29), ValueError, "Column 'big' contains infinity"),
        (_frame(small=[-np.inf] + [1.0] * 29), ValueError, "Column 'small' contains infinity"),
        (_frame(z=np.ones(30) * (1 + 2j)), ValueError, "Complex data not supported.*'z'"),
        (_frame(nested=[[1, 2]] * 30), TypeError, "Column 'nested' holds values of type list, but every argument must be a string or a number"),
        (_frame(mapping=[{"a": 1}] * 30), TypeError, "Column 'mapping' holds values of type dict"),
        (_frame(span=pd.to_timedelta(np.arange(30), unit="s")), TypeError, "'span' has dtype"),
        (pd.DataFrame([[1, 2]] * 5, columns=["a", "a"]), ValueError, "duplicate column names \\['a'\\]"),
        (pd.Series([1.0, 2.0]), TypeError, "must be 2-D"),
        (np.arange(5.0), ValueError, "Reshape your data"),
        (sparse.csr_matrix(np.eye(4)), TypeError, "Sparse data"),
        ("table.csv", TypeError, "received str"),
    ],
)
def test_bad_tables_raise_clear_errors(X, error, match):
    with pytest.raises(error, match=match):
        GANAugmenter(**TINY).fit(X)


@pytest.mark.parametrize(
    "params, error, match",
    [
        ({"epochs": 0}, ValueError, "epochs must be >= 1"),
        ({"epochs": 2.5}, TypeError, "epochs must be an int"),
        ({"batch_size": -1}, ValueError, "batch_size must be >= 1"),
        ({"pac": "10"}, TypeError, "pac must be an int"),
        ({"generator_dims": 16}, TypeError, "generator_dims must be a sequence"),
        ({"discriminator_dims": (16, 0)}, ValueError, "every entry of discriminator_dims"),
        ({"loss": "hinge"}, ValueError, "loss must be one of"),
        ({"optimizer": "adagrad"}, ValueError, "optimizer must be one of"),
        ({"optimizer": object()}, TypeError, "optimizer must be"),
        ({"generator_lr": 0}, ValueError, "generator_lr must be a positive float"),
        ({"n_synthetic": -1}, ValueError, "n_synthetic must be >= 0"),
        ({"n_synthetic": "all"}, TypeError, "n_synthetic must be an int"),
        ({"discrete_columns": "int"}, TypeError, "discrete_columns must be None or a list"),
        ({"discrete_columns": ["nope"]}, ValueError, "discrete_columns names 'nope'"),
        ({"random_state": "seed"}, TypeError, "random_state must be"),
    ],
)
def test_bad_parameters_name_the_argument(params, error, match):
    with pytest.raises(error, match=match):
        GANAugmenter(**dict(TINY, **params)).fit(mixed_frame())


def test_bad_targets():
    frame = mixed_frame()
    with pytest.raises(ValueError, match="inconsistent numbers of samples"):
        GANAugmenter(**TINY).fit(frame, np.arange(5))
    with pytest.raises(ValueError, match="y must be 1-D"):
        GANAugmenter(**TINY).fit(frame, np.zeros((len(frame), 2)))


def test_transform_on_other_columns_is_refused():
    frame = mixed_frame()
    aug = GANAugmenter(**TINY).fit(frame)
    with pytest.raises(ValueError, match="feature names"):
        aug.transform(frame.rename(columns={"int": "integer"}))
    with pytest.raises(ValueError, match="missing:\n- int"):
        aug.transform(frame.drop(columns="int"))
    with pytest.raises(ValueError, match="X has 9 features, but GANAugmenter is expecting 10"):
        aug.transform(frame.drop(columns="int").to_numpy())


def test_bad_sample_counts():
    aug = GANAugmenter(**TINY).fit(mixed_frame())
    with pytest.raises(ValueError, match="n_samples must be >= 0"):
        aug.sample(-1)
    with pytest.raises(TypeError, match="n_samples must be an int"):
        aug.sample(2.5)


def test_constant_and_id_like_columns_warn():
    n = 80
    frame = pd.DataFrame(
        {"const": ["same"] * n, "id": [f"user-{i}" for i in range(n)], "x": np.arange(n) * 1.5}
    )
    with pytest.warns(UserWarning) as record:
        GANAugmenter(**TINY).fit(frame)
    messages = " ".join(str(w.message) for w in record)
    assert "'const' holds a single value" in messages
    assert "'id' has 80 distinct values" in messages


def test_mixed_type_object_column_round_trips():
    frame = pd.DataFrame({"mixed": [1, "a", 2.5, True] * 10, "x": np.arange(40.0)})
    synthetic = GANAugmenter(**TINY).fit(frame).sample(50)
    assert synthetic["mixed"].dtype == object
    assert {type(v) for v in synthetic["mixed"]} <= {int, str, float, bool}
