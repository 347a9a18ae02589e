"""Quality regression on the real sample: a change that lowers F1 fails CI.

Thresholds sit just below what the rules reach today (see the README's
quality table); raise them when the rules get better. The held-out half
(entries 40-78) is reported separately because it shows memorising.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from extract.entry import Entry
from extract.evaluate import load_gold, score
from tests.conftest import FIXTURES, GOLD

WHOLE = {"methods": 0.88, "datasets": 0.94, "metrics": 0.85, "tasks": 0.78, "code_urls": 1.0, "project_urls": 1.0, "proposed": 0.85}
HELD_OUT = {"methods": 0.84, "datasets": 0.88, "metrics": 0.90, "tasks": 0.71}
# Abstracts from other fields (fixtures/probe/README.md): rules developed on
# entries 0-19, entries 20-39 never read for errors.
PROBE = FIXTURES / "probe" / "other-fields.txt"
PROBE_GOLD = FIXTURES / "probe" / "other-fields-gold.jsonl"
PROBE_DEV = {"methods": 0.93, "datasets": 0.91, "metrics": 0.84, "tasks": 0.71, "code_urls": 1.0, "project_urls": 1.0, "proposed": 0.93}
PROBE_HELD_OUT = {"methods": 0.88, "datasets": 0.86, "metrics": 0.78, "tasks": 0.67, "code_urls": 1.0, "project_urls": 1.0, "proposed": 0.88}
# Machine-learning areas the sample covers little (fixtures/probe/README.md): all held out.
# Sciences and ML areas again, written later by other hands: heldout-fields is
# held out too; dev-fields is for rule development; fresh-fields (2026-12-03,
# 30 more fields) is held out; ml-dev (mainstream ML of 2024-2026) is for
# rule development. Name -> (entries, floors).
PAGE_PROBES = {
    "dev-fields": (30, {"methods": 0.94, "datasets": 0.87, "metrics": 0.93, "tasks": 0.79, "code_urls": 1.0, "project_urls": 1.0, "proposed": 0.91}),
    "ml-fields": (24, {"methods": 0.91, "datasets": 0.88, "metrics": 0.85, "tasks": 0.69, "code_urls": 1.0, "project_urls": 1.0, "proposed": 0.94}),
    "heldout-fields": (30, {"methods": 0.85, "datasets": 0.78, "metrics": 0.82, "tasks": 0.67, "code_urls": 1.0, "project_urls": 1.0, "proposed": 0.87}),
    "ml-dev": (30, {"methods": 0.96, "datasets": 0.95, "metrics": 0.91, "tasks": 0.69, "code_urls": 1.0, "project_urls": 1.0, "proposed": 0.93}),
    # Held out, an arXiv API feed (hard-wrapped, XML-escaped): first scored 2026-12-03 (fourth session).
    "arxiv-fields": (30, {"methods": 0.75, "datasets": 0.82, "metrics": 0.73, "tasks": 0.76, "code_urls": 1.0, "project_urls": 1.0, "proposed": 0.73}),
    "fresh-fields": (30, {"methods": 0.83, "datasets": 0.81, "metrics": 0.82, "tasks": 0.72, "code_urls": 1.0, "project_urls": 1.0, "proposed": 0.88}),
    # Dev, an arXiv API feed of 30 papers far from ML, with links pasted through redirectors (2026-12-03, fifth session).
    "arxiv-dev": (30, {"methods": 0.82, "datasets": 0.85, "metrics": 0.76, "tasks": 0.51, "code_urls": 1.0, "project_urls": 1.0, "proposed": 0.83}),
    # Dev, a Zotero / Better BibLaTeX export of 30 papers from fields no other probe covers (2026-12-04).
    "bib-dev": (30, {"methods": 0.79, "datasets": 0.83, "metrics": 0.78, "tasks": 0.69, "code_urls": 1.0, "project_urls": 1.0, "proposed": 0.8}),
    # Held out, an arXiv e-mail mailing (physics, q-bio, q-fin, econ) of 30 papers (2026-12-04).
    "mailing-fields": (30, {"methods": 0.66, "datasets": 0.62, "metrics": 0.62, "tasks": 0.54, "code_urls": 1.0, "project_urls": 1.0, "proposed": 0.72}),
}
PROBE_SUFFIX = {"arxiv-fields": "xml", "arxiv-dev": "xml", "bib-dev": "bib", "mailing-fields": "eml"}


@pytest.fixture(scope="module")
def report(sample_records: list[dict[str, Any]]) -> Any:
    return score(sample_records, load_gold(str(GOLD)))


@pytest.mark.parametrize(("field", "minimum"), sorted(WHOLE.items()))
def test_whole_sample_f1_does_not_regress(report: Any, field: str, minimum: float) -> None:
    assert report.fields[field].f1 >= minimum, report.fields[field]


@pytest.mark.parametrize(("field", "minimum"), sorted(HELD_OUT.items()))
def test_held_out_half_f1_does_not_regress(sample_records: list[dict[str, Any]], field: str, minimum: float) -> None:
    gold = [g for g in load_gold(str(GOLD)) if g.entry >= 40]
    assert score(sample_records, gold).fields[field].f1 >= minimum


def test_user_patterns_extend_the_rules(tmp_path: Path, sample_entries: list[Any]) -> None:
    from extract.pipeline import Extractor

    extra = tmp_path / "mine.jsonl"
    extra.write_text(
        '{"label": "DATASET", "pattern": "Zorblat", "id": "Zorblat"}\n'
        '{"label": "NOT_ENTITY", "pattern": "LWIR"}\n',
        "utf-8",
    )
    entry = Entry("mine", 0, 1, "Docking Scores", "Scores improve on Zorblat, a collection of docked complexes.")
    before = Extractor().process(entry)
    after = Extractor(extra_patterns=[str(extra)]).process(entry)
    assert isinstance(before, dict) and isinstance(after, dict)
    assert "Zorblat" not in [d["name"] for d in before["datasets"]]
    assert "Zorblat" in [d["name"] for d in after["datasets"]]
    lwir = Extractor(extra_patterns=[str(extra)]).process(sample_entries[34])
    assert isinstance(lwir, dict) and all(m["name"] != "LWIR" for m in lwir["methods"])


def _records_of_probe(extractor: Any, path: Path) -> list[dict[str, Any]]:
    """Records of a probe file, read by the reader the CLI would detect for it."""
    from extract.run import RunStats, read_entries

    return list(extractor.process_many(read_entries([str(path)], None, RunStats())))


@pytest.fixture(scope="module")
def probe_records(extractor: Any) -> list[dict[str, Any]]:
    return _records_of_probe(extractor, PROBE)


@pytest.fixture(scope="module")
def page_probe_records(extractor: Any) -> dict[str, list[dict[str, Any]]]:
    return {name: _records_of_probe(extractor, FIXTURES / "probe" / f"{name}.{PROBE_SUFFIX.get(name, 'txt')}") for name in PAGE_PROBES}


@pytest.mark.parametrize(
    ("half", "field", "minimum"),
    [("dev", f, m) for f, m in sorted(PROBE_DEV.items())] + [("held-out", f, m) for f, m in sorted(PROBE_HELD_OUT.items())],
)
def test_other_fields_probe_f1_does_not_regress(
    probe_records: list[dict[str, Any]], half: str, field: str, minimum: float
) -> None:
    gold = [g for g in load_gold(str(PROBE_GOLD)) if (g.entry < 20) == (half == "dev")]
    assert len(probe_records) == 40
    assert score(probe_records, gold).fields[field].f1 >= minimum


@pytest.mark.parametrize(
    ("probe", "field", "minimum"),
    [(name, f, m) for name, (_, floor) in sorted(PAGE_PROBES.items()) for f, m in sorted(floor.items())],
)
def test_probe_f1_does_not_regress(
    page_probe_records: dict[str, list[dict[str, Any]]], probe: str, field: str, minimum: float
) -> None:
    records = page_probe_records[probe]
    assert len(records) == PAGE_PROBES[probe][0]
    gold = load_gold(str(FIXTURES / "probe" / f"{probe}-gold.jsonl"))
    assert score(records, gold).fields[field].f1 >= minimum


def test_extraction_does_not_depend_on_the_source_format(
    extractor: Any, page_probe_records: dict[str, list[dict[str, Any]]], tmp_path: Path
) -> None:
    """The arXiv feed's hard-wrapped, XML-escaped texts, re-served as a Hugging
    Face page, yield the same entities: readers hand over the same text."""
    feed = page_probe_records["arxiv-fields"]
    page = tmp_path / "page.txt"
    page.write_text("Subscribe\n\n" + "".join(f"{r['title']}\n\n{r['abstract']}\n\n" for r in feed), "utf-8")
    served = _records_of_probe(extractor, page)
    assert len(served) == len(feed)
    for a, b in zip(feed, served):
        assert (a["title"], a["abstract"]) == (b["title"], b["abstract"])
        for field in ("methods", "datasets", "metrics", "tasks"):
            assert [(m["name"], m["mentions"]) for m in a[field]] == [(m["name"], m["mentions"]) for m in b[field]]
