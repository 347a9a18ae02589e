"""Writing JSON Lines: atomically to files, streaming to stdout.

A file output is written to a temporary file in the same directory and
renamed over the target only when the run succeeds, so an interrupted or
failed run (Ctrl-C, SIGTERM, disk full) never leaves a half-written file.
Stdout streams record by record and cannot be taken back.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from types import TracebackType
from typing import BinaryIO, Optional

from extract.errors import OutputError


def is_stdout(path: Optional[str]) -> bool:
    return path is None or path == "-"


def is_special(path: str) -> bool:
    """An existing non-regular file: a device (/dev/null), a FIFO, a socket.

    Such a target is written in place like stdout: renaming a temporary file
    over it would replace /dev/null itself with a regular file.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def check_writable(path: Optional[str]) -> None:
    """Fail before any work when the output directory cannot take the file."""
    if is_stdout(path):
        return
    assert path is not None
    if is_special(path):
        if not os.access(path, os.W_OK):
            raise OutputError(f"{path}: permission denied; choose another output path")
        return
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory):
        raise OutputError(f"{path}: directory {directory} does not exist; create it first")
    if not os.access(directory, os.W_OK):
        raise OutputError(f"{path}: directory {directory} is not writable; choose another output path")
    if os.path.isdir(path):
        raise OutputError(f"{path}: is a directory; give a file name")


class AtomicOutput:
    """A binary sink: `-`/None is stdout; a path is replaced only on success."""

    def __init__(self, path: Optional[str]) -> None:
        self.path = path
        self._tmp: Optional[str] = None
        self.stream: BinaryIO

    def __enter__(self) -> "AtomicOutput":
        if is_stdout(self.path):
            self.stream = sys.stdout.buffer
            return self
        assert self.path is not None
        check_writable(self.path)
        if is_special(self.path):
            try:
                self.stream = open(self.path, "wb", buffering=1 << 16)
            except OSError as err:
                raise OutputError(f"{self.path}: cannot open for writing ({err.strerror})") from None
            return self
        directory = os.path.dirname(os.path.abspath(self.path))
        try:
            fd, self._tmp = tempfile.mkstemp(prefix=f".{os.path.basename(self.path)}.", suffix=".part", dir=directory)
        except OSError as err:
            raise OutputError(f"{self.path}: cannot create a temporary file ({err.strerror})") from None
        self.stream = os.fdopen(fd, "wb", buffering=1 << 20)
        return self

    def write(self, data: bytes) -> None:
        try:
            self.stream.write(data)
        except OSError as err:
            if is_stdout(self.path):
                raise
            if self._tmp is None:
                raise OutputError(f"{self.path}: write failed ({err.strerror})") from None
            raise OutputError(f"{self.path}: write failed ({err.strerror}); nothing was written") from None

    def __exit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        if is_stdout(self.path):
            if exc_type is None:
                self.stream.flush()
            return
        assert self.path is not None
        if self._tmp is None:  # a device or FIFO, written in place
            try:
                self.stream.close()
            except OSError as err:
                if exc_type is None:
                    raise OutputError(f"{self.path}: write failed ({err.strerror})") from None
            return
        try:
            if exc_type is None:
                self.stream.flush()
                os.fsync(self.stream.fileno())
                self.stream.close()
                os.replace(self._tmp, self.path)
                self._tmp = None
                return
        except OSError as err:
            self._discard()
            raise OutputError(f"{self.path}: could not finish writing ({err.strerror}); nothing was written") from None
        self._discard()

    def _discard(self) -> None:
        try:
            self.stream.close()
        except OSError:
            pass
        if self._tmp is not None:
            try:
                os.unlink(self._tmp)
            except OSError:
                pass
            self._tmp = None


class NullOutput(AtomicOutput):
    """A sink that discards everything (no rejects file, database-only runs)."""

    def __init__(self) -> None:
        super().__init__(None)

    def __enter__(self) -> "NullOutput":
        return self

    def write(self, data: bytes) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None
