"""The ``ganaug`` command (also ``python -m ganaug``); see ``ganaug --help``."""

import sys

from ganaug._cli import main

if __name__ == "__main__":
    sys.exit(main())
