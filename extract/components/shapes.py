"""Shape rules: versioned model names, head-noun phrases, the title's name.

- family: a known family stem with a version or size ("Qwen2.5-7B-Instruct",
  "Llama 3", "GPT-3.5-turbo", "Claude 3.5 Sonnet") is a method, whatever the
  version: gazetteers cannot list every release.
- head: a short noun phrase ending in a task head ("video depth estimation")
  or a metric head ("token usage") is a task / metric. Modifiers are walked
  back from the head and stop at function words and evaluative adjectives
  ("temporally consistent video depth estimation" -> "video depth estimation").
- title: "Name: what it does" titles name the paper's own method.
- mixed case: a word like WhatsHap, RDKit or pySTEPS is a coined name, a
  method (tools, models, systems), or a dataset when a data noun closes it
  ("the ASSISTments 2017 and EdNet datasets"). The weakest guess: any rule
  or gazetteer entry naming the word, stoplist included, overrides it.
Vocabularies live in `patterns/heads.json`.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from itertools import compress
from typing import Any

import regex
from spacy.language import Language
from spacy.attrs import ORTH
from spacy.tokens import Doc, Token

from extract.candidates import Candidate, candidates_of, doc_text, title_end
from extract.components.context import is_name_shaped
from extract.components.quantities import (
    AMOUNT_PREPOSITIONS,
    COMPARATIVES,
    QuantityVocab,
    amount_follows,
    changed_quantity,
    compared_count,
    reported_value,
    reads_plural,
)
from extract.spelling import DASH, spelling_variants

_SUBJECT_PRONOUNS = frozenset({"we", "they", "i", "you"})
_DASHES = regex.compile(DASH)
_EVALUATED = frozenset({"evaluated", "validated", "tested", "assessed", "benchmarked", "compared", "measured"})
_EDITION_YEAR = regex.compile(r"(?:199\d|20[0-3]\d)")
_VERSION_TOKEN = regex.compile(r"^(?:v?\d+(?:\.\d+)*[a-zA-Z]?|\d+(?:\.\d+)?[BMKbmk]|[A-Z]\d+)$")
_RELEASE_WORDS = frozenset(
    "Instruct Chat Turbo turbo Sonnet Opus Haiku Pro Flash Ultra Mini mini Nano Large Base Small Medium XL XXL "
    "Coder Math Vision Omni Plus Max Lite Preview Distill Thinking".split()
)
# Names that announce a benchmark by their ending: ActionBench, SWE-bench,
# ScienceQA, HumanEval, WebArena, OSWorld, OpenAI Gym-style "...Gym".
_DATASET_SHAPE = regex.compile(
    r"^[\p{L}\p{N}][\p{L}\p{N}\-]*?(?:[Bb]ench|BENCH|QA|Eval|EVAL|Arena|Gym|Corpus|Bank|Suite|World)(?:[-_.]?[\p{L}\p{N}.]+)?$"
)
# A title whose rest says it is data: "X: A Benchmark for ...".
_DATA_NOUN = regex.compile(r"\b(?:benchmark|dataset|corpus|suite|catalogue|catalog|database|atlas|archive)\b")
# "logical reasoning", "active learning", "multi-hop reasoning": an adjective
# makes a broad head ("reasoning", "learning") a specific task.
_QUALIFYING_ADJECTIVE = regex.compile(r"(?:al|ic|ive|ous|ary)$|^\p{Ll}+-\p{Ll}+$")
# "text-based matching" describes how, not which task.
_HOW_MODIFIER = regex.compile(r"(?i)-(?:based|driven|guided|aware|augmented|specified|level)$")
_HYPHEN_WORD = regex.compile(r"^\p{L}[\p{L}\p{N}]*(?:-\p{L}+)+$")
_FAMILY, _BENCH, _TASK_HEAD, _METRIC_HEAD, _METRIC_FAMILY, _SELF_MODIFIED, _EPONYM, _MIXED_CASE = 1, 2, 4, 8, 16, 32, 64, 128
_PER = 256  # "per": a rate counted per unit ("3.1 pages per second")
_AMOUNT_PREP, _COMPARATIVE = 512, 1024  # "by 37%", "40% fewer": a reported change (quantities.py)
_OF = 4096  # "have a median process fidelity of 99.21%": a value reported by a result verb (quantities.py)
_FOR = 2048  # "251 for DeepFL", "8.7% on VoxConverse": a result reported for a system, on data
# After a compared system's name, what a results sentence goes on with.
_AFTER_SYSTEM = frozenset({",", ".", ";", ")", "(", "and", "or", "at", "on", "with", "in", "when", "under", "while"})
_AFTER_DATA = _AFTER_SYSTEM | {"test", "dev", "validation", "split", "subset", "dataset", "benchmark", "full", "and"}
# Names a figure is often given for that are no system: languages, places, people, sets of things.
_NOT_SYSTEMS = frozenset(
    "english chinese german french spanish japanese korean arabic russian hindi portuguese italian dutch "
    "python java c europe asia africa america us uk china india japan the a an all both each our their this "
    "men women males females white black asian table figure fig section".split()
)
# Verbs that report a count as the system's rate; a count after other words is
# the setting ("with five shots per class", "on 300 sentences per language").
_RATE_VERBS = frozenset(
    "issues issue adds add processes process makes make requires require needs need uses use generates generate "
    "decodes decode serves serve sustains sustain handles handle averages produces produce emits emit raises "
    "transcribes types enters triggers reach reaches achieve achieves attain attains".split()
)
# A word of mixed case is a coined name: tools, models and systems are named
# WhatsHap, RDKit, SynthSeg, MinSR, pySTEPS; dictionary words never are.
# Five characters at least (units: MHz, GeV, kWh), with two capitals or a
# capital after a small letter.
_MIXED_CASE_WORD = regex.compile(r"^(?=[\p{L}\p{N}]{5,}$)(?=.*\p{Ll})(?:.*\p{Lu}.*\p{Lu}|.*\p{Ll}\p{Lu}).*$")
# A name with a parameter count in billions is a model: RepoSynth-32B,
# Wan2.1-T2V-1.3B, E5-Mistral-7B-Instruct, SiT-XL/2 (a DiT size and patch).
# Millions and thousands are left out: ReaSyn-1M, ImageNet-1K name data.
# Both share one shape: a name (a letter before its first hyphen), a hyphen, a number.
_NAME_THEN_COUNT = r"^(?=[^-]*\p{L})[\p{L}\p{N}][\p{L}\p{N}.]*(?:-[\p{L}\p{N}.]+)*?-\d+(?:\.\d+)?"
_SIZED_MODEL = regex.compile(
    _NAME_THEN_COUNT + r"B(?:-[\p{L}\p{N}.]+)*$"
    r"|^\p{L}[\p{L}\p{N}]*(?:-[\p{L}\p{N}]+)*-(?:XL|XXL|L|B|S|H|G)/\d{1,2}$"
)
# A name ending in a count of thousands is data: DAPO-Math-17k, MedRubric-48K.
_COUNTED_DATA = regex.compile(_NAME_THEN_COUNT + r"[kK]$")
# Mixed-case words that are no coined name: plural acronyms (MLLMs), chemical
# formulas (LiFePO4, NaCl), brand prefixes (iPhone, eBay), and an English word
# whose first letters spell out an acronym ("via CONstrained Clustering").
_NOT_COINED = regex.compile(
    r"^\p{Lu}{2,}s$|^(?:\p{Lu}\p{Ll}?\d*)+$|^\p{Ll}\p{Lu}\p{Ll}+$|^\p{Lu}{2,}\p{Ll}{4,}(?:ed|ing|tion|sion|ive|al|ness|ment)$"
)
# Two or more capitalised surnames joined by hyphens: Ledoit-Wolf, Runge-Kutta, Black-Scholes.
# Surnames joined by hyphens; a surname may carry a prefix's capital (McNemar,
# DerSimonian; not any CamelCase name: DeepSeek-Coder) or an apostrophe (Sant'Anna, O'Brien).
_SURNAME = r"(?:\p{Lu}\p{Ll}{2,}|(?:Mc|Mac|De|Der|Di|Du|La|Le|Van|Von)\p{Lu}\p{Ll}{2,}|\p{Lu}\p{Ll}*['’]\p{Lu}\p{Ll}{2,})"
# LaTeX writes the pair with an en dash, "--" in the source ("Dawid--Skene", "Fay–Herriot").
_EPONYM_PAIR = regex.compile(rf"^{_SURNAME}(?:{DASH}{_SURNAME})+$")
_DATA_NOUNS = frozenset("dataset datasets benchmark benchmarks corpus corpora collection database databases suite".split())
_LIST_WORDS = frozenset({",", "and", "&", "or"})
# Heads a hyphenated qualifier makes a metric of ("over-refusal rate"); not
# "spatial-angular correlation", which names what a model captures.
_COUNTED_HEADS = frozenset({"rate", "rates", "error", "errors", "ratio", "accuracy", "score", "scores"})
_DETERMINERS = frozenset({"a", "an", "the", "all", "each", "every", "their", "its", "these", "those"})
# After a plural subject, a head word followed by one of these is the verb:
# "skills learned in synthetic sites transfer to the real web", "Probes transfer across domains".
_AFTER_INTRANSITIVE = frozenset({"across", "to", "between", "beyond", "into", "well", "poorly", "better", "worse"})
_TITLE_METHOD_CUES = frozenset({"via", "with", "using", "through", "by"})
# A task-shaped phrase right after one of these is how the work is done or what
# it beats: the title's method cues ("by" is the agent there) and "outperforms".
_INSTRUMENT_CUES = (_TITLE_METHOD_CUES - {"by"}) | {"outperforms", "outperforming"}
_TITLE_WORD = regex.compile(r"^\p{Lu}\p{Ll}{2,}$")
_TITLE_GENRES = frozenset(
    "review survey position perspective perspectives tutorial overview erratum correction corrigendum editorial "
    "preface introduction comment commentary reply response letter note abstract keynote invited spotlight "
    "poster oral workshop chapter part appendix supplementary retraction opinion viewpoint essay report "
    "summary update addendum primer roadmap vision challenge challenges proceedings foreword".split()
)
# Words that judge a quantity rather than say which one it is ("poor recall").
_JUDGEMENTS = frozenset(
    "poor final top reported average similar comparable reduced overall good bad strong weak high low mean "
    "competitive superior inferior best worst great small large same different total its their".split()
)
_GENERIC_PLURALS = frozenset("algorithms methods approaches techniques frameworks".split())
# Words that open a title describing work rather than naming a method.
_TITLE_OPENERS = frozenset(
    "learning towards toward improving scaling rethinking revisiting understanding exploring training evaluating "
    "benchmarking leveraging boosting enhancing unifying bridging making teaching generating mitigating measuring "
    "building designing using on beyond when why how what can do does is are efficient effective better simple "
    "robust scalable fast faster accurate a an the".split()
)
_TITLE_COMPOUND = regex.compile(r"^\p{Lu}\p{Ll}+(?:-\p{Lu}[\p{L}\p{N}]*)+$")
_LATEX_NUMBER = regex.compile(r"^\$?[+\-−]?\d[\d.,]*(?:\\%|\\times)?\$?$")  # not "7B": a size, the setting
_ALPHA_WORD = regex.compile(r"^[\p{L}][\p{L}\p{N}'\-]*$")


_SPELLING_LISTS = ("task_heads", "task_only_with_context", "metric_heads", "method_heads", "model_kinds", "adjective_qualified_heads")


@lru_cache(maxsize=1)
def _heads() -> dict[str, Any]:
    heads: dict[str, Any] = json.loads((resources.files("extract") / "patterns" / "heads.json").read_text("utf-8"))
    for name in _SPELLING_LISTS:  # "localisation" is a task head as "localization" is
        words = heads.get(name, [])
        heads[name] = words + sorted({v for w in words for v in spelling_variants(w)} - set(words))
    return heads


def load_heads() -> dict[str, Any]:
    """The head-noun vocabularies, each word also in its other spelling (a fresh copy)."""
    return {key: list(value) if isinstance(value, list) else value for key, value in _heads().items()}


def stop_words(heads: dict[str, Any]) -> frozenset[str]:
    """Words that never sit inside a task or metric name: function words, verbs."""
    verbs = heads.get("verbs", [])
    inflected = {v + suffix for v in verbs for suffix in ("", "s", "es", "d", "ed")}
    inflected |= {v[:-1] + "ed" for v in verbs if v.endswith("e")} | {v[:-1] + "ies" for v in verbs if v.endswith("y")}
    return frozenset(heads["modifier_stop"]) | frozenset(inflected)


class ShapeRules:
    """Proposes family, head-noun and title candidates (see the module docstring)."""

    def __init__(self, heads: dict[str, Any]) -> None:
        stems = sorted(set(heads["families"]), key=len, reverse=True)
        self.stems = frozenset(stems)
        self.family = regex.compile(
            r"^(?:" + "|".join(regex.escape(s) for s in stems) + r")"
            # A lower-case part needs a separator ("Phi-3-mini"): "Phi" + "shing" is a word.
            r"(?:[-_.]?(?:v?\d[\p{L}\p{N}.]*|[\p{Lu}][\p{L}\p{N}.]*)|[-_.][a-z]{2,}[\p{N}]*)+$"
        )
        self.task_heads = frozenset(heads["task_heads"])
        self.task_context_heads = frozenset(heads["task_only_with_context"])
        self.metric_heads = frozenset(heads["metric_heads"])
        self.metric_modifiers = frozenset(heads["metric_modifiers"])
        self.stop = stop_words(heads)
        self.hyphen_modifier_ends = frozenset(heads.get("modifier_hyphen_ends", []))
        self.ing_nouns = frozenset(h for h in heads["task_heads"] if h.endswith("ing"))
        self.metric_cues = frozenset(heads.get("metric_cues", []))
        self.method_heads = frozenset(heads["method_heads"])
        self.model_kinds = frozenset(heads["model_kinds"])
        self.metric_family = regex.compile(heads["metric_families"])
        self.adjective_heads = frozenset(heads.get("adjective_qualified_heads", []))
        self.eponym_heads = frozenset(heads.get("eponym_heads", []))
        self.title_manner_words = frozenset(heads.get("title_manner_words", []))
        self.eponym_not_names = frozenset(heads.get("eponym_not_names", []))
        # Method nouns name what changes, not a quantity ("improves the model by"),
        # except those that are also measured ("insertion loss of 1.9 dB", "the likelihood by 3 nats").
        method_nouns = set(heads["method_heads"]) - set(self.metric_heads) - {"loss", "likelihood"}
        self.quantities = QuantityVocab(
            change_verbs=frozenset(heads.get("change_verbs", [])),
            result_verbs=frozenset(heads.get("result_verbs", [])),
            not_quantities=frozenset(heads.get("not_quantities", [])) | method_nouns | {w + "s" for w in method_nouns},
            metric_modifiers=self.metric_modifiers,
            stop=frozenset(heads["modifier_stop"]),
        )
        self._kinds: dict[int, int] = {}

    def _kind(self, orth: int, text: str) -> int:
        """What a word can start, cached per word id (the hot loop's only test)."""
        kind = self._kinds.get(orth)
        if kind is None:
            lower = text.lower()
            kind = 0
            if self.family.match(text) or text in self.stems:
                kind |= _FAMILY
            sized_model = _SIZED_MODEL.match(text) is not None
            if (_DATASET_SHAPE.match(text) and is_name_shaped(text) and not sized_model) or _COUNTED_DATA.match(text):
                kind |= _BENCH
            if self.metric_family.match(text):
                kind |= _METRIC_FAMILY
            if lower in self.task_heads:
                kind |= _TASK_HEAD
            elif _HYPHEN_WORD.match(lower) and lower.rsplit("-", 1)[1] in self.task_heads and lower.rsplit("-", 1)[1] not in self.task_context_heads:
                kind |= _TASK_HEAD | _SELF_MODIFIED  # "geo-localization": the prefix is the modifier
            if lower in self.metric_heads:
                kind |= _METRIC_HEAD
            if (_MIXED_CASE_WORD.match(text) and not _NOT_COINED.match(text)) or sized_model:
                kind |= _MIXED_CASE
            if _EPONYM_PAIR.match(text) and not any(part in self.eponym_not_names for part in _DASHES.split(lower)):
                kind |= _EPONYM
            if lower == "per":
                kind |= _PER
            if lower in ("for", "on"):
                kind |= _FOR
            if lower == "of":
                kind |= _OF
            if lower in AMOUNT_PREPOSITIONS:
                kind |= _AMOUNT_PREP
            if lower in COMPARATIVES:
                kind |= _COMPARATIVE
            self._kinds[orth] = kind
        return kind

    def __call__(self, doc: Doc) -> Doc:
        found = candidates_of(doc)
        n = len(doc)
        kinds = self._kinds
        strings = doc.vocab.strings
        orths = doc.to_array(ORTH).tolist()
        marks = list(map(kinds.get, orths))
        if None in marks:  # words not seen before: classify them once
            marks = [self._kind(orth, strings[orth]) if kind is None else kind for orth, kind in zip(orths, marks)]
        # Most words start nothing: only the marked ones are visited, picked in C.
        for i in compress(range(n), marks):
            kind = marks[i]
            token = doc[i]
            text = token.text
            if kind & _FAMILY and (
                self.family.match(text)
                or (i + 1 < n and _VERSION_TOKEN.match(doc[i + 1].text))
                # "Claude Opus 4": a release word, then the version.
                or (i + 2 < n and doc[i + 1].text in _RELEASE_WORDS and _VERSION_TOKEN.match(doc[i + 2].text))
            ):
                end = i + 1
                while end < n and end - i < 4 and (_VERSION_TOKEN.match(doc[end].text) or doc[end].text in _RELEASE_WORDS):
                    end += 1
                found.append(Candidate(token.idx, doc[end - 1].idx + len(doc[end - 1].text), "METHOD", "family"))
                continue
            if kind & _METRIC_FAMILY:
                found.append(Candidate(token.idx, token.idx + len(text), "METRIC", "family"))
                continue
            if kind & _BENCH:
                found.append(Candidate(token.idx, token.idx + len(text), "DATASET", "shape"))
                continue
            if kind & _MIXED_CASE:
                label = "DATASET" if self._names_data(doc, i) else "METHOD"
                found.append(Candidate(token.idx, token.idx + len(text), label, "shape"))
                continue
            if kind & _PER:
                first = self._counted_rate(doc, i)
                if first is not None:
                    found.append(Candidate(doc[first].idx, doc[i + 1].idx + len(doc[i + 1].text), "METRIC", "head"))
                continue
            if kind & _OF:
                span = reported_value(doc, i, self.quantities) if amount_follows(doc, i + 1) else None
                if span is not None:
                    last = doc[span[1]]
                    found.append(Candidate(doc[span[0]].idx, last.idx + len(last.text), "METRIC", "head"))
                continue
            if kind & _FOR:
                if token.lower_ == "for":
                    # Someone else's system, compared against: never the paper's proposal.
                    span, label, source = self._name_after_figure(doc, i, _AFTER_SYSTEM), "METHOD", "family"
                else:
                    span, label, source = self._name_after_figure(doc, i, _AFTER_DATA), "DATASET", "context"
                if span is not None:
                    found.append(Candidate(doc[span[0]].idx, doc[span[1]].idx + len(doc[span[1]].text), label, source))
                continue
            if kind & (_AMOUNT_PREP | _COMPARATIVE):
                if kind & _AMOUNT_PREP:
                    span = changed_quantity(doc, i, self.quantities) if amount_follows(doc, i + 1) else None
                else:
                    span = compared_count(doc, i, self.quantities)
                if span is not None:
                    last = doc[span[1]]
                    found.append(Candidate(doc[span[0]].idx, last.idx + len(last.text), "METRIC", "head"))
                continue
            if (
                kind & _EPONYM
                and i + 1 < n
                and doc[i + 1].text in self.eponym_heads
                # "the Kestrel-Wave test set" is data, not a statistical test.
                and not (i + 2 < n and doc[i + 1].text == "test" and doc[i + 2].lower_ in ("set", "sets", "split"))
            ):
                # "the Ledoit-Wolf estimator", "a Runge-Kutta method": named after its
                # authors, so existing work, like a family name (never the paper's own).
                head = doc[i + 1]
                found.append(Candidate(token.idx, head.idx + len(head.text), "METHOD", "family"))
                continue
            lower = token.lower_
            if kind & _TASK_HEAD and not self._continues(doc, i) and not self._names_the_method(doc, i) and not self._takes_object(doc, i):
                first = self._walk_back(doc, i, self.stop, limit=3 if token.is_title else 2)
                # "filters candidates with round-trip translation": a means, not the task.
                means = first > 0 and doc[first - 1].lower_ in _INSTRUMENT_CUES and token.idx > title_end(doc)
                # "Beyond Suspiciousness Ranking: ...": the title names what the paper goes past.
                means = means or (first > 0 and doc[first - 1].lower_ == "beyond" and token.idx < title_end(doc))
                # "Blind Estimation of Reverberation Time": how, then what; the task is in the "of" phrase.
                means = means or (
                    first == i - 1
                    and doc[first].lower_ in self.title_manner_words
                    and i + 1 < n
                    and doc[i + 1].lower_ == "of"
                    and token.idx < title_end(doc)
                )
                named = kind & _SELF_MODIFIED or first < i and (
                    lower not in self.task_context_heads
                    or first < i - 1
                    or doc[first].is_title
                    or (lower in self.adjective_heads and _QUALIFYING_ADJECTIVE.search(doc[first].text))
                )
                if named and not means:
                    found.append(Candidate(doc[first].idx, token.idx + len(text), "TASK", "head"))
            if kind & _METRIC_HEAD and not self._continues(doc, i):
                first = self._walk_back_metric(doc, i)
                if first < i and self._measured(doc, first, i):
                    found.append(Candidate(doc[first].idx, token.idx + len(text), "METRIC", "head"))
                if i > 0 and self._is_field_qualifier(doc[i - 1]):
                    first = self._walk_back_metric(doc, i, field_qualifier=True)
                    found.append(Candidate(doc[first].idx, token.idx + len(text), "METRIC", "qualifier"))
        self._title_name(doc, found)
        return doc

    @staticmethod
    def _name_after_figure(doc: Doc, i: int, after: frozenset[str]) -> tuple[int, int] | None:
        """Token span of the name after "<figure> for" / "<figure> on", or None.

        "0.61 for Drebin, 0.58 for MaMaDroid", "58.6 for Lyra v2 at 3.2 kbps":
        a compared system; "19.8% on DIHARD III full and 8.7% on VoxConverse":
        the data a result is reported on. One to three capitalised or
        name-shaped words ("the" allowed before them), a release number after
        the first, then one of the words in `after`."""
        if i < 1 or i + 1 >= len(doc):
            return None
        figure = doc[i - 1]
        if not (figure.like_num or figure.text == "%" or _LATEX_NUMBER.match(figure.text)):
            return None
        start = i + 2 if doc[i + 1].lower_ == "the" and i + 2 < len(doc) else i + 1
        first = doc[start]
        if not (first.text[:1].isupper() or is_name_shaped(first.text)) or first.lower_ in _NOT_SYSTEMS:
            return None
        last = start
        while last + 1 < len(doc) and last - start < 2:
            nxt = doc[last + 1]
            if nxt.text[:1].isupper() or is_name_shaped(nxt.text) or _VERSION_TOKEN.match(nxt.text):
                last += 1
            else:
                break
        if last + 1 < len(doc) and doc[last + 1].lower_ not in after:
            return None
        return start, last

    @staticmethod
    def _counted_rate(doc: Doc, per: int) -> int | None:
        """First word of a rate reported as a number of things per unit, or None.

        "issues 1.6 looks per question", "processes 3.1 pages per second",
        "adds 1.8 model calls per action": a number, one or two lower-case
        words ending in a plural, "per", and a lower-case unit."""
        if per < 2 or per + 1 >= len(doc):
            return None
        unit, counted = doc[per + 1], doc[per - 1]
        if not (unit.is_alpha and unit.is_lower and counted.is_alpha and counted.is_lower):
            return None
        if len(counted) < 4 or not reads_plural(counted.lower_):
            return None  # "38 ms per image" is a latency, told by its unit
        for first in (per - 1, per - 2):
            if (
                first >= 2
                and doc[first - 1].like_num
                and doc[first - 2].lower_ in _RATE_VERBS
                and all(doc[k].is_alpha and doc[k].is_lower for k in range(first, per))
            ):
                return first
        return None

    def _names_data(self, doc: Doc, i: int) -> bool:
        """Whether a data noun closes the names from `i` on: "the ASSISTments 2017 and EdNet datasets".

        A year right after the name is an edition, and editions are data's:
        "On ASSISTments 2009, ASSISTments 2017, ..." (methods carry versions, not years).
        """
        if i + 1 < len(doc) and _EDITION_YEAR.fullmatch(doc[i + 1].text):
            return True
        for j in range(i + 1, min(len(doc), i + 6)):
            token = doc[j]
            if token.lower_ in _DATA_NOUNS:
                return True
            if not (token.like_num or token.lower_ in _LIST_WORDS or is_name_shaped(token.text)):
                return False
        return False

    def _is_modifier(self, token: Token, stop: frozenset[str]) -> bool:
        """A word that can sit inside a task name: not a function word, verb or adverb."""
        lower = token.lower_
        if not _ALPHA_WORD.match(token.text) or lower in stop:
            return False
        if "-" in lower and lower.rsplit("-", 1)[1] in self.hyphen_modifier_ends:
            return False  # "Drift-Robust Spike Sorting": how the task is done, not which task
        if lower.endswith("ly") and len(lower) > 4:
            return False
        return not (lower.endswith("ing") and lower not in self.ing_nouns and "-" not in lower)

    def _walk_back(self, doc: Doc, head: int, stop: frozenset[str], limit: int) -> int:
        """First token of the phrase ending at `head`; modifiers match the head's case."""
        title_case = doc[head].is_title
        first = head
        while first > 0 and head - first < limit:
            prev = doc[first - 1]
            if not self._is_modifier(prev, stop) or (not title_case and self._how_hyphenated(prev.lower_)):
                break
            if first >= 2 and doc[first - 2].lower_ in _SUBJECT_PRONOUNS:
                break  # "We frame leak localisation as ...": the word after "we" is its verb
            sentence_initial = first - 1 == 0 or doc[first - 2].text in (".", "\n\n", "!", "?")
            if not title_case and not (
                prev.is_lower or (prev.is_upper and len(prev.text) <= 5) or (sentence_initial and prev.is_title)
            ):
                break
            first -= 1
        # A phrase does not start with a gerund: "Learning Robot Manipulation".
        while first < head and doc[first].lower_.endswith("ing") and "-" not in doc[first].text:
            first += 1
        return first

    @staticmethod
    def _names_the_method(doc: Doc, i: int) -> bool:
        """In the title, "... via Constrained Clustering" names how, not the task."""
        if doc[i].idx >= title_end(doc):
            return False
        j = i - 1
        while j >= 0 and (doc[j].is_title or doc[j].is_upper) and i - j <= 4:
            j -= 1
        return j >= 0 and doc[j].lower_ in _TITLE_METHOD_CUES

    @staticmethod
    def _takes_object(doc: Doc, i: int) -> bool:
        """Whether the head word is used as a verb here, not as a task's noun.

        "nodes matching a landmark": a gerund with a determiner after it.
        "Probes transfer across domains": a plural noun, the bare head, then a
        word that follows an intransitive verb."""
        if i + 1 >= len(doc):
            return False
        nxt = doc[i + 1].lower_
        if doc[i].lower_.endswith("ing"):
            return nxt in _DETERMINERS
        if nxt not in _AFTER_INTRANSITIVE or i == 0:
            return False
        prev = doc[i - 1].lower_
        # Not a mass noun in -ics ("genomics transfer"): a plural subject.
        return prev.isalpha() and reads_plural(prev) and not prev.endswith("ics") and not doc[i].is_title

    def _continues(self, doc: Doc, i: int) -> bool:
        """True when the head word is itself a modifier ("Protein Folding Simulations")."""
        if i + 1 >= len(doc):
            return False
        nxt = doc[i + 1]
        return nxt.is_alpha and nxt.lower_ not in self.stop and (nxt.is_lower or nxt.is_title) and not nxt.is_sent_start

    def _measured(self, doc: Doc, first: int, last: int) -> bool:
        """A metric is named as measured: a number or a comparison nearby.

        LaTeX glues its escapes and math marks to the number ("84\\%",
        "$3\\times$", "$0.91$"): such a token counts as one."""
        window = doc[max(0, first - 8) : min(len(doc), last + 9)]
        return any(
            t.like_num or t.text == "%" or t.lower_ in self.metric_cues or _LATEX_NUMBER.match(t.text) is not None
            for t in window
        )

    def _walk_back_metric(self, doc: Doc, head: int, field_qualifier: bool = False) -> int:
        """First token of the metric phrase ending at `head`: known modifiers
        ("mean", "top-1", "word"), after the word right before the head when
        `field_qualifier` says it is one (see `_is_field_qualifier`)."""
        first = head - 1 if field_qualifier else head
        while first > 0 and head - first < 3 and doc[first - 1].lower_ in self.metric_modifiers and doc[first - 1].lower_ != "the":
            first -= 1
        if first == head and head > 0 and not field_qualifier:
            prev = doc[head - 1]
            if doc[head].lower_ in ("score", "scores") and is_name_shaped(prev.text):
                return head - 1  # "HealthBench score", "MT-Bench score": a benchmark's own score
            if doc[head].lower_ in _COUNTED_HEADS and "-" in prev.text and prev.is_lower and not self._how_hyphenated(prev.lower_):
                return head - 1  # "over-refusal rate", "unit-test pass rate": a hyphenated qualifier
        return first

    def _how_hyphenated(self, lower: str) -> bool:
        """"noise-aware", "LLM-based": a hyphenated word saying how, not what.

        The one test of both lists (`modifier_hyphen_ends`, `_HOW_MODIFIER`);
        `_is_modifier` reads only the first, as field qualifiers of metrics
        may end in "-level" ("sentence-level accuracy")."""
        return "-" in lower and (
            lower.rsplit("-", 1)[1] in self.hyphen_modifier_ends or _HOW_MODIFIER.search(lower) is not None
        )

    def _is_field_qualifier(self, token: Token) -> bool:
        """A lower-case noun of the paper's own field right before a metric
        ("residue recall", "force RMSE", "mean unit accuracy"): it qualifies a
        metric the gazetteer knows (`resolve.qualify_known`), so a field's
        quantities need no vocabulary of their own; before an unknown word it
        names nothing ("description lengths").
        Judgements ("poor", "higher") and verbs are never qualifiers."""
        lower = token.lower_
        return (
            token.is_lower
            and lower not in self.metric_modifiers
            and lower not in _JUDGEMENTS
            and not lower.endswith(("ed", "er", "est", "ive", "ous", "al", "ful"))
            and self._is_modifier(token, self.stop)
        )

    def _is_method_head(self, word: str) -> bool:
        """A method noun, singular or plural ("Transformers", "Gates")."""
        return word in self.method_heads or (word.endswith("s") and word[:-1] in self.method_heads)

    def _title_method_phrases(self, tokens: list[Token], found: list[Candidate]) -> None:
        """"... via Contrastive Sampling and Visual Persistence": the title names the method.

        A capitalised run after via / with / using / through / by in the title
        is the paper's method when it ends in a method noun (Sampling,
        Projection, Transformer); "and" separates two methods.
        """
        i = 0
        while i < len(tokens):
            if i > 0 and tokens[i - 1].lower_ in _EVALUATED:
                break  # "... Evaluated with HASPI and Listeners with Hearing Loss": the rest says how it is judged
            if tokens[i].lower_ not in _TITLE_METHOD_CUES:
                i += 1
                continue
            j = i + 1
            pieces: list[list[Token]] = [[]]
            while j < len(tokens):
                tok = tokens[j]
                if tok.is_title or tok.is_upper or is_name_shaped(tok.text):
                    pieces[-1].append(tok)
                elif tok.lower_ == "and" and pieces[-1]:
                    pieces.append([])
                elif tok.lower_ in ("of", "with") and pieces[-1] and j + 1 < len(tokens) and tokens[j + 1].is_title:
                    pieces[-1].append(tok)
                else:
                    break
                j += 1
            for piece in pieces:
                of = [k for k, tok in enumerate(piece) if tok.lower_ == "of"]
                if of and len(piece) - of[-1] > 2:  # "Large-Scale Training of Patchout Audio Transformers"
                    piece = piece[of[-1] + 1 :]
                head = piece[-1].lower_ if piece else ""
                if len(piece) >= 2 and self._is_method_head(head):
                    start, last = piece[0], piece[-1]
                    # A plural model kind names models the paper uses ("Using Gaussian
                    # Mixture Variational Autoencoders"), not its own one.
                    own = not (head.endswith("s") and head[:-1] in self.model_kinds)
                    source = "title-phrase" if own else "title-used"
                    found.append(Candidate(start.idx, last.idx + len(last.text), "METHOD", source, proposed=own))
            i = j

    def _whole_title_name(self, title: list[Token], found: list[Candidate]) -> None:
        """"Denoising Diffusion Probabilistic Models", "Graph Attention Networks":
        a title that is only a capitalised method name is that paper's method."""
        if len(title) > 8:
            return
        words = [t for t in title if not t.is_punct]
        if not 2 <= len(words) <= 6 or any(t.is_punct for t in title if t.idx > words[-1].idx):
            return
        if not all(t.text[:1].isupper() or t.text[:1].isdigit() for t in words):
            return
        if words[0].lower_ in _TITLE_OPENERS or words[0].lower_ in self.stop:  # "Learning Interactive ... Simulators"
            return
        if words[-1].lower_ in _GENERIC_PLURALS and len(words) >= 3:
            words = words[:-1]  # "Proximal Policy Optimization Algorithms" names Proximal Policy Optimization
        head = words[-1].lower_
        if self._is_method_head(head):
            found.append(Candidate(words[0].idx, words[-1].idx + len(words[-1].text), "METHOD", "title", proposed=True))

    def _title_name(self, doc: Doc, found: list[Candidate]) -> None:
        """"ChronoDepth: ..." -> ChronoDepth names the paper's method."""
        title_end = doc_text(doc).find("\n")
        if title_end < 0:
            return
        # The title's tokens, once for every title rule: iterating the whole doc
        # would build a Token object for every abstract word.
        title: list[Token] = []
        for token in doc:
            if token.idx >= title_end:
                break
            title.append(token)
        self._title_method_phrases(title, found)
        self._whole_title_name(title, found)
        for i, token in enumerate(title):
            if token.text == ":":
                # One word before the colon names the paper's own system, also a
                # Title-Case compound ("Whisper-Lite:") or a plain capitalised
                # word ("Mamba:"), which in running text are rarely names; not
                # a genre label ("Position:", "Survey:").
                first = doc[0].text
                if (
                    i == 2
                    and _VERSION_TOKEN.match(doc[1].text)
                    and first.lower() not in _TITLE_GENRES
                    and (is_name_shaped(first) or _TITLE_WORD.match(first))
                ):
                    # "wav2vec 2.0: ...", "Llama 2: ...": a name and its version.
                    found.append(Candidate(doc[0].idx, doc[1].idx + len(doc[1].text), "METHOD", "title", proposed=True))
                if i == 1 and (
                    is_name_shaped(first)
                    or _TITLE_COMPOUND.match(first)
                    or (_TITLE_WORD.match(first) and first.lower() not in _TITLE_GENRES)
                ):
                    rest = doc_text(doc)[token.idx : title_end].lower()
                    label = "DATASET" if _DATA_NOUN.search(rest) else "METHOD"
                    found.append(Candidate(doc[0].idx, doc[0].idx + len(doc[0].text), label, "title", proposed=label == "METHOD"))
                return


@Language.factory("paperlist_shapes")
def make_shape_rules(nlp: Language, name: str) -> ShapeRules:
    return ShapeRules(load_heads())
