"""The ``ganaug`` command line (private; the entry point is ``ganaug.__main__``).

One module per concern: ``_parser`` (arguments, help and usage errors),
``_commands`` and ``_demo`` (what each command does), ``_tables`` (CSV and
Parquet files), ``_conditions`` (``--condition COL=VALUE``), ``_main``
(running a command and reporting its errors).
"""

from ._main import main

__all__ = ["main"]
