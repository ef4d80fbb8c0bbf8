"""The argument parser: commands, shared option groups, help and usage errors."""

import argparse
from pathlib import Path

from . import _commands, _demo


class _Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose usage errors are one line on stderr."""

    def error(self, message):
        self.exit(2, f"ganaug: error: {message} (see '{self.prog} --help')\n")


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the line breaks of the descriptions and examples."""


def build_parser():
    """The ``ganaug`` parser with one sub-parser per command."""
    from .. import __version__

    parser = _Parser(
        prog="ganaug", formatter_class=_Formatter,
        description="Tabular data augmentation with a conditional GAN.",
        epilog="Start with:  ganaug demo\nThen see:    ganaug COMMAND --help",
    )
    parser.add_argument("--version", action="version", version=f"ganaug {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    commands = parser.add_subparsers(dest="command", title="commands", metavar="COMMAND")
    for add in (_demo_parser, _fit_parser, _sample_parser, _augment_parser, _report_parser):
        add(commands)
    return parser


def _command(commands, name, run, summary, description, example):
    sub = commands.add_parser(
        name, help=summary, description=f"{summary}.\n\n{description}",
        epilog=f"example:\n  {example}", formatter_class=_Formatter,
    )
    sub.set_defaults(run=run)
    return sub


def _common(parser):
    """--quiet and --debug, accepted after every command."""
    group = parser.add_argument_group("output")
    group.add_argument("--quiet", action="store_true", help="no progress bar")
    # SUPPRESS: a --debug given before the command is not reset here.
    group.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                       help="show tracebacks on errors")


def _fit_options(parser):
    """The options of every command that fits a model."""
    group = parser.add_argument_group("fit options")
    group.add_argument("--target", metavar="COL",
                       help="the column to predict, modelled jointly with the others "
                            "(class labels as categories, other values as numbers)")
    _epochs(group)
    _seed(group, None, "seed: the same seed gives the same model and rows "
                       "(default: different each run)")
    _discrete(group)


def _epochs(parser):
    parser.add_argument("--epochs", type=positive_int, metavar="N",
                        help="passes over the table (default: about 6,000 training steps)")


def _seed(parser, default, help):
    parser.add_argument("--seed", type=int, default=default, metavar="S", help=help)


def _discrete(parser):
    parser.add_argument("--discrete", action="append", default=[], metavar="COL",
                        help="a numeric column to treat as categories (repeatable; "
                             "text columns always are)")


def _demo_parser(commands):
    sub = _command(
        commands, "demo", _demo.run, "Fit on the embedded Adult sample and write "
        "synthetic rows and a report",
        "Fits a GANAugmenter on 2,000 rows of the UCI Adult census table that ship\n"
        "with ganaug, then writes into OUTPUT_DIR: real.csv (those rows), synthetic.csv\n"
        "(as many synthetic rows) and report.html (how they compare).",
        "ganaug demo -o demo",
    )
    sub.add_argument("-o", "--output-dir", type=Path, default=Path("."), metavar="OUTPUT_DIR",
                     help="folder for the files (default: the current folder)")
    _epochs(sub)
    _seed(sub, 0, "seed (default: 0)")
    _common(sub)


def _fit_parser(commands):
    sub = _command(
        commands, "fit", _commands.fit, "Fit a model on a table and save it",
        "DATA is a .csv, .parquet or .pq file; MODEL is a ganaug model file that\n"
        "'ganaug sample' reads.",
        "ganaug fit adult.csv -o adult.ganaug --target income",
    )
    sub.add_argument("data", type=Path, metavar="DATA", help="the table to learn")
    sub.add_argument("-o", "--output", type=Path, required=True, metavar="MODEL",
                     help="where to save the model")
    _fit_options(sub)
    _common(sub)


def _sample_parser(commands):
    sub = _command(
        commands, "sample", _commands.sample, "Draw synthetic rows from a saved model",
        "Writes N rows with the training table's columns (the target, when the model\n"
        "has one, last) to OUT, a .csv, .parquet or .pq file.",
        "ganaug sample adult.ganaug -n 1000 -o synthetic.csv --condition income='>50K'",
    )
    sub.add_argument("model", type=Path, metavar="MODEL", help="a model written by 'ganaug fit'")
    sub.add_argument("-n", "--n-rows", type=positive_int, required=True, metavar="N",
                     help="number of rows")
    sub.add_argument("-o", "--output", type=Path, required=True, metavar="OUT",
                     help="where to write the rows")
    sub.add_argument("--condition", action="append", default=[], metavar="COL=VALUE",
                     help="every row holds VALUE in the discrete column COL (repeatable)")
    _seed(sub, None, "seed of this draw (default: the seed saved with the model)")
    _common(sub)


def _augment_parser(commands):
    sub = _command(
        commands, "augment", _commands.augment, "Fit a model and append its rows to the table",
        "Writes DATA's rows unchanged, then the synthetic ones, to OUT.",
        "ganaug augment adult.csv -o augmented.csv --n-synthetic 0.5",
    )
    sub.add_argument("data", type=Path, metavar="DATA", help="the table to augment")
    sub.add_argument("-o", "--output", type=Path, required=True, metavar="OUT",
                     help="where to write the augmented table")
    sub.add_argument("--n-synthetic", type=row_count, default=1.0, metavar="N|FRACTION",
                     help="rows to add: a count (500) or a fraction of DATA's rows "
                          "(0.5; default: 1.0, as many as DATA has)")
    _fit_options(sub)
    _common(sub)


def _report_parser(commands):
    sub = _command(
        commands, "report", _commands.report, "Compare real and synthetic rows in an HTML report",
        "REAL and SYNTH are .csv, .parquet or .pq files with the same columns.",
        "ganaug report adult.csv synthetic.csv -o report.html",
    )
    sub.add_argument("real", type=Path, metavar="REAL", help="the real table")
    sub.add_argument("synthetic", type=Path, metavar="SYNTH", help="the synthetic table")
    sub.add_argument("-o", "--output", type=Path, default=Path("report.html"), metavar="REPORT",
                     help="the .html file to write (default: report.html)")
    sub.add_argument("--model", type=Path, metavar="MODEL",
                     help="the model that made SYNTH, to include its training history")
    _discrete(sub)
    _seed(sub, 0, "seed of the report's own randomness (default: 0)")
    _common(sub)


def positive_int(text):
    """Parse a whole number >= 1 (``-n``, ``--epochs``)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1; received {text!r}")
    return value


def row_count(text):
    """Parse ``--n-synthetic``: a count (``500``) or a fraction (``0.5``)."""
    try:
        value = int(text)
    except ValueError:
        try:
            value = float(text)
        except ValueError:
            value = -1
    if not 0 <= value < float("inf"):
        raise argparse.ArgumentTypeError(
            f"expected a row count (500) or a fraction of the rows (0.5); received {text!r}"
        )
    return value
