import base64
import io
import os
import re
import subprocess
import sys

import matplotlib.image
import numpy as np
import pandas as pd
import pytest
from threadpoolctl import threadpool_limits

from ganaug import GANAugmenter
from ganaug.report import Report, make_report

from .conftest import mixed_frame

CORRELATIONS = {"correlation:real", "correlation:synthetic", "correlation:difference"}


@pytest.fixture(autouse=True)
def one_thread():
    # Tiny tables: OpenMP thread start-up would cost more than the boosting.
    with threadpool_limits(1):
        yield


@pytest.fixture(scope="module")
def pair():
    return mixed_frame(80, 0), mixed_frame(70, 1)


@pytest.fixture(scope="module")
def report(pair):
    with threadpool_limits(1):
        return make_report(*pair)


def decode(png):
    return matplotlib.image.imread(io.BytesIO(png), format="png")


def test_figures_are_png_images_for_exactly_the_right_columns(report, pair):
    real, _ = pair
    expected = {f"marginal:{c}" for c in real.columns} | CORRELATIONS
    assert set(report.figures) == expected
    for name, png in report.figures.items():
        image = decode(png)
        assert image.ndim == 3 and image.shape[0] > 0 and image.shape[1] > 0, name
        assert image.std() > 0, f"{name} is blank"


def test_scores_come_from_the_metrics(report, pair):
    from ganaug.metrics import column_shapes, evaluate

    pd.testing.assert_frame_equal(report.scores, evaluate(*pair))
    pd.testing.assert_frame_equal(report.column_shapes, column_shapes(*pair))
    assert "loss" not in report.figures


def test_saved_html_is_self_contained(report, tmp_path):
    path = report.save(tmp_path / "report.html")
    assert path == tmp_path / "report.html"
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert page.count("data:image/png;base64,") == len(report.figures)
    # Base64 payloads can spell anything; check the page around them.
    text = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "data:", page)
    assert "http" not in text and "//" not in text.replace("<!DOCTYPE", "")
    assert "<script" not in text and "<link" not in text and "url(" not in text
    assert re.findall(r'src="([^"]*)"', text) == ["data:"] * len(report.figures)
    embedded = re.findall(r"data:image/png;base64,([A-Za-z0-9+/=]+)", page)
    assert [base64.b64decode(data) for data in embedded] == list(report.figures.values())


def test_html_holds_the_score_table(report):
    page = report.to_html()
    for metric, value in zip(report.scores["metric"], report.scores["value"]):
        assert f"<td>{metric}</td>" in page
        assert f"{value:.4f}" in page
    fragment = report._repr_html_()
    assert fragment.startswith('<div class="ganaug-report">')
    assert "<html" not in fragment and "detection_auc" in fragment


@pytest.mark.slow
def test_loss_figure_iff_a_fitted_model_is_given(frame, tiny_params):
    model = GANAugmenter(**tiny_params).fit(frame)
    synthetic = model.sample(40)
    with_model = make_report(frame, synthetic, model=model)
    assert "loss" in with_model.figures
    assert decode(with_model.figures["loss"]).shape[0] > 0
    # Without a model there is no loss figure: see test_scores_come_from_the_metrics.
    with pytest.raises(ValueError, match="model must be fitted.*unfitted GANAugmenter"):
        make_report(frame, synthetic, model=GANAugmenter(**tiny_params))


def test_wide_tables_draw_only_the_worst_columns(pair):
    real, synthetic = pair
    synthetic = synthetic.assign(int=synthetic["int"] + 500, text="red")
    report = make_report(real, synthetic, max_marginals=2)
    marginals = {name for name in report.figures if name.startswith("marginal:")}
    assert marginals == {"marginal:int", "marginal:text"}
    assert report.n_marginals_skipped == len(real.columns) - 2
    assert "8 more column(s) not drawn" in report.to_html()


def test_no_correlation_figures_without_two_continuous_columns():
    real = pd.DataFrame({"x": np.arange(30.0), "c": list("abc") * 10})
    report = make_report(real, real)
    assert set(report.figures) == {"marginal:x", "marginal:c"}


def test_inputs_are_not_mutated(pair):
    real, synthetic = pair
    before = real.copy(deep=True), synthetic.copy(deep=True)
    make_report(real, synthetic, discrete_columns=["int"])
    pd.testing.assert_frame_equal(real, before[0])
    pd.testing.assert_frame_equal(synthetic, before[1])


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"max_marginals": -1}, ValueError, "max_marginals must be >= 0; received -1"),
        ({"max_marginals": 2.5}, TypeError, "max_marginals must be an int"),
        ({"model": type("Fake", (), {"history_": [1.0]})()}, TypeError,
         "model.history_ must be a DataFrame.*received list"),
        ({"discrete_columns": ["nope"]}, ValueError,
         r"discrete_columns names 'nope', which is not a column of real; columns are \["),
    ],
)
def test_bad_arguments_raise_clear_errors(pair, kwargs, error, match):
    with pytest.raises(error, match=match):
        make_report(*pair, **kwargs)


@pytest.mark.slow
def test_pyplot_is_never_imported():
    code = (
        "import sys, pandas as pd; from ganaug.report import make_report; "
        "t = pd.DataFrame({'x': [1.0, 2.0, 3.0, 4.0, 5.0], 'y': [2.0, 1.0, 4.0, 3.0, 5.0]}); "
        "make_report(t, t); assert 'matplotlib.pyplot' not in sys.modules"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={**os.environ, "OMP_NUM_THREADS": "1"},
                            timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]


def test_report_repr_counts_the_scores():
    assert "4 scores" in repr(Report(pd.DataFrame({"metric": list("abcd")}), {},
                                     pd.DataFrame(), pd.DataFrame()))
