#!/usr/bin/env bash
# Every ganaug command in turn: the commands of the README's command line
# section, with --epochs 20 so that the whole script takes about a minute on
# 2 CPU cores (without --epochs, about 6,000 training steps give much better
# rows).  Run `bash examples/command_line.sh` in a scratch folder: it writes
# its files there.
set -euo pipefail

# 1. The demo: real.csv (2,000 Adult rows), synthetic.csv and report.html.
ganaug demo --epochs 20

# 2. Fit on a table with a target column and save the model.
ganaug fit real.csv -o adult.ganaug --target income --seed 0 --epochs 20

# 3. Draw rows from the saved model: plain, then conditioned on two columns.
ganaug sample adult.ganaug -n 2000 -o sampled.parquet --seed 1
ganaug sample adult.ganaug -n 500 -o rich.csv --condition income='>50K' --condition sex=Female

# 4. Fit and append in one go: the table plus half as many synthetic rows.
ganaug augment real.csv -o augmented.csv --n-synthetic 0.5 --seed 0 --epochs 20

# 5. Compare the sampled rows with the real ones.
ganaug report real.csv sampled.parquet -o sampled.html --model adult.ganaug

# A mistake is one line on stderr and a non-zero exit code.
if ! ganaug sample adult.ganaug -n 10 -o rows.csv --condition income=rich; then
    echo "(the error above is expected: income never held the value 'rich')"
fi
