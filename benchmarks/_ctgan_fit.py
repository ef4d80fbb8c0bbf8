"""CTGAN's side of ``bench_fidelity.py --live-ctgan``; run it with CTGAN's interpreter.

    /path/to/ctgan-venv/bin/python benchmarks/_ctgan_fit.py TRAIN.csv OUT.csv

Fits ``CTGAN()`` (its defaults: 300 epochs) on 2 torch threads with the
discrete columns of shared/ANCHORS.md (text or fewer than 10 values), writes
as many synthetic rows to OUT.csv and prints ``{"fit_s": ...}`` last.
"""

import json
import sys
import time

import pandas as pd


def main():
    import torch
    from ctgan import CTGAN

    torch.set_num_threads(2)
    train = pd.read_csv(sys.argv[1])
    discrete = [c for c in train.columns if train[c].dtype == object or train[c].nunique() < 10]
    start = time.perf_counter()
    model = CTGAN()
    model.fit(train, discrete)
    fit_s = time.perf_counter() - start
    model.sample(len(train)).to_csv(sys.argv[2], index=False)
    print(json.dumps({"fit_s": fit_s}))


if __name__ == "__main__":
    main()
