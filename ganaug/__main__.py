"""The ``ganaug`` command (also ``python -m ganaug``)."""

import argparse
import sys
import time
from pathlib import Path


def main(argv=None):
    """Run the ``ganaug`` command line; return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        return args.run(args)
    except (ValueError, TypeError, OSError) as error:
        if args.debug:
            raise
        print(f"ganaug: error: {error}", file=sys.stderr)
        return 1


def _parser():
    parser = argparse.ArgumentParser(
        prog="ganaug", description="Tabular data augmentation with a conditional GAN."
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    commands = parser.add_subparsers(dest="command")
    demo = commands.add_parser(
        "demo",
        help="fit on the embedded Adult sample and write synthetic rows",
        description="Fit a GANAugmenter with default settings on 2,000 rows of the "
        "UCI Adult census table that ship with ganaug, then write as many "
        "synthetic rows to OUTPUT_DIR/synthetic.csv.\n\nExample: ganaug demo -o out",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    demo.add_argument("-o", "--output-dir", default="ganaug-demo", type=Path)
    demo.add_argument("--epochs", type=int, default=None, help="default: automatic")
    demo.add_argument("--seed", type=int, default=0)
    demo.add_argument("--quiet", action="store_true", help="no progress bar")
    demo.set_defaults(run=_demo)
    return parser


def _demo(args):
    from ganaug import GANAugmenter
    from ganaug.datasets import load_adult_sample

    real = load_adult_sample()
    print(f"Fitting on the embedded Adult sample: {real.shape[0]} rows x {real.shape[1]} columns")
    start = time.perf_counter()
    aug = GANAugmenter(epochs=args.epochs, random_state=args.seed, verbose=not args.quiet)
    aug.fit(real)
    seconds = time.perf_counter() - start
    synthetic = aug.sample(len(real))
    args.output_dir.mkdir(parents=True, exist_ok=True)
    path = args.output_dir / "synthetic.csv"
    synthetic.to_csv(path, index=False)
    print(f"Fitted {aug.epochs_} epochs in {seconds:.1f} s.")
    print(_summary(real, synthetic).to_string())
    print(f"Wrote {len(synthetic)} synthetic rows to {path.resolve()}")
    return 0


def _summary(real, synthetic):
    import pandas as pd

    rows = {
        "share with income >50K": lambda d: (d["income"] == ">50K").mean(),
        "mean age": lambda d: d["age"].mean(),
        "mean hours-per-week": lambda d: d["hours-per-week"].mean(),
        "share female": lambda d: (d["sex"] == "Female").mean(),
    }
    return pd.DataFrame(
        {"real": {k: f(real) for k, f in rows.items()},
         "synthetic": {k: f(synthetic) for k, f in rows.items()}}
    ).round(3)


if __name__ == "__main__":
    sys.exit(main())
