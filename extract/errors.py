"""One exception root for everything a user can cause.

Each error carries a message that says what went wrong *and what to do*; the
CLI prints it on one line and exits with `exit_code`. Anything that is not a
`PaperlistError` is a bug and may show a traceback (with --debug).
"""

from __future__ import annotations


class PaperlistError(Exception):
    """A failure the user can act on; `str(err)` is the one-line message."""

    exit_code = 2


class InputError(PaperlistError):
    """An input file is missing, unreadable, empty, binary or malformed as a whole."""


class UsageError(PaperlistError):
    """Arguments that cannot work together or have bad values."""


class OutputError(PaperlistError):
    """The output cannot be written (directory missing, not writable, disk full)."""


class DatabaseError(PaperlistError):
    """The database cannot be reached or has an incompatible schema."""


class QualityError(PaperlistError):
    """`evaluate --min` found a field under its threshold (the CI use)."""

    exit_code = 1
