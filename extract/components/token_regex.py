"""spaCy Matcher token patterns, compiled to regular expressions over token codes.

The context rules are written in spaCy's Matcher pattern language (token
dicts with LOWER / ORTH / NORM / IS_PUNCT and OP quantifiers). spaCy's Matcher
evaluates every pattern at every token in Python-visible steps, which made it
the slowest part of the pipeline; here each token becomes a fixed four-code
cell and each pattern one compiled `regex`, so a rule is one C-level scan.
`tests/test_token_regex.py` checks that the matches equal spaCy's Matcher
(greedy="LONGEST") on the sample.

Cell layout, one per token:
  0: the token's lower-case form, as a code in U+E000.. (words named by rules)
  1: the token's exact form, as a code in U+F000.. (forms named by rules)
  2: its shape class: N name-shaped, C capitalised, W lower-case word,
     S list separator, O other
  3: P if punctuation, else _
Only words that rules mention get their own code; every other word shares
the "unknown" code, so the tables stay small however large the input.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable

import regex

_LOWER_BASE = 0xE000
_ORTH_BASE = 0xF000
_UNKNOWN_LOWER = chr(_LOWER_BASE)
_UNKNOWN_ORTH = chr(_ORTH_BASE)
_ANY_LOWER = "[\ue000-\uefff]"
_ANY_ORTH = "[\uf000-\uf8ff]"
SHAPES = {"⟨name⟩": "N", "⟨cap⟩": "C", "⟨word⟩": "W", "⟨sep⟩": "S"}


@dataclass(frozen=True)
class CompiledRule:
    """One rule: its regex, and the word codes a doc must hold for it to match.

    `required` has one set per token the rule cannot skip that names words
    (LOWER / ORTH): a doc whose cells hold none of a set's codes cannot match,
    so the rule's scan is skipped (`could_match`) without changing any result.
    """

    key: str
    pattern: "regex.Pattern[str]"
    required: tuple[frozenset[str], ...] = ()

    def could_match(self, present: set[str] | frozenset[str]) -> bool:
        """False when `present` (the characters of a doc's cells) rules a match out."""
        for codes in self.required:  # a plain loop: a generator's overhead showed in profiles
            if codes.isdisjoint(present):
                return False
        return True


class TokenRegexCompiler:
    """Assigns codes to the words rules mention and compiles token patterns."""

    def __init__(self) -> None:
        self.lower_codes: dict[str, str] = {}
        self.orth_codes: dict[str, str] = {}

    def _code(self, table: dict[str, str], base: int, word: str) -> str:
        code = table.get(word)
        if code is None:
            code = chr(base + 1 + len(table))
            table[word] = code
        return code

    def _values(self, value: Any) -> list[str]:
        if isinstance(value, dict):
            if list(value) != ["IN"]:
                raise ValueError(f"unsupported predicate {value!r}")
            return [str(v) for v in value["IN"]]
        return [str(value)]

    def _required(self, spec: dict[str, Any]) -> list[frozenset[str]]:
        """The code sets one of which a token matching `spec` must carry, if it cannot be skipped."""
        op = str(spec.get("OP", ""))
        if op in ("?", "*") or (op.startswith("{") and not op[1:].split(",")[0].strip("}").lstrip("0")):
            return []  # optional: "{0,5}", "{,3}", "{0}" may match no token
        found = []
        if "LOWER" in spec:
            found.append(frozenset(self._code(self.lower_codes, _LOWER_BASE, v.lower()) for v in self._values(spec["LOWER"])))
        for attr in ("ORTH", "TEXT"):
            if attr in spec:
                found.append(frozenset(self._code(self.orth_codes, _ORTH_BASE, v) for v in self._values(spec[attr])))
        return found

    def _cell(self, spec: dict[str, Any]) -> str:
        lower, orth, shape, punct = _ANY_LOWER, _ANY_ORTH, "[NCWSO]", "[P_]"
        for attr, value in spec.items():
            if attr == "OP":
                continue
            if attr == "LOWER":
                codes = [self._code(self.lower_codes, _LOWER_BASE, v.lower()) for v in self._values(value)]
                lower = "[" + "".join(codes) + "]"
            elif attr in ("ORTH", "TEXT"):
                codes = [self._code(self.orth_codes, _ORTH_BASE, v) for v in self._values(value)]
                orth = "[" + "".join(codes) + "]"
            elif attr == "NORM":
                letters = [SHAPES[v] for v in self._values(value)]
                shape = "[" + "".join(letters) + "]"
            elif attr == "IS_PUNCT":
                punct = "P" if value else "_"
            else:
                raise ValueError(f"token attribute {attr!r} is not supported by the rule compiler")
        cell = f"(?:{lower}{orth}{shape}{punct})"
        op = spec.get("OP")
        if op is None:
            return cell
        if op in ("?", "*", "+"):
            return cell + op
        if regex.fullmatch(r"\{\d*,?\d*\}", str(op)):
            return cell + str(op)
        raise ValueError(f"unsupported OP {op!r}")

    def compile(self, key: str, left: list[dict[str, Any]], entity: list[dict[str, Any]], right: list[dict[str, Any]]) -> CompiledRule:
        """Left context, entity tokens (captured) and right context as one regex."""
        body = (
            "".join(self._cell(t) for t in left)
            + "(?P<e>"
            + "".join(self._cell(t) for t in entity)
            + ")"
            + "".join(self._cell(t) for t in right)
        )
        required = tuple(codes for t in (*left, *entity, *right) for codes in self._required(t))
        return CompiledRule(key, regex.compile(body), required)

    def encoder(self, shape_of: Callable[[str], str]) -> "TokenEncoder":
        return TokenEncoder(self.lower_codes, self.orth_codes, shape_of)


class TokenEncoder:
    """Token text -> its four-character cell, cached per distinct text."""

    def __init__(self, lower_codes: dict[str, str], orth_codes: dict[str, str], shape_of: Callable[[str], str]) -> None:
        self.lower_codes = lower_codes
        self.orth_codes = orth_codes
        self.shape_of = shape_of
        self.cache: dict[int, str] = {}

    def cell(self, orth_id: int, text: str, is_punct: bool) -> str:
        cell = self.cache.get(orth_id)
        if cell is None:
            cell = (
                self.lower_codes.get(text.lower(), _UNKNOWN_LOWER)
                + self.orth_codes.get(text, _UNKNOWN_ORTH)
                + self.shape_of(text)
                + ("P" if is_punct else "_")
            )
            self.cache[orth_id] = cell
        return cell


def longest_matches(rule: CompiledRule, codes: str) -> list[tuple[int, int, int, int]]:
    """(start, end, entity_start, entity_end) in tokens, longest first, non-overlapping.

    Mirrors the Matcher's greedy="LONGEST": all matches, then the longest of
    every overlapping set.
    """
    found = []
    for match in rule.pattern.finditer(codes, overlapped=True):
        start, end = match.span()
        if start % 4:
            continue
        e_start, e_end = match.span("e")
        found.append((start // 4, end // 4, e_start // 4, e_end // 4))
    if len(found) < 2:  # the usual case: nothing to choose between
        return found
    found.sort(key=lambda m: (m[0] - m[1], m[0]))
    kept: list[tuple[int, int, int, int]] = []
    for m in found:
        if all(m[1] <= k[0] or k[1] <= m[0] for k in kept):
            kept.append(m)
    kept.sort()
    return kept


def encode(cells: Iterable[str]) -> str:
    return "".join(cells)
