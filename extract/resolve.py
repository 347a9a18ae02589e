"""Candidates -> entities: the one place where rules are weighed against each other.

Pure functions over the doc text and the candidate list, so every decision
(which overlapping span wins, which forms name one entity, which methods
the paper proposes) is testable without spaCy.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Iterable, Optional

import regex

from extract.candidates import LABEL_FIELDS, PRIORITY, Candidate
from extract.components.acronyms import Abbreviation
from extract.components.shapes import load_heads

_DASHES = regex.compile(r"[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]")
_HYPHEN_SPACE = regex.compile(r"[-\s]+")
_EDGE_PUNCT = ".,;:!?()[]{}'\"“”‘’"
# Sentence breaks: whitespace after . ! ? before a capital, digit, bracket or
# quote; or a run of newlines (see `sentence_breaks`).
SENTENCE_BREAK = r"(?<=[.!?])\s+(?=[\p{Lu}\d(\"'])|\n+"
_BREAK_MARK = re.compile(r"[.!?]|\n")
_SPACE_RUN = regex.compile(r"\s+")
_SENTENCE_START = regex.compile(r"[\p{Lu}\d(\"']")
_NEWLINE_RUN = re.compile(r"\n+")
# Matched against the lower-cased text (case-insensitive alternations are
# several times slower in the regex engine).
_PROPOSAL_CUE = regex.compile(
    r"""(?x)
    \b(?:we|this\ (?:paper|work|study)|here)\b[^.]{0,60}?\b
      (?:(?:propos|present|introduc|develop|design|devis|curat|releas|formulat|offer|contribut)\w*
         # whole verbs: not "Building", "in terms of", "namely", "creativity"
         |(?:builds?|built|call(?:s|ed)?|term(?:ed)?|dub(?:s|bed)?|name[ds]?|creat(?:e|es|ed)|construct(?:s|ed)?)\b)
    | \bour\b
    | \b(?:termed|dubbed|called|coined)\b
    | \b(?:introduction\ of|contribution)\b
    | \b(?:propose|proposes|introduce|introduces)\b
    | \b(?:is|are)\ (?:newly\ )?(?:proposed|introduced|presented|developed|designed|devised)\b
    """
)

# Words that, right before a long form, say the paper names it: "which we call
# proximal policy optimization (PPO)", "we propose Low-Rank Adaptation (LoRA)".
_NAMING_BEFORE = regex.compile(
    r"(?i)\b(?:we\s+(?:call|term|name|dub|coin|propose|introduce|present|develop|developed|design|designed|"
    r"build|built|release|created?)|(?:called|termed|dubbed|coined))"
    r"(?:\s+(?:it|this|them|these|our))?(?:\s+(?:the|a|an))?\s+$"
)
# Between two definitions of one list: "(A), (B)", "(A) and the (B)".
# Right before a definition, words that make it the means of the work: "using
# eigenvector continuation (EC)", "refined by iteratively reweighted least
# squares (IRLS)", "standard benchmarks such as randomized benchmarking (RB)".
_MEANS_BEFORE = regex.compile(
    # "with" only after a participle ("coupled with"): "patients with chronic kidney disease (CKD)" is no means.
    r"(?i)\b(?:using|uses|use|used|\w+ed\s+with|by|via|through|such\s+as|employing|employs|adopting|adopts|applying|applies|"
    r"apply|implementing|implements|combines|combining)(?:\s+(?:the|a|an|standard|classical|conventional))?\s+$"
)
# A task-shaped definition listed among techniques, or said to be implemented somewhere.
_LISTED_AS_MEANS = regex.compile(
    r"(?i)\b(?:methods|approaches|algorithms|techniques|schemes|tools|baselines)\s+(?:such\s+as|like|including)\s+"
    r"(?:[\w-]+\s+){0,5}?(?:(?:and|or|,)\s+)?$"
)
_IMPLEMENTED_AFTER = regex.compile(r"\)\s*,?\s*(?:as\s+)?implemented\s+(?:in|by|with)\b")
# A long form that spells out a quantity: "misses per kilo-instruction",
# "fraction of explainable variance explained", "area under time".
_QUANTITY_LONG_FORM = regex.compile(
    r"(?i)^(?:(?:fraction|proportion|number|rate|area|percentage|share)\s+(?:of|under)\s|.+\s+per\s+\S+(?:\s+\S+)?$)"
)
# "Measured by the expected running time (ERT)": a definition named as what is measured.
_MEASURED_BEFORE = regex.compile(
    r"(?i)\b(?:measured|quantified|assessed|evaluated|scored|reported)\s+(?:by|with|using|via|as|in\s+terms\s+of)"
    r"(?:\s+(?:the|a|an|its|their))?\s+$"
)
_LIST_GAP = regex.compile(r"\)?\s*(?:,|,?\s*and|,?\s*or)\s*(?:the\s+)?")
_INNER_CAPITAL = regex.compile(r"\p{Ll}\p{Lu}|^\p{Lu}{2}\p{Ll}")
_HOW_COMPOUND = regex.compile(r"(?i)-(?:augmented|guided|based|driven|aware|conditioned|enhanced|assisted)$")
# A coined acronym for a part of the paper's system is one of its contributions.
COMPONENT_NOUNS = frozenset("module mechanism block layer loss head unit branch strategy scheme network encoder decoder".split())
DATASET_NOUNS = frozenset(
    "dataset datasets benchmark benchmarks corpus corpora suite bank treebank collection "
    "census survey database registry archive atlas cohort resource catalogue catalog repository statistics".split()
)
METRIC_NOUNS = frozenset(
    "accuracy error rate score distance divergence precision recall ratio index similarity coefficient rank "
    "latency throughput".split()
)
CATEGORY_NOUNS = frozenset("models networks nets machines".split())
METHOD_NOUNS = frozenset(load_heads()["method_heads"])
# Nouns right after an acronym's parenthesis that make its definition a method
# ("two-way fixed effects (TWFE) regressions"): method heads, in either number.
_METHOD_AFTER = METHOD_NOUNS | {noun + "s" for noun in METHOD_NOUNS} | {"regression", "regressions"}


@lru_cache(maxsize=1 << 16)
def normalise_name(text: str) -> str:
    """The scoring normalisation: NFKC, case-folded, dashes and spaces unified."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _DASHES.sub("-", text)
    text = _HYPHEN_SPACE.sub(" ", text).strip().strip(_EDGE_PUNCT).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


_PLURAL = regex.compile(r"(?<=[^siu'])s$")


@lru_cache(maxsize=1 << 16)
def group_key(text: str) -> str:
    """The key under which surface forms are one entity: "success rates" = "success rate", "CoTs" = "CoT".

    Cached: `group_entities` asks for the same few forms over and over.
    """
    return _PLURAL.sub("", normalise_name(text))


# "European Centre for Disease Prevention and Control (ECDC)": institutions
# are defined like methods but are never entities.
_ORGANISATION = regex.compile(
    r"\b(?:Centre|Center|Institute|University|Laboratory|Laboratories|Agency|Organi[sz]ation|Foundation|"
    r"Administration|Department|Ministry|Bureau|Council|Commission|Association|Society|Consortium|Corporation|"
    r"Academy|Office|Authority|Hospital|Service|Facility)(?:\s+(?:for|of|on)\b|$)"
)


def _plural_acronym(short_form: str) -> bool:
    """"WSIs", "EHRs", "GNNs": capitals and a plural "s"."""
    return len(short_form) > 2 and short_form.endswith("s") and short_form[:-1].isupper()


def _names_a_kind(short_form: str, long_form: str) -> bool:
    """"whole-slide images (WSIs)", "Partially Observed Environments (POEs)": a
    plural defined as a plural acronym names a kind of thing, not one thing."""
    return _plural_acronym(short_form) and long_form.rsplit(None, 1)[-1].lower().endswith("s")


def _mixed_case(short_form: str) -> bool:
    """A short form mixing cases (UniSim, MoT): coined. A plural acronym
    only adds a lower-case "s" to capitals."""
    core = short_form[:-1] if _plural_acronym(short_form) else short_form
    return any(c.islower() for c in core[1:]) and any(c.isupper() for c in core)


def classify_long_form(long_form: str, short_form: str, task_heads: frozenset[str]) -> Optional[str]:
    """The label an acronym definition names, judged by its long form's head word."""
    words = long_form.split()
    head = words[-1].lower().strip(_EDGE_PUNCT)
    lowered = [w.lower() for w in words]
    # "Quarterly Census of Employment and Wages": the head stands before "of".
    of_head = lowered[lowered.index("of") - 1] if "of" in lowered[1:] else None
    if head in DATASET_NOUNS or of_head in DATASET_NOUNS:
        return "DATASET"
    if head in METRIC_NOUNS or _QUANTITY_LONG_FORM.match(long_form):
        return "METRIC"
    if head in CATEGORY_NOUNS and (short_form.endswith("s") or long_form.islower()):
        return None
    if head in METHOD_NOUNS or head.split("-")[-1] in METHOD_NOUNS:
        return "METHOD"
    # "retrieval-augmented generation", "Persistence-guided Adaptation": a
    # task noun qualified by how it is done names a method.
    if any(_HOW_COMPOUND.search(w) for w in words[:-1]):
        return "METHOD"
    # "Length-bAsed StEp Reward", "HAnd COntact estimation": capitals inside
    # words spell out a coined acronym, so this is the paper's own method.
    if any(_INNER_CAPITAL.search(w) for w in words):
        return "METHOD"
    if head in task_heads or head.split("-")[-1] in task_heads:
        return "TASK"
    capitalised = sum(1 for w in words if w[:1].isupper())
    if _mixed_case(short_form) or (capitalised * 2 >= len(words) and len(words) > 1):
        return "METHOD"
    return None


_MEASURE_CUE = regex.compile(
    r"(?i)\d|%|\b(?:reduc|improv|increas|decreas|lower|higher|fewer|less|better|worse|faster|slower|outperform|"
    r"gain|drop|boost|achiev|surpass|exceed|expand|report|measur|evaluat|assess|quantif|in terms of|compar|reach|attain|"
    r"versus|vs\.?|preserv|unaffected|unchanged|retain|maintain)\w*"
)


def is_measured(text: str, start: int, end: int, window: int = 60) -> bool:
    """A metric is named as measured: a number or a comparison close to it."""
    return _MEASURE_CUE.search(text, max(0, start - window), min(len(text), end + window)) is not None


@dataclass
class ResolvedEntity:
    """One entity of one field: its surface forms and where they occur."""

    label: str
    forms: list[str]
    canonical: Optional[str] = None
    short_form: Optional[str] = None
    proposed: bool = False
    from_gazetteer: bool = False
    optional_only: bool = True
    known_optional: bool = False
    title_used: bool = False  # named in the title only as a kind of model the paper uses
    shape_only: bool = True  # found only by its word shape (a mixed-case word), by no rule that names it
    spans: list[tuple[int, int]] = field(default_factory=list)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(self, key: tuple[str, str]) -> tuple[str, str]:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: tuple[str, str], b: tuple[str, str]) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def acronym_candidates(
    text: str,
    abbreviations: Iterable[Abbreviation],
    known: dict[str, tuple[str, Optional[str]]],
    task_heads: frozenset[str],
    expansions: Optional[dict[str, frozenset[str]]] = None,
    first_group: int = 1,
) -> list[Candidate]:
    """Both forms of each classified acronym definition, as one candidate group.

    A form the gazetteer knows decides the label (LoRA is a method even though
    "adaptation" heads tasks); otherwise the word after the parenthesis ("(VCB)
    loss") or the long form's head word does. A definition the head word
    cannot place is a method when the paper introduces it in that sentence.
    A weakly placed definition coordinated with a dataset definition ("the
    Spiking Heidelberg Dataset (SHD), Spiking Speech Commands (SSC) and ...")
    is a dataset too.
    """
    placed: list[tuple[Abbreviation, Optional[str], bool, bool]] = []
    kinds: list[Abbreviation] = []  # plurals defined as plural acronyms: never entities
    for abbr in abbreviations:
        long_form = text[abbr.long_start : abbr.long_end]
        short_form = text[abbr.short_start : abbr.short_end]
        label: Optional[str] = None
        weak = False
        long_hit = known.get(long_form) or known.get(normalise_name(long_form))
        short_hit = known.get(short_form) or known.get(normalise_name(short_form))
        redefined = False
        if long_hit is None and _ORGANISATION.search(long_form):
            continue
        if long_hit is None and short_hit is None and _names_a_kind(short_form, long_form):
            kinds.append(abbr)
            continue
        if long_hit is not None:
            label = long_hit[0]
        elif short_hit is not None:
            if _other_expansion(short_hit[1], short_form, long_form, expansions):
                redefined = True
            else:
                label = short_hit[0]
        if label is None:
            after = text[abbr.short_end : abbr.short_end + 20].lstrip(" )").split(" ", 1)[0].lower().strip(_EDGE_PUNCT)
            if after in _METHOD_AFTER:
                label = "METHOD"
            elif after in DATASET_NOUNS:
                label = "DATASET"
            else:
                label = classify_long_form(long_form, short_form, task_heads)
                if label == "TASK" and _NAMING_BEFORE.search(text, max(0, abbr.long_start - 40), abbr.long_start):
                    # "We propose Zoom-In Grounding (ZIG), a training-free procedure": a proposed name is a method.
                    label = "METHOD"
                elif label == "TASK" and (
                    _LISTED_AS_MEANS.search(text, max(0, abbr.long_start - 80), abbr.long_start)
                    or _IMPLEMENTED_AFTER.match(text, abbr.short_end)
                ):
                    # "methods such as empirical quantile mapping and quantile delta mapping (QDM)",
                    # "minimum-weight perfect matching (MWPM) as implemented in PyMatching": a technique.
                    label = "METHOD"
                weak = label == "METHOD" and normalise_name(long_form).split()[-1] not in METHOD_NOUNS
                if (
                    weak
                    and len(long_form.split()) <= 2
                    and not _coined(short_form, long_form)
                    and not in_proposal_sentence(text, abbr.long_start)
                ):
                    # "Diabetic Retinopathy (DR)": capitals alone do not make a method.
                    label = None
        if label is None and len(short_form) >= 3 and in_proposal_sentence(text, abbr.long_start):
            label = "METHOD"
        # Also for an acronym the gazetteer spells out otherwise: CPC here is no contrastive predictive coding.
        if label is None and " " in long_form.strip() and _reads_lowercase(long_form):
            before = max(0, abbr.long_start - 40)
            if _MEASURED_BEFORE.search(text, before, abbr.long_start):
                label = "METRIC"  # "measured by the common part of commuters (CPC)"
            elif _MEANS_BEFORE.search(text, before, abbr.long_start):
                label = "METHOD"  # a technique the work is done with, named in lower case
        placed.append((abbr, label, weak, redefined))
    for i, (abbr, label, weak, redefined) in enumerate(placed):
        if not weak:
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(placed) and placed[j][1] == "DATASET" and not placed[j][2]:
                a, b = sorted((abbr, placed[j][0]), key=lambda x: x.long_start)
                if _LIST_GAP.fullmatch(text[a.short_end : b.long_start]):
                    placed[i] = (abbr, "DATASET", False, redefined)
    out: list[Candidate] = []
    group = first_group
    for abbr, label, _weak, redefined in placed:
        if label is None:
            continue
        source = "definition" if redefined else "acronym"
        named = label == "METHOD" and _NAMING_BEFORE.search(text, max(0, abbr.long_start - 40), abbr.long_start) is not None
        out.append(Candidate(abbr.long_start, abbr.long_end, label, source, group=group, proposed=named))
        out.append(Candidate(abbr.short_start, abbr.short_end, label, source, group=group, proposed=named))
        group += 1
    for abbr in kinds:
        # Known-but-unreported names, so "trained on POEs" is not guessed to be a dataset either.
        for start, end in ((abbr.long_start, abbr.long_end), (abbr.short_start, abbr.short_end)):
            out.append(Candidate(start, end, "METHOD", "kind", group=group, optional=True))
        group += 1
    return out


def _other_expansion(
    canonical: Optional[str], short_form: str, long_form: str, expansions: Optional[dict[str, frozenset[str]]]
) -> bool:
    """True when the gazetteer spells this acronym out, and not as the text does.

    "Sub-Pseudo Label (SPL)" is not the navigation metric SPL, whose known
    expansion differs; "Low-Rank Adaptation (LoRA)" matches LoRA's."""
    if not canonical or expansions is None:
        return False
    known_forms = expansions.get(canonical, frozenset()) | {normalise_name(canonical)}
    known_forms -= {normalise_name(short_form)}
    return bool(known_forms) and normalise_name(long_form) not in known_forms


def _coined(short_form: str, long_form: str) -> bool:
    """Mixed-case short forms (UniSim, MoT) and inner capitals (bAsed) are coined names."""
    return _mixed_case(short_form) or any(_INNER_CAPITAL.search(w) for w in long_form.split())


WEAK_PRIORITY = PRIORITY["head"]
_GUESSES = frozenset({"context", "head", "shape", "title", "title-phrase", "title-used"})
# Sources that may overrule a gazetteer's "optional" verdict on a name.
_AUTHORITATIVE = frozenset({"gazetteer", "definition", "acronym", "pattern", "family"})
_SPREAD_SOURCES = frozenset({"definition", "acronym", "kind", "context", "title", "title-phrase", "title-used", "family"})


def spread(candidates: list[Candidate], text: str) -> list[Candidate]:
    """Copy every name a rule found to each other place the same text occurs.

    A coined name is defined once ("... Control (LMPC)") but also appears in
    the title and later sentences; its copies must outrank weaker guesses on
    those spans, so they are placed before selection, not after.
    """
    extra: list[Candidate] = []
    seen: set[tuple[str, str]] = set()
    for cand in sorted(candidates, key=lambda c: -c.priority):
        if cand.source not in _SPREAD_SOURCES:
            continue
        form = text[cand.start : cand.end]
        if (cand.label, form) in seen or len(form) < 2:
            continue
        seen.add((cand.label, form))
        for start, end in _occurrences(text, form):
            if start != cand.start:
                extra.append(
                    Candidate(start, end, cand.label, cand.source, cand.canonical, group=cand.group)
                )
    return candidates + extra


_EDITION = regex.compile(
    r" (?:II|III|IV|VI|VII|VIII|IX|XI|XII|[vV]\d+(?:\.\d+)*"
    # A bare dotted version ("CATH 4.2", "Kilosort 2.5"); not a score ("0.81") or a quantity ("2.5 million").
    r"|[1-9]\d?\.\d{1,2}(?:\.\d+)?(?!\s*(?:%|[×x]\b|times\b|million\b|billion\b|points?\b|pp\b|[MBKk]\b))"
    # A one-digit release where the sentence goes on as after a name ("PyMatching 2 and ...").
    r"|[2-9](?=\s+(?:and|or|at|for|with|as|on|in)\b|[,;)]))"
    r"\b(?![-\w]|\.\d)"
)
_YEAR = regex.compile(r" (?:19[89]\d|20[0-4]\d)\b(?![-\w.]\w)")
# A split's size after a dataset name ("EPIC-Kitchens 100", "Kinetics 700"),
# when nothing but punctuation or a list word follows (not "CIFAR-10 95.1%").
_SPLIT_SIZE = regex.compile(r" [1-9]\d{1,3}(?=[,;:)]|\.(?!\d)|\s+(?:and|or|datasets?|benchmarks?|splits?)\b|$)")
# A benchmark's named variant or split: "SWE-bench Verified", "GPQA Diamond",
# "HealthBench Hard", "LibriSpeech test-clean" ("Challenge" is a data noun, below).
_DATA_VARIANT = regex.compile(
    r" (?:Verified|Lite|Multilingual|Hard|Easy|Diamond|Full|Mini|Plus|Extended|Live|Multimodal|"
    r"test-clean|test-other|dev-clean|dev-other)(?![-\w])"
)
# A data noun capitalised as part of the name: "the Waymo Open Dataset".
# One or two of them: "the GAP Benchmark Suite", "the Sentinel-2 Cloud Mask Catalogue".
_NAMED_DATA_NOUN = regex.compile(
    r"(?: (?:Dataset|Benchmark|Corpus|Database|Archive|Atlas|Challenge|Suite|Catalogue|Catalog|Collection|Resource|"
    r"Repository|Registry|Survey)\b(?![-\w])){1,2}"
)


# A product word after a known tool's name makes another product of the same maker.
_PRODUCT_WORD = regex.compile(
    r" (?:Experiments|Optimizer|Optimiser|Lightning|Studio|Runtime|Server|Desktop|Cloud|Enterprise|Community Edition)(?![-\w])"
)


_TOP_K = regex.compile(r"(?i)top[- ]?\d+")
# "precision at 80% recall", "TPR at 1% FPR": an operating point belongs to the metric.
_AT_OPERATING_POINT = regex.compile(
    r" at (?:an? )?\d+(?:\.\d+)?\s?% (?:recall|precision|FPR|TPR|false positive rate|true positive rate|sensitivity|specificity)\b"
)
_OPERATING_METRIC = regex.compile(r"(?i)(?:precision|recall|TPR|FPR|sensitivity|specificity|true positive rate|false positive rate)")
_TOP_K_HEAD = regex.compile(r"(?:[ -][\p{L}\d-]+){0,3}? (?:accuracy|rate|error|score|recall|precision|hit rate)\b")


def extend_suffix(candidates: list[Candidate], text: str) -> None:
    """Parts written after a name that belong to it.

    "SEQ*", "C++": a trailing * or + the tokenizer split off. "DIHARD III",
    "ActivityNet v1.3", "CATH 4.2": a Roman edition or a version. "top-20 passage
    retrieval accuracy": the quantity a top-k measures. "APTOS 2019", "COCO 2017": a
    dataset's year; "EPIC-Kitchens 100": a split's size; "Top Quark Tagging
    Reference Dataset": a capitalised data noun that is part of the name. A
    gazetteer that lists "DIHARD" cannot list every edition.
    """
    for cand in candidates:
        if cand.label == "METRIC" and _TOP_K.fullmatch(text, cand.start, cand.end):
            head = _TOP_K_HEAD.match(text, cand.end)
            if head is not None:  # "top-20 passage retrieval accuracy", not "top-20" alone
                cand.end = head.end()
                continue
        if cand.label == "METRIC" and _OPERATING_METRIC.fullmatch(text, cand.start, cand.end):
            point = _AT_OPERATING_POINT.match(text, cand.end)
            if point is not None:
                cand.end = point.end()
                cand.canonical = None  # its own quantity, not the bare metric
                continue
        if cand.label == "METHOD" and cand.source == "gazetteer":
            product = _PRODUCT_WORD.match(text, cand.end)
            if product is not None:  # "Qiskit Experiments", "Gurobi Optimizer": a product of its own
                cand.end = product.end()
                cand.canonical = None
                continue
        if cand.label in ("DATASET", "METHOD"):
            edition = _EDITION.match(text, cand.end)
            if edition is None and cand.label == "DATASET":
                edition = _YEAR.match(text, cand.end) or _SPLIT_SIZE.match(text, cand.end)
                if edition is None and text[cand.start].isupper():
                    edition = _NAMED_DATA_NOUN.match(text, cand.end) or _DATA_VARIANT.match(text, cand.end)
            if edition is not None:
                cand.end = edition.end()
                continue
        end = cand.end
        while end < len(text) and text[end] in "*+" and end - cand.end < 2:
            end += 1
        if end != cand.end and (end == len(text) or not text[end].isalnum()):
            cand.end = end


_DATA_NOUN_AFTER = regex.compile(r"\s+(?:dataset|datasets|corpus|corpora|benchmark)\b")


def relabel_data_names(candidates: list[Candidate], text: str) -> None:
    """"the SPICE dataset": a known metric or method name written right before a
    data noun is, in this paper, a dataset (SPICE is also a captioning metric).
    Tasks keep their label: "a question answering dataset" names the task."""
    for cand in candidates:
        if (
            cand.source in ("gazetteer", "family")
            and cand.label in ("METRIC", "METHOD")
            and not cand.optional
            and " " not in text[cand.start : cand.end]
            and _DATA_NOUN_AFTER.match(text, cand.end)
        ):
            cand.label = "DATASET"
            cand.canonical = None


def qualify_known(candidates: list[Candidate], text: str, openers: frozenset[str] | None = None) -> None:
    """A known metric or task keeps the qualifiers the head rule found before it.

    "inference latency", "GPU memory usage", "force RMSE": the gazetteer
    knows the quantity, the head rule (which outranks nothing) or the
    field-qualifier rule (`source == "qualifier"`, dropped here) saw the
    words qualifying it; the qualified form becomes an alias of the known name (ANNOTATION.md:
    a qualified form is an alias). "person keypoint detection", "biomedical
    image segmentation": a qualified task is the paper's own, a child task,
    reported under its own name (parent and child tasks are never aliases).
    """
    qualified: dict[tuple[str, int], int] = {}
    for cand in candidates:
        if cand.label in ("METRIC", "TASK") and cand.source in ("head", "qualifier"):
            key = (cand.label, cand.end)
            qualified[key] = min(cand.start, qualified.get(key, cand.start))
    if any(cand.source == "qualifier" for cand in candidates):
        # A field word qualifies a known metric only; alone it names nothing.
        candidates[:] = [cand for cand in candidates if cand.source != "qualifier"]
    if not qualified:
        return
    for cand in candidates:
        if cand.label in ("METRIC", "TASK") and cand.source == "gazetteer" and not cand.optional:
            start = qualified.get((cand.label, cand.end))
            if start is None or start >= cand.start:
                continue
            if cand.label == "TASK":
                if not _whole_task_phrase(text, start, cand.start, openers or PHRASE_OPENERS):
                    continue
                cand.canonical = None  # a child task is its own entity, never an alias of its parent
            cand.start = start


PHRASE_OPENERS = frozenset(
    "the a an of for in on to and or with by as from via at its their our this these that is are we both such "
    "into towards toward under over than between across".split()
)


def _whole_task_phrase(text: str, start: int, known_start: int, openers: frozenset[str]) -> bool:
    """Whether text[start:known_start] qualifies a known task as a whole phrase:
    no acronym or dataset name in the qualifier ("COCO object detection"), and
    nothing cut off before it ("domain | adaptive semantic segmentation", where
    the head rule's word limit stopped). `openers`: words the head rule never
    takes in ("we study | somatic variant calling"), so a phrase after one is whole."""
    words = text[start:known_start].split()
    if any(word.isupper() and len(word) > 1 for word in words):
        return False
    before = text[:start]
    stripped = before.rstrip()
    if not stripped or not (stripped[-1].isalnum() or stripped[-1] == "-") or "\n" in before[len(stripped) :]:
        return True  # the text, the title, the abstract or a clause starts here
    previous = stripped.rsplit(None, 1)[-1]
    return previous.lower() in openers


_ADJECTIVAL = regex.compile(
    r"(?i)-(?:trained|based|like|style|guided|free|aware|specific|level|driven|conditioned|centric|tuned|"
    r"pretrained|scale|sized|wise|agnostic|dependent|independent|inspired|enhanced|augmented|only)$"
)


_NOTHING: frozenset[str] = frozenset()
_AT_TIME = regex.compile(r"\b(?:at|during)\s+$")


def _stopped(key: str, cand: Candidate, stop: dict[str, frozenset[str]]) -> bool:
    """Stoplisted as a whole, or (for guesses) made only of stoplisted words ("NVIDIA A100").

    Both lists are tested in turn rather than joined: a set union per
    candidate cost more than the rest of the selection.
    """
    own, common = stop.get(cand.label, _NOTHING), stop.get("ENTITY", _NOTHING)
    if key in own or key in common:
        return True
    return cand.source in _GUESSES and " " in key and all(word in own or word in common for word in key.split())


def _one_label_for_proposed_methods(kept: list[Candidate], text: str) -> list[Candidate]:
    """A name the paper proposes as its method is that method everywhere in the paper.

    "We propose PhishGNN, ... On the A and B datasets, PhishGNN achieves":
    the list rule's guess that the second PhishGNN is a dataset must not beat
    the proposal. Only guesses yield; a gazetteer entry or a strong pattern
    ("X, a new benchmark") keeps its label.
    """
    proposed = {text[c.start : c.end] for c in kept if c.proposed and c.label == "METHOD"}
    if not proposed:
        return kept
    return [c for c in kept if c.label == "METHOD" or c.source not in _GUESSES or text[c.start : c.end] not in proposed]


def _selection_order(cand: Candidate) -> tuple[bool, int, int, int, str]:
    """Named sources first, then the longest span, the surer source, the earlier place.

    `Candidate.priority` is read once: the property call, twice per
    candidate in a sort key, cost more than the sort.
    """
    priority = PRIORITY.get(cand.source, 0)
    return (priority <= WEAK_PRIORITY, cand.start - cand.end, -priority, cand.start, cand.label)


def select(candidates: list[Candidate], text: str, stop: dict[str, frozenset[str]]) -> list[Candidate]:
    """Drop stoplisted candidates, then keep the best of every overlapping set."""
    kept: list[Candidate] = []
    stopped_groups: set[int] = set()
    for cand in candidates:
        if cand.end <= cand.start:
            continue
        form = text[cand.start : cand.end]
        if cand.source != "gazetteer" and "-" in form and _ADJECTIVAL.search(form):  # every suffix starts with "-"
            continue
        if cand.label == "METRIC" and form.endswith("time") and _AT_TIME.search(text, max(0, cand.start - 8), cand.start):
            continue  # "at inference time": when something happens, not a quantity
        key = normalise_name(form)
        if not key or _stopped(key, cand, stop):
            if cand.group is not None:
                stopped_groups.add(cand.group)
            continue
        kept.append(cand)
    kept = [c for c in kept if c.group is None or c.group not in stopped_groups]
    kept = _one_label_for_proposed_methods(kept, text)
    # Named sources (gazetteer, acronym, context rules) beat shape guesses;
    # among them the longest span wins, as in spaCy's filter_spans, so
    # "Language Model Predictive Control" is not cut to "Model Predictive Control".
    kept.sort(key=_selection_order)
    chosen: list[Candidate] = []
    by_span: dict[tuple[int, int], Candidate] = {}
    taken = bytearray(len(text))  # 1 where a chosen span covers the character
    for cand in kept:
        same = by_span.get((cand.start, cand.end))
        if same is not None:
            # A title phrase ("... with Prompt Tuning") does not make a name the
            # gazetteer knows the paper's own proposal; a sentence saying so,
            # or the name before the title's colon ("Mamba: ..."), does.
            title_only = cand.source in ("title-phrase", "title-used") and same.source == "gazetteer"
            same.proposed = same.proposed or (cand.proposed and same.label == cand.label and not title_only)
            if same.group is None and cand.group is not None and same.label == cand.label:
                same.group = cand.group
            continue
        if taken.find(1, cand.start, cand.end) != -1:
            continue
        chosen.append(cand)
        by_span[(cand.start, cand.end)] = cand
        taken[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
    chosen.sort(key=lambda c: (c.start, c.end))
    return chosen


@lru_cache(maxsize=8)
def _lowered(text: str) -> str:
    """`text.lower()`, once per doc text rather than once per searched form."""
    return text.lower()


@lru_cache(maxsize=256)
def _occurrences(text: str, form: str) -> tuple[tuple[int, int], ...]:
    """Every word-bounded occurrence of `form` in `text`.

    Single words match case-sensitively (MATH is not "math"); a phrase of
    several words also matches in other capitalisations, since titles
    capitalise what the abstract writes in lower case. Cached (hence a
    tuple): `spread` and `group_entities` ask for a third of the same forms.
    """
    spans = []
    lowered = _lowered(text) if " " in form else None
    haystack, needle = (lowered, form.lower()) if lowered is not None and len(text) == len(lowered) else (text, form)
    start = haystack.find(needle)
    while start >= 0:
        end = start + len(form)
        before = text[start - 1] if start > 0 else " "
        after = text[end] if end < len(text) else " "
        # Not inside a URL's path either ("huggingface.co/datasets/x/ReaSyn-1M"): no mention there.
        if not (before.isalnum() or before in "-/") and not (after.isalnum() or after == "-"):
            spans.append((start, end))
        start = haystack.find(needle, start + 1)
    return tuple(spans)


_PRIOR_WORK = regex.compile(
    r"(?i)\b(?:existing|previous|previously|prior|conventional|traditional|standard|popular|widely|classic|classical|"
    r"baselines?|such as|e\.g\.|like|recent|recently|originally|well-known|well-established|known as|"
    r"state-of-the-art|commonly|typically|based on|building on|builds on|inspired by|"
    r"(?:has|have) been (?:proposed|designed|developed|introduced|used|applied|adopted|shown)|"
    r"(?:was|were) (?:proposed|introduced|developed)|for comparison)\b"
)
# Right before a name, words that make it someone else's even in a sentence
# where the paper proposes something: "we develop X, generalizing the Y (SEF)",
# "a model known as the CVAE is introduced" (by Sohn et al.), "using the
# recently proposed DCLS", "by employing a classical ..., BSP".
_PRIOR_BEFORE = regex.compile(
    r"(?i)\b(?:known\s+as|(?:recently|previously|originally)\s+(?:proposed|introduced|developed)|proposed\s+by|"
    r"generali[sz]ing|extending|employing|adopting|unlike|than|classical|established|such\s+as|e\.g\.|"
    r"(?:extension|variant|version|modification|generali[sz]ation)\s+of)"
    r"(?![\w])"
    # Up to the name, within the clause: an acronym in parentheses right after its
    # long form reads the same words; a proposal verb in between starts the
    # paper's own part ("such as GPT-3 and propose RLGF").
    r"(?:(?!\b(?:propos|introduc|present|we\b|our\b|call|term|dub))[^.;:)]){0,50}$"
)


# Right before a name (a determiner and two words between at most), words
# that make it what the work uses, even in the sentence that proposes
# something: "emulators using eigenvector continuation (EC)", "nowcasts from
# the Short-Term Ensemble Prediction System (STEPS)", "used to drive the
# mesoscale Hydrologic Model (mHM)", "against rule-based control".
_USED_BEFORE = regex.compile(
    r"(?i)\b(?:using|from|against|drive|drives|implemented\s+(?:in|with)|"
    r"(?:computed|obtained|solved?|predicted|estimated|fitted|modell?ed|simulated|analy[sz]ed|calibrated)"
    r"\s+(?:it\s+|them\s+)?with)"
    r"\s+(?:(?:the|a|an)\s+)?(?:[\w-]+\s+){0,2}$"
)
# In a title: "... with the Einstein Toolkit", "... Against TOPAS", "A Benchmark Study on BOPTEST".
_TITLE_USED_BEFORE = regex.compile(
    r"(?i)\b(?:(?:with|using|against|from|on)\s+the|against|(?:study|studies|evaluation|benchmark|experiments)\s+on)\s+$"
)


def proposed_at(text: str, offset: int) -> bool:
    """Whether the paper introduces the name written at `offset`: its sentence
    says the paper introduces something, and the words before it do not credit
    the name to earlier work."""
    return in_proposal_sentence(text, offset) and not _credited_before(text, offset)


_THE_BEFORE = regex.compile(r"(?i)\bthe\s+$")
_OWN_WORD = regex.compile(r"(?i)(?:proposed|novel|new|presented|introduced)\b")


def _existing_by_article(text: str, start: int, title_end: int) -> bool:
    """"three test cases of the Building Optimization Testing Framework (BOPTEST)":
    a defined name after a bare "the", in a sentence that proposes nothing, is
    an existing thing; "the proposed X (Y)" and "we present the X (Y)" stay the paper's."""
    return (
        start > title_end
        and _THE_BEFORE.search(text, max(0, start - 8), start) is not None
        and _OWN_WORD.match(text, start) is None
        and not in_proposal_sentence(text, start)
    )


def _definition_start(spans: list[tuple[int, int]], text: str) -> int:
    """Start of the first form written right before a parenthesis: "long form (SF)"."""
    return next((start for start, end in spans if text.startswith(" (", end)), spans[0][0])


def _title_uses(text: str, start: int, title_end: int) -> bool:
    """A title's "with the X", "Against X", "Study on X": the title names what the work uses."""
    return start < title_end and _TITLE_USED_BEFORE.search(text, max(0, start - 15), start) is not None


def _defined_as_own(spans: list[tuple[int, int]], text: str, title_end: int) -> bool:
    """Whether nothing credits a defined acronym's name to earlier work or use: not
    where it first appears, and not where it is defined (a title's "... with the
    General Impostors Method", "solved with the General Impostors method (GI)",
    "test cases of the Building Optimization Testing Framework (BOPTEST)")."""
    first = spans[0][0]
    definition = _definition_start(spans, text)
    return not (
        _PRIOR_WORK.search(_sentence_at(text, first))
        or _credited_before(text, first)
        or _credited_before(text, definition)
        or _existing_by_article(text, definition, title_end)
        or _title_uses(text, first, title_end)
    )


def _credited_before(text: str, offset: int) -> bool:
    """Whether the words just before `offset`, in its sentence, credit the name to earlier work
    or say the work uses it ("combines nowcasts from the Short-Term Ensemble Prediction System (STEPS)")."""
    starts, _ends = _sentences(text)
    begin = starts[max(0, bisect_right(starts, offset) - 1)]
    return (
        _PRIOR_BEFORE.search(text, max(begin, offset - 80), offset) is not None
        or _USED_BEFORE.search(text, max(begin, offset - 50), offset) is not None
    )


def _reads_lowercase(form: str) -> bool:
    """A description in lower case, acronyms inside it aside ("single-cell RNA sequencing"):
    ANNOTATION.md's lowercase description, not a coined name."""
    return all(not word[:1].isupper() or word.isupper() for word in form.split())


def _sentence_at(text: str, offset: int) -> str:
    start = max(text.rfind(". ", 0, offset), text.rfind("\n", 0, offset)) + 1
    end = text.find(". ", offset)
    return text[start : end if end >= 0 else len(text)]


def sentence_breaks(text: str) -> list[tuple[int, int]]:
    """The spans `SENTENCE_BREAK` finds in `text`, found twice as fast.

    The regex tries its lookbehind at every character; breaks can only
    start after a . ! ? or at a newline, so only those places are tried,
    with the same two alternatives in the same order (tests compare both).
    """
    found: list[tuple[int, int]] = []
    last = 0
    for mark in _BREAK_MARK.finditer(text):
        at = mark.start() if mark.group() == "\n" else mark.end()
        if at < last:
            continue
        if at > 0 and text[at - 1] in ".!?":
            space = _SPACE_RUN.match(text, at)
            if space is not None and _SENTENCE_START.match(text, space.end()) is not None:
                found.append(space.span())
                last = space.end()
                continue
        if text.startswith("\n", at):
            newlines = _NEWLINE_RUN.match(text, at)
            assert newlines is not None
            found.append(newlines.span())
            last = newlines.end()
    return found


@lru_cache(maxsize=8)
def _sentences(text: str) -> tuple[list[int], list[int]]:
    """Start and end offsets of the sentences of `text` (cached per text)."""
    starts, ends = [0], []
    for end, next_start in sentence_breaks(text):
        ends.append(end)
        starts.append(next_start)
    ends.append(len(text))
    return starts, ends


@lru_cache(maxsize=8)
def _lowered_in_place(text: str) -> str:
    """`text` lower-cased with every offset kept ("İ" lower-cases to two characters)."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else "".join(c.lower()[0] for c in text)


@lru_cache(maxsize=256)
def _has_proposal_cue(text: str, start: int, end: int) -> bool:
    """Whether a proposal cue starts in text[start:end]. The search may read
    100 characters on, as a cue ("we ... propose") can reach 75 past its start."""
    cue = _PROPOSAL_CUE.search(_lowered_in_place(text), start, min(len(text), end + 100))
    return cue is not None and cue.start() < end


def in_proposal_sentence(text: str, offset: int) -> bool:
    """Whether `offset` lies in a sentence in which the paper introduces something.

    Only the sentences asked about are searched for a cue, each once: the
    cue regex over a whole abstract cost 57 us, a third of all resolving.
    """
    starts, ends = _sentences(text)
    i = bisect_right(starts, offset) - 1
    return i >= 0 and offset < ends[i] and _has_proposal_cue(text, starts[i], ends[i])


def group_entities(chosen: list[Candidate], text: str, title_end: int) -> list[ResolvedEntity]:
    """Merge chosen candidates into entities and ground every occurrence."""
    uf = _UnionFind()
    keys: list[tuple[str, str]] = []
    for cand in chosen:
        key = (cand.label, group_key(cand.canonical or text[cand.start : cand.end]))
        uf.find(key)
        keys.append(key)
    by_group: dict[int, tuple[str, str]] = {}
    for cand, key in zip(chosen, keys):
        if cand.group is not None:
            if cand.group in by_group:
                uf.union(by_group[cand.group], key)
            else:
                by_group[cand.group] = key
        if cand.canonical:  # otherwise the surface key is `key` itself
            surface_key = (cand.label, group_key(text[cand.start : cand.end]))
            uf.union(surface_key, key)
    cand_roots = [uf.find(key) for key in keys]  # final: no union follows
    entities: dict[tuple[str, str], ResolvedEntity] = {}
    for cand, root in zip(chosen, cand_roots):
        ent = entities.get(root)
        if ent is None:
            ent = entities[root] = ResolvedEntity(label=cand.label, forms=[])
        form = text[cand.start : cand.end]
        if form not in ent.forms:
            ent.forms.append(form)
        if cand.source in ("gazetteer", "family", "kind"):
            if cand.canonical:
                ent.canonical = ent.canonical or cand.canonical
            ent.from_gazetteer = True
        if cand.group is not None and cand.end - cand.start < max(len(f) for f in ent.forms):
            ent.short_form = ent.short_form or form
        if cand.proposed:
            ent.proposed = True
        if cand.source == "title-used":
            ent.title_used = True
        if cand.source != "shape":
            ent.shape_only = False
        if cand.optional:
            ent.known_optional = True
        elif cand.source in _AUTHORITATIVE:
            ent.optional_only = False
        ent.spans.append((cand.start, cand.end))
    result = []
    owner = bytearray(len(text))  # which entity (1-based, capped) chose each character
    roots = list(entities)
    number = {root: i + 1 for i, root in enumerate(roots)}
    for cand, root in zip(chosen, cand_roots):
        owner[cand.start : cand.end] = bytes([min(number[root], 255)]) * (cand.end - cand.start)
    for root, ent in entities.items():
        own = set(ent.spans)
        free = bytes((0, min(number[root], 255)))  # owner bytes that are not another entity's
        for form in ent.forms:
            for span in _occurrences(text, form):
                # A place another entity was chosen for, or inside one, is not this entity's.
                inside_other = bool(owner[span[0] : span[1]].translate(None, free))
                if span not in own and not inside_other and not (span[0] < title_end < span[1]):
                    ent.spans.append(span)
        ent.spans.sort()
        if ent.label == "METHOD" and ent.shape_only:
            # A tool named in passing ("phases reads with WhatsHap") shares the
            # sentence that proposes the paper's method; its own name is
            # proposed only where the text names it so ("we introduce X").
            ent.proposed = any(_NAMING_BEFORE.search(text, max(0, s - 40), s) for s, e in ent.spans)
        elif ent.label == "METHOD" and not ent.proposed and not ent.from_gazetteer:
            longest = max(ent.forms, key=len)
            # A title naming what the paper uses proposes nothing ("... Using
            # Variational Autoencoders", "Distilling RETFound ..." when the
            # abstract says "foundation models such as RETFound").
            in_title = not ent.title_used and not any(
                _credited_before(text, s) for s, e in ent.spans if s >= title_end
            )
            # A short form in its definition's parentheses is judged where its long form is written.
            judged = [sp for k, sp in enumerate(ent.spans) if k == 0 or text[sp[0] - 1 : sp[0]] != "("]
            ent.proposed = any(
                s < title_end and in_title and not _title_uses(text, s, title_end) or proposed_at(text, s)
                for s, e in judged
            ) or (
                ent.short_form is not None
                and (not _reads_lowercase(longest) or longest.rsplit(" ", 1)[-1].lower() in COMPONENT_NOUNS)
                and _defined_as_own(ent.spans, text, title_end)
            )
        # Borderline names (architecture families, broad abilities, quality
        # words) only block weaker guesses, except in the paper that proposes
        # them ("Vision Transformer (ViT)" in the ViT paper); a metric must be measured.
        if ent.known_optional and ent.optional_only and not (ent.label == "METHOD" and ent.proposed):
            continue
        if ent.label == "METRIC" and not any(is_measured(text, s, e) for s, e in ent.spans):
            continue
        result.append(ent)
    result.extend(_variants(result, text, title_end))
    result.sort(key=lambda e: (e.spans[0], e.label))
    return result


@lru_cache(maxsize=1024)
def _variant_pattern(short_form: str) -> "regex.Pattern[str]":
    """`short_form` followed by a short suffix; cached, as regex.compile's own cache lookup showed in profiles."""
    # Not inside a URL path ("/datasets/x/ReaSyn-1M"), not a count of data
    # ("ReaSyn-1M", "-17K"); a DiT-style patch size stays on ("SAFT-XL/2").
    return regex.compile(
        r"(?<![\w/-])" + regex.escape(short_form) + r"-(?!\d+(?:\.\d+)?[KMkm](?![\w-]))[\p{Lu}\d][\p{L}\d]{0,3}(?:/\d{1,2})?(?![\w-])"
    )


def _variants(entities: list[ResolvedEntity], text: str, title_end: int) -> list[ResolvedEntity]:
    """"FST-D", "DSR-MC", "LASER-D": suffixed forms of a proposed acronym are its named variants.

    Also marks shape-found models named after a proposed name as proposed (in place)."""
    known = {f for e in entities for f in e.forms}
    # A model named by its shape after the paper's own name ("ReaSyn-Embed-7B",
    # "SAFT-XL/2" in the ReaSyn and SAFT papers) is the paper's too.
    own = tuple(f + "-" for e in entities if e.label == "METHOD" and e.proposed for f in e.forms if len(f) >= 3)
    if own:
        for ent in entities:
            if ent.label == "METHOD" and ent.shape_only and not ent.proposed and any(f.startswith(own) for f in ent.forms):
                ent.proposed = True
    found: dict[str, ResolvedEntity] = {}
    for ent in entities:
        if ent.label != "METHOD" or not ent.proposed or not ent.short_form or ent.short_form + "-" not in text:
            continue  # the literal test spares a regex scan of the text for most names
        for match in _variant_pattern(ent.short_form).finditer(text):
            form = match.group()
            if form in known or match.start() < title_end < match.end():
                continue
            variant = found.setdefault(form, ResolvedEntity(label="METHOD", forms=[form], proposed=True, optional_only=False))
            variant.spans.append(match.span())
    return list(found.values())
