"""What ``sample``'s copy guard costs, measured in one process.

    python benchmarks/bench_sample_guard.py [--rows 200000]

Fits ``GANAugmenter`` at CTGAN's network sizes on ``../shared/datasets/adult.csv``
for one epoch (speed does not depend on training length), then times, median of 3
after a warm-up: ``sample(rows)`` (generation, decoding and the copy guard) against
generation and decoding alone, and the row hashing by itself.
"""

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _timing import CTGAN_SHAPE, median_seconds  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--data-dir", type=Path, default=HERE.parents[1] / "shared" / "datasets")
    args = parser.parse_args()
    csv = args.data_dir / "adult.csv"
    if not csv.is_file():
        sys.exit(f"The shared datasets are missing: {csv} not found (use --data-dir).")
    import pandas as pd

    from ganaug import GANAugmenter
    from ganaug._data._row_hashes import row_hashes
    from ganaug._sampling._drawing import draw_table

    aug = GANAugmenter(epochs=1, random_state=0, **CTGAN_SHAPE).fit(pd.read_csv(csv))
    rows = aug.sample(args.rows)
    full = median_seconds(lambda: aug.sample(args.rows))
    bare = median_seconds(lambda: draw_table(aug.model_, args.rows, {}, 1))
    hashing = median_seconds(lambda: row_hashes(rows))
    print(f"sample({args.rows:,}): {full:.2f} s ({args.rows / full:,.0f} rows/s); "
          f"generation and decoding alone {bare:.2f} s: ratio {full / bare:.2f}; "
          f"row hashing {hashing:.2f} s")


if __name__ == "__main__":
    main()
