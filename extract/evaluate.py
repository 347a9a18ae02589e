"""Scoring records against gold answers, exactly as ANNOTATION.md "How the gold is scored" says.

The scorer is deliberately independent of the extractor: it has its own name
normalisation and imports nothing from the pipeline, so a change in the rules
cannot silently change how they are judged. Everything here is a pure function
over plain dicts and small frozen dataclasses, so tests and other tools can
score in memory without files.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Optional

import regex

from extract.errors import InputError, UsageError
from extract.ids import normalise_title

ENTITY_FIELDS: tuple[str, ...] = ("methods", "datasets", "metrics", "tasks")
URL_FIELDS: tuple[str, ...] = ("code_urls", "project_urls")
FIELDS: tuple[str, ...] = (*ENTITY_FIELDS, *URL_FIELDS, "proposed")
_URL_KIND_FIELD: Mapping[str, str] = {"code": "code_urls", "project": "project_urls"}

GoldEntity = tuple[str, ...]

# Every Unicode dash (- ‐ ‑ ‒ – — ― ⸺ ﹣ ...), the minus sign and the hyphen
# bullet, with whitespace: each run of them becomes one space.
_DASH_RUN = regex.compile(r"[\p{Pd}\u2212\u2043\s]+")
_EDGE_PUNCT = ".,;:!?()[]{}'\" "
_URL_PARTS = regex.compile(r"(?i)^([a-z][a-z0-9+.-]*)://([^/?#]*)(.*)$", regex.DOTALL)


def normalise_name(text: str) -> str:
    """The comparison key of a surface form: `gradient-descent` == `Gradient descent`."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _DASH_RUN.sub(" ", text).strip(_EDGE_PUNCT)
    if text.startswith("the "):
        text = text[4:].strip(_EDGE_PUNCT)
    return text


def normalise_url(url: str) -> str:
    """Scheme and host lower-cased, one trailing `/` removed; the path is compared as written."""
    url = url.strip()
    match = _URL_PARTS.match(url)
    if match is not None:
        url = f"{match.group(1).lower()}://{match.group(2).lower()}{match.group(3)}"
    return url[:-1] if url.endswith("/") else url


@dataclass(frozen=True)
class GoldField:
    """One field of one gold paper: entities that must be found, and ones that may be."""

    required: tuple[GoldEntity, ...] = ()
    optional: tuple[GoldEntity, ...] = ()


@dataclass(frozen=True)
class GoldPaper:
    """One line of a gold file (see ANNOTATION.md "The gold file")."""

    entry: int
    title: str
    methods: GoldField
    datasets: GoldField
    metrics: GoldField
    tasks: GoldField
    code_urls: tuple[str, ...]
    project_urls: tuple[str, ...]
    proposed_methods: tuple[GoldEntity, ...]

    def entity_field(self, name: str) -> GoldField:
        """The gold of an entity field; `proposed` is derived from `methods`.

        ANNOTATION.md: `proposed` is "scored like a field whose required entities
        are the proposed ones from methods.required and whose optional ones come
        from methods.optional". A proposed entity annotated only as an optional
        method is therefore optional here too (finding it is not required of the
        methods field either); a required method that is not proposed is in
        neither list, so marking it proposed is a false positive.
        """
        if name != "proposed":
            return getattr(self, name)  # type: ignore[no-any-return]
        required_keys = [_keys(e) for e in self.methods.required]
        required = tuple(e for e in self.proposed_methods if any(_keys(e) & k for k in required_keys))
        leftover = tuple(e for e in self.proposed_methods if e not in required and e not in self.methods.optional)
        return GoldField(required=required, optional=self.methods.optional + leftover)


@dataclass(frozen=True)
class FieldScore:
    """Micro counts of one field; an empty denominator counts as perfect."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def p(self) -> float:
        return 1.0 if self.tp + self.fp == 0 else self.tp / (self.tp + self.fp)

    @property
    def r(self) -> float:
        return 1.0 if self.tp + self.fn == 0 else self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.p, self.r
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def __add__(self, other: "FieldScore") -> "FieldScore":
        return FieldScore(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def as_dict(self) -> dict[str, float | int]:
        return {"p": self.p, "r": self.r, "f1": self.f1, "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass(frozen=True)
class ErrorItem:
    """One false positive (`text` = the output's name or URL) or false negative (the gold's first form)."""

    entry: int
    title: str
    field: str
    kind: str
    text: str


@dataclass(frozen=True)
class UnmatchedGold:
    """A gold paper no record was paired with: all its required entities and URLs are misses."""

    entry: int
    title: str


@dataclass(frozen=True)
class Report:
    fields: dict[str, FieldScore]
    errors: list[ErrorItem] = field(default_factory=list)
    unmatched_gold: list[UnmatchedGold] = field(default_factory=list)


def _keys(forms: Iterable[str]) -> frozenset[str]:
    return frozenset(key for key in map(normalise_name, forms) if key)


def _output_strings(entity: Mapping[str, Any]) -> list[str]:
    """Every string an output entity offers for matching: name, aliases, mention texts."""
    strings = [entity.get("name") or ""]
    strings.extend(entity.get("aliases") or ())
    strings.extend(m.get("text") or "" for m in entity.get("mentions") or () if isinstance(m, Mapping))
    return [s for s in strings if isinstance(s, str)]


def _outputs(records: Sequence[Mapping[str, Any]], name: str) -> list[Mapping[str, Any]]:
    if name == "proposed":
        return [m for r in records for m in r.get("methods") or () if m.get("proposed") is True]
    return [e for r in records for e in r.get(name) or ()]


def _score_entities(
    paper: GoldPaper, name: str, outputs: Sequence[Mapping[str, Any]]
) -> tuple[FieldScore, list[ErrorItem]]:
    gold = paper.entity_field(name)
    required = [_keys(e) for e in gold.required]
    known = frozenset().union(*required, *(_keys(e) for e in gold.optional))
    output_keys = [(_keys(_output_strings(o)), o) for o in outputs]
    found = frozenset().union(*(keys for keys, _ in output_keys))
    errors: list[ErrorItem] = []
    tp = 0
    for entity, keys in zip(gold.required, required):
        if keys & found:
            tp += 1
        else:
            errors.append(ErrorItem(paper.entry, paper.title, name, "fn", entity[0]))
    fp = 0
    for keys, output in output_keys:
        if keys.isdisjoint(known):
            fp += 1
            errors.append(ErrorItem(paper.entry, paper.title, name, "fp", str(output.get("name", ""))))
    return FieldScore(tp, fp, len(gold.required) - tp), errors


def _score_urls(
    paper: GoldPaper, name: str, records: Sequence[Mapping[str, Any]]
) -> tuple[FieldScore, list[ErrorItem]]:
    predicted: dict[str, str] = {}
    for record in records:
        for url in record.get("urls") or ():
            if _URL_KIND_FIELD.get(url.get("kind")) == name and isinstance(url.get("url"), str):
                predicted.setdefault(normalise_url(url["url"]), url["url"])
    gold: dict[str, str] = {}
    for url in getattr(paper, name):
        gold.setdefault(normalise_url(url), url)
    errors = [ErrorItem(paper.entry, paper.title, name, "fn", gold[k]) for k in gold if k not in predicted]
    errors += [ErrorItem(paper.entry, paper.title, name, "fp", predicted[k]) for k in predicted if k not in gold]
    tp = len(gold.keys() & predicted.keys())
    return FieldScore(tp, len(predicted) - tp, len(gold) - tp), errors


def score(records: Iterable[Mapping[str, Any]], gold: list[GoldPaper]) -> Report:
    """Micro P/R/F1 per field of `records` against `gold`, paired by normalised title.

    Records without a gold line are ignored. Several records with one gold
    title are scored together as one paper's output, so none of their outputs
    escapes scoring.
    """
    by_title = {normalise_title(paper.title): paper for paper in gold}
    paired: dict[int, list[Mapping[str, Any]]] = {id(paper): [] for paper in gold}
    for record in records:
        title = record.get("title")
        paper = by_title.get(normalise_title(title)) if isinstance(title, str) else None
        if paper is not None:
            paired[id(paper)].append(record)
    totals = {name: FieldScore() for name in FIELDS}
    errors: list[ErrorItem] = []
    unmatched: list[UnmatchedGold] = []
    for paper in gold:
        mine = paired[id(paper)]
        if not mine:
            unmatched.append(UnmatchedGold(paper.entry, paper.title))
        for name in FIELDS:
            if name in URL_FIELDS:
                counts, found = _score_urls(paper, name, mine)
            else:
                counts, found = _score_entities(paper, name, _outputs(mine, name))
            totals[name] += counts
            errors.extend(found)
    return Report(fields=totals, errors=errors, unmatched_gold=unmatched)


def _read_json_lines(path: str) -> Iterator[tuple[int, Any]]:
    """(line number, parsed value) for every non-blank line; one InputError names the bad line."""
    import orjson

    try:
        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            with open(path, "rb") as stream:
                data = stream.read()
    except OSError as err:
        raise InputError(f"{path}: cannot open ({err.strerror}); check the path") from None
    for number, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield number, orjson.loads(line)
        except orjson.JSONDecodeError as err:
            raise InputError(f"{path}:{number}: not JSON ({err}); fix or remove the line") from None


def _entity(value: Any, where: str) -> GoldEntity:
    if not isinstance(value, list) or not value or not all(isinstance(s, str) and s.strip() for s in value):
        raise ValueError(f"{where}: an entity must be a non-empty list of surface forms, got {value!r}")
    return tuple(value)


def _entities(value: Any, where: str) -> tuple[GoldEntity, ...]:
    if not isinstance(value, list):
        raise ValueError(f"{where}: expected a list of entities")
    return tuple(_entity(item, f"{where}[{i}]") for i, item in enumerate(value))


def _gold_field(value: Any, name: str) -> GoldField:
    if not isinstance(value, dict) or set(value) != {"required", "optional"}:
        raise ValueError(f"{name}: expected {{\"required\": [...], \"optional\": [...]}}")
    return GoldField(_entities(value["required"], f"{name}.required"), _entities(value["optional"], f"{name}.optional"))


def _urls(value: Any, name: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(u, str) and u.strip() for u in value):
        raise ValueError(f"{name}: expected a list of URL strings")
    return tuple(value)


def gold_paper(obj: Any) -> GoldPaper:
    """One parsed gold line as a GoldPaper; ValueError says which key is wrong."""
    if not isinstance(obj, dict):
        raise ValueError("a gold line must be a JSON object")
    missing = [k for k in ("entry", "title", *ENTITY_FIELDS, *URL_FIELDS, "proposed_methods") if k not in obj]
    if missing:
        raise ValueError(f"missing key(s) {', '.join(missing)}")
    if not isinstance(obj["entry"], int) or isinstance(obj["entry"], bool) or obj["entry"] < 0:
        raise ValueError("entry: expected a non-negative integer")
    if not isinstance(obj["title"], str) or not normalise_title(obj["title"]):
        raise ValueError("title: expected a non-empty string")
    paper = GoldPaper(
        entry=obj["entry"],
        title=obj["title"],
        methods=_gold_field(obj["methods"], "methods"),
        datasets=_gold_field(obj["datasets"], "datasets"),
        metrics=_gold_field(obj["metrics"], "metrics"),
        tasks=_gold_field(obj["tasks"], "tasks"),
        code_urls=_urls(obj["code_urls"], "code_urls"),
        project_urls=_urls(obj["project_urls"], "project_urls"),
        proposed_methods=_entities(obj["proposed_methods"], "proposed_methods"),
    )
    method_keys = [_keys(e) for e in paper.methods.required + paper.methods.optional]
    for entity in paper.proposed_methods:
        if not any(_keys(entity) & keys for keys in method_keys):
            raise ValueError(f"proposed_methods: {list(entity)!r} is not in methods; copy it from methods")
    return paper


def load_gold(path: str) -> list[GoldPaper]:
    """Every gold paper of a JSONL gold file, in file order."""
    papers: list[GoldPaper] = []
    seen: dict[str, int] = {}
    for number, obj in _read_json_lines(path):
        try:
            paper = gold_paper(obj)
        except ValueError as err:
            raise InputError(f"{path}:{number}: bad gold line: {err}") from None
        key = normalise_title(paper.title)
        if key in seen:
            raise InputError(
                f"{path}:{number}: title repeats line {seen[key]}; records are paired by title, "
                "so each paper may have one gold line only"
            )
        seen[key] = number
        papers.append(paper)
    if not papers:
        raise InputError(f"{path}: no gold lines; a gold file has one JSON object per paper")
    return papers


def _record_problem(obj: Any) -> str:
    """What keeps `obj` from being scored as a record, or "" (the full schema is `paperlist validate`'s job)."""
    if not isinstance(obj, dict):
        return "not a JSON object"
    if not isinstance(obj.get("title"), str):
        return "no title"
    for name in (*ENTITY_FIELDS, "urls"):
        value = obj.get(name, [])
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            return f"{name} is not a list of objects"
    return ""


def load_records(path: str) -> list[dict[str, Any]]:
    """Every record of a JSONL records file; only the keys the scorer reads are checked."""
    records: list[dict[str, Any]] = []
    for number, obj in _read_json_lines(path):
        problem = _record_problem(obj)
        if problem:
            raise InputError(f"{path}:{number}: not a paperlist record ({problem}); is this the records file?")
        records.append(obj)
    return records


def score_files(pred_path: str, gold_path: str, entries: Optional[range] = None) -> Report:
    """Score a records file against a gold file, optionally only the gold entries in `entries`."""
    gold = load_gold(gold_path)
    if entries is not None:
        gold = [paper for paper in gold if paper.entry in entries]
        if not gold:
            raise UsageError(
                f"--entries {entries.start}-{entries.stop - 1} selects no gold line of {gold_path}; "
                "pick a range of its `entry` numbers"
            )
    return score(load_records(pred_path), gold)
