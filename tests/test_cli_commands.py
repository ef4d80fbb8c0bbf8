"""The commands, run in-process through ``main`` with tiny networks."""

import contextlib
import io
import sys
import types

import numpy as np
import pandas as pd
import pytest

from ganaug import GANAugmenter
from ganaug._cli import main
from ganaug.datasets import load_adult_sample

from .conftest import TINY

# The tiny networks for every GANAugmenter the commands build (they pass
# their own epochs, seed and verbosity).
SMALL = {name: value for name, value in TINY.items() if name not in ("epochs", "random_state")}


@contextlib.contextmanager
def small_networks():
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(GANAugmenter.__init__, "__kwdefaults__",
                      {**GANAugmenter.__init__.__kwdefaults__, **SMALL})
        yield


@pytest.fixture
def small():
    with small_networks():
        yield


def make_table(n=80, seed=0):
    rng = np.random.default_rng(seed)
    return pd.DataFrame({
        "age": rng.integers(20, 70, n),
        "score": rng.normal(50, 10, n).round(2),
        "city": rng.choice(["Oslo", "Rome", "Lima"], n),
        "rooms": rng.integers(1, 4, n),        # 3 distinct ints: a discrete column
        "label": rng.choice(["yes", "no"], n),
    })


def run(argv):
    """``(exit code, stdout, stderr)`` of ``main(argv)``."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def fitted(tmp_path_factory):
    """A table on disk and a model fitted on it with ``--target label --quiet``."""
    folder = tmp_path_factory.mktemp("fitted")
    data, model = folder / "data.csv", folder / "models" / "model.ganaug"  # a new folder
    make_table().to_csv(data, index=False)
    with small_networks():
        result = run(["fit", data, "-o", model, "--target", "label", "--epochs", 2,
                      "--seed", 0, "--quiet"])
    return types.SimpleNamespace(folder=folder, data=data, model=model, result=result)


def test_fit_saves_a_model_without_progress_when_quiet(fitted):
    code, out, err = fitted.result
    assert code == 0, err
    assert f"Wrote the model to {fitted.model.resolve()}" in out
    assert "Fitted 2 epochs on 80 rows x 5 columns" in out
    assert "ganaug fit" not in err and "epoch" not in err
    model = GANAugmenter.load(fitted.model)
    assert model.random_state == 0 and model.epochs_ == 2


def test_sample_holds_the_conditions_typed_like_the_columns(fitted, tmp_path):
    out_path = tmp_path / "rows.csv"
    code, out, err = run(["sample", fitted.model, "-n", 40, "-o", out_path,
                          "--condition", "city=Lima", "--condition", "rooms=2",
                          "--condition", "label=yes"])
    assert code == 0, err
    assert out == f"Wrote 40 synthetic rows to {out_path.resolve()}\n"
    rows = pd.read_csv(out_path)
    # The features in training order, then the target.
    assert list(rows.columns) == ["age", "score", "city", "rooms", "label"]
    assert len(rows) == 40
    assert (rows["city"] == "Lima").all() and (rows["label"] == "yes").all()
    assert (rows["rooms"] == 2).all() and rows["rooms"].dtype == np.int64


def test_sample_seed_repeats_rows(fitted, tmp_path):
    def draw(name, *seed):
        path = tmp_path / name
        assert run(["sample", fitted.model, "-n", 30, "-o", path, *seed])[0] == 0
        return pd.read_csv(path)

    pd.testing.assert_frame_equal(draw("a.csv", "--seed", 5), draw("b.csv", "--seed", 5))
    assert not draw("c.csv", "--seed", 6).equals(draw("d.csv", "--seed", 5))
    # Without --seed, the seed saved with the model: the same rows each time.
    pd.testing.assert_frame_equal(draw("e.csv"), draw("f.csv"))


@pytest.mark.parametrize("condition, message", [
    ("town=Oslo", "--condition names an unknown column 'town'; the model's discrete "
                  "columns are ['city', 'rooms', 'label']."),
    ("score=3", "--condition names 'score', a continuous column; conditions take the "
                "discrete columns ['city', 'rooms', 'label']."),
    ("city=Paris", "--condition city=Paris: column 'city' never held the value 'Paris' "
                   "during fit; its values are ['Lima', 'Oslo', 'Rome']."),
    ("rooms=two", "--condition rooms=two: column 'rooms' never held the value 'two' "
                  "during fit; its values are ['1', '2', '3']."),
    ("city", "--condition takes COL=VALUE; received 'city'."),
])
def test_bad_conditions_are_one_line_errors(fitted, tmp_path, condition, message):
    out_path = tmp_path / "rows.csv"
    code, _, err = run(["sample", fitted.model, "-n", 5, "-o", out_path,
                          "--condition", condition])
    assert (code, err) == (1, f"ganaug: error: {message}\n")
    assert not out_path.exists()


@pytest.mark.parametrize("argv, message", [
    (["fit", "{data}", "-o", "m", "--target", "income"],
     "--target names 'income', which is not a column of DATA; its columns are "
     "['age', 'score', 'city', 'rooms', 'label']."),
    (["augment", "{data}", "-o", "out.csv", "--discrete", "size"],
     "--discrete names 'size', which is not a column of DATA; its columns are "
     "['age', 'score', 'city', 'rooms', 'label']."),
    (["augment", "{data}", "-o", "out.json"],
     "-o must be a table file ending in .parquet, .pq, .csv; received 'out.json' with "
     "the extension '.json'."),
    (["sample", "{data}", "-n", "5", "-o", "rows.csv"],
     "MODEL: {data} is not a readable ganaug model file: File is not a zip file."),
    (["sample", "missing.ganaug", "-n", "5", "-o", "rows.csv"],
     "MODEL: no such file: 'missing.ganaug'."),
    (["report", "{data}", "{data}", "-o", "report.pdf"],
     "-o must name an .html file; received 'report.pdf'."),
])
def test_user_errors_are_one_line_before_any_training(fitted, argv, message):
    argv = [a.format(data=fitted.data) for a in argv]
    code, out, err = run(argv)
    assert (code, out) == (1, "")
    assert err == f"ganaug: error: {message.format(data=fitted.data)}\n"


def test_usage_errors_name_the_option(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["augment", "d.csv", "-o", "o.csv", "--n-synthetic", "many"])
    assert exit_.value.code == 2
    assert capsys.readouterr().err == (
        "ganaug: error: argument --n-synthetic: expected a row count (500) or a fraction "
        "of the rows (0.5); received 'many' (see 'ganaug augment --help')\n"
    )


@pytest.mark.parametrize("n_synthetic, n_new, suffix", [
    pytest.param("0.5", 40, ".parquet", marks=pytest.mark.slow), ("7", 7, ".csv"),
])
def test_augment_appends_rows_and_shows_progress(small, tmp_path, n_synthetic, n_new, suffix):
    pytest.importorskip("pyarrow", reason="Parquet needs pyarrow")
    data = make_table().astype({"city": "category"})
    data_path, out_path = tmp_path / "data.pq", tmp_path / f"augmented{suffix}"
    data.to_parquet(data_path)
    before = data_path.read_bytes()
    code, out, err = run(["augment", data_path, "-o", out_path, "--n-synthetic", n_synthetic,
                          "--target", "label", "--epochs", 2, "--seed", 0])
    assert code == 0, err
    assert "ganaug fit" in err  # the progress bar, without --quiet
    assert f"Wrote 80 real and {n_new} synthetic rows to {out_path.resolve()}" in out
    assert data_path.read_bytes() == before
    augmented = pd.read_parquet(out_path) if suffix == ".parquet" else pd.read_csv(out_path)
    assert list(augmented.columns) == list(data.columns) and len(augmented) == 80 + n_new
    if suffix == ".parquet":
        pd.testing.assert_frame_equal(augmented.iloc[:80], data)
        pd.testing.assert_series_equal(augmented.dtypes, data.dtypes)
    assert set(augmented["label"].iloc[80:]) <= {"yes", "no"}


@pytest.fixture
def fake_report(monkeypatch):
    """Stands for ``ganaug.report``: records the calls, writes a small file."""
    calls = []

    def make_report(real, synthetic, *, model=None, discrete_columns=None, random_state=0):
        calls.append(dict(real=real, synthetic=synthetic, model=model,
                          discrete_columns=discrete_columns, random_state=random_state))

        def save(path):
            with open(path, "w") as file:
                file.write("<html></html>")
            return path

        return types.SimpleNamespace(save=save)

    monkeypatch.setitem(sys.modules, "ganaug.report",
                        types.SimpleNamespace(make_report=make_report))
    return calls


def test_demo_writes_real_and_synthetic_rows_and_a_report(small, fake_report, tmp_path):
    folder = tmp_path / "demo"
    code, out, err = run(["demo", "-o", folder, "--epochs", 1, "--seed", 3, "--quiet"])
    assert code == 0, err
    real = load_adult_sample()
    pd.testing.assert_frame_equal(pd.read_csv(folder / "real.csv"), real)
    synthetic = pd.read_csv(folder / "synthetic.csv")
    assert synthetic.shape == real.shape and list(synthetic.columns) == list(real.columns)
    assert (folder / "report.html").read_text() == "<html></html>"
    (call,) = fake_report
    assert isinstance(call["model"], GANAugmenter) and call["model"].epochs_ == 1
    assert call["random_state"] == 3 and call["real"].equals(real)
    for name in ("real.csv", "synthetic.csv", "report.html"):
        assert str((folder / name).resolve()) in out


def test_report_reads_both_tables_and_passes_the_options(fitted, fake_report, tmp_path):
    synthetic = tmp_path / "synthetic.csv"
    assert run(["sample", fitted.model, "-n", 20, "-o", synthetic])[0] == 0
    out_path = tmp_path / "r.html"
    code, out, err = run(["report", fitted.data, synthetic, "-o", out_path,
                          "--model", fitted.model, "--discrete", "rooms", "--seed", 4])
    assert code == 0, err
    assert out == f"Wrote the report to {out_path.resolve()}\n"
    (call,) = fake_report
    assert call["real"].equals(pd.read_csv(fitted.data))
    # SYNTH's columns (the target last) are put in REAL's order.
    assert list(call["synthetic"].columns) == list(call["real"].columns)
    assert len(call["synthetic"]) == 20
    assert isinstance(call["model"], GANAugmenter)
    assert call["discrete_columns"] == ["rooms"] and call["random_state"] == 4


def test_report_needs_the_same_columns(fitted, fake_report, tmp_path):
    other = tmp_path / "other.csv"
    pd.DataFrame({"age": [1], "height": [2.0]}).to_csv(other, index=False)
    code, _, err = run(["report", fitted.data, other, "-o", tmp_path / "r.html"])
    assert code == 1 and not fake_report
    assert err == (
        "ganaug: error: SYNTH must have the same columns as REAL; missing "
        "['score', 'city', 'rooms', 'label'], unexpected ['height'].\n"
    )


@pytest.mark.parametrize("command", ["demo", "fit", "sample", "augment", "report"])
def test_every_command_has_help_with_an_example(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    help_text = capsys.readouterr().out
    assert f"usage: ganaug {command}" in help_text
    assert f"example:\n  ganaug {command}" in help_text
