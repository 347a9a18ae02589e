"""Comma-separated values (or semicolons, as spreadsheets in many locales save them)."""

from __future__ import annotations

from itertools import chain
from typing import Iterable, Iterator

from extract.entry import Entry
from extract.readers.csv_tsv import header_cells, looks_like_header, read_delimited

NAME = "csv"
EXTENSIONS = (".csv",)
_DELIMITERS = (",", ";")


def _delimiter(head: str) -> str:
    """The delimiter that splits the header row into the most cells."""
    return max(_DELIMITERS, key=lambda d: len(header_cells(head, d)))


def detect(head: str, path: str) -> bool:
    """A header row of short comma- or semicolon-separated cells with a title column."""
    return looks_like_header(head, _delimiter(head), EXTENSIONS, path)


def read(lines: Iterable[str], path: str) -> Iterator[Entry]:
    """Rows after the header; the header row decides the delimiter."""
    iterator = iter(lines)
    first: list[str] = []
    for line in iterator:
        first.append(line)
        if line.strip():
            break
    delimiter = _delimiter("".join(first))
    yield from read_delimited(chain(first, iterator), path, delimiter)
