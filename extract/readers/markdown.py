"""Markdown: paper notes (a heading per paper, its abstract below) and reading lists.

Two shapes, often in one file:

- notes: `## Title`, optionally a line of links (`[arXiv](...) | [Code](...)`),
  then the abstract paragraph;
- reading lists ("awesome" READMEs): `- [Title](https://arxiv.org/abs/...) [[code](...)]`.

A README is mostly not papers: a table of contents of in-page anchors,
section headings, intro paragraphs, lists of datasets and tools, citation
blocks. What makes an item a paper is decided by rule, not by position:

- a bullet is a paper when one of its links goes to a paper host (arXiv, DOI,
  OpenReview, ACL Anthology, CVF, IEEE, ACM, ...; or a `.pdf`) or is labelled
  as the paper (`[paper]`, `[pdf]`); other bullets are skipped, not counted;
- a `##`-or-deeper heading is a paper when it carries such a link (in the
  heading or on a links line below it), or when an abstract-shaped paragraph
  follows it and the section turns out to hold no paper bullets (then the
  heading was a section with an intro). `#` headings and well-known section
  names (`Contents`, `Datasets`, `Citation`, ...) never are.

The file is read line by line; at most one heading waits for its decision.
Titles lose link syntax, emphasis, HTML and tags such as `[CVPR 2023]`;
abstracts keep their Markdown as written (URLs in links are found later).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Iterable, Iterator, NamedTuple, Optional

import regex

from extract.entry import Entry, Link
from extract.readers.hf_page import looks_like_abstract
from extract.text import clean_text, decode_tex_accents
from extract.urls import classify_url, paper_ids_from_url

NAME = "markdown"
EXTENSIONS = (".md", ".markdown", ".mdown", ".mkd")

RAW_CHARS = 200
HEAD_LINES = 400
MIN_UNLINKED_TITLE_WORDS = 3

# Paper hosts beyond the ones urls.py already classifies as `paper`: publishers
# and indexes whose pages identify one paper.
_MORE_PAPER_HOSTS = (
    "semanticscholar.org", "link.springer.com", "springer.com", "sciencedirect.com", "nature.com",
    "science.org", "aaai.org", "ijcai.org", "jmlr.org", "biorxiv.org", "medrxiv.org", "ecva.net",
    "isca-archive.org", "isca-speech.org", "pnas.org", "onlinelibrary.wiley.com", "academic.oup.com",
    "iopscience.iop.org", "journals.aps.org", "computer.org", "usenix.org", "mdpi.com",
    "frontiersin.org", "plos.org", "cell.com", "tandfonline.com", "pubmed.ncbi.nlm.nih.gov",
    "ncbi.nlm.nih.gov", "researchgate.net", "scholar.archive.org", "neurips.cc", "nips.cc", "iclr.cc",
    "icml.cc", "mlr.press",
)

_FENCE = regex.compile(r"^[ \t]{0,3}(?P<fence>`{3,}|~{3,})")
_HEADING = regex.compile(r"^[ \t]{0,3}(?P<level>#{1,6})(?:[ \t]+(?P<text>.*?))?(?:[ \t]+#+)?[ \t]*$")
_BULLET = regex.compile(r"^(?P<indent>[ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]+(?P<content>\S.*)$")
_RULE = regex.compile(r"^[ \t]{0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|=+)[ \t]*$")
_TABLE_ROW = regex.compile(r"^[ \t]*\|")
_HTML_ONLY = regex.compile(r"^[ \t]*(?:<[^<>]*>[ \t]*)+$")
_QUOTE = regex.compile(r"^[ \t]{0,3}>[ \t]?")
_COMMENT_START = "<!--"
_COMMENT_END = "-->"

_LINK = regex.compile(
    r"""(?x)
      (?P<image>!)?
      \[(?P<text>(?:[^\[\]]|\[(?:[^\[\]]|\[[^\[\]]*\])*\])*)\]     # text, brackets nested twice
      \(\s*<?(?P<url>[^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*)>?     # destination, one level of ()
        (?:\s+"[^"]*")?\s*\)                                     # optional title
    | <a\s[^<>]*?href\s*=\s*["'](?P<href>[^"']+)["'][^<>]*>(?P<html>.*?)</a\s*>
    | <(?P<auto>https?://[^\s<>]+)>
    | (?P<bare>https?://[^\s<>()\[\]"']+[^\s<>()\[\]"'.,;:!?])
    """,
    regex.IGNORECASE,
)
_IMAGE = regex.compile(r"!\[(?P<alt>[^\[\]]*)\]\([^()]*\)")
_TAG = regex.compile(r"<sup\b[^<>]*>.*?</sup\s*>|<[^<>]+>", regex.IGNORECASE)
_EMPHASIS = regex.compile(r"(?<![\\\w])(\*\*|__|\*|_|~~|`)(?=\S)(.+?)(?<=\S)\1(?!\w)")
_ESCAPE = regex.compile(r"\\([!-/:-@\[-`{-~])")
_SHORTCODE = regex.compile(r":[a-z0-9_+-]+:")
_SYMBOLS = regex.compile(r"[\p{So}\p{Sk}\p{Cf}]+")
_LEADING_TAGS = regex.compile(
    r"""(?x)^(?:\s*(?:
        \[[^\[\]]{0,40}\](?!\()          # [CVPR 2023], [2023/05]
      | \([^()]{0,40}\)                  # (ICLR 2024)
      | \d{1,3}[.)](?=\s)                # 1. in a heading
      | [-–—|•·:,;]
    ))+"""
)
_LINK_LINE_REST = regex.compile(
    r"""(?xi)^(?:[\s|•·,;:/\\\-–—()\[\]*_]
        | \b(?:paper|code|project|page|pdf|arxiv|github|website|demo|video|slides|data(?:set)?s?|models?|blog|homepage)\b
    )*$"""
)
_ABSTRACT_LABEL = regex.compile(r"(?i)^(?:\*\*|__|\*|_)?abstract(?:\*\*|__|\*|_)?\s*[:.—–-]?\s*(?:\*\*|__)?\s*")
_SENTENCE_CUT = regex.compile(r"(?<=\w{2}|\))\.\s+(?=[\p{Lu}*_\[(])|\s+[-–—]\s+|\s+\|\s+|<br\s*/?>")
_QUOTED = regex.compile(r'^\s*["“](?P<title>[^"”]{3,})["”]')
_STRONG = regex.compile(r"^\s*(?:\*\*|__)(?P<title>.+?)(?:\*\*|__)")
_WORD = regex.compile(r"[\p{L}\p{N}]+")
_TRIM = " \t.,;:-–—|•·\"'“”‘’"

# Link texts that name what a link is rather than the paper: label -> hint.
_CODE_LABELS = frozenset({
    "code", "github", "gitlab", "pytorch", "tensorflow", "jax", "official code", "unofficial code",
    "code official", "official", "repo", "repository", "source", "implementation", "代码", "コード",
})
_PROJECT_LABELS = frozenset({
    "project", "project page", "page", "website", "homepage", "home page", "home", "demo", "site",
    "project website", "webpage", "项目", "主页", "项目主页",
})
_PAPER_LABELS = frozenset({"paper", "pdf", "arxiv", "openreview", "acl", "cvf", "ieee", "acm", "论文", "doi"})
_OTHER_LABELS = frozenset({
    "video", "slides", "blog", "dataset", "data", "model", "models", "bibtex", "supp", "supplementary",
    "poster", "talk", "colab", "notebook", "weights", "checkpoint", "checkpoints", "leaderboard",
    "huggingface", "hugging face", "hf", "twitter", "x", "zhihu", "知乎", "youtube", "bilibili",
    "benchmark", "abs", "html", "citation", "cite", "news", "review", "reviews",
})
_SECTION_NAMES = frozenset({
    "contents", "table of contents", "toc", "introduction", "intro", "overview", "about", "contributing",
    "contribute", "contribution", "contributions", "license", "citation", "citations", "cite", "how to cite",
    "acknowledgements", "acknowledgments", "acknowledgement", "acknowledgment", "news", "updates",
    "changelog", "todo", "faq", "contact", "usage", "installation", "getting started", "related work",
    "background", "survey", "surveys", "paper", "papers", "paper list", "papers list", "reading list",
    "dataset", "datasets", "benchmark", "benchmarks", "tool", "tools", "resources", "resource",
    "tutorial", "tutorials", "other", "others", "misc", "miscellaneous", "star history", "contributors",
    "references", "abstract", "summary", "notes", "links", "codes", "code", "libraries", "blogs",
    "videos", "talks", "courses", "books", "workshops", "competitions", "leaderboards",
})


@dataclass(slots=True)
class _Item:
    """What a heading or bullet says: a title, its links, and whether one is a paper link."""

    title: Optional[str]
    links: list[Link] = field(default_factory=list)
    ids: dict[str, str] = field(default_factory=dict)
    paper: bool = False


class _Block(NamedTuple):
    """A heading, a paragraph or a bullet item, with where it starts."""

    kind: str
    line: int
    text: str
    raw: str
    level: int = 0


@dataclass(slots=True)
class _Pending:
    """A heading that may still turn out to be a paper."""

    line: int
    item: _Item
    raw: str


def _label(text: str) -> str:
    text = _IMAGE.sub(lambda m: m.group("alt"), text)
    text = _SYMBOLS.sub(" ", _SHORTCODE.sub(" ", _TAG.sub(" ", text)))
    return " ".join(text.strip(" \t[]()*_`:").lower().split())


def _hint(label: str) -> tuple[Optional[str], bool]:
    """(hint for the Link, True when the label names the paper itself)."""
    if label in _CODE_LABELS or label.startswith(("code ", "code(", "github ")):
        return "code", False
    if label in _PROJECT_LABELS or label.startswith(("project ", "project(")):
        return "project", False
    return None, label in _PAPER_LABELS or label.startswith(("paper ", "paper(", "pdf "))


def _is_label(label: str) -> bool:
    hint, paper = _hint(label)
    return hint is not None or paper or label in _OTHER_LABELS


def _is_paper_url(url: str) -> bool:
    try:
        kind, host, _ = classify_url(url)
    except ValueError:
        return False
    host = host.removeprefix("www.")
    if kind == "paper" or url.lower().split("?")[0].split("#")[0].endswith(".pdf"):
        return True
    return any(host == known or host.endswith("." + known) for known in _MORE_PAPER_HOSTS) and kind != "code"


def clean_title(text: str) -> str:
    """A heading or link text as a plain title: no link syntax, emphasis, HTML or tags."""
    text = _LINK.sub(lambda m: m.group("text") or m.group("html") or "", text)
    text = _IMAGE.sub("", text)
    text = html.unescape(_TAG.sub("", text))
    text = _SHORTCODE.sub("", text)
    for _ in range(3):  # nested emphasis: ***x***, **_x_**
        text = _EMPHASIS.sub(r"\2", text)
    text = _ESCAPE.sub(r"\1", decode_tex_accents(text))
    text = _LEADING_TAGS.sub("", _SYMBOLS.sub(" ", text))
    return " ".join(text.split()).strip(_TRIM)


def _leading_title(text: str) -> str:
    """The title written before an item's links: `**Title**`, `"Title,"` or `Title. Authors. Venue.`"""
    text = _LEADING_TAGS.sub("", _SYMBOLS.sub(" ", text))
    for pattern in (_STRONG, _QUOTED):
        match = pattern.match(text)
        if match:
            return clean_title(match.group("title"))
    return clean_title(_SENTENCE_CUT.split(text, maxsplit=1)[0])


def parse_item(content: str) -> _Item:
    """Title, links and paper-ness of one bullet or heading."""
    links: list[Link] = []
    ids: dict[str, str] = {}
    paper = False
    title_link: Optional[tuple[int, str]] = None
    spans: list[tuple[int, int]] = []
    for match in _LINK.finditer(content):
        if match.group("image"):
            continue
        url = (match.group("url") or match.group("href") or match.group("auto") or match.group("bare") or "").strip()
        if not url.lower().startswith(("http://", "https://")):
            continue  # an in-page anchor (#intro), a relative path, mail
        spans.append(match.span())
        text = match.group("text") if match.group("text") is not None else (match.group("html") or "")
        label = _label(text)
        hint, labelled_paper = _hint(label)
        if _is_paper_url(url) or labelled_paper:
            paper = True
        for key, value in paper_ids_from_url(url).items():
            ids.setdefault(key, value)
        if title_link is None and label and not _is_label(label) and not match.group("bare"):
            title_link = (match.start(), text)
            hint = hint or "paper"  # "[Title](https://journal.example/article/1)" links the paper itself
        link = Link(url, hint)
        if link not in links:
            links.append(link)
    return _Item(_title(content, title_link, spans), links, ids, paper)


def _title(content: str, title_link: Optional[tuple[int, str]], spans: list[tuple[int, int]]) -> Optional[str]:
    """The title link's text when nothing but tags precedes it; else the first text between links."""
    if title_link is not None and not _WORD.search(clean_title(content[: title_link[0]])):
        return clean_title(title_link[1]) or None
    bounds = [0, *(edge for span in spans for edge in span), len(content)]
    for start, end in zip(bounds[::2], bounds[1::2]):
        title = _leading_title(content[start:end])
        if _WORD.search(title):
            return title
    return clean_title(title_link[1]) or None if title_link is not None else None


def _is_link_line(text: str, item: _Item) -> bool:
    if not item.links:
        return False
    rest = _LINK.sub(" ", _IMAGE.sub(" ", _TAG.sub(" ", text)))
    return bool(_LINK_LINE_REST.match(_SYMBOLS.sub(" ", rest)))


def _merge(pending: _Pending, item: _Item, raw: str) -> None:
    """A links line under a heading: its links (and paper-ness) are the heading's."""
    pending.item.paper = pending.item.paper or item.paper
    pending.item.links += [link for link in item.links if link not in pending.item.links]
    for key, value in item.ids.items():
        pending.item.ids.setdefault(key, value)
    pending.raw += "\n" + raw


def _titled(item: _Item) -> bool:
    """Long enough to be a paper title without a link to prove it (`## Web Agents` is not)."""
    return bool(item.title) and len(_WORD.findall(item.title or "")) >= MIN_UNLINKED_TITLE_WORDS


def _section_name(title: str) -> bool:
    key = " ".join(_WORD.findall(title.lower()))
    return key in _SECTION_NAMES or key.startswith(("awesome ", "table of contents"))


def detect(head: str, path: str) -> bool:
    """Headings and Markdown links, or a list of linked bullets, and not JSON, XML or BibTeX."""
    start = head.lstrip()
    if not start or start[0] in "{<@%" or regex.match(r"\[\s*(?:[\[{\"\d\]]|$)", start):
        return False
    headings = deep_headings = linked = bullets = 0
    fenced = False
    for line in head.splitlines()[:HEAD_LINES]:
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        heading = _HEADING.match(line)
        if heading and heading.group("text"):
            headings += 1
            deep_headings += len(heading.group("level")) >= 2
        has_link = any(m.group("text") is not None and not m.group("image") for m in _LINK.finditer(line))
        linked += has_link
        bullets += bool(has_link and _BULLET.match(line))
    if path.lower().endswith(EXTENSIONS) and (headings or linked):
        return True
    return (headings >= 1 and linked >= 1) or bullets >= 2 or deep_headings >= 2


def _blocks(lines: Iterable[str]) -> Iterator[_Block]:
    """Headings, paragraphs and bullet items, in order.

    Fenced code, HTML comments, tables, rules and lines of bare HTML end the
    block before them and are dropped. A bullet item takes the lines after
    it until a blank line or a new block.
    """
    fence: Optional[str] = None
    in_comment = False
    kind, start, parts, raw = "", 0, [], ""

    def flush() -> Iterator[_Block]:
        if parts:
            yield _Block(kind, start, "\n".join(parts), raw)

    for number, line in enumerate(lines, start=1):
        text = line.rstrip("\n")
        if fence is not None:
            if text.strip().startswith(fence):
                fence = None
            continue
        if in_comment:
            in_comment = _COMMENT_END not in text
            continue
        fenced = _FENCE.match(text)
        heading = _HEADING.match(text)
        bullet = _BULLET.match(text)
        stripped = text.strip()
        if (
            fenced or not stripped or heading or bullet or _RULE.match(text) or _TABLE_ROW.match(text)
            or _HTML_ONLY.match(text) or stripped.startswith(_COMMENT_START)
        ):
            yield from flush()
            parts, raw = [], ""
            if fenced:
                fence = fenced.group("fence")
            elif stripped.startswith(_COMMENT_START):
                in_comment = _COMMENT_END not in stripped
            elif heading:
                yield _Block("heading", number, heading.group("text") or "", text, len(heading.group("level")))
            elif bullet and not _RULE.match(text):
                kind, start, parts, raw = "bullet", number, [bullet.group("content")], text
            continue
        if not parts:
            kind, start = "paragraph", number
        parts.append(_QUOTE.sub("", text) if kind == "paragraph" else stripped)
        if len(raw) < RAW_CHARS:
            raw = (raw + "\n" + text if raw else text)[:RAW_CHARS]
    yield from flush()


def read(lines: Iterable[str], path: str) -> Iterator[Entry]:
    """Papers in document order; see the module docstring for what counts as one."""
    for index, found in enumerate(_papers(lines, path)):
        found.index = index
        yield found


def _entry(path: str, line: int, item: _Item, abstract: Optional[str], raw: str) -> Entry:
    reject = None if item.title else "paper link with no title"
    return Entry(path, 0, line, item.title, abstract, ids=dict(item.ids), links=list(item.links),
                 reject=reject, raw=raw[:RAW_CHARS])


def _papers(lines: Iterable[str], path: str) -> Iterator[Entry]:
    """Entries (index not yet set) as their block structure decides them."""
    pending: Optional[_Pending] = None
    held: Optional[Entry] = None  # a heading with an abstract but no paper link: a section intro?
    for kind, line, text, raw, level in _blocks(lines):
        if kind == "heading" or kind == "bullet":
            if pending is not None and pending.item.paper:
                yield _entry(path, pending.line, pending.item, None, pending.raw)
            pending = None
        if kind == "heading":
            if held is not None:
                yield held
                held = None
            item = parse_item(text)
            if level >= 2 and not (item.title and _section_name(item.title)):
                pending = _Pending(line, item, raw)
        elif kind == "bullet":
            item = parse_item(" ".join(text.split("\n")))
            if item.paper:
                held = None  # paper bullets follow: the heading above was a section
                yield _entry(path, line, item, None, raw)
        elif pending is not None:
            item = parse_item(text)
            if _is_link_line(text, item):
                _merge(pending, item, raw)
                continue
            abstract = clean_text(_ABSTRACT_LABEL.sub("", text.strip()))
            found = _entry(path, pending.line, pending.item, abstract, pending.raw + "\n" + raw)
            if pending.item.paper:
                yield found
                pending = None
            elif abstract and looks_like_abstract(abstract) and _titled(pending.item):
                held, pending = found, None
    if held is not None:
        yield held
    if pending is not None and pending.item.paper:
        yield _entry(path, pending.line, pending.item, None, pending.raw)
