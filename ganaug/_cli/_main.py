"""Run one command and turn user errors into one line on stderr."""

import sys

from ._errors import CommandError
from ._parser import build_parser

# A user's mistake: a bad argument or file (CommandError), a value the
# library rejects (ValueError) or a file system failure (OSError).  Anything
# else is a bug and keeps its traceback.
_USER_ERRORS = (CommandError, ValueError, OSError)


def main(argv=None):
    """Run the ``ganaug`` command line.

    Parameters
    ----------
    argv : list of str or None, default=None
        The arguments after the program name; ``None`` reads ``sys.argv``.

    Returns
    -------
    int
        The exit code: 0 on success, 1 on an error, 2 on a usage error,
        130 when interrupted.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        return args.run(args)
    except _USER_ERRORS as error:
        if args.debug:
            raise
        print(f"ganaug: error: {one_line(error)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        if args.debug:
            raise
        print("ganaug: interrupted", file=sys.stderr)
        return 130


def one_line(error):
    """The message of ``error`` on one line (``OSError``s name their file)."""
    message = str(error)
    if isinstance(error, OSError) and error.filename is not None and error.strerror:
        message = f"{error.strerror}: '{error.filename}'"
    return " ".join(message.split()) or type(error).__name__
