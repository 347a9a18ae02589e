"""Entry -> record: the spaCy pipeline, built once, and the record assembly.

Title and abstract go through spaCy as one doc ("title\\n\\nabstract") so each
paper costs one tokenizer pass; offsets are mapped back to their field. The
nlp object is `spacy.blank("en")` with a tokenizer that keeps hyphenated
names whole (DeepSeek-R1-Distill-Qwen-7B, SWE-bench, LASER-D are one token)
and paperlist's components, registered with `@Language.factory`.
"""

from __future__ import annotations

import gc
from typing import Any, Callable, Iterable, Iterator, Optional, Sequence

import regex
import spacy
from pydantic import ValidationError
from spacy.language import Language
from spacy.tokens import Doc

import extract.components.acronyms  # noqa: F401  (registers the factory)
import extract.components.context  # noqa: F401
import extract.components.gazetteer  # noqa: F401
import extract.components.shapes  # noqa: F401
from extract import urls as url_rules
from extract.candidates import LABEL_FIELDS, candidates_of, doc_text
from extract.components.shapes import load_heads, stop_words
from extract.coordination import coordinated
from extract.entry import Entry, Reject
from extract.ids import paper_id
from extract.patterns_io import all_patterns
from extract.tokenizer import TextKeepingTokenizer, break_punctuation_runs  # noqa: F401  (registers the tokenizer)
from extract.resolve import (
    ResolvedEntity,
    acronym_candidates,
    group_entities,
    normalise_name,
    extend_suffix,
    PHRASE_OPENERS,
    qualify_known,
    relabel_data_names,
    select,
    spread,
)
from schemas.record import SCHEMA_VERSION, PaperRecord

SEPARATOR = "\n\n"
DEFAULT_MAX_ENTRY_CHARS = 100_000
# Entries tokenized, then run through each component, together (see `Extractor._docs`).
BATCH_SIZE = 256


def build_nlp(extra_patterns: Sequence[str] = ()) -> Language:
    """A blank English pipeline with paperlist's rule components."""
    # The tokenizer is built once, with paperlist's rules (`extract.tokenizer`):
    # building spaCy's default one and then assigning infix and suffix rules
    # loaded its ~4,000 special cases three times, a tenth of start-up.
    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "paperlist.tokenizer.v1"}}})
    nlp.tokenizer = TextKeepingTokenizer(nlp.tokenizer)
    extra = list(extra_patterns)
    nlp.add_pipe("paperlist_acronyms")
    nlp.add_pipe("paperlist_gazetteer", config={"extra_patterns": extra})
    nlp.add_pipe("paperlist_context", config={"extra_patterns": extra})
    nlp.add_pipe("paperlist_shapes")
    return nlp


def _stoplist(patterns: Iterable[dict[str, Any]]) -> dict[str, frozenset[str]]:
    stop: dict[str, set[str]] = {}
    for item in patterns:
        label = str(item["label"])
        if label.startswith("NOT_") and isinstance(item.get("pattern"), str):
            stop.setdefault(label[4:], set()).add(normalise_name(item["pattern"]))
    return {label: frozenset(names) for label, names in stop.items()}


def _known(patterns: Iterable[dict[str, Any]]) -> dict[str, tuple[str, Optional[str]]]:
    """Gazetteer names -> (label, canonical): exact forms, and normalised forms of
    case-insensitive entries (so "MoT" is not "MOT", multi-object tracking)."""
    known: dict[str, tuple[str, Optional[str]]] = {}
    for item in patterns:
        if item["label"] in LABEL_FIELDS and isinstance(item.get("pattern"), str):
            pattern = item["pattern"]
            key = normalise_name(pattern) if str(item.get("attr", "")).upper() == "LOWER" else pattern
            known.setdefault(key, (item["label"], item.get("id")))
    return known


def _expansions(patterns: Iterable[dict[str, Any]]) -> dict[str, frozenset[str]]:
    """Canonical name -> the normalised forms the gazetteer knows for it."""
    forms: dict[str, set[str]] = {}
    for item in patterns:
        if item["label"] in LABEL_FIELDS and isinstance(item.get("pattern"), str) and item.get("id"):
            forms.setdefault(item["id"], set()).add(normalise_name(item["pattern"]))
    return {name: frozenset(found) for name, found in forms.items()}


class Extractor:
    """Builds the pipeline once; turns entries into validated record dicts."""

    def __init__(
        self,
        extra_patterns: Sequence[str] = (),
        max_entry_chars: int = DEFAULT_MAX_ENTRY_CHARS,
    ) -> None:
        self.nlp = build_nlp(extra_patterns)
        patterns = all_patterns(extra_patterns)
        self.stop = _stoplist(patterns)
        self.known = _known(patterns)
        self.expansions = _expansions(patterns)
        heads = load_heads()
        self.task_heads = frozenset(heads["task_heads"])
        # Words the task head rule never takes in: a known task's qualifier after one is whole.
        self.phrase_openers = PHRASE_OPENERS | stop_words(heads)
        self.max_entry_chars = max_entry_chars
        # The pipeline's ~100,000 long-lived objects (vocab, matchers, rule
        # tables) are never garbage; frozen, full collections stop re-scanning
        # them (3% of a 20 MB run).
        gc.freeze()

    def process(self, entry: Entry) -> dict[str, Any] | Reject:
        """One entry -> a validated record dict, or a Reject saying why not."""
        return next(self.process_many([entry]))

    def process_many(self, entries: Iterable[Entry], batch_size: int = BATCH_SIZE) -> Iterator[dict[str, Any] | Reject]:
        """Records in input order; spaCy sees the texts in batches."""
        pending: list[Entry] = []
        for entry in entries:
            pending.append(entry)
            if len(pending) >= batch_size:
                yield from self._batch(pending)
                pending = []
        if pending:
            yield from self._batch(pending)

    def _batch(self, entries: list[Entry]) -> Iterator[dict[str, Any] | Reject]:
        texts: list[str] = []
        for entry in entries:
            texts.append(_doc_text(entry) if self._reject_reason(entry) is None else "")
        docs = iter(self._docs(texts))
        for entry in entries:
            doc = next(docs)
            reason = self._reject_reason(entry)
            if reason is not None:
                yield Reject(entry.path, entry.index, entry.line, reason, entry.raw or (entry.title or ""))
                continue
            try:
                yield self._record(entry, doc)
            except ValidationError as err:
                first = err.errors()[0]
                where = ".".join(str(p) for p in first.get("loc", ()))
                yield Reject(entry.path, entry.index, entry.line, f"invalid record: {where}: {first['msg']}", entry.raw)

    def _docs(self, texts: list[str]) -> list[Doc]:
        """Tokenize the whole batch, then run the components on each doc.

        spaCy's `pipe` interleaves them per doc; tokenizing a batch in one go
        keeps the tokenizer's cache hot (measured: 40% less tokenizer time).
        """
        docs = [self.nlp.make_doc(text) for text in texts]
        for _, component in self.nlp.pipeline:
            docs = [component(doc) for doc in docs]
        return docs

    def _reject_reason(self, entry: Entry) -> Optional[str]:
        if entry.reject:
            return entry.reject
        if not entry.title or not entry.title.strip():
            return "no title"
        size = len(entry.title) + len(entry.abstract or "")
        if size > self.max_entry_chars:
            return f"entry too long ({size} characters > --max-entry-chars {self.max_entry_chars})"
        return None

    def _record(self, entry: Entry, doc: Doc) -> dict[str, Any]:
        title = entry.title or ""
        abstract = entry.abstract
        text = doc_text(doc)
        title_end = len(title)
        cands = candidates_of(doc)
        abbreviations = doc._.paperlist_abbreviations or []
        cands.extend(acronym_candidates(text, abbreviations, self.known, self.task_heads, self.expansions))
        extend_suffix(cands, text)
        relabel_data_names(cands, text)
        qualify_known(cands, text, self.phrase_openers)
        cands.extend(coordinated(cands, text))
        chosen = select(spread(cands, text), text, self.stop)
        entities = group_entities(chosen, text, title_end)
        fields: dict[str, list[dict[str, Any]]] = {name: [] for name in LABEL_FIELDS.values()}
        for ent in entities:
            fields[LABEL_FIELDS[ent.label]].append(_entity_dict(ent, text, title_end))
        record: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "id": paper_id(title),
            "source": {"path": entry.path, "entry": entry.index, "line": entry.line},
            "ids": dict(entry.ids),
            "title": title,
            "abstract": abstract,
            "authors": list(entry.authors),
            "published": entry.published,
            "categories": list(entry.categories),
            "venue": entry.venue,
            "methods": fields["methods"],
            "datasets": fields["datasets"],
            "metrics": fields["metrics"],
            "tasks": fields["tasks"],
            "urls": _urls(entry, text, title_end),
        }
        for found in record["urls"]:
            for key, value in url_rules.paper_ids_from_url(found["url"]).items():
                record["ids"].setdefault(key, value)
        PaperRecord.model_validate(record)
        return record


# A lowercase kind noun right after a dataset's or method's name (see `_headed_forms`).
_KIND_HEADS = {
    "DATASET": regex.compile(
        r" (?:test suite|benchmark suite|database|benchmark|corpus|dataset|suite|catalogue|catalog|archive"
        r"|collection|survey|repository|testbed|challenge|library)(?![\w-])"
    ),
    "METHOD": regex.compile(
        r" (?:models?|package|decoders?|algorithms?|method|solvers?|formulation|equations|library|toolkit|toolbox"
        r"|software|simulator|code|scheme|estimators?|sampler|framework|loss|test|filter|policy|encoder|backbone"
        r"|architecture|pipeline|index|protocol|preconditioner)(?![\w-])"
    ),
}


def _doc_text(entry: Entry) -> str:
    title = entry.title or ""
    return title + SEPARATOR + entry.abstract if entry.abstract else title


def _mention(text: str, start: int, end: int, title_end: int) -> dict[str, Any]:
    if start < title_end:
        return {"field": "title", "start": start, "end": end, "text": text[start:end]}
    offset = title_end + len(SEPARATOR)
    return {"field": "abstract", "start": start - offset, "end": end - offset, "text": text[start:end]}


def _headed_forms(ent: ResolvedEntity, text: str, head_after: "regex.Pattern[str]", known: set[str]) -> list[str]:
    """"the Granada database", "a TSIR model": the name with the kind noun after it.

    The mention stays the bare name (the rules find it without its head, and
    most writers use it so), but the headed form is how this paper names the
    data, and a database keyed on aliases should find it under both.
    """
    found: list[str] = []
    for start, end in ent.spans:
        head = head_after.match(text, end)
        if head:
            form = text[start : head.end()]
            if form not in known and form not in found:
                found.append(form)
    return found


def _entity_dict(ent: ResolvedEntity, text: str, title_end: int) -> dict[str, Any]:
    if ent.canonical:
        name = ent.canonical
    elif ent.short_form:
        name = ent.short_form
    else:
        name = max(ent.forms, key=len)
    aliases = [f for f in ent.forms if f != name]
    head = _KIND_HEADS.get(ent.label)
    if head is not None:
        aliases.extend(_headed_forms(ent, text, head, {name, *aliases}))
    out: dict[str, Any] = {"name": name, "aliases": aliases}
    if ent.label == "METHOD":
        out["proposed"] = ent.proposed
    out["mentions"] = [_mention(text, s, e, title_end) for s, e in ent.spans]
    return out


def _urls(entry: Entry, text: str, title_end: int) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    seen: set[str] = set()
    for url in url_rules.find_urls(text):
        if url.start < title_end < url.end or url.url in seen:
            continue
        seen.add(url.url)
        found.append(
            {
                "url": url.url,
                "raw": url.raw,
                "kind": url.kind,
                "host": url.host,
                "repo": url.repo,
                "mention": _mention(text, url.start, url.end, title_end),
            }
        )
    for link in entry.links:
        resolved = url_rules.link_to_url(link.url, link.hint)
        if resolved is None or resolved[0] in seen:
            continue
        seen.add(resolved[0])
        url, kind, host, repo = resolved
        found.append({"url": url, "raw": link.url, "kind": kind, "host": host, "repo": repo, "mention": None})
    return found
