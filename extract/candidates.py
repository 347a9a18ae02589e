"""`Candidate`: a span some rule proposes as an entity, before resolution.

Components only propose; `extract.resolve` decides. Keeping the proposal
small (offsets, label, canonical name, which rule, how sure) lets rules be
added without touching the resolution logic.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc

LABEL_FIELDS: dict[str, str] = {
    "METHOD": "methods",
    "DATASET": "datasets",
    "METRIC": "metrics",
    "TASK": "tasks",
}

# Higher wins when two candidates overlap: a curated name beats a guess.
PRIORITY: dict[str, int] = {
    "definition": 55,  # the paper's own acronym definition overrides a gazetteer meaning
    "gazetteer": 50,
    "pattern": 45,
    "acronym": 40,
    "kind": 40,  # a plural defined as a plural acronym ("whole-slide images (WSIs)"): blocks guesses, never reported
    "family": 35,
    "context": 30,
    "title": 25,  # the name before a title's colon
    "title-phrase": 25,  # a capitalised method phrase in the title ("... with Prompt Tuning")
    "title-used": 25,  # a plural one: a kind of model the paper uses ("... Using Graph Neural Networks")
    "head": 20,
    "shape": 10,
    "qualifier": 0,  # a word qualifying a known metric; used by resolve.qualify_known, never output
}


@dataclass(slots=True)
class Candidate:
    """A proposed entity span in the doc text (title + separator + abstract)."""

    start: int
    end: int
    label: str
    source: str
    canonical: Optional[str] = None
    proposed: bool = False
    optional: bool = False
    group: Optional[int] = None  # candidates sharing a group are one entity (acronym pairs)

    @property
    def priority(self) -> int:
        return PRIORITY.get(self.source, 0)


if not Doc.has_extension("paperlist_candidates"):
    Doc.set_extension("paperlist_candidates", default=None)


def candidates_of(doc: Doc) -> list[Candidate]:
    """The doc's candidate list, created on first use."""
    found = doc._.paperlist_candidates
    if found is None:
        found = []
        doc._.paperlist_candidates = found
    return found


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once: spaCy rebuilds the string from tokens on every access."""
    text = doc.user_data.get("paperlist_text")
    if text is None:
        text = doc.text
        doc.user_data["paperlist_text"] = text
    return text


def title_end(doc: Doc) -> int:
    """Where the title ends in `doc_text(doc)`: the blank line before the
    abstract (pipeline.SEPARATOR), or the text's end when there is no abstract."""
    text = doc_text(doc)
    end = text.find("\n\n")
    return len(text) if end < 0 else end
