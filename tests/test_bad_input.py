"""The bad-input matrix: every public entry point, given what messy tables hold.

Each case names the call, its arguments and what must happen: an error (its
type and a message naming the argument or column, what was expected and
what was received) or a behaviour.  The arguments are never changed.
"""

import copy
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

from ganaug import GANAugmenter, GANOverSampler

from .conftest import TINY, mixed_frame

N = 30


@dataclass(frozen=True)
class Raises:
    """The call raises ``error`` with a message matching ``match``."""

    error: type
    match: str


@dataclass(frozen=True)
class Warns:
    """The call works and warns with a message matching ``match``."""

    match: str


def _frame(**columns):
    base = {"x": np.arange(N, dtype=float)}
    base.update(columns)
    return pd.DataFrame(base)


def _labels(values):
    return pd.Series(values, name="label")


def _classes():
    return _labels(np.array(["a"] * 20 + ["b"] * 10))


def case(case_id, method, *args, expect, **kwargs):
    """One row of the matrix: ``method(*args, **kwargs)`` and what it must do."""
    return pytest.param(method, args, kwargs, expect, id=f"{method}-{case_id}")



def _mixed_types_round_trip(fitted):
    synthetic = fitted.sample(50)
    assert synthetic["mixed"].dtype == object
    assert {type(v) for v in synthetic["mixed"]} <= {int, str, float, bool}


def _nan_labels_are_a_missing_class(fitted):
    _, y_syn = fitted.sample(200)
    assert set(y_syn.dropna()) <= {0.0, 1.0}
    assert y_syn.isna().any()


def _single_column(fitted):
    assert list(fitted.sample(5).columns) == ["x"]


FIT = [
    case("empty-table", "fit", pd.DataFrame({"a": []}),
         expect=Raises(ValueError, r"X has 0 sample\(s\)")),
    case("empty-array", "fit", np.empty((0, 3)),
         expect=Raises(ValueError, r"X has 0 sample\(s\)")),
    case("no-columns", "fit", pd.DataFrame(index=range(5)),
         expect=Raises(ValueError, r"X has 0 feature\(s\)")),
    case("one-row", "fit", pd.DataFrame({"a": [1.0]}),
         expect=Raises(ValueError, "X has 1 sample")),
    case("one-column", "fit", pd.DataFrame({"x": np.arange(N, dtype=float)}),
         expect=_single_column),
    case("all-missing-column", "fit", _frame(gone=[np.nan] * N),
         expect=Raises(ValueError, "Column 'gone' has no values")),
    case("all-none-column", "fit", _frame(gone=[None] * N),
         expect=Raises(ValueError, "Column 'gone' has no values")),
    case("plus-inf", "fit", _frame(big=[np.inf] + [1.0] * (N - 1)),
         expect=Raises(ValueError, "Column 'big' contains infinity; expected finite")),
    case("minus-inf-nullable", "fit", _frame(low=pd.array([-np.inf] + [1.0] * (N - 1), "Float64")),
         expect=Raises(ValueError, "Column 'low' contains infinity")),
    case("inf-in-object-column", "fit",
         _frame(o=pd.Series([np.inf, "a"] * (N // 2), dtype=object)),
         expect=Raises(ValueError, "Column 'o' contains infinity")),
    case("complex", "fit", _frame(z=np.ones(N) * (1 + 2j)),
         expect=Raises(ValueError, "Complex data not supported.*'z'.*expected real numbers")),
    case("complex-in-object-column", "fit",
         _frame(z=pd.Series([1 + 2j, "a"] * (N // 2), dtype=object)),
         expect=Raises(TypeError, "Column 'z' holds values of type complex")),
    case("nested-lists", "fit", _frame(nested=[[1, 2]] * N),
         expect=Raises(TypeError, "Column 'nested' holds values of type list.*string or a number")),
    case("nested-dicts", "fit", _frame(mapping=[{"a": 1}] * N),
         expect=Raises(TypeError, "Column 'mapping' holds values of type dict")),
    case("mixed-types-in-object-column", "fit",
         pd.DataFrame({"mixed": [1, "a", 2.5, True] * 10, "x": np.arange(40.0)}),
         expect=_mixed_types_round_trip),
    case("timedelta", "fit", _frame(span=pd.to_timedelta(np.arange(N), unit="s")),
         expect=Raises(TypeError, "'span' has dtype timedelta64.*expected numbers")),
    case("duplicate-names", "fit", pd.DataFrame([[1, 2]] * 5, columns=["a", "a"]),
         expect=Raises(ValueError, r"duplicate column names \['a'\]")),
    case("mixed-name-types", "fit", pd.DataFrame({"a": np.arange(N), 0: np.arange(N)}),
         expect=Raises(TypeError, "X has column names of mixed types.*'a'.*0")),
    case("tuple-name", "fit", pd.DataFrame({("a", "b"): np.arange(N)}),
         expect=Raises(TypeError, r"column named \('a', 'b'\) of type tuple")),
    case("series", "fit", pd.Series([1.0, 2.0]),
         expect=Raises(TypeError, "X must be 2-D.*received a Series")),
    case("one-dimensional", "fit", np.arange(5.0),
         expect=Raises(ValueError, "X must be 2-D.*Reshape")),
    case("sparse", "fit", sparse.csr_matrix(np.eye(4)),
         expect=Raises(TypeError, "Sparse data was passed for X")),
    case("file-name", "fit", "table.csv",
         expect=Raises(TypeError, "X must be a DataFrame.*received str")),
    case("ragged-rows", "fit", [[1, 2], [3]],
         expect=Raises(ValueError, "X could not be read as a 2-D array")),
    case("id-like-column", "fit",
         pd.DataFrame({"id": [f"u{i}" for i in range(60)], "x": np.arange(60.0)}),
         expect=Warns("'id' has 60 distinct values in 60 rows and looks like an identifier")),
    case("constant-column", "fit", _frame(same=["k"] * N),
         expect=Warns("'same' holds a single value")),
    case("over-1000-categories", "fit", pd.DataFrame({"c": [f"c{i}" for i in range(1100)] * 2}),
         expect=Warns("'c' has 1100 categories")),
    case("y-single-class", "fit", mixed_frame(N), _labels(["a"] * N),
         expect=Warns("'label' holds a single value")),
    case("y-nan-labels", "fit", mixed_frame(N), _labels([np.nan, 1.0, 0.0] * (N // 3)),
         expect=_nan_labels_are_a_missing_class),
    case("y-all-nan", "fit", mixed_frame(N), pd.Series([np.nan] * N),
         expect=Raises(ValueError, "'y' has no values")),
    case("y-length", "fit", mixed_frame(N), np.arange(5),
         expect=Raises(ValueError, "inconsistent numbers of samples: X has 30 rows, y has 5")),
    case("y-two-dimensional", "fit", mixed_frame(N), np.zeros((N, 2)),
         expect=Raises(ValueError, r"y must be 1-D; received shape \(30, 2\)")),
    case("y-nested", "fit", mixed_frame(N), _labels([[1]] * N),
         expect=Raises(TypeError, "'label' holds values of type list")),
]


def _appended(n_new):
    def check(result):
        assert len(result) == 2 * n_new

    return check


TRANSFORM = [
    case("renamed-column", "transform", mixed_frame(N).rename(columns={"int": "integer"}),
         expect=Raises(ValueError, "Feature names unseen at fit time:\n- integer")),
    case("missing-column", "transform", mixed_frame(N).drop(columns="int"),
         expect=Raises(ValueError, "Feature names seen at fit time, yet now missing:\n- int")),
    case("extra-column", "transform", mixed_frame(N).assign(extra=1),
         expect=Raises(ValueError, "Feature names unseen at fit time:\n- extra")),
    case("reordered-columns", "transform", mixed_frame(N).iloc[:, ::-1],
         expect=Raises(ValueError, "must be in the same order")),
    case("array-of-other-width", "transform", np.zeros((N, 3)),
         expect=Raises(ValueError, "X has 3 features, but GANAugmenter is expecting 10")),
    case("unknown-values-kept", "transform", mixed_frame(N).assign(text="unseen"),
         expect=_appended(N)),
    case("one-row", "transform", mixed_frame(N).iloc[:1], expect=_appended(1)),
    case("empty", "transform", mixed_frame(N).iloc[:0],
         expect=Raises(ValueError, r"X has 0 sample\(s\)")),
]


def _rows(n):
    def check(result):
        assert isinstance(result, pd.DataFrame) and len(result) == n

    return check


SAMPLE = [
    case("negative-count", "sample", -1,
         expect=Raises(ValueError, "n_samples must be >= 0; received -1")),
    case("float-count", "sample", 2.5,
         expect=Raises(TypeError, "n_samples must be an int; received 2.5")),
    case("text-count", "sample", "5",
         expect=Raises(TypeError, "n_samples must be an int; received '5'")),
    case("bool-count", "sample", True,
         expect=Raises(TypeError, "n_samples must be an int; received True")),
    case("numpy-count", "sample", np.int64(4), expect=_rows(4)),
    case("zero-count", "sample", 0, expect=_rows(0)),
    case("unknown-column", "sample", 3, conditions={"colour": "red"},
         expect=Raises(ValueError,
                       "conditions name an unknown column 'colour'; discrete columns are")),
    case("continuous-column", "sample", 3, conditions={"float": 1.0},
         expect=Raises(ValueError, "conditions name the column 'float', which is continuous")),
    case("unknown-value", "sample", 3, conditions={"text": "purple"},
         expect=Raises(ValueError,
                       "conditions give 'text' the value 'purple', which it never held")),
    case("missing-value-never-seen", "sample", 3, conditions={"text": None},
         expect=Raises(ValueError, "conditions give 'text' the value None")),
    case("not-a-dict", "sample", 3, conditions=[("text", "red")],
         expect=Raises(TypeError, "conditions must be a dict.*received list")),
]

RESAMPLE = [
    case("unknown-class", "fit_resample", mixed_frame(N), _classes(),
         sampling_strategy={"z": 40}, expect=Raises(ValueError, "class is/are not present")),
    case("negative-count", "fit_resample", mixed_frame(N), _classes(), sampling_strategy={"b": -5},
         expect=Raises(ValueError, "negative value")),
    case("non-integer-count", "fit_resample",
         mixed_frame(N), _classes(), sampling_strategy={"b": 12.5},
         expect=Raises(ValueError, "'sampling_strategy' gives class 'b' the value 12.5")),
    case("unknown-discrete-column", "fit_resample", mixed_frame(N), _classes(),
         discrete_columns=["nope"],
         expect=Raises(ValueError, "discrete_columns names 'nope'.*columns are")),
    case("y-single-class", "fit_resample", mixed_frame(N), _labels(["a"] * N),
         expect=Raises(ValueError, "more than 1 class")),
    case("y-nan-labels", "fit_resample", mixed_frame(N), _labels([np.nan, 1.0, 0.0] * (N // 3)),
         expect=Raises(ValueError, "Input y contains NaN")),
    case("x-nested", "fit_resample", _frame(nested=[[1]] * N), _classes(),
         expect=Raises(TypeError, "Column 'nested' holds values of type list")),
]


@pytest.fixture(scope="module")
def fitted():
    return GANAugmenter(**TINY).fit(mixed_frame(N))


def _call(method, args, kwargs, fitted, params):
    if method == "fit":
        return GANAugmenter(**params, **kwargs).fit(*args)
    if method == "fit_resample":
        return GANOverSampler(**params, **kwargs).fit_resample(*args)
    return getattr(fitted, method)(*args, **kwargs)


def _assert_unchanged(args, before):
    for arg, copy_ in zip(args, before):
        if isinstance(arg, pd.DataFrame):
            pd.testing.assert_frame_equal(arg, copy_)
        elif isinstance(arg, pd.Series):
            pd.testing.assert_series_equal(arg, copy_)
        elif isinstance(arg, np.ndarray):
            np.testing.assert_array_equal(arg, copy_)
        elif isinstance(arg, (list, dict, str)):
            assert arg == copy_


@pytest.mark.parametrize("method, args, kwargs, expect", FIT + TRANSFORM + SAMPLE + RESAMPLE)
def test_bad_input(method, args, kwargs, expect, fitted, tiny_params):
    before = copy.deepcopy((args, kwargs))
    if isinstance(expect, Raises):
        with pytest.raises(expect.error, match=expect.match):
            _call(method, args, kwargs, fitted, tiny_params)
    elif isinstance(expect, Warns):
        with pytest.warns(UserWarning, match=expect.match):
            _call(method, args, kwargs, fitted, tiny_params)
    else:
        expect(_call(method, args, kwargs, fitted, tiny_params))
    _assert_unchanged(args, before[0])
    assert kwargs == before[1]


def test_dataset_with_non_scalar_features_is_refused(tiny_params):
    import tensorflow as tf

    features = {"x": np.arange(N, dtype=float), "v": np.ones((N, 3))}
    dataset = tf.data.Dataset.from_tensor_slices(features)
    with pytest.raises(ValueError, match=r"Feature 'v' has shape \(3,\) per element; only scalar"):
        GANAugmenter(**tiny_params).fit(dataset)
