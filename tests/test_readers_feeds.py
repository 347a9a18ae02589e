"""Readers for arXiv mailings, arXiv Atom, HF daily JSON and JSONL snapshots.

The sample's 79 papers are written in each format by `tests.formatgen_feeds`
and must come back with the hf-page reader's titles and abstracts, the same
extractions, and their identifiers; hand-written real-shaped fixtures under
fixtures/formats/ cover the traits of real files (mail headers and CRLF,
replacements, cross-lists, old-style ids, escapes, `ai_summary`, TeX).

The page dump keeps TeX accents as the page shows them (`na\\"{\\i}ve`) while
every feed reader decodes them, so the reference text is the hf-page text
with `decode_tex_accents` applied; for the 78 entries without accents that
is the hf-page text itself.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from types import ModuleType
from typing import Any, Iterator

import pytest

from extract.entry import Entry, Link
from extract.errors import InputError
from extract.readers import arxiv_atom, arxiv_mailing, hf_daily, hf_page, jsonl
from extract.registry import detect_format
from extract.text import decode_tex_accents
from extract.textio import open_text
from tests.conftest import FIXTURES, SAMPLE
from tests.formatgen_feeds import GENERATORS, sample_pairs, synthetic_arxiv_id, write_all
from tests.formatgen_feeds import assert_reads_the_whole_sample
from tests.formatgen_feeds import extractions as _extractions
from tests.formatgen_feeds import lines as _lines
from tests.formatgen_feeds import read_file as _read

FORMATS = FIXTURES / "formats"
MINE: dict[str, ModuleType] = {
    "arxiv-mailing": arxiv_mailing,
    "arxiv-atom": arxiv_atom,
    "hf-daily": hf_daily,
    "jsonl": jsonl,
}
REALISTIC = {
    "arxiv-mailing-cs.eml": "arxiv-mailing",
    "arxiv-atom-old.xml": "arxiv-atom",
    "arxiv-atom-new.xml": "arxiv-atom",
    "hf-daily.json": "hf-daily",
    "hf-daily-papers.json": "hf-daily",
    "snapshot.jsonl": "jsonl",
}
# Other people's formats, as their files begin: none of these readers may claim them.
OTHER_FORMATS = {
    "csv": 'id,title,abstract\n2501.00001,"Learning to Navigate the Web","Learning in environments with large '
           'state and action spaces, and sparse rewards, can hinder a Reinforcement Learning agent."\n',
    "tsv": "title\tabstract\tdoi\nLearning Latent Plans from Play\tAcquiring a diverse repertoire of skills.\t10.1/x\n",
    "bibtex": "@article{radford2021clip,\n\ttitle = {{Learning Transferable Visual Models}},\n\tjournal = "
              "{arXiv:2103.00020 [cs]},\n\tabstract = {State-of-the-art computer vision systems.},\n}\n",
    "markdown": "# Reading list\n\n## Learning Latent Plans from Play\n\n[arXiv](https://arxiv.org/abs/1903.01973)\n\n"
                "Acquiring a diverse repertoire of general-purpose skills remains an open challenge.\n\n"
                "- [Learning to Navigate the Web](https://arxiv.org/abs/1812.09195) [[code](https://github.com/x/y)]\n",
    "json-config": '{\n  "name": "paperlist",\n  "version": "1.0"\n}\n',
    "plain-xml": '<?xml version="1.0"?>\n<rss version="2.0"><channel><item><title>x</title></item></channel></rss>\n',
    "prose": "Dear colleagues,\n\nplease find attached the arXiv:2501.00001 preprint.\n\nBest,\nA.\n",
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_all(sample_pairs(), tmp_path_factory.mktemp("feeds"))


@pytest.fixture(scope="module")
def generated_entries(generated: dict[str, Path]) -> dict[str, list[Entry]]:
    return {name: _read(MINE[name], path) for name, path in generated.items()}


@pytest.fixture(scope="module")
def reference_pairs() -> list[tuple[str, str]]:
    return [(decode_tex_accents(t), decode_tex_accents(a)) for t, a in sample_pairs()]


# --- detection -------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_generated_files_are_detected_by_their_reader_only(name: str, generated: dict[str, Path]) -> None:
    source = open_text(str(generated[name]))
    claims = {other: module.detect(source.head, str(generated[name])) for other, module in MINE.items()}
    assert claims == {other: other == name for other in MINE}
    assert not hf_page.detect(source.head, str(generated[name]))
    assert detect_format(source.head, str(generated[name])).NAME == name


@pytest.mark.parametrize(("filename", "name"), sorted(REALISTIC.items()))
def test_realistic_files_are_detected_by_their_reader_only(filename: str, name: str) -> None:
    path = FORMATS / filename
    source = open_text(str(path))
    claims = {other: module.detect(source.head, str(path)) for other, module in MINE.items()}
    assert claims == {other: other == name for other in MINE}
    assert detect_format(source.head, str(path)).NAME == name


def test_no_feed_reader_claims_the_page_dump() -> None:
    head = open_text(str(SAMPLE)).head
    assert [name for name, module in MINE.items() if module.detect(head, str(SAMPLE))] == []
    assert detect_format(head, str(SAMPLE)).NAME == "hf-page"


@pytest.mark.parametrize("other", sorted(OTHER_FORMATS))
def test_no_feed_reader_claims_other_formats(other: str) -> None:
    head = OTHER_FORMATS[other]
    assert [name for name, module in MINE.items() if module.detect(head, "input")] == []


def test_jsonl_detection_survives_a_head_cut_mid_line() -> None:
    line = json.dumps({"id": "2501.00001", "title": "T", "abstract": "A " * 500}) + "\n"
    head = (line * 200)[: 1 << 16]
    assert jsonl.detect(head, "x.jsonl") and not hf_daily.detect(head, "x.jsonl")


def test_hf_daily_detection_on_a_single_line_list_longer_than_the_head() -> None:
    item = {"paper": {"id": "2501.00001", "title": "T", "summary": "S " * 4000}, "title": "T"}
    head = json.dumps([item] * 10)[: 1 << 16]
    assert hf_daily.detect(head, "daily.json") and not jsonl.detect(head, "daily.json")


# --- the sample in every format ---------------------------------------------


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_every_paper_is_read_with_the_page_dumps_title_and_abstract(
    name: str, generated_entries: dict[str, list[Entry]], reference_pairs: list[tuple[str, str]]
) -> None:
    assert_reads_the_whole_sample(generated_entries[name], reference_pairs)


def test_the_page_dump_decodes_tex_accents_like_every_feed(reference_pairs: list[tuple[str, str]]) -> None:
    assert list(sample_pairs()) == reference_pairs
    assert "naïve ensembling" in sample_pairs()[48][1]


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_identifiers_and_metadata_survive(name: str, generated_entries: dict[str, list[Entry]]) -> None:
    entries = generated_entries[name]
    assert [e.ids.get("arxiv") for e in entries] == [synthetic_arxiv_id(i) for i in range(79)]
    assert all(e.published == "2025-06-02" for e in entries)
    assert all(e.authors[:1] == ["Ada Lovelace"] for e in entries)
    if name == "hf-daily":
        assert [e.ids["hf"] for e in entries] == [synthetic_arxiv_id(i) for i in range(79)]


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_entry_lines_point_at_the_entry(name: str, generated: dict[str, Path], generated_entries: dict[str, list[Entry]]) -> None:
    lines = generated[name].read_text("utf-8").splitlines()
    for entry in generated_entries[name]:
        assert synthetic_arxiv_id(entry.index) in "\n".join(lines[entry.line - 1 : entry.line + 2])
        assert entry.raw and len(entry.raw) <= 200


# --- extraction equality ------------------------------------------------------


@pytest.fixture(scope="module")
def reference_extractions(extractor: Any, sample_entries: list[Entry]) -> list[dict[str, Any]]:
    decoded = [
        dataclasses.replace(e, title=decode_tex_accents(e.title or ""), abstract=decode_tex_accents(e.abstract or ""))
        for e in sample_entries
    ]
    return [_extractions(r) for r in extractor.process_many(decoded)]


def test_reference_extractions_equal_the_page_dump_run_where_text_is_unchanged(
    reference_extractions: list[dict[str, Any]], sample_records: list[dict[str, Any]]
) -> None:
    plain = [_extractions(r) for r in sample_records]
    assert [i for i, (a, b) in enumerate(zip(reference_extractions, plain)) if a != b] in ([], [48])


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_extractions_equal_the_page_dump_run(
    name: str, extractor: Any, generated_entries: dict[str, list[Entry]], reference_extractions: list[dict[str, Any]]
) -> None:
    found = [_extractions(r) for r in extractor.process_many(generated_entries[name])]
    assert len(found) == 79
    for index, (mine, reference) in enumerate(zip(found, reference_extractions)):
        assert mine == reference, f"{name}: entry {index} differs"


# --- real-shaped files ------------------------------------------------------


def test_mailing_sections_cross_lists_and_replacements() -> None:
    entries = _read(arxiv_mailing, FORMATS / "arxiv-mailing-cs.eml")
    assert [e.ids.get("arxiv") for e in entries] == ["2501.10893", "2501.11002", "2501.09999", "2209.09513", "2212.07677"]
    assert [e.reject for e in entries] == [None] * 5
    assert [e.abstract is None for e in entries] == [False, False, False, True, True]
    assert [e.published for e in entries] == ["2025-01-18", "2025-01-20", "2025-01-17", None, None]
    assert [e.line for e in entries] == [33, 69, 106, 143, 155]
    assert entries[0].title == "Learn-by-interact: A Data-Centric Framework for Self-Adaptive Agents in Realistic Environments"
    assert entries[0].authors[-1] == "Sercan Ö. Arık"
    assert entries[0].categories == ["cs.CL", "cs.AI", "cs.LG"]
    assert entries[1].authors == ["Jianyu Zhang", "Léon Bottou", "Nicolas Longépé", "François Müller"]
    assert entries[1].venue == "Proceedings of the 40th International Conference on Machine Learning, PMLR 202:40830-40850, 2023"
    assert "apparently naïve ensembling technique" in (entries[1].abstract or "")
    assert entries[2].ids["doi"] == "10.1109/IROS.2018.8593986" and entries[2].venue == "IROS 2018"
    assert entries[2].abstract and entries[2].abstract.endswith("available at http://vpg.cs.princeton.edu")
    assert entries[4].authors[3] == "João Sacramento"
    assert entries[0].raw.startswith("arXiv:2501.10893\n")


def test_mailing_file_has_crlf_line_ends_and_mail_headers() -> None:
    data = (FORMATS / "arxiv-mailing-cs.eml").read_bytes()
    assert data.startswith(b"Return-Path: ") and b"\r\n" in data and b"%%--%%--" in data and b"%-%-%-" in data


def test_atom_old_style_wrapped_escaped_and_old_ids() -> None:
    entries = _read(arxiv_atom, FORMATS / "arxiv-atom-old.xml")
    assert [e.ids.get("arxiv") for e in entries] == ["cond-mat/0011267", "2103.00020", "2212.07346"]
    first = entries[0]
    assert first.title == "Dimensional crossover 1D->2D of coupled Hubbard chains & the fate of spin-charge separation"
    assert first.abstract and first.abstract.startswith("We study arrays") and "crossover 1D->2D from" in first.abstract
    assert "$t_\\perp/t$" in first.abstract and "Müller and Schönhammer" in first.abstract
    assert first.ids["doi"] == "10.1103/PhysRevB.63.245102"
    assert first.venue == "Phys. Rev. B 63, 245102 (2001)"
    assert first.published == "2000-11-15"
    assert first.categories == ["cond-mat.str-el", "cond-mat.supr-con"]
    assert first.authors == ["A. Author", "B. Coauthor"]
    assert Link("http://arxiv.org/pdf/cond-mat/0011267v1", "paper") in first.links
    assert [e.line for e in entries] == [10, 40, 81]
    assert entries[2].authors == ["Jianyu Zhang", "Léon Bottou"]
    pairs = sample_pairs()
    assert (entries[1].title, entries[1].abstract) == (pairs[12][0], pairs[12][1].replace(
        "https://i676974687562o636f6dz.oszar.com/", "https://github.com/"))


def test_atom_new_style_single_line_https_other_order() -> None:
    entries = _read(arxiv_atom, FORMATS / "arxiv-atom-new.xml")
    assert [e.ids for e in entries] == [{"arxiv": "2501.10893"}, {"arxiv": "2212.07677"}, {"arxiv": "2209.09513"}]
    assert [e.published for e in entries] == ["2025-01-18", "2022-12-15", "2022-09-20"]
    assert entries[0].categories == ["cs.CL", "cs.AI", "cs.LG"]
    assert entries[0].authors == ["Hongjin Su", "Ruoxi Sun", "Sercan Ö. Arık"]
    assert Link("https://arxiv.org/pdf/2501.10893v2", "paper") in entries[0].links
    assert entries[2].title == sample_pairs()[3][0]


def test_atom_api_error_entry_is_a_reject() -> None:
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n  <entry>\n'
        "    <id>http://arxiv.org/api/errors#incorrect_id_format_for_1234</id>\n    <title>Error</title>\n"
        "    <summary>incorrect id format for 1234</summary>\n  </entry>\n</feed>\n"
    )
    (entry,) = arxiv_atom.read(_lines(text), "err.xml")
    assert entry.reject == "arXiv API error: incorrect id format for 1234" and entry.line == 3


def test_hf_daily_items_paper_first_never_ai_summary() -> None:
    entries = _read(hf_daily, FORMATS / "hf-daily.json")
    assert [e.ids for e in entries] == [{"arxiv": i, "hf": i} for i in ("2505.15612", "2209.09513", "2501.10893", "2212.07677")]
    assert [e.reject for e in entries] == [None] * 4
    pairs = sample_pairs()
    assert entries[0].title == pairs[0][0]
    assert entries[0].abstract == pairs[0][1].replace("https://i676974687562o636f6dz.oszar.com/", "https://github.com/")
    assert entries[0].links == [Link("https://github.com/hkust-nlp/Laser", "code")]
    assert entries[1].links == [
        Link("https://github.com/lupantech/ScienceQA", "code"), Link("https://scienceqa.github.io", "project")
    ]
    assert entries[2].abstract == pairs[1][1]  # the paper's summary is empty: the item's copy is used
    assert entries[3].abstract is None  # no summary anywhere, and the ai_summary is not one
    assert entries[0].authors == ["Wei Liu", "Ruochen Zhou", "Junxian He"]
    assert [e.published for e in entries] == ["2025-05-21", "2022-09-20", "2025-01-18", "2022-12-15"]
    assert [e.line for e in entries] == [2, 60, 100, 138]


def test_hf_daily_list_of_bare_papers() -> None:
    entries = _read(hf_daily, FORMATS / "hf-daily-papers.json")
    assert [e.title for e in entries] == ["Learning Transferable Visual Models From Natural Language Supervision",
                                          "Learning Latent Plans from Play"]
    assert entries[1].links == [Link("https://learning-from-play.github.io", "project")]
    assert entries[1].abstract == sample_pairs()[71][1]


def test_hf_daily_single_paper_object() -> None:
    text = json.dumps({"id": "2501.10893", "title": "T", "summary": "S\nwrapped", "upvotes": 3}, indent=2)
    (entry,) = hf_daily.read(_lines(text), "paper.json")
    assert (entry.title, entry.abstract, entry.ids) == ("T", "S wrapped", {"arxiv": "2501.10893", "hf": "2501.10893"})


def test_a_csl_json_export_is_read_as_a_list_of_papers() -> None:
    document = json.dumps([{"id": "http://zotero.org/users/1/items/ABCD", "type": "article-journal",
                            "title": "Learning to Navigate the Web", "abstract": "Learning in\nenvironments.",
                            "DOI": "10.48550/arXiv.1812.09195"}], indent=2)
    assert hf_daily.detect(document, "export.json") and not jsonl.detect(document, "export.json")
    (entry,) = hf_daily.read(_lines(document), "export.json")
    assert (entry.title, entry.abstract) == ("Learning to Navigate the Web", "Learning in environments.")
    assert entry.ids == {"doi": "10.48550/arXiv.1812.09195"}


def test_snapshot_lines_unwrapped_with_math_and_accents() -> None:
    entries = _read(jsonl, FORMATS / "snapshot.jsonl")
    assert [e.ids for e in entries] == [
        {"arxiv": "cond-mat/0011267", "doi": "10.1103/PhysRevB.63.245102"}, {"arxiv": "2103.00020"},
        {"arxiv": "2212.07346"}, {"arxiv": "1803.09956", "doi": "10.1109/IROS.2018.8593986"},
    ]
    first = entries[0]
    assert first.title == "Dimensional crossover of coupled Hubbard chains and the fate of spin-charge separation"
    assert first.abstract and first.abstract.startswith(
        "We study arrays of weakly coupled Hubbard chains as the interchain hopping $t_\\perp$ grows"
    )
    assert first.abstract.endswith("numerical results of Müller and Schönhammer.")
    assert first.authors == ["A. Author", "B. Coauthor", "C. Müller"]
    assert first.categories == ["cond-mat.str-el", "cond-mat.supr-con"]
    assert first.venue == "Phys. Rev. B 63, 245102 (2001)"
    assert [e.published for e in entries] == ["2000-11-15", "2021-02-26", "2022-12-14", "2018-03-27"]
    assert entries[1].authors[-1] == "Sandhini Agarwal" and entries[3].authors[-1] == "Thomas Funkhouser"
    assert [e.line for e in entries] == [1, 2, 3, 4]


def test_generic_jsonl_with_title_and_abstract_or_summary() -> None:
    text = ('{"title": "Learning to Navigate the Web", "abstract": "Learning in environments."}\n\n'
            '{"title": "Learning Latent Plans from Play", "summary": "Acquiring skills.", "ai_summary": "No."}\n')
    entries = list(jsonl.read(_lines(text), "x.jsonl"))
    assert [(e.title, e.abstract, e.line, e.ids) for e in entries] == [
        ("Learning to Navigate the Web", "Learning in environments.", 1, {}),
        ("Learning Latent Plans from Play", "Acquiring skills.", 3, {}),
    ]


def test_authors_parsed_is_used_when_the_author_string_is_missing() -> None:
    line = json.dumps({"title": "T", "abstract": "A", "authors_parsed": [["Bottou", "L\\'eon", ""], ["Zhang", "Jianyu", "Jr"]]})
    (entry,) = jsonl.read([line + "\n"], "x.jsonl")
    assert entry.authors == ["Léon Bottou", "Jianyu Zhang Jr"]


# --- broken input -------------------------------------------------------------


def test_mailing_truncated_entry_and_missing_title_are_rejects() -> None:
    text = (FORMATS / "arxiv-mailing-cs.eml").read_text("utf-8").replace("\r\n", "\n")
    cut = text[: text.index("annotations.")]  # inside the first abstract
    entries = list(arxiv_mailing.read(_lines(cut), "cut.eml"))
    assert [(e.ids.get("arxiv"), e.reject) for e in entries] == [
        ("2501.10893", "file ends inside this entry (no closing \\\\ line)")
    ]
    untitled = (
        "\\\\\narXiv:2501.00002\nDate: Mon, 20 Jan 2025 09:12:44 GMT   (7kb)\n\nAuthors: A. One\n"
        "\\\\\n  Abstract.\n\\\\ ( https://arxiv.org/abs/2501.00002 ,  7kb)\n"
    )
    (entry,) = arxiv_mailing.read(_lines(untitled), "x.eml")
    assert entry.reject == "entry with no Title: field" and entry.line == 2 and entry.abstract == "Abstract."


def test_atom_truncated_document_is_an_input_error_with_position() -> None:
    text = (FORMATS / "arxiv-atom-old.xml").read_text("utf-8")
    cut = text[: text.index("<summary>", text.index("2103.00020v1")) + 30]
    line, column = cut.count("\n") + 1, len(cut.rsplit("\n", 1)[1]) + 1
    with pytest.raises(InputError, match=rf"^cut\.xml: not well-formed XML at line {line}, column {column} \(.*truncated\)$"):
        list(arxiv_atom.read(_lines(cut), "cut.xml"))


def test_atom_mismatched_tag_is_an_input_error_with_position() -> None:
    text = '<feed xmlns="http://www.w3.org/2005/Atom">\n  <entry>\n    <title>x</titel>\n  </entry>\n</feed>\n'
    with pytest.raises(InputError, match=r"^bad\.xml: not well-formed XML at line 3, column 15 \(mismatched tag\)$"):
        list(arxiv_atom.read(_lines(text), "bad.xml"))


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE feed [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&lol3;</title><summary>x</summary></entry></feed>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE feed [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&secret;</title><summary>x</summary></entry></feed>
"""


@pytest.mark.parametrize(("document", "entity"), [(BILLION_LAUGHS, "lol"), (EXTERNAL_ENTITY, "secret")])
def test_atom_entity_tricks_are_refused_with_position(document: str, entity: str) -> None:
    assert arxiv_atom.detect(document, "evil.xml")
    with pytest.raises(InputError, match=rf"^evil\.xml: XML refused at line \d+, column \d+: it declares the entity '{entity}'"):
        list(arxiv_atom.read(_lines(document), "evil.xml"))


def test_hf_daily_truncated_document_is_an_input_error_with_position() -> None:
    text = (FORMATS / "hf-daily.json").read_text("utf-8")
    cut = text[: text.index('"title"', text.index("2209.09513")) + 12]
    line = cut.count("\n") + 1
    with pytest.raises(InputError, match=rf"^cut\.json: not valid JSON at line {line}, column \d+ \(Unterminated string"):
        list(hf_daily.read(_lines(cut), "cut.json"))


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ('[\n  {"title": "a", "summary": "b"}\n  {"title": "c"}\n]\n', r"line 3, column 3 \(Expecting ',' delimiter\)"),
        ('[{"title": "a", "summary": "b"}] trailing\n', r"line 1, column 34 \(Extra data\)"),
        ('"just a string"\n', r"expected a JSON list of papers at line 1"),
    ],
)
def test_hf_daily_broken_top_level_is_an_input_error(document: str, message: str) -> None:
    with pytest.raises(InputError, match=rf"^bad\.json: .*{message}"):
        list(hf_daily.read(_lines(document), "bad.json"))


def test_hf_daily_bad_items_are_rejects_and_the_rest_is_read() -> None:
    document = '[\n  {"paper": {"id": "2501.00001", "summary": "no title"}},\n  42,\n  {"title": "T", "summary": "S"}\n]\n'
    entries = list(hf_daily.read(_lines(document), "items.json"))
    assert [(e.index, e.line, e.title, e.reject) for e in entries] == [
        (0, 2, None, "object with no title"),
        (1, 3, None, "not a JSON object but int"),
        (2, 4, "T", None),
    ]


def test_jsonl_broken_line_is_a_reject_and_the_run_goes_on() -> None:
    lines = (FORMATS / "snapshot.jsonl").read_text("utf-8").splitlines(keepends=True)
    cut = lines[2][:150] + "\n"  # a line cut short inside the title, as a failed download leaves it
    broken = lines[:2] + [cut, '{"title": "x", "abstract": }\n', '["not", "an object"]\n', '{"abstract": "no title"}\n'] + lines[3:]
    entries = list(jsonl.read(broken, "broken.jsonl"))
    assert [(e.index, e.line) for e in entries] == [(i, i + 1) for i in range(7)]
    assert [e.reject for e in entries][:2] == [None, None] and entries[6].reject is None
    assert entries[2].reject == "line is not JSON: Invalid control character at column 151" and entries[2].title is None
    assert entries[2].raw == cut
    assert entries[3].reject == "line is not JSON: Expecting value at column 28"
    assert entries[4].reject == "not a JSON object but list"
    assert entries[5].reject == "object with no title"
    assert entries[6].ids["arxiv"] == "1803.09956"


# --- laziness -------------------------------------------------------------------


def _then_fail(lines: list[str]) -> Iterator[str]:
    yield from lines
    raise AssertionError("the reader pulled more lines than the first entry needs")


@pytest.mark.parametrize(
    ("module", "filename", "needed"),
    [(arxiv_mailing, "arxiv-mailing-cs.eml", 68), (jsonl, "snapshot.jsonl", 1), (arxiv_atom, "arxiv-atom-old.xml", 39)],
)
def test_streaming_readers_yield_before_reading_the_whole_file(module: ModuleType, filename: str, needed: int) -> None:
    lines = (FORMATS / filename).read_text("utf-8").replace("\r\n", "\n").splitlines(keepends=True)
    first = next(module.read(_then_fail(lines[:needed]), filename))
    assert first.reject is None and first.title


def test_a_quoted_printable_mailing_reads_like_the_plain_one(tmp_path: Path) -> None:
    """Saved from a mail client with the transfer encoding kept: soft breaks at 76 columns, =3D, =C3=A9."""
    import quopri

    from tests.formatgen_feeds import mailing_text

    plain = mailing_text(sample_pairs())
    head, _, body = plain.partition("\r\n\r\n")
    headers = head + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable"
    encoded = quopri.encodestring(body.replace("\r\n", "\n").encode("utf-8")).decode("ascii").replace("\n", "\r\n")
    assert "=\r\n" in encoded and "=C3=AF" in encoded  # the file really is quoted-printable ("naïve")
    path = tmp_path / "qp.eml"
    path.write_bytes((headers + "\r\n\r\n" + encoded).encode("ascii"))
    quoted = _read(arxiv_mailing, path)
    reference = list(arxiv_mailing.read(_lines(plain), "plain.eml"))
    assert [(e.title, e.abstract, e.ids, e.authors) for e in quoted] == [(e.title, e.abstract, e.ids, e.authors) for e in reference]
    lines = path.read_text("ascii").splitlines()
    assert all(lines[e.line - 1] == "\\\\" or lines[e.line - 1].startswith("arXiv:") for e in quoted)
