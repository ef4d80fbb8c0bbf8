"""The error a command raises for a mistake in its arguments or files."""


class CommandError(Exception):
    """A problem with what the user asked for, reported as one line.

    Raised for things the command line checks itself (file names,
    extensions, columns, conditions); the library's own ``ValueError``
    messages are reported the same way.
    """
