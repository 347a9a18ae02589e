"""Write the sample's 79 papers as CSV, TSV, BibTeX and Markdown, the way real tools write them.

Like `tests.formatgen_feeds`, this carries the page dump's (title, abstract)
pairs in other formats so that tests can check each reader gives the same
text back. Each writer escapes the way its real counterpart does:

- CSV as a dataframe dump (`csv` module quoting: doubled quotes, abstracts
  hard-wrapped inside quoted fields), TSV with a `summary` column;
- BibTeX as a reference manager exports it: every LaTeX special character of
  the text escaped (`\\%`, `\\{`, `\\textbackslash{}`), non-ASCII letters as
  TeX accents (`{\\"{\\i}}`), capitalised words protected with braces in one
  of three real styles, tab or space indentation;
- Markdown as paper notes: `## Title`, a line of arXiv links, the abstract.

Identifiers reuse `formatgen_feeds.synthetic_arxiv_id` (`2506.00001` for
the first paper).
"""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path
from typing import Sequence

from tests.formatgen_feeds import Pair, sample_pairs, synthetic_arxiv_id, wrap, write_with

__all__ = ["GENERATORS", "bibtex_escape", "bibtex_text", "csv_text", "markdown_text", "sample_pairs",
           "synthetic_doi", "tsv_text", "write_all"]

# What a reference manager writes for each LaTeX special character.
_BIBTEX_SPECIALS: dict[str, str] = {
    "\\": "\\textbackslash{}", "{": "\\{", "}": "\\}", "%": "\\%", "&": "\\&", "#": "\\#",
    "$": "\\$", "_": "\\_", "~": "\\textasciitilde{}", "^": "\\textasciicircum{}",
}
# Combining mark -> TeX accent command.
_ACCENTS: dict[str, str] = {
    "\u0301": "'", "\u0300": "`", "\u0302": "^", "\u0308": '"', "\u0303": "~", "\u0304": "=",
    "\u0307": ".", "\u0327": "c", "\u030c": "v", "\u0306": "u", "\u030b": "H", "\u030a": "r",
}


def synthetic_doi(position: int) -> str:
    """A DOI-shaped identifier for the paper at `position` (0-based)."""
    return f"10.5555/sample.{position + 1:04d}"


def _accented(char: str) -> str:
    """`ï` -> `{\\"{\\i}}`, `é` -> `{\\'e}`; other characters unchanged."""
    decomposed = unicodedata.normalize("NFD", char)
    if len(decomposed) != 2 or decomposed[1] not in _ACCENTS:
        return char
    base, command = decomposed[0], _ACCENTS[decomposed[1]]
    base = {"i": "{\\i}", "j": "{\\j}"}.get(base, base)
    return f"{{\\{command}{base}}}" if not command.isalpha() else f"{{\\{command}{{{base}}}}}"


def bibtex_escape(text: str) -> str:
    """Text as a reference manager writes it into a BibTeX field."""
    return "".join(_BIBTEX_SPECIALS.get(char, _accented(char)) for char in text)


def _protect(title: str, style: int) -> str:
    """Case protection, in the three styles real exports use."""
    escaped = bibtex_escape(title)
    if style == 0:
        return "{{" + escaped + "}}"  # Better BibTeX: {{Whole Title}}
    words = escaped.split(" ")
    if style == 1:  # Zotero: {Every} {Capitalised} word
        protected = [f"{{{w}}}" if w[:1].isupper() and "\\" not in w else w for w in words]
    else:  # hand-written: only acronyms and mixed case, {BERT}, {GPT-3}
        protected = [f"{{{w}}}" if sum(c.isupper() for c in w) > 1 and "\\" not in w else w for w in words]
    return "{" + " ".join(protected) + "}"


def csv_text(pairs: Sequence[Pair]) -> str:
    """A dataframe dump: id, title, abstract (hard-wrapped inside quotes), authors, date, categories."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "title", "abstract", "authors", "published", "categories"])
    for position, (title, abstract) in enumerate(pairs):
        writer.writerow([
            synthetic_arxiv_id(position), title, "\n".join(wrap(abstract, width=72)),
            "Ada Lovelace, Alan Turing", "2025-06-02T17:59:59Z", "cs.CL cs.LG",
        ])
    return out.getvalue()


def tsv_text(pairs: Sequence[Pair]) -> str:
    """A spreadsheet saved as TSV: `Title`, `Summary`, `arXiv ID` and `DOI` columns."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(["Title", "Summary", "arXiv ID", "DOI"])
    for position, (title, abstract) in enumerate(pairs):
        writer.writerow([title, abstract, f"arXiv:{synthetic_arxiv_id(position)}v2", synthetic_doi(position)])
    return out.getvalue()


def bibtex_text(pairs: Sequence[Pair]) -> str:
    """A reference-manager export: @article / @inproceedings / @misc, escaped fields, arXiv eprints."""
    kinds = ("article", "inproceedings", "misc", "online")
    out = ["% Exported from a reference manager", ""]
    for position, (title, abstract) in enumerate(pairs):
        ident = synthetic_arxiv_id(position)
        indent = "\t" if position % 2 else "  "
        kind = kinds[position % len(kinds)]
        fields = [("title", _protect(title, position % 3))]
        fields.append(("author", "{Lovelace, Ada and Turing, Alan}"))
        fields.append(("abstract", "{" + "\n".join(wrap(bibtex_escape(abstract), width=76, rest=indent * 2)) + "}"))
        if kind == "article":
            fields.append(("journal", f"{{arXiv:{ident} [cs]}}"))
        elif kind == "inproceedings":
            fields.append(("booktitle", "{Proceedings of the Sample Conference}"))
        fields += [
            ("eprint", f"{{{ident}}}"), ("archiveprefix", "{arXiv}"), ("primaryclass", "{cs.CL}"),
            ("doi", "{" + bibtex_escape(synthetic_doi(position)) + "}"),
            ("url", f"{{http://arxiv.org/abs/{ident}}}"), ("date", "{2025-06-02}"),
            ("file", f"{{Preprint PDF:/home/ada/Zotero/storage/K{position:04d}/paper.pdf:application/pdf}}"),
        ]
        out.append(f"@{kind}{{sample{position},")
        out += [f"{indent}{key} = {value}," for key, value in fields]
        out += ["}", ""]
    return "\n".join(out)


def markdown_text(pairs: Sequence[Pair]) -> str:
    """Paper notes: a `#` heading and intro, then `## Title`, a links line and the abstract per paper."""
    out = [
        "# Papers of the day",
        "",
        "Notes on the papers listed on the Hugging Face papers page, with their abstracts as the "
        "authors wrote them. Each section links to the arXiv abstract and PDF.",
        "",
    ]
    for position, (title, abstract) in enumerate(pairs):
        ident = synthetic_arxiv_id(position)
        out += [
            f"## {title}",
            "",
            f"[arXiv](https://arxiv.org/abs/{ident}) | [PDF](https://arxiv.org/pdf/{ident})",
            "",
            abstract,
            "",
        ]
    return "\n".join(out)


GENERATORS = {
    "csv": ("sample.csv", csv_text),
    "tsv": ("sample.tsv", tsv_text),
    "bibtex": ("sample.bib", bibtex_text),
    "markdown": ("sample.md", markdown_text),
}


def write_all(pairs: Sequence[Pair], directory: Path) -> dict[str, Path]:
    """Write the pairs in every file format under `directory`; format name -> file."""
    return write_with(GENERATORS, pairs, directory)
