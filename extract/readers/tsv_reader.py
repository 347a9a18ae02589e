"""Tab-separated values: the same header-row table as CSV, split at tabs."""

from __future__ import annotations

from typing import Iterable, Iterator

from extract.entry import Entry
from extract.readers.csv_tsv import looks_like_header, read_delimited

NAME = "tsv"
EXTENSIONS = (".tsv", ".tab")


def detect(head: str, path: str) -> bool:
    """A header row of short tab-separated cells with a title column."""
    return looks_like_header(head, "\t", EXTENSIONS, path)


def read(lines: Iterable[str], path: str) -> Iterator[Entry]:
    """Rows after the header."""
    return read_delimited(lines, path, "\t")
