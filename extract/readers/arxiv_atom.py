"""The arXiv API's Atom XML: `<feed>` of `<entry>` elements.

Parsed with defusedxml, so a document that declares entities (the "billion
laughs" expansion bomb) or references external ones (a way to read local
files) is refused as a whole instead of being expanded or fetched. The XML is
fed one line at a time and each entry is yielded when its end tag is read, so
a large response streams; a document broken as a whole (truncated, not
well-formed) stops with its line and column.

Older API responses indent and hard-wrap titles and summaries and use http
ids; newer ones have single-line summaries, https, and another element order.
Only element names are relied on, never their order or layout.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator, Optional
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

import regex
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from extract.entry import Entry, Link
from extract.errors import InputError
from extract.text import arxiv_id, clean_text

NAME = "arxiv-atom"
EXTENSIONS = (".xml", ".atom")

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
RAW_CHARS = 200
_ROOT = regex.compile(
    r"""(?x)
    ^\s*(?:<\?xml[^>]*\?>\s*)?                      # declaration, then comments: possessive, and a comment
    (?:<!--(?:(?!-->)[\s\S])*+-->\s*)*+              # cannot swallow the next one, so no backtracking
    (?:<!DOCTYPE(?:[^\[>]|\[[^\]]*+\])*+>\s*)?       # detected so entity tricks are refused with a position
    <(?:\w+:)?feed\b[^>]*\bxmlns(?::\w+)?\s*=\s*["']http://www\.w3\.org/2005/Atom["']
    """,
    regex.DOTALL,
)
_API_ERROR = regex.compile(r"^https?://(?:export\.)?arxiv\.org/api/errors")
_DATE = regex.compile(r"^\d{4}-\d{2}-\d{2}")


def detect(head: str, path: str) -> bool:
    """An XML document whose root is an Atom `<feed>`."""
    return bool(_ROOT.match(head))


class _EntryCollector(TreeBuilder):
    """Builds the tree but hands over each `<entry>` when it closes, with its start line.

    The start line is read from expat at the moment the start tag is parsed,
    the only moment it is exact.
    """

    def __init__(self) -> None:
        super().__init__()
        self.expat: Any = None
        self.depth = 0
        self.root: Optional[Element] = None
        self.opened: Optional[tuple[int, int]] = None
        self.done: list[tuple[Element, int, int]] = []

    def start(self, tag: str, attrs: dict[str, str]) -> Element:
        self.depth += 1
        if tag == f"{ATOM}entry" and self.depth == 2 and self.expat is not None:
            self.opened = (self.expat.CurrentLineNumber, self.expat.CurrentColumnNumber)
        element = super().start(tag, attrs)
        if self.depth == 1:
            self.root = element
        return element

    def end(self, tag: str) -> Element:
        element = super().end(tag)
        self.depth -= 1
        if tag == f"{ATOM}entry" and self.depth == 1 and self.opened is not None:
            self.done.append((element, *self.opened))
            self.opened = None
            if self.root is not None:
                self.root.remove(element)  # handed over: the feed keeps no read entries
        return element


def _text(element: Element, tag: str) -> Optional[str]:
    found = element.find(tag)
    return found.text if found is not None and found.text is not None else None


def _entry(element: Element, path: str, index: int, line: int, raw: str) -> Entry:
    ids: dict[str, str] = {}
    ident = _text(element, f"{ATOM}id") or ""
    title = clean_text(_text(element, f"{ATOM}title"))
    summary = clean_text(_text(element, f"{ATOM}summary"))
    if _API_ERROR.match(ident.strip()):
        return Entry(path, index, line, None, reject=f"arXiv API error: {summary or ident.strip()}", raw=raw)
    found = arxiv_id(ident)
    if found:
        ids["arxiv"] = found
    doi = _text(element, f"{ARXIV}doi")
    if doi and doi.split():
        ids["doi"] = doi.split()[0]
    categories: list[str] = []
    for tag in (f"{ARXIV}primary_category", f"{ATOM}category"):
        for item in element.iter(tag):
            term = (item.get("term") or "").strip()
            if term and term not in categories:
                categories.append(term)
    links = [
        Link(href, "paper")
        for item in element.iter(f"{ATOM}link")
        if (href := (item.get("href") or "").strip())
        and (item.get("rel") == "alternate" or item.get("title") in ("pdf", "doi"))
    ]
    published = (_text(element, f"{ATOM}published") or "").strip()
    venue = _text(element, f"{ARXIV}journal_ref")
    return Entry(
        path=path,
        index=index,
        line=line,
        title=title,
        abstract=summary,
        ids=ids,
        authors=[name for a in element.iter(f"{ATOM}author") if (name := clean_text(_text(a, f"{ATOM}name")))],
        published=published[:10] if _DATE.match(published) else None,
        categories=categories,
        venue=clean_text(venue),
        links=links,
        reject=None if title else "entry with no <title>",
        raw=raw,
    )


def _position(expat: Any) -> str:
    return f"line {expat.CurrentLineNumber}, column {expat.CurrentColumnNumber + 1}"


def read(lines: Iterable[str], path: str) -> Iterator[Entry]:
    """Yield each `<entry>` as it closes; refuse entity tricks and broken XML with a position."""
    collector = _EntryCollector()
    parser = DefusedXMLParser(target=collector)
    collector.expat = parser.parser
    recent: list[str] = []  # lines since the oldest still-open entry began, for `raw`
    first_line = 1
    index = 0
    try:
        for number, line in enumerate(lines, start=1):
            recent.append(line)
            parser.feed(line)
            finished, collector.done = collector.done, []
            for element, start_line, start_column in finished:
                source = "".join(recent[start_line - first_line :])[start_column : start_column + RAW_CHARS]
                yield _entry(element, path, index, start_line, source)
                index += 1
            if collector.opened is None:
                recent.clear()
                first_line = number + 1
        parser.close()
    except DefusedXmlException as err:
        raise InputError(
            f"{path}: XML refused at {_position(parser.parser)}: {_describe(err)}; "
            "paperlist does not expand entities or load external resources"
        ) from None
    except ParseError as err:
        line_no, column = err.position
        reason = str(err).split(":", 1)[0]
        if reason == "no element found":
            reason = "the document ends before its elements close; the file looks truncated"
        raise InputError(f"{path}: not well-formed XML at line {line_no}, column {column + 1} ({reason})") from None


def _describe(err: DefusedXmlException) -> str:
    name = type(err).__name__
    if name == "EntitiesForbidden":
        return f"it declares the entity {getattr(err, 'name', '?')!r}"
    if name == "ExternalReferenceForbidden":
        return f"it references the external resource {getattr(err, 'sysid', None) or getattr(err, 'system_id', '?')!r}"
    if name == "DTDForbidden":
        return "it has a DTD"
    return name
