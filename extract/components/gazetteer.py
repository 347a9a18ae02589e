"""Gazetteer component: known names of methods, datasets, metrics and tasks.

One PhraseMatcher per matching attribute (exact case, lower case) holds every
phrase of every label: PhraseMatcher cost does not grow with the number of
phrases, so hundreds of names per field stay cheap. Token-pattern entries go
to one Matcher. Matches become `Candidate`s carrying the canonical name.
"""

from __future__ import annotations

import re
from typing import Any, Sequence

import regex
from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from extract.candidates import LABEL_FIELDS, Candidate, candidates_of, doc_text, title_end
from extract.spelling import DASH
from extract.tokenizer import phrase_tokenizer

ENTITY_LABELS = frozenset(LABEL_FIELDS)
# "PPO-based RLHF", "BERT-style encoders": the tokenizer keeps hyphenated
# words whole, so a known name before one of these suffixes is looked up on
# its own. Only one-token names of methods and datasets: "task-specific" or
# "training-free" name nothing.
_DESCRIBED_BY = re.compile(
    r"-(?:based|style|like|guided|driven|powered|enhanced|inspired|augmented|conditioned|assisted|"
    r"initialized|initialised|distilled|generated)(?![\w-])"
)
# The name before the suffix, matched backwards from the hyphen: a hyphenated
# run ("CMA-ES", "Spalart--Allmaras"), and the dashes inside it.
_RUN_BEFORE = regex.compile(rf"(?r)(?<![\w\-–])[\p{{L}}\p{{N}}](?:[\p{{L}}\p{{N}}.+]|{DASH}(?=[\p{{L}}\p{{N}}]))*")
_INNER_DASH = regex.compile(DASH)
_COMPOUND_LABELS = frozenset({"METHOD", "DATASET"})
# Not one ending in a run of capitals (QuALITY, SciERC): its casing is the
# name itself, and "Quality" opening a sentence is the word.
_CAMEL_NAME = regex.compile(r"^(?=.{6,}$)(?!.*\p{Lu}{3,}$)\p{Lu}\p{Ll}+\p{Lu}[\p{L}\p{N}-]*$")
# An acronym and a suffix word: ARC-Challenge, MMLU-Pro, GSM-Hard.
_ACRONYM_COMPOUND = regex.compile(r"^\p{Lu}[\p{Lu}\d]+-\p{L}[\p{L}\d-]*$")


_ONE_WORD = regex.compile(rf"[\p{{L}}\p{{N}}][\p{{L}}\p{{N}}.+]*(?:{DASH}[\p{{L}}\p{{N}}][\p{{L}}\p{{N}}.+]*)*")
_PLAIN_PHRASE = regex.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")


def _plain_words(text: str, special: frozenset[str]) -> list[str] | None:
    """The words of a phrase the tokenizer would split only at its spaces, or None."""
    if not _PLAIN_PHRASE.fullmatch(text):
        return None
    words = text.split(" ")
    return None if any(word in special for word in words) else words


class Gazetteer:
    """Proposes a candidate for every known name found in the doc."""

    def __init__(self, nlp: Language, patterns: Sequence[dict[str, Any]]) -> None:
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.tokens = Matcher(nlp.vocab)
        self.meta: dict[int, tuple[str, str, bool]] = {}
        self.camel_keys: set[int] = set()
        self.lower_forms: set[tuple[int, str]] = set()
        self.acronym_compounds: set[tuple[int, str]] = set()
        # One-word names by exact form and by lower-cased form (see _DESCRIBED_BY).
        self.words: dict[str, int] = {}
        self.lower_words: dict[str, int] = {}
        phrases: dict[tuple[str, str], list[str]] = {}
        for item in patterns:
            label = item["label"]
            if label not in ENTITY_LABELS or "pattern" not in item:
                continue
            pattern = item["pattern"]
            canonical = item.get("id") or (pattern if isinstance(pattern, str) else "")
            key_name = f"{label}|{canonical}|{int(bool(item.get('optional')))}"
            key = nlp.vocab.strings.add(key_name)
            self.meta[key] = (label, canonical, bool(item.get("optional")))
            if isinstance(pattern, str):
                attr = "LOWER" if str(item.get("attr", "ORTH")).upper() == "LOWER" else "ORTH"
                if attr == "ORTH" and _CAMEL_NAME.match(pattern):
                    # AudioSet / Audioset, ImageNet / Imagenet: CamelCase names
                    # are written in several casings; an all-lowercase match
                    # would be a plain word ("complex" is not ComplEx).
                    attr = "LOWER"
                    self.camel_keys.add(key)
                elif attr == "ORTH" and _ACRONYM_COMPOUND.match(pattern) and not pattern.isupper():
                    # ARC-Challenge / ARC-challenge: the suffix word is written
                    # in either case; the acronym must stay in capitals.
                    attr = "LOWER"
                    self.acronym_compounds.add((key, pattern.lower()))
                if pattern.islower():
                    self.lower_forms.add((key, pattern))
                phrases.setdefault((key_name, attr), []).append(pattern)
                if label in _COMPOUND_LABELS and _ONE_WORD.fullmatch(pattern):
                    words = self.lower_words if attr == "LOWER" else self.words
                    words.setdefault(pattern.lower() if attr == "LOWER" else pattern, key)
            else:
                self.tokens.add(key_name, [pattern])
        # A phrase is added as the hashes of its words' ORTH or LOWER (a form the
        # PhraseMatcher accepts in place of a Doc), tokenized on a vocab of its
        # own (see `extract.tokenizer`); a Doc would also be checked for five
        # annotations it cannot have, per phrase.
        tokenize = phrase_tokenizer(nlp.vocab)
        special = frozenset(tokenize.rules or ())
        strings = nlp.vocab.strings
        # PhraseMatcher.add looks its key up in the vocab, which makes a lexeme
        # of "METHOD|BERT|0" and computes its shape, prefix, ... (0.4 s for
        # ~11,000 keys). Keys never occur as text, so their lexemes are made
        # without attribute getters.
        getters, nlp.vocab.lex_attr_getters = nlp.vocab.lex_attr_getters, {}
        try:
            self._add_phrases(phrases, tokenize, special, strings)
        finally:
            nlp.vocab.lex_attr_getters = getters

    def _add_phrases(self, phrases: dict[tuple[str, str], list[str]], tokenize: Any, special: frozenset[str], strings: Any) -> None:
        for (key_name, attr), texts in phrases.items():
            attr_id = LOWER if attr == "LOWER" else ORTH
            plain = [_plain_words(text, special) for text in texts]
            tokenized = iter(tokenize.pipe([t for t, words in zip(texts, plain) if words is None]))
            keywords = [
                # Words of letters only, split at single spaces, are tokens as
                # written: hashing them skips the tokenizer and a lexeme each
                # (most of the ~13,000 phrases; start-up -0.3 s).
                [strings.add(w.lower() if attr_id == LOWER else w) for w in words]
                if words is not None
                else next(tokenized).to_array(attr_id).tolist()
                for words in plain
            ]
            (self.lower if attr == "LOWER" else self.exact).add(key_name, keywords)

    def __call__(self, doc: Doc) -> Doc:
        found = candidates_of(doc)
        text = doc_text(doc)
        end_of_title = title_end(doc)
        for matcher in (self.exact, self.lower, self.tokens):
            if len(matcher) == 0:
                continue
            for key, start, end in matcher(doc):
                label, canonical, optional = self.meta[key]
                span = doc[start:end]
                # Sliced from the text: `Span.text` joins its tokens anew on every read.
                start_char, end_char = span.start_char, span.end_char
                surface = text[start_char:end_char]
                if key in self.camel_keys and surface.islower() and (key, surface) not in self.lower_forms:
                    continue
                if matcher is self.lower and (key, surface.lower()) in self.acronym_compounds and not surface.split("-", 1)[0].isupper():
                    continue
                if (
                    matcher is self.lower
                    and end - start == 1
                    and surface.istitle()
                    and not canonical[:1].isupper()
                    and start_char < end_of_title
                ):
                    # "Learn or Recall?": a capitalised title word is not the metric
                    # "recall"; in the abstract it starts a sentence ("Runtime drops").
                    continue
                found.append(Candidate(start_char, end_char, label, "gazetteer", canonical or None, optional=optional))
        self._described_by(text, found)
        return doc

    def _described_by(self, text: str, found: list[Candidate]) -> None:
        """Known names written as the first part of "X-based", "X-style", ...

        The name may itself hold hyphens ("CMA-ES-based", "Spalart--Allmaras-based"):
        the whole hyphenated run before the suffix is looked up first, then
        what follows each of its hyphens ("non-BERT-based" is BERT).
        """
        for suffix in _DESCRIBED_BY.finditer(text):
            run = _RUN_BEFORE.match(text, 0, suffix.start())
            if run is None:
                continue
            starts = [run.start()] + [m.end() for m in _INNER_DASH.finditer(text, run.start(), run.end())]
            for start in starts:
                name = text[start : run.end()]
                key = self._word_key(name)
                if key is not None:
                    label, canonical, optional = self.meta[key]
                    found.append(Candidate(start, run.end(), label, "gazetteer", canonical or None, optional=optional))
                    break

    def _word_key(self, name: str) -> int | None:
        key = self.words.get(name)
        if key is None:
            key = self.lower_words.get(name.lower())
            if key is None or (key in self.camel_keys and name.islower() and (key, name) not in self.lower_forms):
                return None
        return key


@Language.factory("paperlist_gazetteer", default_config={"extra_patterns": []})
def make_gazetteer(nlp: Language, name: str, extra_patterns: list[str]) -> Gazetteer:
    from extract.patterns_io import all_patterns

    return Gazetteer(nlp, all_patterns(extra_patterns))
