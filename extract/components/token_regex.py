"""spaCy Matcher token patterns, compiled to regular expressions over token codes.

The context rules are written in spaCy's Matcher pattern language (token
dicts with LOWER / ORTH / NORM / IS_PUNCT and OP quantifiers). spaCy's Matcher
evaluates every pattern at every token in Python-visible steps, which made it
the slowest part of the pipeline; here each token becomes one character and
each pattern one compiled regular expression, so a rule is one C-level scan.
`tests/test_token_regex.py` checks that the matches equal spaCy's Matcher
(greedy="LONGEST") on the sample.

A token's character packs everything rules can ask about it:
  its word: which rule-named lower-case form or exact form it has (words no
      rule names share the "unknown" word, so the tables stay small however
      large the input), and
  its class: shape (N name-shaped, C capitalised, W lower-case word, S list
      separator, O other) times punctuation (P or not).
The code is BASE + class * WORDS + word, so a pattern token is one character
class of a few ranges. One character per token, rather than one per
attribute, makes the scanned string four times shorter (the scans' cost is
per character), and match offsets are token offsets.

The patterns run on the standard library's `re`: its character classes are
bitmaps, one lookup per character, where `regex` walked the classes' ranges
(a token class here is up to ten ranges) and scanned four times slower.
They use nothing but classes, greedy quantifiers and one group, where the
two engines' backtracking agrees match for match.

Which words exist is known only once every rule is read (a later rule may
name the exact form "On" of a word an earlier rule names as LOWER "on"), so
regexes are built on first use; the compiler refuses new words after that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable, Iterable, Sequence

SHAPES = {"⟨name⟩": "N", "⟨cap⟩": "C", "⟨word⟩": "W", "⟨sep⟩": "S"}
_SHAPE_INDEX = {letter: i for i, letter in enumerate("NCWSO")}
_CLASSES = 2 * len(_SHAPE_INDEX)  # shape x punctuation
# Private-use code points, which no regex syntax gives a meaning to; the
# supplementary plane only when rules name very many words.
_CODE_PLANES = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD))


@dataclass(frozen=True)
class TokenSpec:
    """One pattern token, reduced to what its character class is built from."""

    lower: frozenset[int] | None  # LOWER codes; None when unconstrained
    orth: frozenset[int] | None  # ORTH / TEXT codes
    shapes: str  # allowed shape letters
    punct: tuple[int, ...]  # allowed punctuation flags (1 = punctuation)
    op: str  # the regex quantifier, "" for exactly one

    def optional(self) -> bool:
        """True when the token may match no token at all ("?", "*", "{0,5}", "{,3}")."""
        op = self.op
        return op in ("?", "*") or (op.startswith("{") and not op[1:].split(",")[0].strip("}").lstrip("0"))


Parts = tuple[tuple[TokenSpec, ...], tuple[TokenSpec, ...], tuple[TokenSpec, ...]]


@dataclass(frozen=True)
class CompiledRule:
    """One rule (left context, entity, right context) and how to scan for it.

    `pattern` and `required` need the final word table, so they are built on
    first use (cached_property writes the instance dict, frozen or not).
    """

    key: str
    parts: Parts = field(repr=False)
    compiler: "TokenRegexCompiler" = field(repr=False, compare=False)

    @cached_property
    def pattern(self) -> "re.Pattern[str]":
        """The rule as one regular expression; the entity tokens are group "e"."""
        return self.compiler.words.pattern(self.parts)

    @cached_property
    def required(self) -> tuple[frozenset[int], ...]:
        """One set of word codes per token that cannot be skipped and names words.

        A doc holding none of a set's words cannot match, so the rule's scan
        is skipped (see `RuleFilter`) without changing any result.
        """
        words = self.compiler.words
        return tuple(
            words.matching(token)
            for group in self.parts
            for token in group
            if not token.optional() and (token.lower is not None or token.orth is not None)
        )


class TokenRegexCompiler:
    """Assigns codes to the words rules mention and compiles token patterns."""

    def __init__(self) -> None:
        self.lower_codes: dict[str, int] = {}
        self.orth_codes: dict[str, int] = {}
        self._frozen = False

    def _code(self, table: dict[str, int], word: str) -> int:
        code = table.get(word)
        if code is None:
            if self._frozen:
                raise ValueError(f"rule word {word!r} named after the rules were compiled")
            code = 1 + len(table)  # 0 stays free: "no rule names it"
            table[word] = code
        return code

    def _values(self, value: Any) -> list[str]:
        if isinstance(value, dict):
            if list(value) != ["IN"]:
                raise ValueError(f"unsupported predicate {value!r}")
            return [str(v) for v in value["IN"]]
        return [str(value)]

    def _spec(self, spec: dict[str, Any]) -> TokenSpec:
        lower: frozenset[int] | None = None
        orth: frozenset[int] | None = None
        shapes, punct = "NCWSO", (0, 1)
        for attr, value in spec.items():
            if attr == "OP":
                continue
            if attr == "LOWER":
                lower = frozenset(self._code(self.lower_codes, v.lower()) for v in self._values(value))
            elif attr in ("ORTH", "TEXT"):
                orth = frozenset(self._code(self.orth_codes, v) for v in self._values(value))
            elif attr == "NORM":
                shapes = "".join(SHAPES[v] for v in self._values(value))
            elif attr == "IS_PUNCT":
                punct = (1,) if value else (0,)
            else:
                raise ValueError(f"token attribute {attr!r} is not supported by the rule compiler")
        op = spec.get("OP")
        if op is None:
            op = ""
        elif op not in ("?", "*", "+") and not re.fullmatch(r"\{\d*,?\d*\}", str(op)):
            raise ValueError(f"unsupported OP {op!r}")
        return TokenSpec(lower, orth, shapes, punct, str(op))

    def compile(self, key: str, left: list[dict[str, Any]], entity: list[dict[str, Any]], right: list[dict[str, Any]]) -> CompiledRule:
        """Left context, entity tokens (captured) and right context as one rule."""
        parts = (tuple(map(self._spec, left)), tuple(map(self._spec, entity)), tuple(map(self._spec, right)))
        return CompiledRule(key, parts, self)

    @cached_property
    def words(self) -> "WordTable":
        """The final word table; from here on no rule may name new words."""
        self._frozen = True
        return WordTable(self.lower_codes, self.orth_codes)

    def encoder(self, shape_of: Callable[[str], str], rules: Sequence[CompiledRule] = ()) -> "TokenEncoder":
        """Encodes tokens; `rules` are those whose `RuleFilter` masks it should track."""
        return TokenEncoder(self.words, shape_of, RuleFilter(rules, self.words))


class WordTable:
    """Word codes: 0 unknown, then one per rule-named lower form, then one per rule-named exact form."""

    def __init__(self, lower_codes: dict[str, int], orth_codes: dict[str, int]) -> None:
        self.lower_codes = lower_codes
        self.orth_codes = orth_codes
        self.count = 1 + len(lower_codes) + len(orth_codes)
        # The LOWER code and the ORTH code each word code stands for.
        self.lower_of = list(range(1 + len(lower_codes))) + [lower_codes.get(form.lower(), 0) for form in orth_codes]
        self.orth_of = [0] * (1 + len(lower_codes)) + list(range(1, 1 + len(orth_codes)))
        size = self.count * _CLASSES
        base = next((low for low, high in _CODE_PLANES if low + size - 1 <= high), None)
        if base is None:
            raise ValueError(f"the rules name {self.count} words, more than token codes can hold")
        self.base = base

    def word(self, text: str) -> int:
        """The word code of a token's text."""
        form = self.orth_codes.get(text)
        if form is not None:
            return len(self.lower_codes) + form
        return self.lower_codes.get(text.lower(), 0)

    def char(self, word: int, shape: str, punct: bool) -> str:
        """A token's character (see the module docstring)."""
        return chr(self.base + (_SHAPE_INDEX[shape] * 2 + punct) * self.count + word)

    def matching(self, token: TokenSpec) -> frozenset[int]:
        """The word codes a token satisfying `token`'s LOWER / ORTH tests may carry."""
        return frozenset(
            w for w in range(self.count)
            if (token.lower is None or self.lower_of[w] in token.lower)
            and (token.orth is None or self.orth_of[w] in token.orth)
        )

    def cell_class(self, token: TokenSpec) -> str:
        """The character class (with quantifier) of one pattern token."""
        words = sorted(self.matching(token))
        points = [
            self.base + (_SHAPE_INDEX[shape] * 2 + punct) * self.count + w
            for shape in token.shapes for punct in token.punct for w in words
        ]
        body = "".join(f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}" for a, b in _runs(sorted(points)))
        return f"[{body}]{token.op}"

    def pattern(self, parts: Parts) -> "re.Pattern[str]":
        left, entity, right = ("".join(map(self.cell_class, group)) for group in parts)
        return re.compile(f"{left}(?P<e>{entity}){right}")


def _runs(points: list[int]) -> list[tuple[int, int]]:
    """Sorted distinct code points as (first, last) runs of consecutive ones."""
    runs: list[tuple[int, int]] = []
    for p in points:
        if runs and runs[-1][1] == p - 1:
            runs[-1] = (runs[-1][0], p)
        else:
            runs.append((p, p))
    return runs


class RuleFilter:
    """Which rules a doc cannot match (`CompiledRule.required`), for all rules at once.

    Every required word set of every rule gets a bit; a word's mask holds the
    bits of the sets it is in, so OR-ing a doc's word masks gives the sets it
    satisfies, and a rule can match only if all of its bits are there: one
    AND per rule instead of a set test per required token (which showed in
    profiles).
    """

    def __init__(self, rules: Sequence[CompiledRule], words: WordTable) -> None:
        self.word_masks = [0] * words.count
        self.rule_masks: list[int] = []
        bit = 0
        for rule in rules:
            mask = 0
            for codes in rule.required:
                for word in codes:
                    self.word_masks[word] |= 1 << bit
                mask |= 1 << bit
                bit += 1
            self.rule_masks.append(mask)


class TokenEncoder:
    """Token text -> its character and `RuleFilter` word mask, cached per distinct word id.

    `mask_cache` holds only the masks that are not 0 (words some rule
    requires), so a doc's mask ORs a handful of values, not one per token.
    """

    def __init__(self, words: WordTable, shape_of: Callable[[str], str], rule_filter: RuleFilter) -> None:
        self.words = words
        self.shape_of = shape_of
        self.filter = rule_filter
        self.cache: dict[int, str] = {}
        self.mask_cache: dict[int, int] = {}

    def cell(self, orth_id: int, text: str, is_punct: bool) -> str:
        cell = self.cache.get(orth_id)
        if cell is None:
            word = self.words.word(text)
            cell = self.words.char(word, self.shape_of(text), is_punct)
            mask = self.filter.word_masks[word]
            if mask:
                self.mask_cache[orth_id] = mask
            self.cache[orth_id] = cell
        return cell


def longest_matches(rule: CompiledRule, codes: str) -> list[tuple[int, int, int, int]]:
    """(start, end, entity_start, entity_end) in tokens, longest first, non-overlapping.

    Mirrors the Matcher's greedy="LONGEST": all matches, then the longest of
    every overlapping set.
    """
    found = []
    search = rule.pattern.search
    match = search(codes)
    while match is not None:  # every start, as regex's overlapped=True: `re` has no such flag
        start, end = match.span()
        e_start, e_end = match.span("e")
        found.append((start, end, e_start, e_end))
        match = search(codes, start + 1)
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
