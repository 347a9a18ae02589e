"""Context rules: names the paper coins or uses, found by what surrounds them.

"we propose X", "termed X", "on the X benchmark", "in terms of X": the rules
live in `patterns/context.jsonl`, each split into `left` context, the
`entity` tokens and `right` context, so one Matcher (greedy, longest match)
finds them all and the entity part is cut out by position. `left` and
`right` hold fixed tokens (no operators), which makes the cut exact.

Token macros keep the data readable: `{"SHAPE": "NAME"}` is a token shaped
like a coined name (LASER-D, ChronoDepth, GPT-4, SWE-bench); `{"SHAPE": "CAP"}`
a capitalised word or a name; `{"SHAPE": "WORD"}` a lowercase content word.
"""

from __future__ import annotations

from importlib import resources
from typing import Any, Iterable

import orjson
import regex
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.attrs import ORTH
from spacy.tokens import Doc

from extract.candidates import LABEL_FIELDS, Candidate, candidates_of

# Coined-name shape: a capital after the first letter (CamelCase, ALLCAPS),
# letters mixed with digits, or a capitalised hyphenated compound. spaCy's
# Matcher runs REGEX with the stdlib `re`, so classes are spelled out.
_L = r"[^\W\d_]"
_LN = r"[^\W_]"
_LU = r"[A-ZÀ-ÖØ-ÞΑ-Ω]"
_LL = r"[a-zß-öø-ÿα-ω]"
NAME_RE = (
    rf"^(?=.*{_L})(?![A-Z][a-z]+(?:-[A-Z][a-z]+)+$)(?:"
    rf"{_L}{_LN}*{_LU}{_LN}*"  # ChronoDepth, LASER, GPT, MoT
    rf"|{_L}+\d[\w.]*"  # AIME2024, GSM8K, Spider2
    rf"|{_LU}{_LN}*(?:-[\w.]+)+"  # Learn-by-interact, SWE-bench, GPT-4
    rf"|{_L}{_LN}*(?:-[\w.]+)*-(?:{_LU}{_LN}*|\d[\w.]*)"  # ResNet-50, t-SNE
    r")(?:[-.][^\W_]+)*[*+]?$"
)
CAP_RE = rf"^(?:{_LU}[\w'-]*|" + NAME_RE[1:-1] + r")$"
WORD_RE = rf"^{_LL}[a-zß-öø-ÿα-ω\-]+$"
# Token classes are computed once per vocabulary entry and stored in its
# NORM attribute (unused by a blank pipeline), so the Matcher compares one
# hash per token instead of running a regex per token and per pattern.
TAG_SEP, TAG_NAME, TAG_CAP, TAG_WORD = "⟨sep⟩", "⟨name⟩", "⟨cap⟩", "⟨word⟩"
_SEPARATORS = frozenset({",", "and", "or", "&", ";"})
_MACROS: dict[str, dict[str, Any]] = {
    "NAME": {"NORM": TAG_NAME},
    "CAP": {"NORM": {"IN": [TAG_NAME, TAG_CAP]}},
    "WORD": {"NORM": TAG_WORD},
    "LIST": {"NORM": {"IN": [TAG_NAME, TAG_SEP]}},
    "PHRASE": {"NORM": {"IN": [TAG_NAME, TAG_CAP, TAG_WORD]}},
    "PHRASE_LIST": {"NORM": {"IN": [TAG_NAME, TAG_CAP, TAG_WORD, TAG_SEP]}},
}
_LIST_SEPARATORS = frozenset({",", "and", "or", "&", ";", "as", "well"})
_NAME = regex.compile(NAME_RE)
_CAP = regex.compile(CAP_RE)
_WORD = regex.compile(WORD_RE)


def token_class(text: str) -> str | None:
    """The shape tag of a word (see TAG_*), or None for other tokens."""
    if text in _SEPARATORS:
        return TAG_SEP
    if _NAME.match(text):
        return TAG_NAME
    if _CAP.match(text):
        return TAG_CAP
    if _WORD.match(text):
        return TAG_WORD
    return None
_LEADING_STOP = frozenset({"the", "a", "an", "both", "our", "their", "its", "overall", "all", "higher", "lower", "better"})


def is_name_shaped(text: str) -> bool:
    """True for tokens shaped like a coined name (see NAME_RE)."""
    return bool(_NAME.match(text))


def _expand(token: dict[str, Any]) -> dict[str, Any]:
    token = dict(token)
    shape = token.pop("SHAPE", None)
    if shape is not None:
        token.update(_MACROS[shape])
    return token


def load_context_rules(extra: Iterable[dict[str, Any]] = ()) -> list[dict[str, Any]]:
    """The built-in context rules plus user rules that carry `left`/`entity`/`right`."""
    resource = resources.files("extract") / "patterns" / "context.jsonl"
    rules = [orjson.loads(line) for line in resource.read_bytes().splitlines() if line.strip()]
    rules.extend(rule for rule in extra if "entity" in rule)
    return rules


class ContextRules:
    """Proposes candidates from left-context / entity / right-context rules."""

    def __init__(
        self, nlp: Language, rules: list[dict[str, Any]], stop: frozenset[str] = frozenset(),
        metric_words: frozenset[str] = frozenset(),
    ) -> None:
        self.stop = stop
        self.metric_stop = stop - metric_words
        self.tagged: set[int] = set()
        self.rules: dict[int, dict[str, Any]] = {}
        self.matcher = Matcher(nlp.vocab)
        self.word_class: dict[str, str] = {}
        self.class_tags: set[str] = set()
        patterns: list[tuple[str, list[dict[str, Any]]]] = []
        for number, rule in enumerate(rules):
            if rule.get("label") not in LABEL_FIELDS:
                continue
            left = [_expand(t) for t in rule.get("left", [])]
            entity = [_expand(t) for t in rule["entity"]]
            right = [_expand(t) for t in rule.get("right", [])]
            key_name = f"context:{number}:{rule.get('id', '')}"
            key = nlp.vocab.strings.add(key_name)
            self.rules[key] = {
                "label": rule["label"],
                "left": len(left),
                "right": len(right),
                "proposed": bool(rule.get("proposed")),
                "list": bool(rule.get("list")),
                "max_words": int(rule.get("max_words", 8)),
                "source": "pattern" if rule.get("strong") else "context",
            }
            pattern = left + entity + right
            pattern[0] = self._exact_first(pattern[0], rule.get("id", ""))
            patterns.append((key_name, pattern))
        word_tags = sorted(self.class_tags | {TAG_WORD})
        for key_name, pattern in patterns:
            self.matcher.add(key_name, [[_with_class_words(t, word_tags) for t in pattern]], greedy="LONGEST")

    def _exact_first(self, token: dict[str, Any], rule_id: str) -> dict[str, Any]:
        """Turn a leading `LOWER IN [...]` into an exact NORM class test.

        The Matcher tests every pattern's first token at every position, and
        an `IN` predicate runs Python code there; an exact value is compared
        in C. The words of the list get the class tag as their NORM (unused
        by a blank pipeline). First-position lists must not share words, or
        one word would need two tags; a class word still counts as a WORD.
        """
        value = token.get("LOWER")
        if not (isinstance(value, dict) and list(value) == ["IN"]) or "OP" in token:
            return token
        words = sorted({w.lower() for w in value["IN"]})
        rest = {k: v for k, v in token.items() if k != "LOWER"}
        if len(words) == 1:
            return {**rest, "LOWER": words[0]}
        tag = "⟨" + "|".join(words) + "⟩"
        for word in words:
            if self.word_class.setdefault(word, tag) != tag:
                raise ValueError(f"context rule {rule_id!r}: {word!r} starts two rules with different word lists")
        self.class_tags.add(tag)
        return {**rest, "NORM": tag}

    def _tag(self, doc: Doc) -> None:
        """Shape and class tags go to the vocabulary's NORM, once per distinct word.

        Works on the array of word ids, so no Token objects are built: a
        Python pass over every token would cost more than the Matcher.
        """
        tagged = self.tagged
        new = set(doc.to_array(ORTH).tolist()) - tagged
        if not new:
            return
        vocab = doc.vocab
        for orth in new:
            tagged.add(orth)
            lexeme = vocab[orth]
            tag = self.word_class.get(lexeme.lower_) or token_class(lexeme.text)
            if tag is not None:
                lexeme.norm_ = tag

    def __call__(self, doc: Doc) -> Doc:
        self._tag(doc)
        found = candidates_of(doc)
        for key, start, end in self.matcher(doc):
            rule = self.rules[key]
            first, last = start + rule["left"], end - rule["right"]
            if first >= last:
                continue
            pieces = _split_list(doc, first, last) if rule["list"] else [(first, last)]
            for a, b in pieces:
                while a < b and doc[a].lower_ in _LEADING_STOP:
                    a += 1
                if rule["label"] in ("TASK", "METRIC"):
                    # A descriptive phrase ends at its first function word or verb.
                    stop = self.stop if rule["label"] == "TASK" else self.metric_stop
                    cut = next((k for k in range(a, b) if doc[k].lower_ in stop), b)
                    b = cut
                if a >= b or b - a > rule["max_words"]:
                    continue
                if b - a == 1 and rule["label"] in ("TASK", "METRIC") and doc[a].lower_.endswith("ing"):
                    continue
                span = doc[a:b]
                found.append(Candidate(span.start_char, span.end_char, rule["label"], rule["source"], proposed=rule["proposed"]))
        return doc


def _with_class_words(token: dict[str, Any], word_tags: list[str]) -> dict[str, Any]:
    """A WORD / PHRASE test also accepts lowercase words that carry a class tag."""
    norm = token.get("NORM")
    if norm == TAG_WORD:
        return {**token, "NORM": {"IN": word_tags}}
    if isinstance(norm, dict) and TAG_WORD in norm.get("IN", ()):
        return {**token, "NORM": {"IN": sorted(set(norm["IN"]) | set(word_tags))}}
    return token


def _split_list(doc: Doc, first: int, last: int) -> list[tuple[int, int]]:
    """"A, B, and C" -> the token ranges of A, B and C."""
    pieces: list[tuple[int, int]] = []
    begin = None
    for i in range(first, last + 1):
        is_sep = i == last or doc[i].lower_ in _LIST_SEPARATORS
        if is_sep:
            if begin is not None:
                pieces.append((begin, i))
                begin = None
        elif begin is None:
            begin = i
    return pieces


@Language.factory("paperlist_context", default_config={"extra_patterns": []})
def make_context_rules(nlp: Language, name: str, extra_patterns: list[str]) -> ContextRules:
    from extract.patterns_io import user_patterns

    from extract.components.shapes import load_heads, stop_words

    heads = load_heads()
    return ContextRules(
        nlp, load_context_rules(user_patterns(extra_patterns)), stop_words(heads), frozenset(heads["metric_heads"])
    )
