"""Acronym definitions, Schwartz & Hearst (2003) style, as in scispaCy.

"Language Model Predictive Control (LMPC)" defines LMPC; the long form and the
short form then name one entity. The algorithm is a handful of pure functions
over character offsets (easy to test); the spaCy component only runs them and
stores the pairs on the Doc for the rules that classify them.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex
from spacy.language import Language
from spacy.tokens import Doc

from extract.candidates import doc_text

# A parenthesised short form: 2-12 chars, starts with a letter or digit, holds a
# capital letter, at most two words. "(LMPC)", "(MoT)", "(LASER-D)", "(SEQ*)".
_SHORT_FORM = regex.compile(
    r"""(?x)
    \(\s*
    (?P<sf>
      (?=[^()]{0,12}\p{Lu})               # at least one capital letter
      [\p{L}\p{N}][\p{L}\p{N}\-+*./&']{0,11}
      (?:\s[\p{L}\p{N}\-+*]{1,8})?        # an optional second word: "GloRe v2"
    )
    \s*(?:[;,][^()]{0,40})?\)
    """
)
_WORD = regex.compile(r"[^\s]+")
_STOP_BEFORE = regex.compile(
    r"(?i)^(?:a|an|the|our|this|that|these|its|their|we|novel|new|called|termed|named|dubbed"
    r"|to|of|for|and|or|with|in|on|by|from|as|at|via|is|are)$"
)
_TRIM = "~\"'`“”‘’,;:"
_MAX_EXTRA_WORDS = 5


@dataclass(frozen=True, slots=True)
class Abbreviation:
    """A defined acronym: long form at [long_start, long_end), short at [short_start, short_end)."""

    long_start: int
    long_end: int
    short_start: int
    short_end: int


# Abbreviations of other words, in parentheses like a short form: "(e.g. ...)", "(see ...)".
_NOT_SHORT = regex.compile(r"(?i)(?:e\.g|i\.e|see|cf|fig|eq|ours?|et al)\.?")


def _is_valid_short(sf: str) -> bool:
    letters = [c for c in sf if c.isalpha()]
    if len(letters) < 2 or not sf[0].isalnum():
        return False
    capitals = sum(1 for c in sf if c.isupper())
    # "LMPC", "MoT", "re-ID", "GSM8K" are short forms; "Balance" is a word.
    if capitals == 0 or (capitals == 1 and sf[0].isupper() and not any(c.isdigit() for c in sf)):
        return False
    return not _NOT_SHORT.fullmatch(sf)


def best_long_form(short: str, candidate: str) -> int | None:
    """Schwartz-Hearst: index in `candidate` where the long form for `short` starts.

    Walk the short form right to left, finding each of its letters and digits in
    the candidate right to left; the first character must begin a word.
    Returns None when there is no such alignment.
    """
    chars = [c.lower() for c in short if c.isalnum()]
    if not chars:
        return None
    s_idx = len(chars) - 1
    l_idx = len(candidate) - 1
    while s_idx >= 0:
        c = chars[s_idx]
        while l_idx >= 0 and (
            candidate[l_idx].lower() != c
            or (s_idx == 0 and l_idx > 0 and candidate[l_idx - 1].isalnum())
        ):
            l_idx -= 1
        if l_idx < 0:
            return None
        l_idx -= 1
        s_idx -= 1
    start = l_idx + 1
    return start


def _extend_to_initial(short: str, candidate: str, offset: int) -> int:
    """Prefer "Proximal policy optimization" over "policy optimization" for PPO.

    The greedy right-to-left alignment can spend the first letter inside the
    long form; when the long form has fewer words than the short form has
    letters and the word before it starts with the short form's first letter,
    take that word too.
    """
    words = candidate[offset:].split()
    if len(words) >= sum(1 for c in short if c.isalnum()):
        return offset
    before = candidate[:offset].rstrip()
    space = before.rfind(" ") + 1
    previous = before[space:]
    if previous and previous[0].lower() == short[0].lower() and not _STOP_BEFORE.match(previous):
        return space
    return offset


def _window_start(text: str, end: int, size: int) -> int:
    """Where the long-form search space before `end` starts: `size` characters
    back, but never before a paragraph break, which also separates the title
    from the abstract (a title's last words do not define the abstract's acronym)."""
    start = max(0, end - size)
    paragraph = text.rfind("\n\n", start, end)
    return paragraph + 2 if paragraph >= 0 else start


def find_abbreviations(text: str) -> list[Abbreviation]:
    """Every "long form (SHORT)" definition in `text`, by character offsets."""
    found: list[Abbreviation] = []
    for match in _SHORT_FORM.finditer(text):
        short = match.group("sf").strip()
        if not _is_valid_short(short):
            continue
        short_start = match.start("sf")
        short_end = short_start + len(short)
        window_start = _window_start(text, match.start(), 200)
        prefix = text[window_start : match.start()]
        words = list(_WORD.finditer(prefix))
        if not words:
            continue
        n_chars = sum(1 for c in short if c.isalnum())
        max_words = min(n_chars + _MAX_EXTRA_WORDS, n_chars * 2)
        words = words[-max_words:]
        # A sentence or clause boundary ends the search space.
        for i in range(len(words) - 1, -1, -1):
            if words[i].group().endswith((".", ";", ":", ")")) and i < len(words) - 1:
                words = words[i + 1 :]
                break
        if not words:
            continue
        cand_start = words[0].start()
        candidate = prefix[cand_start:].rstrip()
        candidate = candidate.rstrip(",")
        offset = best_long_form(short, candidate)
        if offset is None:
            continue
        # A word that starts inside a hyphenated word ("non-negative") starts the long form.
        while offset > 0 and candidate[offset - 1] == "-" and offset > 1 and candidate[offset - 2].isalnum():
            offset = candidate.rfind(" ", 0, offset) + 1
        offset = _extend_to_initial(short, candidate, offset)
        long_text = candidate[offset:].rstrip(_TRIM)
        if len(long_text.split()) > max_words or len(long_text) <= len(short):
            continue
        # Long forms are written out: mostly letters, first word not a stopword.
        first = long_text.split()[0]
        if _STOP_BEFORE.match(first):
            continue
        long_start = window_start + cand_start + offset
        found.append(Abbreviation(long_start, long_start + len(long_text), short_start, short_end))
    return found


_RESPECTIVELY = regex.compile(
    r"""(?x)
    \(\s*
    (?P<sfs>[\p{L}\p{N}][\p{L}\p{N}\-+*]{1,11}(?:\s*(?:,|,?\s*and)\s*[\p{L}\p{N}][\p{L}\p{N}\-+*]{1,11}){1,5})
    \s*,?\s*respectively\s*\)
    """
)
_COORDINATION = regex.compile(r"\s*(?:,\s*and|,|\band)\s+(?:(?:a|an|the)\s+)?")


_SHORT_IN_LIST = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}\-+*]*")


def find_respective_abbreviations(text: str) -> list[Abbreviation]:
    """"a contact mesh Transformer and a hierarchical mesh Transformer (CMT and HMT, respectively)"."""
    found: list[Abbreviation] = []
    for match in _RESPECTIVELY.finditer(text):
        shorts = [
            (m.start() + match.start("sfs"), m.group())
            for m in _SHORT_IN_LIST.finditer(match.group("sfs"))
            if m.group() != "and"
        ]
        if not all(_is_valid_short(sf) for _, sf in shorts):
            continue
        window_start = _window_start(text, match.start(), 300)
        prefix = text[window_start : match.start()].rstrip()
        cut = max(prefix.rfind(". "), prefix.rfind("; "), prefix.rfind(": "))
        base = window_start + cut + 2 if cut >= 0 else window_start
        prefix = text[base : base + len(prefix) - (cut + 2 if cut >= 0 else 0)]
        pieces = [(m.end(), m.start()) for m in _COORDINATION.finditer(prefix)]
        bounds = [0] + [end for end, _ in pieces]
        ends = [start for _, start in pieces] + [len(prefix)]
        segments = list(zip(bounds, ends))[-len(shorts) :]
        if len(segments) != len(shorts):
            continue
        pairs = []
        for (seg_start, seg_end), (short_start, short) in zip(segments, shorts):
            segment = prefix[seg_start:seg_end]
            offset = best_long_form(short, segment)
            if offset is None:
                break
            pairs.append(Abbreviation(base + seg_start + offset, base + seg_end, short_start, short_start + len(short)))
        else:
            found.extend(pairs)
    return found


if not Doc.has_extension("paperlist_abbreviations"):
    Doc.set_extension("paperlist_abbreviations", default=None)


class AcronymDetector:
    """Stores `doc._.paperlist_abbreviations`: the acronym definitions of the doc."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        doc._.paperlist_abbreviations = find_abbreviations(text) + find_respective_abbreviations(text)
        return doc


@Language.factory("paperlist_acronyms")
def make_acronym_component(nlp: Language, name: str) -> AcronymDetector:
    return AcronymDetector()
