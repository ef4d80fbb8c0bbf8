"""Reading and writing tables: CSV or Parquet, chosen by the file extension."""

import importlib
from pathlib import Path

from .._sampling._writing import FORMATS
from ._errors import CommandError

# How messages name each format.
_SHOWN = {"csv": "CSV", "parquet": "Parquet"}


def table_format(path, label):
    """``"csv"`` or ``"parquet"`` from the extension of ``path``.

    Parameters
    ----------
    path : str or Path
    label : str
        How the command line names the argument (``"DATA"``, ``"-o"``).

    Raises
    ------
    CommandError
        For any other extension, or for Parquet without pyarrow.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        accepted = ", ".join(FORMATS)
        shown = f"the extension {suffix!r}" if suffix else "no extension"
        raise CommandError(
            f"{label} must be a table file ending in {accepted}; "
            f"received '{path}' with {shown}."
        )
    kind = FORMATS[suffix]
    if kind == "parquet":
        _require_pyarrow(path)
    return kind


def read_table(path, label):
    """Read the table at ``path`` into a DataFrame.

    Parameters
    ----------
    path : str or Path
    label : str
        How the command line names the argument, for error messages.

    Returns
    -------
    DataFrame

    Raises
    ------
    CommandError
        For a missing or unreadable file or an unknown extension.
    """
    import pandas as pd

    kind = table_format(path, label)
    check_input_file(path, label)
    try:
        if kind == "csv":
            return pd.read_csv(path)
        return pd.read_parquet(path, engine="pyarrow")
    except (OSError, ValueError) as error:
        reason = " ".join(str(error).split())
        raise CommandError(f"{label}: cannot read '{path}' as {_SHOWN[kind]}: {reason}") from None


def write_table(frame, path, label="-o"):
    """Write ``frame`` to ``path`` (without its index), creating folders.

    Returns
    -------
    Path
        The absolute path written.
    """
    kind = table_format(path, label)
    path = output_path(Path(path))
    if kind == "csv":
        frame.to_csv(path, index=False)
    else:
        frame.to_parquet(path, index=False, engine="pyarrow")
    return path.resolve()


def output_path(path):
    """``path``, once the folder it goes in exists."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return path


def check_input_file(path, label):
    """Raise a :class:`CommandError` unless ``path`` is an existing file."""
    path = Path(path)
    if not path.exists():
        raise CommandError(f"{label}: no such file: '{path}'.")
    if not path.is_file():
        raise CommandError(f"{label}: '{path}' is a folder, not a file.")


def _require_pyarrow(path):
    try:
        importlib.import_module("pyarrow")
    except ImportError:
        raise CommandError(
            f"Parquet files ('{path}') need pyarrow, which is not installed; "
            "install it with: pip install 'ganaug[parquet]'"
        ) from None
