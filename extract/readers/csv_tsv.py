"""Shared code of the `csv` and `tsv` readers: a header row, then one paper per row.

Spreadsheets and dataframe dumps name their columns every way (`Title`,
`paper_title`, `summary`, `arxiv_id`, `entry_id`), so columns are matched by
a normalised name. Rows are pulled from the csv module over the line
iterator, so a quoted field may span lines and the file still streams. A
file whose header has no title column cannot give a single record and is an
input error naming the columns it has; a bad row is a reject with its line.
"""

from __future__ import annotations

import csv
from typing import Iterable, Iterator, Optional

import regex

from extract.entry import Entry, Link
from extract.errors import InputError
from extract.text import arxiv_id, decode_tex_accents, split_authors
from extract.urls import paper_ids_from_url

RAW_CHARS = 200
# A long abstract is a few kB; the csv module's default limit (128 kB) is
# raised so that real fields always fit, while a runaway quoted field (an
# unclosed quote swallowing the rest of the file) still stops at a bound.
FIELD_LIMIT = 10 * 1024 * 1024

_COLUMN_NAME = regex.compile(r"[\s_\-.]+")
_TITLE_COLUMNS = ("title", "paper_title", "papertitle")
_ABSTRACT_COLUMNS = ("abstract", "summary", "paper_abstract", "abstract_text")
_AUTHOR_COLUMNS = ("authors", "author", "author_names", "creators")
_DATE_COLUMNS = ("published", "published_date", "publication_date", "date", "submitted", "created", "update_date")
_CATEGORY_COLUMNS = ("categories", "category", "primary_category", "subjects")
_VENUE_COLUMNS = ("venue", "journal", "journal_ref", "booktitle", "conference", "publication")
_ARXIV_COLUMNS = ("arxiv_id", "arxivid", "arxiv", "entry_id", "id", "paper_id")
_DOI_COLUMNS = ("doi",)
# Link columns and the kind their name claims (the URL classifier has the last word).
_LINK_COLUMNS: tuple[tuple[str, Optional[str]], ...] = (
    ("url", "paper"), ("link", "paper"), ("pdf_url", "paper"), ("paper_url", "paper"), ("abs_url", "paper"),
    ("code", "code"), ("code_url", "code"), ("github", "code"), ("repo", "code"), ("repository", "code"),
    ("project", "project"), ("project_page", "project"), ("homepage", "project"), ("website", "project"),
)
_BLANKS = regex.compile(r"\s+")
_ISO_DATE = regex.compile(r"^\s*(\d{4}-\d{2}-\d{2})(?:[T ]|$)")
_DOI = regex.compile(r"(?i)^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?(?P<doi>10\.\d{4,9}/\S+)$")
_LIST_SEPARATOR = regex.compile(r"[\s,;]+")
_LIST_MARKS = "[]'\""


def column_key(name: str) -> str:
    """`Paper Title` -> `paper_title`: how header cells are compared."""
    return _COLUMN_NAME.sub("_", name.strip().strip("\ufeff\"'").lower()).strip("_")


def header_cells(head: str, delimiter: str) -> list[str]:
    """The cells of the first non-blank line of `head`, parsed as CSV."""
    for line in head.splitlines():
        if line.strip():
            try:
                return next(csv.reader([line], delimiter=delimiter))
            except (csv.Error, StopIteration):
                return []
    return []


def looks_like_header(head: str, delimiter: str, extensions: tuple[str, ...], path: str) -> bool:
    """A header row: several short cells, one of them a title column.

    The first cell may be empty: a dataframe dump's index column has no
    name. A file named `.csv` / `.tsv` whose first row has several short
    cells is taken too, so that a missing title column is reported as such
    rather than as an unknown format.
    """
    cells = header_cells(head, delimiter)
    if len(cells) < 2 or any(len(cell) > 80 or not cell.strip() for cell in cells[1:]) or len(cells[0]) > 80:
        return False
    keys = {column_key(cell) for cell in cells}
    return bool(keys & set(_TITLE_COLUMNS)) or path.lower().endswith(extensions)


class _Columns:
    """Which cell holds what, from the header row."""

    def __init__(self, header: list[str], path: str) -> None:
        keys = [column_key(cell) for cell in header]
        self.width = len(header)
        title = self._find(keys, _TITLE_COLUMNS)
        if title is None:
            seen = ", ".join(repr(cell) for cell in header) or "none"
            raise InputError(
                f"{path}: the header row has no title column (columns: {seen}); "
                "name the column holding paper titles `title` (and abstracts `abstract` or `summary`)"
            )
        self.title: int = title
        self.abstract = self._find(keys, _ABSTRACT_COLUMNS)
        self.authors = self._find(keys, _AUTHOR_COLUMNS)
        self.date = self._find(keys, _DATE_COLUMNS)
        self.categories = self._find(keys, _CATEGORY_COLUMNS)
        self.venue = self._find(keys, _VENUE_COLUMNS)
        self.arxiv = [i for name in _ARXIV_COLUMNS for i, key in enumerate(keys) if key == name]
        self.doi = self._find(keys, _DOI_COLUMNS)
        self.links = [(i, hint) for name, hint in _LINK_COLUMNS for i, key in enumerate(keys) if key == name]

    @staticmethod
    def _find(keys: list[str], names: tuple[str, ...]) -> Optional[int]:
        for name in names:
            if name in keys:
                return keys.index(name)
        return None


def _cell(row: list[str], column: Optional[int]) -> str:
    return row[column].strip() if column is not None else ""


def _text(value: str) -> Optional[str]:
    """Every whitespace run (embedded line breaks, padding) is one space; TeX accents decoded."""
    cleaned = decode_tex_accents(_BLANKS.sub(" ", value).strip())
    return cleaned or None


def _authors(value: str) -> list[str]:
    """`A One, B Two` (arXiv style), or `One, A; Two, B` (reference managers) -> `A One`, `B Two`."""
    if ";" not in value:
        return split_authors(value) if value.strip() else []
    names = []
    for part in value.split(";"):
        name = _BLANKS.sub(" ", part).strip()
        last, comma, first = name.partition(",")
        if comma and first.strip() and "," not in first:
            name = f"{first.strip()} {last.strip()}"
        if name:
            names.append(decode_tex_accents(name))
    return names


def _list(value: str) -> list[str]:
    return [item for part in _LIST_SEPARATOR.split(value) if (item := part.strip(_LIST_MARKS))]


def _entry(row: list[str], columns: _Columns, path: str, index: int, line: int, raw: str) -> Entry:
    title = _text(_cell(row, columns.title))
    ids: dict[str, str] = {}
    for column in columns.arxiv:
        value = _cell(row, column)
        if value and (found := arxiv_id(value)):
            ids.setdefault("arxiv", found)
        elif value and (doi := _DOI.match(value)):
            ids.setdefault("doi", doi.group("doi"))
    if doi := _DOI.match(_cell(row, columns.doi)):
        ids["doi"] = doi.group("doi")
    date = _ISO_DATE.match(_cell(row, columns.date))
    links = [Link(url, hint) for column, hint in columns.links if (url := _cell(row, column))]
    for link in links:
        for key, value in paper_ids_from_url(link.url).items():
            ids.setdefault(key, value)
    return Entry(
        path=path,
        index=index,
        line=line,
        title=title,
        abstract=_text(_cell(row, columns.abstract)),
        ids=ids,
        authors=_authors(_cell(row, columns.authors)),
        published=date.group(1) if date else None,
        categories=_list(_cell(row, columns.categories)),
        venue=_text(_cell(row, columns.venue)),
        links=links,
        reject=None if title else "row with an empty title",
        raw=raw,
    )


class _Tracked:
    """The line iterator, counting lines and keeping the start of the current row's text.

    It also counts the row's quote characters: in well-formed CSV they come
    in pairs, so an odd count at a line end means a quoted field is still
    open, which is how the rest of a broken row is found and skipped.
    """

    def __init__(self, lines: Iterable[str]) -> None:
        self._lines = iter(lines)
        self.number = 0
        self.raw = ""
        self.quotes = 0
        self.exhausted = False

    def start_row(self) -> None:
        self.raw = ""
        self.quotes = 0

    def skip_rest_of_row(self) -> None:
        """Pull the lines that still belong to an open quoted field."""
        while self.quotes % 2:
            try:
                next(self)
            except StopIteration:
                return

    def __iter__(self) -> _Tracked:
        return self

    def __next__(self) -> str:
        try:
            line = next(self._lines)
        except StopIteration:
            self.exhausted = True
            raise
        self.number += 1
        self.quotes += line.count('"')
        if len(self.raw) < RAW_CHARS:
            self.raw += line[: RAW_CHARS - len(self.raw)]
        return line


def read_delimited(lines: Iterable[str], path: str, delimiter: str) -> Iterator[Entry]:
    """One entry per data row; blank lines are skipped, bad rows are rejects."""
    csv.field_size_limit(max(csv.field_size_limit(), FIELD_LIMIT))
    source = _Tracked(lines)
    reader = csv.reader(source, delimiter=delimiter)
    columns: Optional[_Columns] = None
    index = 0
    while True:
        start = source.number + 1
        source.start_row()
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            yield Entry(path, index, start, None, reject=f"malformed row: {err}", raw=source.raw)
            index += 1
            source.skip_rest_of_row()
            reader = csv.reader(source, delimiter=delimiter)  # a fresh parser for the rows after it
            continue
        if not any(cell.strip() for cell in row):
            continue
        if source.exhausted and source.quotes % 2:
            # The parser hit the end of the file inside quotes: every row after
            # the opening quote was swallowed into this one.
            reason = "malformed row: a quoted field is never closed (it runs to the end of the file)"
            yield Entry(path, index, start, None, reject=reason, raw=source.raw)
            return
        if columns is None:
            columns = _Columns(row, path)
            continue
        if len(row) != columns.width:
            reason = f"malformed row: {len(row)} fields where the header has {columns.width}"
            yield Entry(path, index, start, _text(_cell(row, columns.title)) if len(row) > columns.title else None,
                        reject=reason, raw=source.raw)
        else:
            yield _entry(row, columns, path, index, start, source.raw)
        index += 1
