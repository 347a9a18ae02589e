"""BibTeX and BibLaTeX: reference-manager exports and hand-written `.bib` files.

Blocks are found by bibtexparser (maintained, and tolerant of what real files
hold: `@string` macros, `@comment`, parenthesised entries, broken entries it
reports as failed blocks). The file is cut at every line that starts a block
and each piece is parsed on its own, so a large export streams and an entry
with unbalanced braces is one reject while the rest is still read.

Field values are LaTeX, and records want text: `latex_to_text` undoes the
markup BibTeX writers add (grouping and case-protecting braces, `\\%`-style
escapes, `\\textbackslash{}`-style symbols, font switches, ties) and decodes
accents, but keeps what the author wrote: math, and macros it does not know
(`\\method{}`, `\\href{url}{text}`, whose URL is still found later). pylatexenc
is not used for this: it renders math and unknown macros and reads a bare `%`
as a comment, all of which would change or drop the author's text.
"""

from __future__ import annotations

import logging
from typing import Iterable, Iterator, Optional

import bibtexparser
import regex
from bibtexparser import model
from bibtexparser.middlewares.names import InvalidNameError, parse_single_name_into_parts, split_multiple_persons_names

from extract.entry import Entry, Link
from extract.text import arxiv_id, decode_tex_accents
from extract.urls import paper_ids_from_url

NAME = "bibtex"
EXTENSIONS = (".bib", ".bibtex", ".biblatex")

RAW_CHARS = 200
# bibtexparser logs every broken block as a warning; here each one is already a
# reject with its line, so the log line would only repeat it on stderr.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())

_BLOCK_START = regex.compile(r"^[ \t]*@[ \t]*(?P<type>[A-Za-z]+)[ \t]*[{(]")
_NOT_PAPERS = frozenset({"comment", "string", "preamble"})

# Text-mode macros that stand for one character (Zotero and Better BibTeX
# write every special character of an abstract this way).
_SYMBOLS: dict[str, str] = {
    "textbackslash": "\\", "textasciitilde": "~", "textasciicircum": "^", "textunderscore": "_",
    "textbar": "|", "textless": "<", "textgreater": ">", "textbraceleft": "{", "textbraceright": "}",
    "textdollar": "$", "textendash": "\u2013", "textemdash": "\u2014", "textquoteleft": "\u2018",
    "textquoteright": "\u2019", "textquotedblleft": "\u201c", "textquotedblright": "\u201d",
    "textellipsis": "\u2026", "ldots": "\u2026", "dots": "\u2026", "textregistered": "\u00ae",
    "texttrademark": "\u2122", "copyright": "\u00a9", "textdegree": "\u00b0", "textperiodcentered": "\u00b7",
}
# Formatting with an argument (`\emph{X}` is X) and switches inside a group (`{\em X}`).
_FONTS = frozenset({
    "emph", "textit", "textbf", "textsc", "texttt", "textrm", "textsf", "textsl", "textup", "textmd",
    "textnormal", "mbox", "text", "NoCaseChange", "mkbibemph", "mkbibbold", "enquote", "mkbibquote",
})
_SWITCHES = frozenset({
    "em", "it", "bf", "sc", "tt", "rm", "sf", "sl", "itshape", "bfseries", "scshape", "upshape",
    "mdseries", "normalfont", "relax", "protect",
})
_LATEX = regex.compile(
    r"""(?x)
      (?P<url>https?://(?:\\[%&_\#$~{}]|[^\s{}\\])+)   # a URL: `~` is a tilde here, escapes still undone
    | (?P<math>\$\$(?:[^$\\]|\\.)+\$\$                 # display and inline math, kept as written
             |\$(?:[^$\\]|\\.)+\$
             |\\\(.*?\\\)
             |\\\[.*?\\\])
    | \\(?P<escape>[%&_\#$~^{}])(?:\{\})?             # \% \& \_ \# \$ \{ \}, and \~{} \^{}
    | \\(?P<macro>[A-Za-z]+)\*?
        (?P<args>(?P<arg>\{(?:[^{}\\]|\\.|(?&arg))*\})*)  # the brace arguments written against it
        (?P<space>[ \t\n]*)                           # TeX eats the blanks after a control word
    | (?P<other>\\.)                                  # \\ and other control symbols, as written
    | (?P<brace>[{}])                                 # grouping and case protection
    | (?P<tie>~)                                      # a non-breaking space
    """,
    regex.DOTALL,
)
_BLANKS = regex.compile(r"\s+")
_EMPTY_ARG = regex.compile(r"^\{\}")
_URL_MACRO = regex.compile(r"\\url\{(?P<url>[^{}]+)\}")
_URL_ESCAPE = regex.compile(r"\\([%&_#$~{}])")
_ARXIV_REFERENCE = regex.compile(r"(?i)\barxiv(?:\s+preprint)?\s*[:/]?\s*(?P<id>\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?")
_ARXIV_DOI = regex.compile(r"(?i)^10\.48550/arxiv\.(?P<id>.+)$")
_DOI_PREFIX = regex.compile(r"(?i)^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)")
_ISO_DATE = regex.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_NOT_A_VENUE = regex.compile(r"(?i)^\s*arxiv\b")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def latex_to_text(value: str) -> str:
    """A BibTeX field's LaTeX as plain text; math and unknown macros stay as written.

    `{{Double Braces}}` -> `Double Braces`, `{\\"u}ber` -> `über`,
    `63\\%` -> `63%`, `12.2\\textbackslash{}\\%` -> `12.2\\%`,
    `\\emph{X}` -> `X`, `e.g.~SMPL` -> `e.g. SMPL`; whitespace runs (line
    breaks of the file included) become one space, as BibTeX itself does.
    """
    return _BLANKS.sub(" ", _render_all(decode_tex_accents(value))).strip()


def _render_all(text: str) -> str:
    return _LATEX.sub(_render, text)


def _render(match: regex.Match[str]) -> str:
    if match.group("url") is not None:
        return _URL_ESCAPE.sub(r"\1", match.group("url"))
    if match.group("escape") is not None:
        return match.group("escape")
    if match.group("brace") is not None:
        return ""
    if match.group("tie") is not None:
        return " "
    name = match.group("macro")
    if name is None or not (name in _SYMBOLS or name in _FONTS or name in _SWITCHES):
        return match.group()  # math, \\, unknown macros with their arguments: as written
    args, space = match.group("args"), match.group("space")
    if not args:
        return _SYMBOLS.get(name, "")  # a control word eats the blanks after it
    if name in _SYMBOLS:
        return _SYMBOLS[name] + _render_all(_EMPTY_ARG.sub("", args, count=1)) + space
    return _render_all(args) + space  # \\emph{X}: the braces are grouping


def detect(head: str, path: str) -> bool:
    """The first line that is not blank or a `%` comment starts a BibTeX block, and a paper entry follows."""
    for line in head.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("%"):
            continue
        if not _BLOCK_START.match(line):
            return False
        return any(
            m.group("type").lower() not in _NOT_PAPERS
            for m in (_BLOCK_START.match(candidate) for candidate in head.splitlines())
            if m is not None
        )
    return False


def _pieces(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    """(1-based first line, text) of each run of lines that starts at a block start."""
    start = 1
    buffer: list[str] = []
    for number, line in enumerate(lines, start=1):
        if _BLOCK_START.match(line) and buffer:
            yield start, "".join(buffer)
            buffer = []
        if not buffer:
            start = number
        buffer.append(line)
    if buffer:
        yield start, "".join(buffer)


def _split_concatenation(value: str) -> list[str]:
    """`cvpr # " 2020"` -> [`cvpr`, `" 2020"`]: `#` joins parts outside braces and quotes."""
    parts: list[str] = []
    depth = 0
    quoted = False
    start = 0
    for position, char in enumerate(value):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "#" and depth == 0 and not quoted:
            parts.append(value[start:position].strip())
            start = position + 1
    parts.append(value[start:].strip())
    return parts


def field_value(raw: str, strings: dict[str, str]) -> str:
    """A field's value as written between its delimiters, `@string` macros and `#` resolved."""
    out: list[str] = []
    for part in _split_concatenation(raw.strip()):
        if len(part) >= 2 and ((part[0] == "{" and part[-1] == "}") or (part[0] == '"' and part[-1] == '"')):
            out.append(part[1:-1])
        else:
            out.append(strings.get(part.lower(), part))
    return "".join(out)


def _authors(value: Optional[str]) -> list[str]:
    if not value:
        return []
    names: list[str] = []
    for person in split_multiple_persons_names(value):
        if person.strip().lower() == "others":
            continue
        try:
            merged = parse_single_name_into_parts(person, strict=False).merge_first_name_first
        except InvalidNameError:
            merged = person
        name = latex_to_text(merged)
        if name:
            names.append(name)
    return names


def _ids(fields: dict[str, str], links: list[Link]) -> dict[str, str]:
    ids: dict[str, str] = {}
    eprint = fields.get("eprint", "").strip()
    archive = (fields.get("eprinttype") or fields.get("archiveprefix") or "").strip().lower()
    if eprint and archive in ("", "arxiv") and (found := arxiv_id(eprint)):
        ids["arxiv"] = found
    doi = _DOI_PREFIX.sub("", _URL_ESCAPE.sub(r"\1", fields.get("doi", "").strip()))
    if doi:
        ids["doi"] = doi.split()[0]
        if (match := _ARXIV_DOI.match(ids["doi"])) and (found := arxiv_id(match.group("id"))):
            ids.setdefault("arxiv", found)
    for key in ("journal", "journaltitle", "note", "howpublished", "volume", "number", "pages", "eid"):
        value = fields.get(key, "")
        match = _ARXIV_REFERENCE.search(value) if "arxiv" in value.lower() else None
        if match:
            ids.setdefault("arxiv", match.group("id"))
    for link in links:
        for key, value in paper_ids_from_url(link.url).items():
            ids.setdefault(key, value)
    return ids


def _links(fields: dict[str, str]) -> list[Link]:
    links: list[Link] = []
    url = fields.get("url", "").strip()
    if url:
        found = _URL_MACRO.search(url)
        # BibTeX's `url` is "the WWW address" of the work itself.
        links.append(Link(_URL_ESCAPE.sub(r"\1", found.group("url") if found else url).strip(), "paper"))
    for key in ("howpublished", "note"):
        for found in _URL_MACRO.finditer(fields.get(key, "")):
            link = Link(_URL_ESCAPE.sub(r"\1", found.group("url")).strip())
            if link not in links:
                links.append(link)
    return links


def _published(fields: dict[str, str]) -> Optional[str]:
    """An ISO date only when the day is known: `date`, or `year` + `month` + `day`."""
    match = _ISO_DATE.match(fields.get("date", "").strip())
    if match:
        return match.group(0)
    year, month, day = (fields.get(key, "").strip().lower() for key in ("year", "month", "day"))
    if not (year.isdigit() and len(year) == 4 and day.isdigit()):
        return None
    number = int(month) if month.isdigit() else (_MONTHS.index(month[:3]) + 1 if month[:3] in _MONTHS else 0)
    if not (1 <= number <= 12 and 1 <= int(day) <= 31):
        return None
    return f"{year}-{number:02d}-{int(day):02d}"


def _venue(fields: dict[str, str]) -> Optional[str]:
    for key in ("journal", "journaltitle", "booktitle", "eventtitle"):
        value = fields.get(key, "").strip()
        if value and not _NOT_A_VENUE.match(value):
            return latex_to_text(value) or None
    return None


def _entry(block: model.Entry, strings: dict[str, str], path: str, index: int, line: int) -> Entry:
    fields: dict[str, str] = {}
    for found in block.fields:
        fields.setdefault(found.key.lower(), field_value(found.value, strings))
    title = latex_to_text(fields.get("title", "")) or None
    abstract = latex_to_text(fields.get("abstract", "")) or None
    category = latex_to_text(fields.get("primaryclass", "") or fields.get("eprintclass", ""))
    links = _links(fields)
    return Entry(
        path=path,
        index=index,
        line=line,
        title=title,
        abstract=abstract,
        ids=_ids(fields, links),
        authors=_authors(fields.get("author")),
        published=_published(fields),
        categories=category.split() if category else [],
        venue=_venue(fields),
        links=links,
        reject=None if title else f"@{block.entry_type} entry {block.key!r} has no title",
        raw=block.raw[:RAW_CHARS],
    )


def _failure(block: model.ParsingFailedBlock) -> str:
    reason = getattr(block.error, "abort_reason", "") or str(block.error)
    return f"broken BibTeX entry: {reason.strip() or type(block.error).__name__}"


def read(lines: Iterable[str], path: str) -> Iterator[Entry]:
    """One entry per `@type{...}` block that is not `@comment`, `@string` or `@preamble`."""
    strings: dict[str, str] = {month: str(number) for number, month in enumerate(_MONTHS, start=1)}
    index = 0
    for first, text in _pieces(lines):
        for block in bibtexparser.parse_string(text, parse_stack=[]).blocks:
            line = first + block.start_line
            if isinstance(block, model.String):
                strings[block.key.lower()] = field_value(block.value, strings)
            elif isinstance(block, model.DuplicateFieldKeyBlock) and isinstance(block.ignore_error_block, model.Entry):
                yield _entry(block.ignore_error_block, strings, path, index, line)
                index += 1
            elif isinstance(block, model.ParsingFailedBlock):
                start = _BLOCK_START.match(block.raw.lstrip())
                if start and start.group("type").lower() in _NOT_PAPERS:
                    continue
                yield Entry(path, index, line, None, reject=_failure(block), raw=block.raw[:RAW_CHARS])
                index += 1
            elif isinstance(block, model.Entry):
                if block.entry_type.lower() in _NOT_PAPERS:
                    continue
                yield _entry(block, strings, path, index, line)
                index += 1
