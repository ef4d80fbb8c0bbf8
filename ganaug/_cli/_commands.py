"""The ``fit``, ``sample``, ``augment`` and ``report`` commands.

Each takes the parsed arguments, prints where its output went and returns
the exit code.  Checks that need no model (files, extensions, columns) run
before any training.
"""

import time
from pathlib import Path

from ._conditions import parse_conditions
from ._errors import CommandError
from ._tables import check_input_file, output_path, read_table, table_format, write_table


def fit(args):
    """``ganaug fit DATA -o MODEL``: fit a model and save it."""
    data = read_table(args.data, "DATA")
    augmenter = fit_augmenter(data, args)
    augmenter.save(output_path(args.output))
    print(f"Wrote the model to {Path(args.output).resolve()}")
    return 0


def sample(args):
    """``ganaug sample MODEL -n N -o OUT``: draw rows from a saved model.

    Rows are written in chunks (:meth:`GANAugmenter.write_samples`), so
    memory stays bounded however many are asked for.
    """
    table_format(args.output, "-o")
    augmenter = load_augmenter(args.model)
    conditions = parse_conditions(args.condition, augmenter)
    path = output_path(Path(args.output))
    augmenter.write_samples(path, args.n_rows, conditions=conditions, random_state=args.seed)
    print(f"Wrote {args.n_rows} synthetic rows to {path.resolve()}")
    return 0


def augment(args):
    """``ganaug augment DATA -o OUT``: fit, then append synthetic rows."""
    import pandas as pd

    from .._estimators._params import n_synthetic_rows

    data = read_table(args.data, "DATA")
    table_format(args.output, "-o")
    augmenter = fit_augmenter(data, args, n_synthetic=args.n_synthetic)
    n_new = n_synthetic_rows(augmenter.n_synthetic, len(data))
    synthetic = draw_table(augmenter, n_new)[data.columns]
    augmented = pd.concat([data, synthetic], ignore_index=True)
    path = write_table(augmented, args.output)
    print(f"Wrote {len(data)} real and {n_new} synthetic rows to {path}")
    return 0


def report(args):
    """``ganaug report REAL SYNTH -o REPORT``: an HTML comparison."""
    check_html(args.output)
    from ..metrics._kinds import check_same_columns
    from ..report import make_report

    real = read_table(args.real, "REAL")
    synthetic = read_table(args.synthetic, "SYNTH")
    try:
        check_same_columns(real, synthetic, "REAL", "SYNTH")
    except ValueError as error:
        raise CommandError(str(error)) from None
    synthetic = synthetic[real.columns]
    check_columns(args.discrete, real, "--discrete", "REAL")
    model = load_augmenter(args.model) if args.model is not None else None
    result = make_report(real, synthetic, model=model,
                         discrete_columns=args.discrete or None, random_state=args.seed)
    print(f"Wrote the report to {Path(result.save(output_path(args.output))).resolve()}")
    return 0


def fit_augmenter(data, args, **params):
    """A ``GANAugmenter`` fitted on ``data`` with the fit options in ``args``.

    Parameters
    ----------
    data : DataFrame
        The table; ``args.target`` (if any) is split off as ``y``.
    args : argparse.Namespace
        ``target``, ``epochs``, ``seed``, ``discrete`` and ``quiet``.
    **params
        More ``GANAugmenter`` parameters.

    Returns
    -------
    GANAugmenter
    """
    from .. import GANAugmenter

    check_columns(args.discrete, data, "--discrete", "DATA")
    X, y = data, None
    if args.target is not None:
        check_columns([args.target], data, "--target", "DATA")
        X, y = data.drop(columns=args.target), data[args.target]
    augmenter = GANAugmenter(epochs=args.epochs, random_state=args.seed,
                             discrete_columns=args.discrete or None,
                             verbose=not args.quiet, **params)
    start = time.perf_counter()
    augmenter.fit(X, y)
    print(f"Fitted {augmenter.epochs_} epochs on {data.shape[0]} rows x "
          f"{data.shape[1]} columns in {time.perf_counter() - start:.1f} s")
    return augmenter


def draw_table(augmenter, n_rows, *, conditions=None, seed=None):
    """``n_rows`` synthetic rows as one DataFrame (the target, if any, last)."""
    import pandas as pd

    rows = augmenter.sample(n_rows, conditions=conditions, random_state=seed)
    if not isinstance(rows, tuple):
        return pd.DataFrame(rows)
    X, y = rows
    return pd.concat([pd.DataFrame(X), pd.Series(y, name=augmenter.model_.container.target_key)],
                     axis=1)


def load_augmenter(path):
    """Read a model file; a file that is not a model raises ``ValueError``."""
    from .. import GANAugmenter

    check_input_file(path, "MODEL")
    try:
        return GANAugmenter.load(path)
    except ValueError as error:
        raise CommandError(f"MODEL: {error}") from None


def check_columns(names, data, option, label):
    """Raise a :class:`CommandError` unless every name is a column of ``data``."""
    columns = [str(c) for c in data.columns]
    for name in names:
        if name not in columns:
            raise CommandError(
                f"{option} names {name!r}, which is not a column of {label}; "
                f"its columns are {columns}."
            )


def check_html(path):
    """The report is written as one .html file."""
    if Path(path).suffix.lower() not in (".html", ".htm"):
        raise CommandError(f"-o must name an .html file; received '{path}'.")
