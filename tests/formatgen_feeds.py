"""Write the sample's 79 papers as an arXiv mailing, an Atom feed, HF daily JSON and snapshot JSONL.

The "same text whatever the format" guarantee is tested by carrying the same
(title, abstract) pairs in every format, wrapped the way each real source
wraps them (always at a space, as real feeds do), and checking that each
reader gives back the page dump's text. Identifiers are synthetic but shaped
like real ones (`2506.00001`), one per position, so tests can check them.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Mapping, Sequence
from xml.sax.saxutils import escape

from extract.entry import Entry

from extract.readers import hf_page
from extract.textio import open_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SAMPLE = FIXTURES / "hf-papers-listing.txt"
Pair = tuple[str, str]


def sample_pairs(path: Path = SAMPLE) -> list[Pair]:
    """(title, abstract) of every paper the hf-page reader finds in the sample."""
    source = open_text(str(path))
    return [(e.title or "", e.abstract or "") for e in hf_page.read(source.lines, str(path)) if e.reject is None]


def synthetic_arxiv_id(position: int) -> str:
    """A new-style arXiv id for the paper at `position` (0-based)."""
    return f"2506.{position + 1:05d}"


def wrap(text: str, width: int = 80, first: str = "", rest: str = "") -> list[str]:
    """Hard-wrap at spaces only, like arXiv does; words longer than a line stay whole."""
    return textwrap.wrap(
        text, width=width, initial_indent=first, subsequent_indent=rest,
        break_long_words=False, break_on_hyphens=False,
    )


def mailing_text(pairs: Sequence[Pair]) -> str:
    """An arXiv daily mailing (mail headers, CRLF line ends) holding every pair as a new submission."""
    out = [
        "Date: Tue, 3 Jun 2025 00:00:03 -0400",
        "From: no-reply@arxiv.org (send mail ONLY to cs)",
        "Subject: cs daily Subj-class mailing 1 1",
        "To: reader@example.org",
        "",
        "-" * 78,
        " Submissions to:",
        "Computation and Language",
        " received from  Fri 30 May 25 18:00:00 GMT  to  Mon  2 Jun 25 18:00:00 GMT",
        "-" * 78,
    ]
    for position, (title, abstract) in enumerate(pairs):
        ident = synthetic_arxiv_id(position)
        out += ["\\\\", f"arXiv:{ident}", "Date: Mon, 2 Jun 2025 17:59:59 GMT   (512kb)", ""]
        out += wrap(title, first="Title: ", rest="  ")
        out += ["Authors: Ada Lovelace and Alan Turing", "Categories: cs.CL cs.LG", "\\\\"]
        out += wrap(abstract, first="  ")
        out += [f"\\\\ ( https://arxiv.org/abs/{ident} ,  512kb)", "-" * 78]
    out += ["%%%---%%%---%%%---%%%---%%%---%%%---%%%---%%%---%%%---%%%---%%%---%%%---%%%---", ""]
    return "\r\n".join(out)


def atom_text(pairs: Sequence[Pair]) -> str:
    """An arXiv API response in the older style: two-space indentation, wrapped title and summary."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        '  <title type="html">ArXiv Query: search_query=all:learning</title>',
        "  <id>http://arxiv.org/api/cHxbiOdZaP56ODnBPIenZhzg5f8</id>",
        "  <updated>2025-06-03T00:00:00-04:00</updated>",
    ]
    for position, (title, abstract) in enumerate(pairs):
        ident = synthetic_arxiv_id(position)
        wrapped_title = "\n".join(wrap(escape(title), rest="  "))
        wrapped_summary = "\n".join(wrap(escape(abstract), first="  "))
        out += [
            "  <entry>",
            f"    <id>http://arxiv.org/abs/{ident}v1</id>",
            "    <published>2025-06-02T17:59:59Z</published>",
            f"    <title>{wrapped_title}</title>",
            f"    <summary>{wrapped_summary}\n</summary>",
            "    <author>\n      <name>Ada Lovelace</name>\n    </author>",
            f'    <link href="http://arxiv.org/abs/{ident}v1" rel="alternate" type="text/html"/>',
            f'    <link title="pdf" href="http://arxiv.org/pdf/{ident}v1" rel="related" type="application/pdf"/>',
            '    <category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>',
            "  </entry>",
        ]
    out += ["</feed>", ""]
    return "\n".join(out)


def hf_daily_text(pairs: Sequence[Pair]) -> str:
    """Hugging Face daily-papers JSON: title and summary at both levels, an `ai_summary` decoy."""
    items = []
    for position, (title, abstract) in enumerate(pairs):
        ident = synthetic_arxiv_id(position)
        summary = "\n".join(wrap(abstract))
        paper = {
            "id": ident,
            "authors": [{"_id": f"a{position}", "name": "Ada Lovelace", "hidden": False}],
            "publishedAt": "2025-06-02T17:59:59.000Z",
            "title": title,
            "summary": summary,
            "upvotes": position,
            "ai_summary": f"An AI-written one-liner about paper {position}, not its abstract.",
            "ai_keywords": ["learning"],
        }
        items.append({"paper": paper, "publishedAt": "2025-06-03T01:00:00.000Z", "title": title,
                      "summary": summary, "numComments": 0, "isAuthorParticipating": False})
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"


def snapshot_text(pairs: Sequence[Pair]) -> str:
    """arXiv metadata snapshot JSONL: titles wrapped with "\\n  ", abstracts starting with two spaces."""
    lines = []
    for position, (title, abstract) in enumerate(pairs):
        record = {
            "id": synthetic_arxiv_id(position),
            "submitter": "Ada Lovelace",
            "authors": "Ada Lovelace and Alan Turing",
            "title": "\n".join(wrap(title, rest="  ")),
            "comments": None,
            "journal-ref": None,
            "doi": None,
            "report-no": None,
            "categories": "cs.CL cs.LG",
            "license": "http://arxiv.org/licenses/nonexclusive-distrib/1.0/",
            "abstract": "\n".join(wrap(abstract, first="  ")) + "\n",
            "versions": [{"version": "v1", "created": "Mon, 2 Jun 2025 17:59:59 GMT"}],
            "update_date": "2025-06-03",
            "authors_parsed": [["Lovelace", "Ada", ""], ["Turing", "Alan", ""]],
        }
        lines.append(json.dumps(record, ensure_ascii=False))
    return "\n".join(lines) + "\n"


GENERATORS = {
    "arxiv-mailing": ("sample-mailing.txt", mailing_text),
    "arxiv-atom": ("sample-atom.xml", atom_text),
    "hf-daily": ("sample-daily.json", hf_daily_text),
    "jsonl": ("sample-snapshot.jsonl", snapshot_text),
}


def write_with(generators: Mapping[str, tuple[str, Callable[[Sequence[Pair]], str]]], pairs: Sequence[Pair],
               directory: Path) -> dict[str, Path]:
    """Write the pairs in each format of `generators` under `directory`; format name -> file."""
    written: dict[str, Path] = {}
    for name, (filename, render) in generators.items():
        target = directory / filename
        target.write_bytes(render(pairs).encode("utf-8"))
        written[name] = target
    return written


def write_all(pairs: Sequence[Pair], directory: Path) -> dict[str, Path]:
    """Write the pairs in every feed format under `directory`; format name -> file."""
    return write_with(GENERATORS, pairs, directory)


def read_file(module: ModuleType, path: Path) -> list[Entry]:
    """A file's entries through one reader module, decoded as the CLI decodes it."""
    source = open_text(str(path))
    return list(module.read(source.lines, str(path)))


def assert_reads_the_whole_sample(entries: Sequence[Entry], pairs: Sequence[Pair]) -> None:
    """All 79 papers, in order, none rejected, each with the page dump's title and abstract."""
    assert len(entries) == 79
    assert [e.index for e in entries] == list(range(79))
    assert [e.reject for e in entries] == [None] * 79
    assert [(e.title, e.abstract) for e in entries] == list(pairs)


def extractions(record: Any) -> dict[str, Any]:
    """What must not depend on the format that carried a paper: its text, entities and URLs in the text."""
    assert isinstance(record, dict), record
    found = {key: record[key] for key in ("title", "abstract", "methods", "datasets", "metrics", "tasks")}
    found["urls"] = [u for u in record["urls"] if u["mention"] is not None]
    return found


def lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)
