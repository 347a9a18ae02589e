"""Readers for CSV, TSV, BibTeX and Markdown.

The sample's 79 papers are written in each format by `tests.formatgen_files`
(escaped the way real tools write them) and must come back with the hf-page
reader's titles and abstracts, their identifiers, and the same extractions.
Hand-written real-shaped fixtures under fixtures/formats/ cover what real
files hold: a dataframe dump with wrapped, quoted and padded fields; a
spreadsheet saved with semicolons; Zotero and Better BibLaTeX exports; an
awesome-list README; reading-group notes. Each format has broken-input cases.
"""

from __future__ import annotations

import string
from pathlib import Path
from types import ModuleType
from typing import Any, Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.entry import Entry, Link
from extract.errors import InputError
from extract.readers import bibtex, csv_reader, markdown, tsv_reader
from extract.registry import detect_format, format_names, reader_for
from extract.textio import open_text
from extract.urls import classify_url
from tests.conftest import FIXTURES, SAMPLE
from tests.formatgen_feeds import assert_reads_the_whole_sample
from tests.formatgen_feeds import extractions as _extractions
from tests.formatgen_feeds import lines as _lines
from tests.formatgen_feeds import read_file as _read
from tests.formatgen_feeds import synthetic_arxiv_id
from tests.formatgen_feeds import write_all as write_feeds
from tests.formatgen_files import GENERATORS, bibtex_escape, sample_pairs, synthetic_doi, write_all

FORMATS = FIXTURES / "formats"
MINE: dict[str, ModuleType] = {"csv": csv_reader, "tsv": tsv_reader, "bibtex": bibtex, "markdown": markdown}
REALISTIC = {
    "csv-arxiv-export.csv": "csv",
    "csv-excel-semicolon.csv": "csv",
    "tsv-reading-list.tsv": "tsv",
    "bib-zotero.bib": "bibtex",
    "bib-betterbiblatex.bib": "bibtex",
    "md-awesome-list.md": "markdown",
    "md-paper-notes.md": "markdown",
}
FEED_FIXTURES = ("arxiv-mailing-cs.eml", "arxiv-atom-old.xml", "arxiv-atom-new.xml", "hf-daily.json",
                 "hf-daily-papers.json", "snapshot.jsonl")
# Shapes that no reader of this module may claim.
NOT_MINE = {
    "json-config": '{\n  "name": "paperlist",\n  "version": "1.0"\n}\n',
    "json-list": '[\n  {"title": "T", "summary": "S"}\n]\n',
    "plain-xml": '<?xml version="1.0"?>\n<rss version="2.0"><channel><item><title>x</title></item></channel></rss>\n',
    "prose": "Dear colleagues,\n\nplease find attached the arXiv:2501.00001 preprint.\n\nBest,\nA.\n",
    "shell-script": "#!/bin/sh\n# fetch the listing\ncurl -s https://huggingface.co/papers > papers.html\n",
    "readme-ending-in-bibtex": "Some notes.\n\n```bibtex\n@article{x,\n  title = {T},\n}\n```\n",
    "single-column-titles": "title\nLearning to Navigate the Web\nLearning Latent Plans from Play\n",
}


@pytest.fixture(scope="module")
def pairs() -> list[tuple[str, str]]:
    return sample_pairs()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory, pairs: list[tuple[str, str]]) -> dict[str, Path]:
    return write_all(pairs, tmp_path_factory.mktemp("files"))


@pytest.fixture(scope="module")
def generated_entries(generated: dict[str, Path]) -> dict[str, list[Entry]]:
    return {name: _read(MINE[name], path) for name, path in generated.items()}


# --- detection -------------------------------------------------------------


def test_registry_lists_these_formats_before_the_page_dump() -> None:
    names = format_names()
    assert names[-1] == "hf-page"
    assert set(MINE) <= set(names[:-1])
    assert all(reader_for(name) is module for name, module in MINE.items())


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_generated_files_are_detected_by_their_reader_only(name: str, generated: dict[str, Path]) -> None:
    source = open_text(str(generated[name]))
    claims = {other: module.detect(source.head, str(generated[name])) for other, module in MINE.items()}
    assert claims == {other: other == name for other in MINE}
    assert detect_format(source.head, str(generated[name])).NAME == name


@pytest.mark.parametrize(("filename", "name"), sorted(REALISTIC.items()))
def test_realistic_files_are_detected_by_their_reader_only(filename: str, name: str) -> None:
    path = FORMATS / filename
    source = open_text(str(path))
    claims = {other: module.detect(source.head, str(path)) for other, module in MINE.items()}
    assert claims == {other: other == name for other in MINE}
    # Content decides, not the file name.
    assert detect_format(source.head, "input").NAME == name


def test_no_reader_here_claims_the_page_dump() -> None:
    head = open_text(str(SAMPLE)).head
    assert [name for name, module in MINE.items() if module.detect(head, str(SAMPLE))] == []
    assert detect_format(head, str(SAMPLE)).NAME == "hf-page"


@pytest.mark.parametrize("filename", FEED_FIXTURES)
def test_no_reader_here_claims_the_feed_fixtures(filename: str) -> None:
    path = FORMATS / filename
    head = open_text(str(path)).head
    assert [name for name, module in MINE.items() if module.detect(head, str(path))] == []


def test_no_reader_here_claims_the_sample_written_as_feeds(tmp_path: Path, pairs: list[tuple[str, str]]) -> None:
    for name, path in write_feeds(pairs, tmp_path).items():
        head = open_text(str(path)).head
        assert [mine for mine, module in MINE.items() if module.detect(head, str(path))] == [], name


@pytest.mark.parametrize("shape", sorted(NOT_MINE))
def test_no_reader_here_claims_other_shapes(shape: str) -> None:
    assert [name for name, module in MINE.items() if module.detect(NOT_MINE[shape], "input")] == []


def test_a_csv_named_file_without_a_title_column_is_csv_and_says_which_columns_it_has() -> None:
    text = "id,name,abstract\n2501.00001,Laser,Learning to reason.\n"
    assert not csv_reader.detect(text, "input") and csv_reader.detect(text, "papers.csv")
    with pytest.raises(InputError, match=r"^papers\.csv: the header row has no title column \(columns: 'id', 'name', 'abstract'\)"):
        list(csv_reader.read(_lines(text), "papers.csv"))


# --- the sample in every format ---------------------------------------------


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_every_paper_is_read_with_the_page_dumps_title_and_abstract(
    name: str, generated_entries: dict[str, list[Entry]], pairs: list[tuple[str, str]]
) -> None:
    assert_reads_the_whole_sample(generated_entries[name], pairs)


def test_the_bibtex_file_escapes_what_the_abstracts_hold(generated: dict[str, Path]) -> None:
    """The round trip is only a test if the file really holds the escapes a reference manager writes."""
    text = generated["bibtex"].read_text("utf-8")
    for escaped in ("63\\%", "12.2\\textbackslash{}\\%", "\\textbackslash{}method\\{\\}", "\\textasciitilde{}21k",
                    "mathcal\\{O\\}(d\\textasciicircum{}k)", 'na{\\"{\\i}}ve', "ChronoDepth/\\{this",
                    "transformers\\_learn\\_icl\\_by\\_gd", "{{Learn to Reason Efficiently"):
        assert escaped in text, escaped


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_identifiers_and_metadata_survive(name: str, generated_entries: dict[str, list[Entry]]) -> None:
    entries = generated_entries[name]
    assert [e.ids.get("arxiv") for e in entries] == [synthetic_arxiv_id(i) for i in range(79)]
    if name in ("tsv", "bibtex"):
        assert [e.ids.get("doi") for e in entries] == [synthetic_doi(i) for i in range(79)]
    if name in ("csv", "bibtex"):
        assert all(e.authors == ["Ada Lovelace", "Alan Turing"] for e in entries)
        assert all(e.published == "2025-06-02" for e in entries)
    if name == "csv":
        assert all(e.categories == ["cs.CL", "cs.LG"] for e in entries)
    if name == "bibtex":
        assert [e.venue for e in entries[:4]] == [None, "Proceedings of the Sample Conference", None, None]
        assert all(e.links == [Link(f"http://arxiv.org/abs/{synthetic_arxiv_id(e.index)}", "paper")] for e in entries)
    if name == "markdown":
        assert entries[0].links == [Link("https://arxiv.org/abs/2506.00001"), Link("https://arxiv.org/pdf/2506.00001")]


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_entry_lines_point_at_the_entry(
    name: str, generated: dict[str, Path], generated_entries: dict[str, list[Entry]], pairs: list[tuple[str, str]]
) -> None:
    lines = generated[name].read_text("utf-8").splitlines()
    starts = {"csv": synthetic_arxiv_id, "tsv": lambda i: pairs[i][0], "bibtex": lambda i: f"{{sample{i},",
              "markdown": lambda i: f"## {pairs[i][0]}"}
    for entry in generated_entries[name]:
        assert starts[name](entry.index) in lines[entry.line - 1]
        assert entry.raw and len(entry.raw) <= 200


# --- extraction equality ------------------------------------------------------


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_extractions_equal_the_page_dump_run(
    name: str, extractor: Any, generated_entries: dict[str, list[Entry]], sample_records: list[dict[str, Any]]
) -> None:
    reference = [_extractions(r) for r in sample_records]
    found = [_extractions(r) for r in extractor.process_many(generated_entries[name])]
    assert len(found) == 79
    for index, (mine, theirs) in enumerate(zip(found, reference)):
        assert mine == theirs, f"{name}: entry {index} differs"


# --- BibTeX: decoding and real exports -----------------------------------------


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        ("{{Double Braces}}: {Protected} {Words}", "Double Braces: Protected Words"),
        ('{\\"u}ber na\\"{\\i}ve \\c{c}a Long\\\'ep\\\'e \\ss{}', "über naïve ça Longépé ß"),
        ("63\\% and 12.2{\\textbackslash}\\%", "63% and 12.2\\%"),
        ("weights $W_{KQ}$ and $\\mathcal{O}(d^2)$", "weights $W_{KQ}$ and $\\mathcal{O}(d^2)$"),
        ("an \\emph{emphasised} {\\it word} and \\textbf{{BERT} model}", "an emphasised word and BERT model"),
        ("abbreviated as \\method{} here", "abbreviated as \\method{} here"),
        ("e.g.~SMPL, {\\textasciitilde}21k, \\^{}2", "e.g. SMPL, ~21k, ^2"),
        ("code at https://github.com/a\\_b/c\\%20d and \\url{https://x.org/~u}",
         "code at https://github.com/a_b/c%20d and \\url{https://x.org/~u}"),
        ("\\href{https://y.org}{here}", "\\href{https://y.org}{here}"),
        ("wrapped\n\t\tover   lines", "wrapped over lines"),
        ("Caf\\'{e} \\textendash{} a \\& b \\_ \\# \\$5", "Café – a & b _ # $5"),
    ],
)
def test_latex_to_text(latex: str, text: str) -> None:
    assert bibtex.latex_to_text(latex) == text


_ROUND_TRIP_ALPHABET = st.sampled_from(list(string.ascii_letters + string.digits + string.punctuation) + list(" éüïçñøß–"))


@settings(max_examples=300, deadline=None)
@given(st.text(_ROUND_TRIP_ALPHABET, max_size=60))
def test_what_a_reference_manager_escapes_decodes_back(text: str) -> None:
    plain = " ".join(text.split())
    assert bibtex.latex_to_text(bibtex_escape(plain)) == plain


def test_zotero_export(pairs: list[tuple[str, str]]) -> None:
    entries = _read(bibtex, FORMATS / "bib-zotero.bib")
    assert (FORMATS / "bib-zotero.bib").read_bytes().count(b"\n\ttitle = {") == 6  # tab indentation
    assert [e.reject for e in entries] == [None] * 6
    assert [e.line for e in entries] == [1, 17, 30, 46, 61, 71]
    assert [(e.title, e.abstract) for e in entries[:3]] == [pairs[1], pairs[3], pairs[48]]
    assert (entries[4].title, entries[4].abstract) == pairs[12]
    assert entries[0].ids == {"arxiv": "2501.10893", "doi": "10.48550/arXiv.2501.10893"}
    assert entries[1].ids == {"arxiv": "2209.09513"}  # only in `journal = {arXiv:2209.09513 [cs]}`
    assert entries[4].ids == {"arxiv": "2103.00020"}
    assert entries[3].ids == {"doi": "10.1109/IROS.2018.8593986"}
    assert entries[0].authors[-1] == "Sercan Ö. Arık" and entries[2].authors == ["Jianyu Zhang", "Léon Bottou"]
    assert [e.venue for e in entries] == [
        None, None, "Proceedings of the 40th International Conference on Machine Learning",
        "2018 IEEE/RSJ International Conference on Intelligent Robots and Systems (IROS)", None, None,
    ]
    assert [e.published for e in entries] == [None] * 6  # month and year only
    assert entries[5].title == "ScienceQA: Science Question Answering" and entries[5].abstract is None
    assert entries[5].links == [Link("https://scienceqa.github.io/", "paper")]
    assert all("Zotero" not in link.url for e in entries for link in e.links)  # `file =` is ignored
    assert entries[0].raw.startswith("@misc{su_learn-by-interact_2025,\n\ttitle")


def test_better_biblatex_export(pairs: list[tuple[str, str]]) -> None:
    entries = _read(bibtex, FORMATS / "bib-betterbiblatex.bib")
    assert [e.reject for e in entries] == [None] * 5  # @preamble, @string and @comment are not papers
    assert [e.line for e in entries] == [7, 24, 35, 46, 56]
    first, oswald, german, software, page = entries
    assert first.title == "Learn-by-Interact: A Data-Centric Framework for Self-Adaptive Agents in Realistic Environments"
    assert first.abstract == pairs[1][1]
    assert first.ids == {"arxiv": "2501.10893", "doi": "10.48550/arXiv.2501.10893"}
    assert first.published == "2025-01-18" and first.categories == ["cs"]
    assert oswald.title == "Transformers Learn In-Context by Gradient Descent"
    assert oswald.venue == "Proceedings of the 40th International Conference on Machine Learning"  # @string # "..."
    assert oswald.authors[0] == "Johannes von Oswald" and oswald.authors[3] == "João Sacramento"
    assert oswald.ids == {"arxiv": "2212.07677"}
    assert oswald.abstract == (
        "We study a single linear self-attention layer with weights $W_{KQ}$ and $W_{PV}$ and show that one "
        "forward pass matches one step of gradient descent on a regression loss; the construction needs "
        "$\\mathcal{O}(d^2)$ parameters and no extra training data."
    )
    assert german.title == "Über die Lernbarkeit von Sprachmodellen: eine Fallstudie zu Müller und Schönhammer"
    assert german.authors == ["Anna Müller", "Kurt Schönhammer", "Luc François"]
    assert german.venue == "Zeitschrift für Maschinelles Lernen" and german.published is None  # date = 2024-03
    assert (software.abstract, software.links) == (None, [Link("https://github.com/hkust-nlp/Laser", "paper")])
    assert (page.title, page.abstract) == ("ScienceQA: Science Question Answering", None)


BROKEN_BIB = """@article{good1,
  title = {First {Good} Entry},
  abstract = {Read before the broken one.},
}

@inproceedings{broken,
  title = {An {unbalanced title,
  year = {2021},
}

@misc{notitle,
  author = {Nobody, Some},
  url = {https://example.org/},
}

@comment{not a paper}

@article{good2,
  title = {Second Good Entry},
  eprint = {2501.00002},
}

@article{cut,
  title = {Cut short by a failed download
"""


def test_broken_bibtex_entries_are_rejects_and_the_rest_is_read() -> None:
    entries = list(bibtex.read(_lines(BROKEN_BIB), "broken.bib"))
    assert [(e.index, e.line, e.title) for e in entries] == [
        (0, 1, "First Good Entry"), (1, 6, None), (2, 11, None), (3, 18, "Second Good Entry"), (4, 23, None)
    ]
    assert [e.reject is None for e in entries] == [True, False, False, True, False]
    assert (entries[1].reject or "").startswith("broken BibTeX entry: ")
    assert entries[1].raw.startswith("@inproceedings{broken,")
    assert entries[2].reject == "@misc entry 'notitle' has no title"
    assert entries[3].ids == {"arxiv": "2501.00002"} and entries[3].abstract is None
    assert entries[4].reject == "broken BibTeX entry: Unexpectedly reached end of file."


def test_bibtex_parse_warnings_do_not_reach_stderr(capfd: pytest.CaptureFixture[str]) -> None:
    list(bibtex.read(_lines(BROKEN_BIB), "broken.bib"))
    assert capfd.readouterr().err == ""


# --- CSV / TSV -----------------------------------------------------------------


def test_dataframe_dump_with_wrapped_quoted_and_padded_fields(pairs: list[tuple[str, str]]) -> None:
    path = FORMATS / "csv-arxiv-export.csv"
    data = path.read_bytes()
    assert data.startswith(b",entry_id,") and b"\r\n" in data and b'""expert""' in data and b"   " in data
    entries = _read(csv_reader, path)
    assert [e.reject for e in entries] == [None] * 5
    assert [e.ids.get("arxiv") for e in entries] == ["2501.10893", "2209.09513", "2306.03012", "1903.01973", "1803.09956"]
    assert [(e.title, e.abstract) for e in entries[2:5]] == [pairs[14], pairs[71], pairs[74]]
    assert (entries[0].title, entries[0].abstract) == pairs[1]  # title and abstract wrapped inside quotes
    assert entries[1].abstract == pairs[3][1].replace("https://scienceqa.github.io", "this https URL")
    assert entries[1].links == [Link("http://arxiv.org/pdf/2209.09513v2", "paper")]
    assert entries[0].authors[-1] == "Sercan Ö. Arık" and entries[0].categories == ["cs.CL", "cs.AI", "cs.LG"]
    assert [e.published for e in entries] == ["2025-01-18", "2022-09-20", "2023-06-05", "2019-03-05", "2018-03-27"]
    assert entries[4].ids["doi"] == "10.1109/IROS.2018.8593986" and entries[4].venue == "IROS 2018"
    assert [e.line for e in entries] == [2, 26, 47, 68, 69]
    assert all(e.raw.startswith(f"{i},http://arxiv.org/abs/") for i, e in enumerate(entries))


def test_semicolon_spreadsheet_without_identifiers(pairs: list[tuple[str, str]]) -> None:
    path = FORMATS / "csv-excel-semicolon.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbfTitle;Abstract;Year;Notes")
    entries = _read(csv_reader, path)
    assert [(e.title, e.abstract) for e in entries] == [pairs[72], pairs[8], (pairs[76][0], None)]
    assert [e.ids for e in entries] == [{}, {}, {}]
    assert [e.published for e in entries] == [None, None, None]  # a year alone is not a date
    assert [e.line for e in entries] == [2, 3, 5]


def test_tsv_reading_list(pairs: list[tuple[str, str]]) -> None:
    entries = _read(tsv_reader, FORMATS / "tsv-reading-list.tsv")
    assert [(e.title, e.abstract) for e in entries] == [pairs[74], pairs[12], (pairs[75][0], None)]
    assert entries[0].authors == ["Andy Zeng", "Shuran Song", "Stefan Welker"]
    assert entries[0].ids == {"doi": "10.1109/IROS.2018.8593986"} and entries[0].venue == "IROS"
    assert entries[1].ids == {"arxiv": "2103.00020"} and entries[1].links == [Link("https://arxiv.org/abs/2103.00020", "paper")]


def test_broken_csv_rows_are_rejects_with_their_line() -> None:
    text = (
        "title,abstract,arxiv_id\n"
        '"Good, first","An abstract, with a comma.",2501.00001\n'
        "Too few fields\n"
        ',"A row with no title.",2501.00003\n'
        "\n"
        'Too,many,fields,here\n'
        '"Good, last","Its abstract.",2501.00006v2\n'
    )
    entries = list(csv_reader.read(_lines(text), "rows.csv"))
    assert [(e.index, e.line, e.reject) for e in entries] == [
        (0, 2, None),
        (1, 3, "malformed row: 1 fields where the header has 3"),
        (2, 4, "row with an empty title"),
        (3, 6, "malformed row: 4 fields where the header has 3"),
        (4, 7, None),
    ]
    assert entries[4].ids == {"arxiv": "2501.00006"} and entries[1].raw == "Too few fields\n"


def test_an_unclosed_quote_is_a_reject_not_a_silently_merged_row() -> None:
    text = 'title\tabstract\nFirst\tFine.\nSecond\t"Never closed\nThird\tSwallowed.\n'
    entries = list(tsv_reader.read(_lines(text), "open.tsv"))
    assert [(e.line, e.title, e.reject) for e in entries] == [
        (2, "First", None),
        (3, None, "malformed row: a quoted field is never closed (it runs to the end of the file)"),
    ]


def test_a_field_over_the_size_limit_is_a_reject_and_the_next_rows_are_read() -> None:
    huge = "x" * (10 * 1024 * 1024 + 1)
    lines = ["title,abstract\n", 'Before,"ok"\n', f'Huge,"{huge}\n', 'still the huge field"\n', 'After,"ok"\n']
    entries = list(csv_reader.read(lines, "big.csv"))
    assert [(e.line, e.title) for e in entries] == [(2, "Before"), (3, None), (5, "After")]
    assert "field larger than field limit" in (entries[1].reject or "") and len(entries[1].raw) == 200


# --- Markdown --------------------------------------------------------------------


def test_awesome_list_readme() -> None:
    entries = _read(markdown, FORMATS / "md-awesome-list.md")
    assert [e.title for e in entries] == [
        "Learn to Reason Efficiently with Adaptive Length-based Reward Shaping",
        "Learning to Reason via Mixture-of-Thought for Logical Reasoning",
        "LLMs can implicitly learn from mistakes in-context",
        "Transformers learn in-context by gradient descent",
        "Learning to summarize from human feedback",
        "Learn or Recall? Revisiting Incremental Learning with Pre-trained Language Models",
        "Learning to Navigate the Web",
        "Learn-by-interact: A Data-Centric Framework for Self-Adaptive Agents in Realistic Environments",
        "Learning Synergies between Pushing and Grasping with Self-supervised Deep Reinforcement Learning",
        "Learning Latent Plans from Play",
        "Learning to Generate Text-grounded Mask for Open-world Semantic Segmentation from Only Image-Text Pairs",
        "Learning Transferable Architectures for Scalable Image Recognition",
    ]
    assert [e.reject for e in entries] == [None] * 12 and [e.abstract for e in entries] == [None] * 12
    assert [e.line for e in entries] == [26, 27, 28, 29, 30, 32, 36, 37, 42, 43, 47, 48]
    assert [e.ids.get("arxiv") for e in entries] == [
        "2505.15612", "2505.15817", None, None, None, None, None, "2501.10893", None, "1903.01973", None, None
    ]
    assert entries[11].ids == {"doi": "10.1109/CVPR.2018.00907"}
    assert entries[0].links == [Link("https://arxiv.org/abs/2505.15612", "paper"), Link("https://github.com/hkust-nlp/Laser", "code")]
    assert entries[9].links == [Link("https://learning-from-play.github.io/", "paper"), Link("https://arxiv.org/abs/1903.01973")]


def test_a_code_link_to_a_project_page_is_classified_by_its_host(extractor: Any) -> None:
    vpg = _read(markdown, FORMATS / "md-awesome-list.md")[8]
    assert Link("http://vpg.cs.princeton.edu", "code") in vpg.links
    record = extractor.process(vpg)
    assert isinstance(record, dict)
    assert [(u["url"], u["kind"]) for u in record["urls"]] == [
        ("https://ieeexplore.ieee.org/document/8593986", "paper"), ("http://vpg.cs.princeton.edu", "project")
    ]
    assert classify_url("http://vpg.cs.princeton.edu")[0] == "project"


def test_paper_notes_headings_with_abstracts(pairs: list[tuple[str, str]]) -> None:
    entries = _read(markdown, FORMATS / "md-paper-notes.md")
    assert [(e.title, e.abstract) for e in entries] == [
        pairs[71], pairs[72], pairs[74], pairs[12], (pairs[3][0], None),
        ("Learning Interactive Real-World Simulators", None),
        ("Learning to Learn Faster from Human Feedback with Language Model Predictive Control", None),
    ]
    assert [e.line for e in entries] == [7, 33, 63, 84, 88, 100, 101]
    assert entries[0].ids == {"arxiv": "1903.01973"}  # from a badge link
    assert entries[0].links == [Link("https://arxiv.org/abs/1903.01973"), Link("https://learning-from-play.github.io/", "project")]
    assert entries[2].links == [Link("https://ieeexplore.ieee.org/document/8593986"), Link("http://vpg.cs.princeton.edu")]
    assert entries[4].links[1:] == [Link("https://github.com/lupantech/ScienceQA", "code"), Link("https://scienceqa.github.io", "project")]
    assert entries[3].raw.startswith("### Learning Transferable Visual Models")


@pytest.mark.parametrize(
    ("bullet", "title"),
    [
        ("- [Title Here](https://arxiv.org/abs/2501.00001)", "Title Here"),
        ("* **Title Here** [[Paper](https://example.edu/p.pdf)] [[Code](https://github.com/a/b)]", "Title Here"),
        ("1. [CVPR 2023] [Title Here](https://openaccess.thecvf.com/x.html) [[project](https://a.github.io)]", "Title Here"),
        ("- (ICLR 2024) Title Here [[paper]](https://openreview.net/forum?id=abc)", "Title Here"),
        ('- "Title Here," A. Author, NeurIPS 2020. [[pdf](https://proceedings.neurips.cc/x.pdf)]', "Title Here"),
        ("- Title Here. A. Author and B. Author. ACL 2024. [paper](https://aclanthology.org/2024.acl-long.1/)", "Title Here"),
        ("\t- [*Title* <sup>new</sup> Here](https://ieeexplore.ieee.org/document/1) 中文笔记", "Title Here"),
        ("- [![arXiv](https://img.shields.io/badge/arXiv-b31b1b.svg)](https://arxiv.org/abs/2501.00001) Title Here", "Title Here"),
        ("- [Title \\[with\\] Brackets](https://doi.org/10.1/x)", "Title [with] Brackets"),
    ],
)
def test_bullet_titles(bullet: str, title: str) -> None:
    (entry,) = markdown.read(["# List\n", "\n", bullet + "\n"], "list.md")
    assert (entry.title, entry.reject, entry.line) == (title, None, 3)


@pytest.mark.parametrize(
    "bullet",
    [
        "- [Introduction](#introduction)",
        "- [ImageNet](https://image-net.org/) - 14M labelled images",
        "- [vLLM](https://github.com/vllm-project/vllm) - fast inference",
        "- Read the [blog post](https://openai.com/index/x/) first",
        "- Plain text with no link at all",
    ],
)
def test_bullets_that_are_not_papers_are_not_entries(bullet: str) -> None:
    assert list(markdown.read(["## Section\n", "\n", bullet + "\n"], "list.md")) == []


def test_broken_markdown_entries_are_rejects() -> None:
    text = (
        "# Notes\n\n"
        "- [[paper](https://arxiv.org/abs/2501.00001)] [[code](https://github.com/a/b)]\n"
        "- [Fine Title](https://arxiv.org/abs/2501.00002)\n\n"
        '## <a name="lost"></a>\n\n'
        "[arXiv](https://arxiv.org/abs/2501.00003)\n\n"
        "An abstract under a heading that lost its title text. It has two sentences.\n"
    )
    entries = list(markdown.read(_lines(text), "broken.md"))
    assert [(e.index, e.line, e.title, e.reject) for e in entries] == [
        (0, 3, None, "paper link with no title"),
        (1, 4, "Fine Title", None),
        (2, 6, None, "paper link with no title"),
    ]
    assert entries[0].ids == {"arxiv": "2501.00001"} and entries[2].ids == {"arxiv": "2501.00003"}


def test_a_section_intro_followed_by_paper_bullets_is_not_a_paper() -> None:
    text = (
        "## Agents That Browse the Web\n\n"
        "Agents that act in a browser learn from demonstrations or from their own trials. Most of the papers "
        "below use a simulated web environment. Some use real websites, which makes results hard to compare.\n\n"
        "- [Learning to Navigate the Web](https://arxiv.org/abs/1812.09195)\n"
    )
    assert [e.title for e in markdown.read(_lines(text), "x.md")] == ["Learning to Navigate the Web"]


# --- streaming, and the whole run -------------------------------------------------


def _then_fail(lines: list[str]) -> Iterator[str]:
    yield from lines
    raise AssertionError("the reader pulled more lines than the first entry needs")


@pytest.mark.parametrize(
    ("module", "filename", "needed"),
    [(csv_reader, "csv-arxiv-export.csv", 26), (tsv_reader, "tsv-reading-list.tsv", 3),
     (bibtex, "bib-zotero.bib", 17), (markdown, "md-paper-notes.md", 33)],
)
def test_readers_yield_before_reading_the_whole_file(module: ModuleType, filename: str, needed: int) -> None:
    lines = (FORMATS / filename).read_text("utf-8-sig").replace("\r\n", "\n").splitlines(keepends=True)
    first = next(module.read(_then_fail(lines[:needed]), filename))
    assert first.reject is None and first.title


def test_one_run_mixes_these_formats_with_the_page_dump(generated: dict[str, Path], tmp_path: Path) -> None:
    from extract.run import run_extract

    out = tmp_path / "out.jsonl"
    stats = run_extract([str(SAMPLE), *(str(generated[name]) for name in sorted(GENERATORS))], str(out))
    assert (stats.records, stats.rejects) == (5 * 79, 0)
    assert len(out.read_bytes().splitlines()) == 5 * 79
