"""Names coordinated with a known name share its label.

"Existing callers such as DeepVariant and Clair3", "BLAST, DIAMOND and
HMMER", "improving over MCAT (0.661), MOTCat (0.670)": writers list things
of one kind together, so when one member of a list is a name the gazetteer
knows, the other members shaped like names (CamelCase, letters with digits,
acronyms) are the same kind of thing. The gazetteer cannot list every tool of
every field; its well-known names vouch for their less-known neighbours.

Only gaps are filled: a list member some rule already found keeps that
rule's verdict, and the stoplist still applies when candidates are selected.
"""

from __future__ import annotations

import regex

from extract.candidates import Candidate
from extract.components.context import is_name_shaped

# Sources whose label is trusted enough to pass on.
_VOUCHING = frozenset({"gazetteer", "family"})
_LABELS = frozenset({"METHOD", "DATASET"})
# A result in parentheses may follow a member: "MCAT (0.661), MOTCat (0.670)".
_AFTER = r"(?:\s*\([^()]{1,24}\))?"
_NEXT = regex.compile(_AFTER + r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?P<name>[^\s,;()]+)")
_PREVIOUS = regex.compile(r"(?r)(?<![^\s(])(?P<name>[^\s,;()]+)" + _AFTER + r"(?:\s*,\s*|\s+(?:and|or)\s+)")
_TRAILING = ".:!?"
_MAX_CHAIN = 8


def coordinated(candidates: list[Candidate], text: str) -> list[Candidate]:
    """Candidates for name-shaped words listed next to a known method or dataset."""
    taken = {(c.start, c.end) for c in candidates}
    starts = {c.start for c in candidates}
    found: list[Candidate] = []
    for cand in candidates:
        if cand.source not in _VOUCHING or cand.label not in _LABELS or cand.optional:
            continue
        for step in (_next_member, _previous_member):
            start, end = cand.start, cand.end
            for _ in range(_MAX_CHAIN):
                member = step(text, start, end)
                if member is None or member in taken or member[0] in starts:
                    break
                taken.add(member)
                found.append(Candidate(member[0], member[1], cand.label, "context"))
                start, end = member
    return found


def _next_member(text: str, start: int, end: int) -> tuple[int, int] | None:
    match = _NEXT.match(text, end)
    return _member(text, match) if match else None


def _previous_member(text: str, start: int, end: int) -> tuple[int, int] | None:
    match = _PREVIOUS.match(text, 0, start)
    if match is None or match.end() != start:
        return None
    return _member(text, match)


def _member(text: str, match: "regex.Match[str]") -> tuple[int, int] | None:
    """The name's span, trailing sentence punctuation dropped, if it is shaped like a name."""
    name_start, name_end = match.span("name")
    while name_end > name_start and text[name_end - 1] in _TRAILING:
        name_end -= 1
    name = text[name_start:name_end]
    if len(name) < 2 or not is_name_shaped(name):
        return None
    return name_start, name_end
