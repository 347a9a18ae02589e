"""Properties over arbitrary input: reading, the readers, the URL decoder and the extractors.

Whatever the text, nothing raises except a `PaperlistError` (which the CLI
turns into one line and exit 2), every mention stays grounded in the text it
points into, and a normal URL comes out as it went in. Example counts are
bounded (and deadlines off) so the whole file stays fast on two cores.
"""

from __future__ import annotations

import importlib
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any, Iterator, get_args

import pytest
import regex
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from extract import textio, urls
from extract.components.acronyms import find_abbreviations, find_respective_abbreviations
from extract.entry import Entry, Reject
from extract.errors import PaperlistError
from extract.ids import paper_id
from extract.resolve import SENTENCE_BREAK, sentence_breaks
from extract.textio import clean_line, open_text
from schemas.record import UrlKind
from tests import hostile

# Every reader, by module name: a reader missing here is a reader the properties do not cover.
READER_MODULES = (
    "extract.readers.hf_page",
    "extract.readers.arxiv_mailing",
    "extract.readers.arxiv_atom",
    "extract.readers.hf_daily",
    "extract.readers.jsonl",
    "extract.readers.bibtex",
    "extract.readers.csv_reader",
    "extract.readers.tsv_reader",
    "extract.readers.markdown",
)
URL_KINDS = set(get_args(UrlKind))
FEW = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SOME = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_UNCLEAN = regex.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\r]")

# Fragments that steer arbitrary text into every reader's and rule's paths.
STRUCTURE = [
    "\n", "\n\n", "\r\n", " ", "\t", "(", ")", "[", "]", "{", "}", '"', "'", ",", ";", ":", ".", "\\", "$", "&",
    "<", ">", "#", "## ", "@article{", "title = {", "},", "@", "|", "-", "--", "\\\\\n", "arXiv:2506.00001",
    "Title: ", "Authors: ", "Abstract: ", "<feed xmlns=\"http://www.w3.org/2005/Atom\">", "<entry>", "</entry>",
    "<title>", "</title>", "<summary>", "</summary>", '{"title": "', '", "abstract": "', '"}', "[{", "}]",
    "title,abstract\n", "Title\tSummary\n", "https://github.com/org/repo", "https://i676974687562o636f6dz.oszar.com/a/b",
    "www.example.org/x.", "{this http URL}", "http://a.a.a", "\\'e", "&amp;", "&#233;",
]
WORDS = [
    "We", "propose", "present", "a", "novel", "method", "termed", "called", "the", "on", "of", "and", "with",
    "Language", "Model", "Predictive", "Control", "(LMPC)", "LMPC", "LASER", "LASER-D", "GPT-4", "BERT",
    "ResNet-50", "ImageNet", "SWE-bench", "accuracy", "F1", "BLEU", "pass@1", "benchmark", "dataset", "task",
    "reasoning", "Mixture-of-Thought", "(MoT)", "MoT", "Transformer", "LoRA", "achieves", "87.5%", "on", "is",
    "respectively", "(A and B, respectively)", "Diffusion", "Models", "e.g.", "i.e.", "code:", "available",
]

fragments = st.one_of(st.sampled_from(STRUCTURE), st.text(max_size=8))
structured_text = st.lists(fragments, max_size=40).map("".join)
prose = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(STRUCTURE), st.text(max_size=6)), max_size=60).map(
    " ".join
)


def readers() -> list[ModuleType]:
    return [importlib.import_module(name) for name in READER_MODULES]


def read_entries(reader: ModuleType, text: str) -> list[Entry]:
    """A reader's whole output on `text`; a `PaperlistError` is an allowed answer (one line, exit 2)."""
    lines = text.splitlines(keepends=True)
    head = "".join(lines)[: textio.HEAD_BYTES]
    assert isinstance(reader.detect(head, "input"), bool)
    try:
        return list(reader.read(iter(lines), "input"))
    except PaperlistError:
        return []


def check_entries(entries: list[Entry]) -> None:
    assert [entry.index for entry in entries] == list(range(len(entries)))
    for entry in entries:
        assert isinstance(entry, Entry) and entry.path == "input" and entry.line >= 1
        assert isinstance(entry.raw, str)
        assert entry.reject is not None or (entry.title is not None and entry.title.strip() != "")


# --- reading bytes --------------------------------------------------------------------------------


@FEW
@given(data=st.binary(max_size=600))
def test_any_bytes_are_read_or_refused_with_an_input_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "input"
        path.write_bytes(data)
        try:
            source = open_text(str(path))
            lines = list(source.lines)
        except PaperlistError:
            return
        assert all(line.endswith("\n") and not _UNCLEAN.search(line) for line in lines)
        assert not _UNCLEAN.search(source.head)


@FEW
@given(
    text=st.text(alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\r"), max_size=300),
    codec=st.sampled_from(["utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
    chunk=st.integers(min_value=1, max_value=64),
)
@example(text="0\n\x1f", codec="utf-8", newline="\n", chunk=1)  # a last line of only a control character
# UTF-16-LE with a BOM and a leading NUL starts FF FE 00 00, the UTF-32-LE BOM.
@example(text="\x000", codec="utf-16-le", newline="\n", chunk=1)
@example(text="\x00\U00010000", codec="utf-16-le", newline="\n", chunk=1)
@example(text="\x00\U00010000", codec="utf-32-le", newline="\n", chunk=1)
@example(text="\U00010000", codec="utf-32-le", newline="\n", chunk=1)
def test_unicode_text_reads_back_cleaned_in_any_encoding_line_end_and_chunking(
    text: str, codec: str, newline: str, chunk: int
) -> None:
    bom = codec != "utf-8"
    data = hostile.encoded(text, codec.replace("-sig", ""), bom=bom, newline=newline)
    # Lines are split first and cleaned one by one, as the reader does: a last
    # line of only control characters ("0\n\x1f") is still a line, now blank.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines[-1] == "":
        lines.pop()
    expected = "".join(clean_line(line) + "\n" for line in lines)
    original = textio.CHUNK_BYTES
    textio.CHUNK_BYTES = chunk
    try:
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "input"
            path.write_bytes(data)
            try:
                result = "".join(open_text(str(path)).lines)
            except PaperlistError as err:
                # Without a byte-order mark, control-heavy text is binary by rule and a
                # compression magic or file signature at the start is taken at its word.
                refused_as_binary = codec == "utf-8" and regex.search(r"binary|corrupt|truncated|PDF|image|archive", str(err))
                assert ("empty input" in str(err) and not expected.strip()) or refused_as_binary, str(err)
                return
    finally:
        textio.CHUNK_BYTES = original
    assert result == expected


@SOME
@given(line=st.text(max_size=200))
def test_clean_line_leaves_no_control_characters_and_is_idempotent(line: str) -> None:
    cleaned = clean_line(line)
    assert not _UNCLEAN.search(cleaned)
    assert clean_line(cleaned) == cleaned
    assert len(cleaned) <= len(line)


# --- readers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("module", READER_MODULES)
@FEW
@given(text=structured_text)
def test_readers_never_raise_on_arbitrary_text(module: str, text: str) -> None:
    check_entries(read_entries(importlib.import_module(module), text))


def _format_texts() -> dict[str, str]:
    with tempfile.TemporaryDirectory() as directory:
        return {name: path.read_text("utf-8") for name, path in hostile.format_samples(Path(directory), 3).items()}


FORMAT_TEXTS = _format_texts()


@st.composite
def damaged(draw: st.DrawFn, text: str) -> str:
    """`text` with a few random deletions, insertions of structure and duplications."""
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        start = draw(st.integers(min_value=0, max_value=len(text)))
        end = draw(st.integers(min_value=start, max_value=min(len(text), start + 200)))
        edit = draw(st.sampled_from(["delete", "insert", "duplicate", "replace"]))
        if edit == "delete":
            text = text[:start] + text[end:]
        elif edit == "insert":
            text = text[:start] + draw(fragments) + text[start:]
        elif edit == "duplicate":
            text = text[:end] + text[start:end] + text[end:]
        else:
            text = text[:start] + draw(st.text(max_size=5)) + text[end:]
    return text


@pytest.mark.parametrize("fmt", sorted(FORMAT_TEXTS))
@FEW
@given(data=st.data())
def test_readers_never_raise_on_damaged_samples_of_their_format(fmt: str, data: st.DataObject) -> None:
    from extract.registry import reader_for

    text = data.draw(damaged(FORMAT_TEXTS[fmt]))
    check_entries(read_entries(reader_for(fmt), text))


def test_every_reader_module_is_registered() -> None:
    from extract.registry import format_names, reader_for

    assert sorted(module.__name__ for module in readers()) == sorted(reader_for(n).__name__ for n in format_names())


# --- the URL decoder -------------------------------------------------------------------------------

_LABEL = st.from_regex(r"\A[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?\Z")
_HOSTS = st.builds(
    lambda labels, tld: ".".join([*labels, tld]),
    st.lists(_LABEL, min_size=1, max_size=3),
    st.sampled_from(["com", "org", "io", "net", "ai", "dev", "co.uk"]),
)
_SEGMENT = st.from_regex(r"\A[A-Za-z0-9_~-]+(?:\.[A-Za-z0-9]+)?\Z")
_NORMAL_URLS = st.builds(
    lambda scheme, host, segments: f"{scheme}://{host}" + "".join(f"/{s}" for s in segments),
    st.sampled_from(["https", "http"]),
    _HOSTS,
    st.lists(_SEGMENT, max_size=4),
)


def _proxy(host: str) -> str:
    labels = [label.encode().hex() for label in host.split(".")]
    return "i" + "o".join(labels) + "z.oszar.com"


@SOME
@given(text=prose)
def test_found_urls_are_grounded_in_the_text(text: str) -> None:
    for found in urls.find_urls(text):
        assert text[found.start : found.end] == found.raw
        assert found.url.startswith(("https://", "http://"))
        assert found.kind in URL_KINDS


@SOME
@given(url=_NORMAL_URLS, before=st.sampled_from(["See ", "(", "code: ", "at <", "["]), after=st.sampled_from([" now.", ").", ".", ">", "]"]))
def test_a_normal_url_comes_out_unchanged(url: str, before: str, after: str) -> None:
    host = url.split("/")[2]
    if _proxy_shaped(host):
        return
    found = urls.find_urls(before + url + after)
    assert [f.url for f in found] == [url]
    assert urls.decode_proxy_host(host) == host


def _proxy_shaped(host: str) -> bool:
    return urls.decode_proxy_host(host) != host


@SOME
@given(host=_HOSTS, path=st.lists(_SEGMENT, max_size=3))
def test_a_proxy_rewritten_host_decodes_to_the_real_one(host: str, path: list[str]) -> None:
    assert urls.decode_proxy_host(_proxy(host)) == host
    suffix = "".join(f"/{s}" for s in path)
    found = urls.find_urls(f"Code: https://{_proxy(host)}{suffix}.")
    assert [f.url for f in found] == [f"https://{host}{suffix}"]


def test_a_proxy_host_longer_than_a_dns_label_still_decodes() -> None:
    host = "some-very-long-project-name.github.io"  # its proxy label is 74 characters
    found = urls.find_urls(f"Code: https://{_proxy(host)}/x.")
    assert [f.url for f in found] == [f"https://{host}/x"]


# --- extraction ------------------------------------------------------------------------------------


def _mentions(record: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for field in ("methods", "datasets", "metrics", "tasks"):
        for entity in record[field]:
            yield from entity["mentions"]
    for url in record["urls"]:
        if url["mention"] is not None:
            yield url["mention"]


@FEW
@given(title=prose, abstract=prose)
def test_extraction_never_raises_and_every_mention_is_grounded(extractor: Any, title: str, abstract: str) -> None:
    result = extractor.process(Entry("input", 0, 1, title, abstract or None, raw=title))
    if isinstance(result, Reject):
        assert result.reason and not title.strip()
        return
    for mention in _mentions(result):
        assert result[mention["field"]][mention["start"] : mention["end"]] == mention["text"]


@SOME
@given(text=prose)
def test_acronym_definitions_point_inside_the_text_long_form_first(text: str) -> None:
    for found in find_abbreviations(text) + find_respective_abbreviations(text):
        assert 0 <= found.long_start < found.long_end <= len(text)
        assert 0 <= found.short_start < found.short_end <= len(text)
        assert text[found.long_start : found.long_end].strip() and text[found.short_start : found.short_end].strip()


@SOME
@given(words=st.lists(st.from_regex(r"\A[A-Za-z0-9]+\Z"), min_size=1, max_size=8), gap=st.sampled_from(["  ", " - ", ", ", "\n"]))
def test_paper_id_ignores_spacing_punctuation_and_case(words: list[str], gap: str) -> None:
    plain = paper_id(" ".join(words))
    assert regex.fullmatch(r"[0-9a-f]{16}", plain)
    assert paper_id(gap.join(words).upper() + ".") == plain == paper_id(" ".join(words).lower())



_BREAK_TEXT = st.text(alphabet=".!? \n\t\u00a0\u2028aZ1(\"'ÉéⅠ\u0660x", max_size=40)


@SOME
@given(text=_BREAK_TEXT | prose)
def test_sentence_breaks_are_the_spans_of_the_sentence_break_regex(text: str) -> None:
    """The hand-written scan finds exactly what the regex it replaces finds."""
    assert sentence_breaks(text) == [m.span() for m in regex.finditer(SENTENCE_BREAK, text)]


def test_sentence_breaks_match_the_regex_on_every_sample_abstract(sample_entries: list[Any]) -> None:
    for entry in sample_entries:
        text = f"{entry.title}\n\n{entry.abstract}"
        assert sentence_breaks(text) == [m.span() for m in regex.finditer(SENTENCE_BREAK, text)]
