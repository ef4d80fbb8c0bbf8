"""Small tables that ship with ganaug, for examples, demos and tests."""

from importlib import resources

import pandas as pd

__all__ = ["load_adult_sample"]


def load_adult_sample():
    """2,000 rows of the UCI Adult census table (CC BY 4.0).

    Six integer columns (``age``, ``fnlwgt``, ``education-num``,
    ``capital-gain``, ``capital-loss``, ``hours-per-week``) and nine text
    columns, ``income`` (``"<=50K"`` or ``">50K"``) among them.  ``"?"`` marks
    unknown values, as in the source.

    Returns
    -------
    DataFrame of shape (2000, 15)

    Examples
    --------
    >>> from ganaug.datasets import load_adult_sample
    >>> load_adult_sample().shape
    (2000, 15)
    """
    path = resources.files("ganaug") / "data" / "adult_sample.csv.gz"
    with resources.as_file(path) as file:
        return pd.read_csv(file, compression="gzip")
