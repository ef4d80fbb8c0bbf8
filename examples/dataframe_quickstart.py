"""GANAugmenter on a DataFrame: fit, sample, condition, transform, save and load.

Run ``python examples/dataframe_quickstart.py``; it writes ``adult.ganaug`` in
the current directory.
"""

from ganaug import GANAugmenter
from ganaug.datasets import load_adult_sample

df = load_adult_sample()  # 2,000 rows x 15 columns: 6 integer, 9 text
print(f"real table: {df.shape[0]} rows x {df.shape[1]} columns")

# epochs=50 keeps this example to a few seconds on 2 CPU cores.  The default
# (epochs=None, about 6,000 generator steps) gives much better rows.
aug = GANAugmenter(epochs=50, random_state=0).fit(df)
print(f"trained {aug.epochs_} epochs, last losses:")
print(aug.history_.tail(1).round(3).to_string())

# New rows: same columns, order and dtypes as the real table.
synthetic = aug.sample(500)
assert list(synthetic.columns) == list(df.columns)
assert (synthetic.dtypes == df.dtypes).all()
print("\nfive synthetic rows:")
print(synthetic.head().to_string())
print("\nincome share, real vs synthetic:")
print(
    df["income"].value_counts(normalize=True).round(2).to_frame("real")
    .join(synthetic["income"].value_counts(normalize=True).round(2).rename("synthetic"))
    .to_string()
)

# Conditions on discrete (text) columns: every row holds the asked values.
rare = aug.sample(200, conditions={"income": ">50K", "sex": "Female"})
assert (rare["income"] == ">50K").all() and (rare["sex"] == "Female").all()
print(f"\n{len(rare)} conditioned rows (income >50K, sex Female); "
      f"mean age {rare['age'].mean():.1f}, mean hours-per-week {rare['hours-per-week'].mean():.1f}")

# transform: the real rows unchanged, then n_synthetic (default 1.0: as many) new ones.
bigger = aug.transform(df)
assert bigger.iloc[: len(df)].equals(df)
print(f"transform: {len(df)} rows -> {len(bigger)} rows")

# save/load: a zip of JSON and weights (no pickle); the loaded model draws the same rows.
aug.save("adult.ganaug")
same = GANAugmenter.load("adult.ganaug")
assert same.sample(100).equals(aug.sample(100))
print("saved to adult.ganaug and reloaded: the reloaded model draws identical rows")
