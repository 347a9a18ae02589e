"""JSON Lines: one paper object per line, such as the arXiv metadata snapshot.

The snapshot is millions of lines (often gzip-compressed), so it is read one
line at a time; a line that is not JSON, or not a paper, becomes a reject
with its line number and the run goes on. Any object with a title and an
abstract (or summary) is read, so generic exports work too; the snapshot's
own fields (authors, categories, doi, journal-ref, versions) fill metadata.

`entry_from_object` is also what `hf_daily` uses per list item: the Hugging
Face paper object is one more shape of the same thing.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Iterator, Optional

import regex

from extract.entry import Entry, Link
from extract.text import arxiv_id, clean_text, parse_mail_date, split_authors

NAME = "jsonl"
EXTENSIONS = (".jsonl", ".ndjson")

RAW_CHARS = 200
HEAD_LINES = 5
_ISO_DATE = regex.compile(r"^\s*(\d{4}-\d{2}-\d{2})(?:[T ]|$)")
_TITLE_KEY = regex.compile(r'"title"\s*:')
# Keys only Hugging Face paper objects have: their `id` is also an HF paper id.
_HF_KEYS = frozenset({"paper", "publishedAt", "upvotes", "ai_summary", "githubRepo", "projectPage", "discussionId"})
# Metadata links and the kind their field claims (the URL classifier may overrule it).
_LINK_FIELDS: tuple[tuple[str, str], ...] = (("githubRepo", "code"), ("projectPage", "project"))


def detect(head: str, path: str) -> bool:
    """The first non-blank lines are each a complete JSON object, and one has a title."""
    lines = [line for line in head.splitlines() if line.strip()]
    if not lines or not lines[0].lstrip().startswith("{"):
        return False
    complete = lines[:-1] if len(head) >= (1 << 16) and len(lines) > 1 else lines  # the last may be cut
    checked = complete[:HEAD_LINES]
    if not checked:
        return False
    for line in checked:
        try:
            value = json.loads(line)
        except (ValueError, RecursionError):
            return False
        if not isinstance(value, dict):
            return False
    return any(_TITLE_KEY.search(line) for line in checked)


def _first_str(*values: Any) -> Optional[str]:
    for value in values:
        if isinstance(value, str) and value.strip():
            return value
    return None


def _authors(paper: dict[str, Any]) -> list[str]:
    authors = paper.get("authors")
    if isinstance(authors, str) and authors.strip():
        return split_authors(authors)
    if isinstance(authors, list):
        names = [a.get("name") if isinstance(a, dict) else a for a in authors]
        return [name for n in names if isinstance(n, str) and (name := clean_text(n))]
    parsed = paper.get("authors_parsed")
    if isinstance(parsed, list):
        out = []
        for item in parsed:
            if isinstance(item, list) and item and all(isinstance(p, str) for p in item):
                name = clean_text(" ".join(p for p in (item[1:2] + item[:1] + item[2:3]) if p.strip()))
                if name:
                    out.append(name)
        return out
    return []


def _published(paper: dict[str, Any], outer: dict[str, Any]) -> Optional[str]:
    versions = paper.get("versions")
    if isinstance(versions, list) and versions and isinstance(versions[0], dict):
        created = versions[0].get("created")
        if isinstance(created, str) and (date := parse_mail_date(created)):
            return date
    for value in (paper.get("published"), paper.get("publishedAt"), outer.get("publishedAt"),
                  paper.get("update_date")):
        if isinstance(value, str) and (match := _ISO_DATE.match(value)):
            return match.group(1)
    return None


def _categories(value: Any) -> list[str]:
    if isinstance(value, str):
        return value.split()
    if isinstance(value, list):
        return [v.strip() for v in value if isinstance(v, str) and v.strip()]
    return []


def entry_from_object(obj: Any, path: str, index: int, line: int, raw: str, hf: bool = False) -> Entry:
    """A paper object (snapshot line, generic export, or HF paper) -> Entry.

    The title and abstract come from the paper itself, with the top level of
    an HF daily item as fallback. `ai_summary` is machine-written and is
    never taken for the abstract. `hf` says the `id` is a Hugging Face paper
    id (it is also recorded as the arXiv id when it has that shape).
    """
    if not isinstance(obj, dict):
        return Entry(path, index, line, None, reject=f"not a JSON object but {type(obj).__name__}", raw=raw)
    paper = obj["paper"] if isinstance(obj.get("paper"), dict) else obj
    hf = hf or bool(_HF_KEYS & obj.keys())
    title = clean_text(_first_str(paper.get("title"), obj.get("title")))
    abstract = clean_text(_first_str(paper.get("abstract"), paper.get("summary"), obj.get("abstract"),
                                     obj.get("summary")))
    ids: dict[str, str] = {}
    for key in ("id", "arxiv_id", "arxivId"):
        value = paper.get(key)
        if isinstance(value, str) and value.strip():
            found = arxiv_id(value)
            if found:
                ids.setdefault("arxiv", found)
            if hf and key == "id":
                ids["hf"] = value.strip()
    doi = _first_str(paper.get("doi"), paper.get("DOI"))
    if doi:
        ids["doi"] = doi.split()[0]
    links = [
        Link(url.strip(), hint)
        for key, hint in _LINK_FIELDS
        if (url := _first_str(paper.get(key), obj.get(key)))
    ]
    venue = _first_str(paper.get("journal-ref"), paper.get("journal_ref"), paper.get("venue"))
    return Entry(
        path=path,
        index=index,
        line=line,
        title=title,
        abstract=abstract,
        ids=ids,
        authors=_authors(paper),
        published=_published(paper, obj),
        categories=_categories(paper.get("categories")),
        venue=clean_text(venue),
        links=links,
        reject=None if title else "object with no title",
        raw=raw,
    )


def read(lines: Iterable[str], path: str) -> Iterator[Entry]:
    """One entry per non-blank line; a line that is not JSON is a reject, not the end."""
    index = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        raw = line[:RAW_CHARS]
        try:
            value = json.loads(line)
        except ValueError as err:
            reason = getattr(err, "msg", str(err)).removesuffix(" at")  # "Invalid control character at"
            column = getattr(err, "colno", None)
            where = f" at column {column}" if column else ""
            yield Entry(path, index, number, None, reject=f"line is not JSON: {reason}{where}", raw=raw)
        except RecursionError:
            yield Entry(path, index, number, None, reject="line is JSON nested too deeply", raw=raw)
        else:
            yield entry_from_object(value, path, index, number, raw)
        index += 1
