"""``ganaug demo``: the whole job on the embedded Adult sample."""

import time
from pathlib import Path

from ._tables import write_table


def run(args):
    """Fit on the Adult sample; write real.csv, synthetic.csv and report.html."""
    from .. import GANAugmenter
    from ..datasets import load_adult_sample
    from ..report import make_report

    real = load_adult_sample()
    print(f"Fitting on the embedded Adult sample: {real.shape[0]} rows x {real.shape[1]} columns")
    start = time.perf_counter()
    augmenter = GANAugmenter(epochs=args.epochs, random_state=args.seed, verbose=not args.quiet)
    augmenter.fit(real)
    print(f"Fitted {augmenter.epochs_} epochs in {time.perf_counter() - start:.1f} s.")
    synthetic = augmenter.sample(len(real))
    print(summary(real, synthetic).to_string())
    folder = args.output_dir
    real_path = write_table(real, folder / "real.csv")
    synthetic_path = write_table(synthetic, folder / "synthetic.csv")
    report = make_report(real, synthetic, model=augmenter, random_state=args.seed)
    report_path = Path(report.save(folder / "report.html")).resolve()
    print(f"Wrote the {len(real)} real rows to {real_path}")
    print(f"Wrote {len(synthetic)} synthetic rows to {synthetic_path}")
    print(f"Wrote the report to {report_path}")
    return 0


def summary(real, synthetic):
    """A few figures of the real and the synthetic Adult rows, side by side."""
    import pandas as pd

    figures = {
        "share with income >50K": lambda d: (d["income"] == ">50K").mean(),
        "mean age": lambda d: d["age"].mean(),
        "mean hours-per-week": lambda d: d["hours-per-week"].mean(),
        "share female": lambda d: (d["sex"] == "Female").mean(),
    }
    return pd.DataFrame(
        {"real": {k: f(real) for k, f in figures.items()},
         "synthetic": {k: f(synthetic) for k, f in figures.items()}}
    ).round(3)
