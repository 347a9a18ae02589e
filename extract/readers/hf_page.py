"""Hugging Face papers page copied as text: title paragraph, abstract paragraph.

The page is a sequence of blank-line separated paragraphs. A paper is a short
one-line paragraph (the title) followed by a long prose paragraph (the
abstract). Everything else is page chrome (subscription prompts, dates, a
byline, upvote counts, a footer), recognised by its shape rather than by this
page's exact strings, or it is a broken entry and becomes a reject.
"""

from __future__ import annotations

from typing import Iterable, Iterator

import regex

from extract.entry import Entry
from extract.text import decode_tex_accents

NAME = "hf-page"
EXTENSIONS = (".txt",)

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_CHROME = regex.compile(
    rf"""(?xi)
      ^(?:new|hot|trending|upvote[sd]?|daily\ papers|papers|search|login|log\ in|sign\ ?up|sign\ in)$
    | ^[\d.,]+\s*[km]?$                                  # bare counts: upvotes, comments
    | ^{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?$             # Jun 3, June 3, 2025
    | ^\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?$               # 3 Jun
    | ^\d{{4}}-\d{{2}}-\d{{2}}$                           # 2025-06-03
    | ^(?:published|submitted)\b.{{0,80}}$                # Published on Jun 3 / Submitted by X
    | ^by\s?\S.{{0,80}}$                                  # byline
    | ^(?:get|receive)\b.{{0,60}}\b(?:e-?mail|inbox|newsletter)\b.{{0,20}}$
    | ^.{{0,40}}\b(?:subscribe|unsubscribe|newsletter)\b.{{0,40}}$
    | ^(?:©|\(c\)|copyright|powered\ by|terms|privacy|cookies?)\b.{{0,80}}$
    | ^\S{{1,20}}(?:\s\S{{1,20}})?\s*[»«›‹→←↑]$           # footer link such as "SITE »"
    | ^[·•|\-\s]*\d+\s+authors?$                          # "· 7 authors"
    | ^(?:view|see)\s+(?:all|more)\b.{{0,40}}$
    """
)
_SENTENCE_END = regex.compile(r"[.!?](?:\s+\p{Lu}|\s*$)")
MAX_TITLE_CHARS = 400


def is_chrome(paragraph: str) -> bool:
    """True for a line of page furniture rather than a title or an abstract."""
    return len(paragraph) <= 120 and bool(_CHROME.match(paragraph.strip()))


def looks_like_abstract(paragraph: str) -> bool:
    """Prose: long, or made of sentences. A title is short and has no full stop."""
    if len(paragraph) >= 300:
        return True
    return len(paragraph) >= 80 and len(_SENTENCE_END.findall(paragraph)) >= 2


def completes_title(paragraph: str) -> bool:
    """A short abstract right after a title: whole sentences of prose.

    Titles almost never end with a full stop; a paragraph of eight words or
    more that does, right after a title, is that paper's (short) abstract.
    """
    text = paragraph.rstrip()
    return len(text) >= 60 and text.endswith((".", "!", "?")) and len(text.split()) >= 8


def _paragraphs(lines: Iterable[str]) -> Iterator[tuple[int, str, bool]]:
    """Yield (1-based first line, text joined with single spaces, is chrome) per paragraph.

    A paragraph is chrome when its text is, or when every line of it is: a
    page copied with "Upvote" and "42" on consecutive lines has no blank line
    between them, and "Upvote 42" is no title.
    """
    start = 0
    parts: list[str] = []

    def paragraph() -> tuple[int, str, bool]:
        text = " ".join(parts)
        return start, text, is_chrome(text) or (len(parts) > 1 and all(is_chrome(part) for part in parts))

    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped:
            if not parts:
                start = number
            parts.append(stripped)
        elif parts:
            yield paragraph()
            parts = []
    if parts:
        yield paragraph()


def detect(head: str, path: str) -> bool:
    """Alternating short title lines and long single-line abstracts."""
    paragraphs = [p for _, p, chrome in _paragraphs(head.splitlines()[:400]) if not chrome]
    if len(paragraphs) < 2 or head.lstrip().startswith(("{", "[", "<", "@", "#")):
        return False
    pairs = sum(1 for a, b in zip(paragraphs, paragraphs[1:]) if not looks_like_abstract(a) and looks_like_abstract(b))
    return pairs >= 1 and pairs * 2 >= sum(1 for p in paragraphs if looks_like_abstract(p))


def read(lines: Iterable[str], path: str) -> Iterator[Entry]:
    """Pair each title paragraph with the abstract paragraph after it."""
    index = 0
    pending: tuple[int, str] | None = None
    for line, text, chrome in _paragraphs(lines):
        if looks_like_abstract(text) or (pending is not None and not chrome and completes_title(text)):
            if pending is None:
                yield Entry(path, index, line, None, text, reject="abstract with no title before it", raw=text)
            else:
                yield Entry(path, index, pending[0], decode_tex_accents(pending[1]), decode_tex_accents(text), raw=pending[1])
            index += 1
            pending = None
            continue
        if chrome:
            continue
        if pending is not None:
            yield Entry(path, index, pending[0], pending[1], reject="title with no abstract after it", raw=pending[1])
            index += 1
        if len(text) > MAX_TITLE_CHARS:
            yield Entry(path, index, line, None, reject="paragraph too long for a title, too short for an abstract", raw=text)
            index += 1
            pending = None
        else:
            pending = (line, text)
    if pending is not None:
        yield Entry(path, index, pending[0], pending[1], reject="title with no abstract after it", raw=pending[1])
