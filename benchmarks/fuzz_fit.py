"""Fuzz ``GANAugmenter.fit`` and ``sample`` with random messy tables.

Run from the repository root (about 0.7 s per example on 2 cores):

    python benchmarks/fuzz_fit.py [N_EXAMPLES] [--seed SEED]

Each example is a table from ``tests/tables.py`` (1 to 200 rows of float,
int, bool, string, category, datetime and mixed columns, with random missing
values, odd names, extreme magnitudes and constant columns); ``fit`` must
refuse it with a ValueError/TypeError naming the problem, or fit it and
``sample`` rows that keep the training columns, dtypes, ranges, categories
and missing-value columns.  Prints the count of failures (target 0) and a
summary of each distinct one.
"""

import argparse
import collections
import os
import sys
import time
import traceback

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from hypothesis import HealthCheck, given, seed, settings

from tests.tables import describe, fit_or_refuse, tables


def run(n_examples, random_seed):
    """Run ``n_examples`` tables; return ``(counts, failures, refused)``."""
    counts = collections.Counter()
    failures = collections.OrderedDict()

    @seed(random_seed)
    @settings(max_examples=n_examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(tables())
    def one(frame):
        counts["examples"] += 1
        if counts["examples"] % 100 == 0:
            print(f"... {counts['examples']} examples, {counts['failures']} failures",
                  flush=True)
        try:
            error = fit_or_refuse(frame)
        except Exception as failure:
            counts["failures"] += 1
            key = f"{type(failure).__name__}: {str(failure).splitlines()[0][:160]}"
            failures.setdefault(key, (describe(frame), traceback.format_exc(limit=-4)))
        else:
            counts["refused" if error is not None else "fitted"] += 1
            if error is not None:
                counts[f"  refused: {str(error)[:70]}"] += 1

    one()
    return counts, failures


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n_examples", nargs="?", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    counts, failures = run(args.n_examples, args.seed)
    minutes = (time.perf_counter() - start) / 60
    print(f"\nexamples: {counts['examples']}  fitted: {counts['fitted']}  "
          f"refused: {counts['refused']}  ({minutes:.1f} min)")
    for key, n in sorted(counts.items()):
        if key.startswith("  refused"):
            print(f"{n:6d} {key.strip()}")
    print(f"failures: {counts['failures']}")
    for key, (table, trace) in failures.items():
        print(f"\n--- {key}\n    table: {table}\n{trace}")
    return 1 if counts["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
