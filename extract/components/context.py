"""Context rules: names the paper coins or uses, found by what surrounds them.

"we propose X", "termed X", "on the X benchmark", "in terms of X": the rules
live in `patterns/context.jsonl`, each split into `left` context, the
`entity` tokens and `right` context, so one Matcher (greedy, longest match)
finds them all and the entity part is cut out by position. `left` and
`right` hold fixed tokens (no operators), which makes the cut exact.

Token macros keep the data readable: `{"SHAPE": "NAME"}` is a token shaped
like a coined name (LASER-D, ChronoDepth, GPT-4, SWE-bench); `{"SHAPE": "CAP"}`
a capitalised word or a name; `{"SHAPE": "TITLE"}` a capitalised word not
shaped like a name (Montgomery, not LASER); `{"SHAPE": "WORD"}` a lowercase content word.
"""

from __future__ import annotations

from functools import reduce
from importlib import resources
from operator import or_
from typing import Any, Iterable

import orjson
import regex
from spacy.language import Language
from spacy.attrs import ORTH
from spacy.tokens import Doc

from extract.candidates import LABEL_FIELDS, Candidate, candidates_of, title_end
from extract.components.token_regex import SHAPES, CompiledRule, TokenRegexCompiler, longest_matches

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
# Shape classes of tokens, named in rules as NORM values (the compiler turns
# them into the shape code of each token's cell).
TAG_SEP, TAG_NAME, TAG_CAP, TAG_WORD = "⟨sep⟩", "⟨name⟩", "⟨cap⟩", "⟨word⟩"
_SEPARATORS = frozenset({",", "and", "or", "&", ";"})
_MACROS: dict[str, dict[str, Any]] = {
    "NAME": {"NORM": TAG_NAME},
    "CAP": {"NORM": {"IN": [TAG_NAME, TAG_CAP]}},
    "TITLE": {"NORM": TAG_CAP},  # a capitalised word that is not shaped like a coined name
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
    """Proposes candidates from left-context / entity / right-context rules.

    Rules are spaCy Matcher token patterns; `token_regex` compiles each into
    one regular expression over per-token codes, with the Matcher's
    greedy="LONGEST" semantics, because spaCy's Matcher cost (every pattern
    stepped at every token) dominated the whole pipeline.
    """

    def __init__(
        self, nlp: Language, rules: list[dict[str, Any]], stop: frozenset[str] = frozenset(),
        metric_words: frozenset[str] = frozenset(),
    ) -> None:
        self.stop = stop
        self.metric_stop = stop - metric_words
        compiler = TokenRegexCompiler()
        compiled_rules: list[CompiledRule] = []
        infos: list[dict[str, Any]] = []
        for number, rule in enumerate(rules):
            if rule.get("label") not in LABEL_FIELDS:
                continue
            left = [_expand(t) for t in rule.get("left", [])]
            entity = [_expand(t) for t in rule["entity"]]
            right = [_expand(t) for t in rule.get("right", [])]
            key_name = f"context:{number}:{rule.get('id', '')}"
            info = {
                "label": rule["label"],
                "proposed": bool(rule.get("proposed")),
                "list": bool(rule.get("list")),
                "max_words": int(rule.get("max_words", 8)),
                # An existing work's name ranks and resolves like a family name: never proposed.
                "source": "pattern" if rule.get("strong") else "family" if rule.get("existing") else "context",
                "not_first": frozenset(rule.get("not_first", ())),
                "not_left": frozenset(rule.get("not_left", ())),
                "abstract_only": bool(rule.get("abstract_only")),
                # Entity words the rule lists itself ("denoising on BSD68"), not shapes.
                "named_words": all("LOWER" in t or "ORTH" in t for t in entity),
            }
            compiled_rules.append(compiler.compile(key_name, left, entity, right))
            infos.append(info)
        self.encoder = compiler.encoder(lambda text: SHAPES.get(token_class(text) or "", "O"), compiled_rules)
        self.rules: list[tuple[CompiledRule, dict[str, Any], int]] = list(
            zip(compiled_rules, infos, self.encoder.filter.rule_masks)
        )
        for compiled in compiled_rules:
            compiled.pattern  # compile now: a bad rule fails at start-up, not on the first doc

    def encode(self, doc: Doc) -> tuple[str, int]:
        """The doc as token codes (see token_regex) and the OR of its `RuleFilter` word masks.

        Built from word ids without Token objects.
        """
        orths = doc.to_array(ORTH).tolist()
        cells = list(map(self.encoder.cache.get, orths))
        if None in cells:
            vocab = doc.vocab
            for i, cell in enumerate(cells):
                if cell is None:
                    lexeme = vocab[orths[i]]
                    cells[i] = self.encoder.cell(orths[i], lexeme.text, lexeme.is_punct)
        return "".join(cells), reduce(or_, filter(None, map(self.encoder.mask_cache.get, orths)), 0)  # type: ignore[arg-type]

    def __call__(self, doc: Doc) -> Doc:
        found = candidates_of(doc)
        codes, present = self.encode(doc)
        for compiled, rule, required in self.rules:
            if present & required != required:  # the doc lacks a word the rule needs
                continue
            for start, _end, first, last in longest_matches(compiled, codes):
                if first >= last:
                    continue
                if rule["not_left"] and any(doc[k].lower_ in rule["not_left"] for k in range(max(0, start - 1), first)):
                    continue  # "the proposed model X", "we call the sampler X": the words before say whose it is
                pieces = _split_list(doc, first, last) if rule["list"] else [(first, last)]
                for a, b in pieces:
                    self._propose(doc, a, b, rule, found)
        return doc

    def _propose(self, doc: Doc, a: int, b: int, rule: dict[str, Any], found: list[Candidate]) -> None:
        if rule["not_first"] and a < b and doc[a].lower_ in rule["not_first"]:
            return  # "we call it the hash function": a description, not a name
        if rule["abstract_only"] and doc[a].idx < title_end(doc):
            return  # titles capitalise every word: capitals there name nothing
        while a < b and doc[a].lower_ in _LEADING_STOP:
            a += 1
        if rule["label"] in ("TASK", "METRIC"):
            # A descriptive phrase ends at its first function word or verb.
            stop = self.stop if rule["label"] == "TASK" else self.metric_stop
            b = next((k for k in range(a, b) if doc[k].lower_ in stop), b)
        if a >= b or b - a > rule["max_words"]:
            return
        if b - a == 1 and rule["label"] in ("TASK", "METRIC") and doc[a].lower_.endswith("ing") and not rule["named_words"]:
            return  # a lone gerund a shape matched ("training"); one the rule lists is meant
        span = doc[a:b]
        found.append(Candidate(span.start_char, span.end_char, rule["label"], rule["source"], proposed=rule["proposed"]))


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
