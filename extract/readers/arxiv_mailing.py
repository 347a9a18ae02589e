"""The arXiv daily listing e-mail, as received or saved from a mail client.

An entry is `\\\\`, `arXiv:ID`, a `Date:` (or `replaced with revised version
...`) line, `Key: value` fields whose continuation lines are indented, `\\\\`,
the abstract hard-wrapped at about 80 columns, and `\\\\ ( URL ,  size)`.
Replacements have no abstract: they end at the URL line and become records
with no abstract. Everything outside entries (mail headers, the subscription
blurb, the `%-%-%` and `%%--%%` section separators, the footer) is ignored.

The file is read one line at a time, so a year of saved mailings concatenated
costs the memory of one entry.
"""

from __future__ import annotations

import binascii
import codecs
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Optional

import regex

from extract.entry import Entry
from extract.text import arxiv_id, clean_text, parse_mail_date, split_authors

NAME = "arxiv-mailing"
EXTENSIONS = (".eml", ".mbox", ".txt")

_OPEN = regex.compile(r"^\\\\\s*$")
_ID_LINE = regex.compile(r"^arXiv:(?P<id>\S+)")
_CLOSE = regex.compile(r"^\\\\(?:\s*$|\s+\()")  # `\\` or `\\ ( https://arxiv.org/abs/... , 12kb)`
_SEPARATOR = regex.compile(r"^(?:-{20,}|%[-%]{10,}|(?:%%%---){3,}%*)\s*$")
_FIELD = regex.compile(r"^(?P<key>[A-Z][A-Za-z-]{1,30}):[ \t]*(?P<value>.*)$")
_REPLACED = regex.compile(r"^replaced with revised version\b", regex.IGNORECASE)
_HEAD_ENTRY = regex.compile(r"(?m)^\\\\[ \t]*\n[ \t]*arXiv:\S+")
_HEAD_SHAPE = regex.compile(r"(?m)^(?:Title:[ \t]+\S|\\\\ \(\s*https?://arxiv\.org/abs/)")
RAW_CHARS = 200


def detect(head: str, path: str) -> bool:
    """A `\\\\` line followed by an `arXiv:` line, and a `Title:` field or an abs URL line."""
    return bool(_HEAD_ENTRY.search(head)) and bool(_HEAD_SHAPE.search(head))


@dataclass
class _Pending:
    """One entry being read: its fields in order, its abstract lines, its raw start."""

    line: int
    ident: str
    fields: list[tuple[str, list[str]]] = field(default_factory=list)
    abstract: list[str] = field(default_factory=list)
    replaced: bool = False
    raw: list[str] = field(default_factory=list)
    raw_size: int = 0

    def keep_raw(self, line: str) -> None:
        if self.raw_size < RAW_CHARS:
            self.raw.append(line)
            self.raw_size += len(line)

    def value(self, key: str) -> Optional[str]:
        for name, parts in self.fields:
            if name.lower() == key:
                return "\n".join(parts)
        return None


def _entry(pending: _Pending, path: str, index: int, reject: Optional[str] = None) -> Entry:
    ids: dict[str, str] = {}
    found = arxiv_id(pending.ident)
    if found:
        ids["arxiv"] = found
    doi = pending.value("doi")
    if doi and doi.split():
        ids["doi"] = doi.split()[0]
    date = pending.value("date")
    title = clean_text(pending.value("title"))
    authors = pending.value("authors")
    categories = pending.value("categories")
    venue = pending.value("journal-ref")
    return Entry(
        path=path,
        index=index,
        line=pending.line,
        title=title,
        abstract=clean_text("\n".join(pending.abstract)),
        ids=ids,
        authors=split_authors(authors) if authors else [],
        published=parse_mail_date(date) if date and not pending.replaced else None,
        categories=categories.split() if categories else [],
        venue=clean_text(venue) if venue else None,
        reject=reject if reject else (None if title else "entry with no Title: field"),
        raw="".join(pending.raw)[:RAW_CHARS],
    )


_QP_HEADER = regex.compile(r"^Content-Transfer-Encoding:[ \t]*quoted-printable[ \t]*$", regex.IGNORECASE)
_CHARSET = regex.compile(r"^Content-Type:.*?\bcharset=\"?(?P<charset>[\w.:-]+)", regex.IGNORECASE)
_MBOX_FROM = regex.compile(r"^From \S+ ")


def _unquote(text: str, charset: Optional[str]) -> str:
    """One quoted-printable line (soft breaks already joined) as text in its charset."""
    try:
        encoding = codecs.lookup(charset or "utf-8").name
    except LookupError:
        encoding = "utf-8"
    return binascii.a2b_qp(text.encode("utf-8", "surrogateescape")).decode(encoding, "replace") + "\n"


def logical_lines(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    """(number of the first physical line, text) of each line, quoted-printable undone.

    A mailing saved from a mail client may keep the transfer encoding the
    server used: lines cut at 76 columns with a trailing `=` and `=3D` for
    `=`. When a message's headers say `Content-Transfer-Encoding:
    quoted-printable`, its soft breaks are joined and escapes decoded with
    the declared charset; every other line passes through unchanged. An mbox
    `From ` line starts the next message.
    """
    quoted = False
    charset: Optional[str] = None
    parts: list[str] = []
    first = 0
    for number, line in enumerate(lines, start=1):
        if _MBOX_FROM.match(line):
            quoted, charset = False, None
        elif not quoted:
            found = _CHARSET.match(line)
            if found:
                charset = found.group("charset")
            if _QP_HEADER.match(line.rstrip("\r\n")):
                quoted = True
                yield number, line
                continue
        if not quoted:
            yield number, line
            continue
        text = line.rstrip("\r\n")
        if not parts:
            first = number
        if text.endswith("="):
            parts.append(text[:-1])
            continue
        parts.append(text)
        yield first, _unquote("".join(parts), charset)
        parts = []
    if parts:
        yield first, _unquote("".join(parts), charset)


def read(lines: Iterable[str], path: str) -> Iterator[Entry]:
    """Yield one entry per `arXiv:` block, replacements included.

    A replacement's `replaced with revised version` date is when it was
    revised, not published, so it does not fill `published`.
    """
    index = 0
    pending: Optional[_Pending] = None
    in_abstract = False
    previous_open = False
    for number, raw_line in logical_lines(lines):
        line = raw_line.rstrip("\r\n")
        if pending is None:
            match = _ID_LINE.match(line) if previous_open else None
            previous_open = bool(_OPEN.match(line))
            if match:
                pending = _Pending(number, match.group("id"))
                pending.keep_raw(raw_line)
                in_abstract = False
            continue
        if in_abstract:
            starts_next = previous_open and not pending.abstract and _ID_LINE.match(line)
            if starts_next:
                yield _entry(pending, path, index)
                index += 1
                pending = _Pending(number, starts_next.group("id"))
                pending.keep_raw(raw_line)
                in_abstract = previous_open = False
                continue
            previous_open = bool(_OPEN.match(line))
            if _CLOSE.match(line) or _SEPARATOR.match(line):
                yield _entry(pending, path, index)
                index += 1
                pending = None
                continue
            pending.keep_raw(raw_line)
            pending.abstract.append(line)
            continue
        pending.keep_raw(raw_line)
        if _SEPARATOR.match(line) or (_CLOSE.match(line) and not _OPEN.match(line)):
            yield _entry(pending, path, index)  # a replacement: no abstract
            index += 1
            pending = None
            previous_open = False
            continue
        if _OPEN.match(line):
            in_abstract = previous_open = True
            continue
        field_match = _FIELD.match(line)
        if field_match:
            pending.fields.append((field_match.group("key"), [field_match.group("value")]))
        elif _REPLACED.match(line):
            pending.replaced = True
        elif line[:1].isspace() and line.strip() and pending.fields:
            pending.fields[-1][1].append(line)
    if pending is not None:
        yield _entry(pending, path, index, reject="file ends inside this entry (no closing \\\\ line)")

