"""The built-in gazetteers are data: check their shape, consistency and reach.

A broken line, a name listed under two canonical ids, or a name that is both
a known entity and stoplisted would silently change what the extractor finds,
so every rule of `extract/patterns/README.md` is asserted here. The last
checks run the real gazetteer: a pattern the tokenizer splits differently in
running text than on its own is dead data.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from extract.candidates import candidates_of
from extract.resolve import normalise_name

PATTERNS = Path(__file__).resolve().parent.parent / "extract" / "patterns"
FIELD_FILES = {"methods": "METHOD", "datasets": "DATASET", "metrics": "METRIC", "tasks": "TASK"}
FIELD_LABELS = frozenset(FIELD_FILES.values())
STOP_LABELS = frozenset({"NOT_METHOD", "NOT_DATASET", "NOT_METRIC", "NOT_TASK", "NOT_ENTITY"})
MINIMUM = {"methods": 600, "datasets": 600, "metrics": 250, "tasks": 350, "optional": 100, "stoplist": 150}
KEYS = frozenset({"label", "pattern", "id", "attr", "optional"})


def _load(name: str) -> list[dict[str, Any]]:
    text = (PATTERNS / f"{name}.jsonl").read_bytes().decode("utf-8")
    return [json.loads(line) for line in text.splitlines()]


DATA = {name: _load(name) for name in MINIMUM}
ENTITY_ROWS = [row for name in (*FIELD_FILES, "optional") for row in DATA[name]]


@pytest.mark.parametrize("name", sorted(MINIMUM))
def test_every_line_is_a_well_formed_entry(name: str) -> None:
    allowed = STOP_LABELS if name == "stoplist" else {FIELD_FILES[name]} if name in FIELD_FILES else FIELD_LABELS
    for row in DATA[name]:
        assert isinstance(row, dict) and set(row) <= KEYS, row
        assert row["label"] in allowed, row
        assert isinstance(row["pattern"], str) and row["pattern"].strip() == row["pattern"] != "", row
        assert isinstance(row["id"], str) and row["id"].strip() == row["id"] != "", row
        assert row.get("attr", "LOWER") == "LOWER", row
        assert row.get("optional", name == "optional") is (name == "optional"), row


@pytest.mark.parametrize("name", sorted(MINIMUM))
def test_file_meets_its_minimum_size(name: str) -> None:
    assert len(DATA[name]) >= MINIMUM[name]


@pytest.mark.parametrize("name", sorted(MINIMUM))
def test_file_is_sorted_by_id_then_pattern(name: str) -> None:
    keys = [(row["id"], row["pattern"]) for row in DATA[name]]
    assert keys == sorted(keys)


def test_no_duplicate_label_pattern_attr() -> None:
    seen: set[tuple[str, str, str]] = set()
    for row in ENTITY_ROWS + DATA["stoplist"]:
        attr = row.get("attr", "")
        key = (row["label"], row["pattern"].lower() if attr else row["pattern"], attr)
        assert key not in seen, row
        seen.add(key)


_DASHES = str.maketrans({ch: "-" for ch in "\u2010\u2011\u2012\u2013\u2014\u2212"})


def _fold_dashes(text: str) -> str:
    """The scoring normalisation without the case-folding: 'VITS' and 'ViTs' stay two names."""
    return " ".join(text.translate(_DASHES).replace("-", " ").split())


def test_each_name_maps_to_one_id_per_label() -> None:
    """Spellings that differ only in hyphens or spaces ('Swin-Transformer') must agree on their id;
    a case-insensitive phrase must agree with every name it can match."""
    by_spelling: dict[tuple[str, str], set[str]] = defaultdict(set)
    by_folded: dict[tuple[str, str], set[str]] = defaultdict(set)
    loose_keys: set[tuple[str, str]] = set()
    for row in ENTITY_ROWS:
        by_spelling[(row["label"], _fold_dashes(row["pattern"]))].add(row["id"])
        folded = (row["label"], normalise_name(row["pattern"]))
        by_folded[folded].add(row["id"])
        if row.get("attr"):
            loose_keys.add(folded)
    clashes = {key: ids for key, ids in by_spelling.items() if len(ids) > 1}
    clashes.update({key: by_folded[key] for key in loose_keys if len(by_folded[key]) > 1})
    assert not clashes


def test_no_name_is_both_an_entity_and_stoplisted() -> None:
    stopped: dict[str, set[str]] = defaultdict(set)
    for row in DATA["stoplist"]:
        stopped[row["label"][4:]].add(normalise_name(row["pattern"]))
    clashes = [
        row
        for row in ENTITY_ROWS
        if normalise_name(row["pattern"]) in stopped[row["label"]] | stopped["ENTITY"]
    ]
    assert not clashes


def test_case_insensitive_patterns_are_phrases_or_lowercase_words() -> None:
    """LOWER on a capitalised single word would turn 'MATH' into 'math' and 'SAM' into 'sam'."""
    loose = [r for r in ENTITY_ROWS if r.get("attr") and " " not in r["pattern"] and r["pattern"] != r["pattern"].lower()]
    assert not loose


@pytest.mark.parametrize(
    ("label", "name"),
    [("DATASET", "MATH"), ("DATASET", "ARC"), ("DATASET", "PIQA"), ("METHOD", "SAM"), ("METHOD", "Adam"), ("METHOD", "CLIP")],
)
def test_names_that_are_english_words_match_case_sensitively(label: str, name: str) -> None:
    rows = [r for r in ENTITY_ROWS if r["label"] == label and r["pattern"].lower() == name.lower()]
    assert rows and all("attr" not in r for r in rows)


@pytest.fixture(scope="module")
def gazetteer_run() -> Any:
    from extract.pipeline import build_nlp

    nlp = build_nlp()
    gazetteer = nlp.get_pipe("paperlist_gazetteer")

    def found(text: str) -> set[tuple[int, int, str, str, bool]]:
        doc = gazetteer(nlp.make_doc(text))
        return {(c.start, c.end, c.label, c.canonical or "", c.optional) for c in candidates_of(doc)}

    return found


def _surface_forms(row: dict[str, Any]) -> list[str]:
    """The pattern as listed, plus the title-case form a case-insensitive phrase must also match.

    Single words are left out: the gazetteer ignores a title-case lone word ("Recall?")
    matched case-insensitively, on purpose.
    """
    forms = [row["pattern"]]
    if row.get("attr") and " " in row["pattern"]:
        forms.append(" ".join(word[:1].upper() + word[1:] for word in row["pattern"].split(" ")))
    return forms


def test_every_pattern_is_found_in_running_text(gazetteer_run: Any) -> None:
    prefix = "In this paper we use "
    missed = []
    for row in ENTITY_ROWS:
        for form in _surface_forms(row):
            for text in (f"{prefix}{form} here.", f"{prefix}({form}), too."):
                start = text.index(form)
                want = (start, start + len(form), row["label"], row["id"], bool(row.get("optional")))
                if want not in gazetteer_run(text):
                    missed.append((form, text))
    assert not missed


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("We study math word problems.", "DATASET"),
        ("The sam pipeline is slow.", "METHOD"),
        ("We clip gradients at 1.0.", "METHOD"),
        ("An arc of the circle.", "DATASET"),
    ],
)
def test_lowercase_english_words_are_not_taken_for_names(gazetteer_run: Any, text: str, label: str) -> None:
    hits = {(a, b) for a, b, lab, _, _ in gazetteer_run(text) if lab == label}
    single_words = {(a, b) for a, b in hits if " " not in text[a:b]}
    assert not single_words
