"""`Entry`: what every reader yields, whatever the input format.

Readers only segment and unwrap; they never extract. Keeping this shape small
and format-free is what lets the same title and abstract give the same record
whichever format carried them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


@dataclass(slots=True)
class Link:
    """A URL carried by the input's metadata rather than written in the text.

    `hint` is the format's own claim ("code" for a `githubRepo` field,
    "project" for a `projectPage` field); classification may still overrule it
    for hosts ANNOTATION.md assigns (a paper link is always `paper`).
    """

    url: str
    hint: Optional[str] = None


@dataclass(slots=True)
class Entry:
    """One paper as read from a listing, before extraction.

    `reject` is set by a reader that found the entry but could not complete it
    (a title with no abstract in a page dump, a broken JSON line): the entry is
    then reported, never silently dropped. `raw` keeps the start of the source
    text for the rejects file.
    """

    path: str
    index: int
    line: int
    title: Optional[str]
    abstract: Optional[str] = None
    ids: dict[str, str] = field(default_factory=dict)
    authors: list[str] = field(default_factory=list)
    published: Optional[str] = None
    categories: list[str] = field(default_factory=list)
    venue: Optional[str] = None
    links: list[Link] = field(default_factory=list)
    reject: Optional[str] = None
    raw: str = ""


@dataclass(slots=True)
class Reject:
    """An entry that did not become a record, and why."""

    path: str
    index: int
    line: int
    reason: str
    raw: str

    def as_dict(self) -> dict[str, object]:
        return {
            "source": {"path": self.path, "entry": self.index, "line": self.line},
            "reason": self.reason,
            "text": self.raw[:200],
        }
