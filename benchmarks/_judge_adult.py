"""Judge synthetic adult rows as shared/ANCHORS.md does; prints JSON last.

Run under an interpreter with sdmetrics (it needs pandas < 3, so not ganaug's
own environment):  python _judge_adult.py SYNTHETIC.csv --data-dir DIR
"""

import argparse
import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from sdmetrics.reports.single_table import QualityReport
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import f1_score
from sklearn.model_selection import cross_val_score

TARGET = "income"


def discrete_columns(real):
    """Text columns and columns with fewer than 10 distinct values."""
    return [c for c in real.columns if real[c].dtype == object or real[c].nunique() < 10]


def quality(real, synthetic, discrete):
    metadata = {"columns": {c: {"sdtype": "categorical" if c in discrete else "numerical"}
                            for c in real.columns}}
    report = QualityReport()
    report.generate(real, synthetic, metadata, verbose=False)
    shapes, trends = report.get_properties()["Score"]
    return {"quality": report.get_score(), "column_shapes": shapes, "pair_trends": trends}


def as_codes(frame, discrete, categories):
    out = frame.copy()
    for c in discrete:
        out[c] = pd.Categorical(out[c], categories=categories[c]).codes
    return out


def detection_auc(real, synthetic, discrete, categories):
    """5-fold ROC AUC of gradient boosting telling real rows from synthetic ones."""
    X = as_codes(pd.concat([real, synthetic], ignore_index=True), discrete, categories)
    label = np.r_[np.zeros(len(real)), np.ones(len(synthetic))]
    model = HistGradientBoostingClassifier(
        categorical_features=[X.columns.get_loc(c) for c in discrete])
    return cross_val_score(model, X, label, cv=5, scoring="roc_auc").mean()


def macro_f1(train, test, discrete, categories):
    """Gradient boosting trained on ``train``, macro F1 on ``test``."""
    features = [c for c in train.columns if c != TARGET]
    model = HistGradientBoostingClassifier(
        categorical_features=[features.index(c) for c in discrete if c != TARGET])
    model.fit(as_codes(train, discrete, categories)[features], train[TARGET].astype(str))
    predicted = model.predict(as_codes(test, discrete, categories)[features])
    return f1_score(test[TARGET].astype(str), predicted, average="macro")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("synthetic", type=Path)
    parser.add_argument("--data-dir", type=Path, required=True)
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    real = pd.read_csv(args.data_dir / "adult.csv")
    test = pd.read_csv(args.data_dir / "adult_test.csv")
    synthetic = pd.read_csv(args.synthetic)
    discrete = discrete_columns(real)
    categories = {c: sorted(set(real[c]) | set(test[c]) | set(synthetic[c])) for c in discrete}
    figures = quality(real, synthetic, discrete)
    figures["detection_auc"] = detection_auc(real, synthetic, discrete, categories)
    figures["tstr_macro_f1"] = macro_f1(synthetic, test, discrete, categories)
    figures["trtr_macro_f1"] = macro_f1(real, test, discrete, categories)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
