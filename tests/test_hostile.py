"""Hostile and broken inputs through the real entry point, `python -m extract`.

Whatever paperlist is fed, it must finish in bounded time, exit 0 (done), 1
(--strict found rejects) or 2 (unusable input or output) with one line per
error on stderr and never a traceback, leave no partial output file and no
temporary file, and account for every entry: read = records + rejects.

The CLI runs are independent, so the corpus runs them concurrently once per
module and each test then checks one outcome.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

import pytest
import regex

from extract.registry import format_names, reader_for
from tests import hostile
from tests.hostile import SAMPLE_TEXT

TIMEOUT = 120
SUMMARY = regex.compile(
    r"^paperlist: read (?P<read>\d+) entries from \d+ files? \([^)]*\): "
    r"(?P<records>\d+) records, (?P<rejects>\d+) rejects(?: \((?P<reasons>.*)\))?$",
    regex.MULTILINE,
)


@dataclass
class Run:
    """What one CLI run did: status, streams, duration, and the files left in its directory."""

    args: list[str]
    returncode: int
    stdout: bytes
    stderr: bytes
    seconds: float
    left: list[str] = field(default_factory=list)

    @property
    def errors(self) -> str:
        return self.stderr.decode("utf-8", "replace")

    def summary(self) -> dict[str, Any]:
        """The summary line, checked: read = records + rejects; reasons counted by kind."""
        match = SUMMARY.search(self.errors)
        assert match is not None, self.errors
        read, records, rejects = (int(match.group(k)) for k in ("read", "records", "rejects"))
        assert read == records + rejects, self.errors
        reasons: dict[str, int] = {}
        if match.group("reasons"):
            for part in match.group("reasons").split("; "):
                reason, count = part.rsplit(": ", 1)
                reasons[reason] = int(count)
        assert sum(reasons.values()) == rejects, self.errors
        return {"read": read, "records": records, "rejects": rejects, "reasons": reasons}


# `python -m extract` behind a file-size limit: a full disk, simulated. Writes past
# 64 KiB fail with EFBIG (SIGXFSZ ignored so the process sees the error).
_DISK_FULL = (
    "import resource, runpy, signal, sys; "
    "signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
    "resource.setrlimit(resource.RLIMIT_FSIZE, (1 << 16, 1 << 16)); "
    "sys.argv[0] = 'paperlist'; runpy.run_module('extract', run_name='__main__', alter_sys=True)"
)


def run_cli(args: list[str], cwd: Path, stdin: Optional[bytes] = None, disk_full: bool = False) -> Run:
    """`python -m extract extract ARGS` in `cwd`; a run that hangs past TIMEOUT is killed and reported."""
    command = [sys.executable, *(["-c", _DISK_FULL] if disk_full else ["-m", "extract"]), "extract", *args]
    started = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=cwd, input=stdin, capture_output=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired as err:
        return Run(args, -1, b"", f"killed after {err.timeout} s".encode(), TIMEOUT, sorted(os.listdir(cwd)))
    return Run(args, done.returncode, done.stdout, done.stderr, time.perf_counter() - started, sorted(os.listdir(cwd)))


def assert_refused(run: Run, inputs: list[str], message: str) -> None:
    """Exit 2, exactly one error line naming the input and saying what, and nothing written."""
    assert run.returncode == 2, run.errors
    lines = run.errors.splitlines()
    assert len(lines) == 1 and lines[0].startswith("paperlist: error: "), run.errors
    assert regex.search(message, lines[0]), lines[0]
    assert "Traceback" not in run.errors
    assert run.left == sorted(inputs), "a refused run must leave nothing behind"


def assert_finished(run: Run, inputs: list[str], outputs: list[str]) -> dict[str, Any]:
    """Exit 0, no traceback, the summary adds up, and only the named outputs were added."""
    assert run.returncode == 0, run.errors
    assert "Traceback" not in run.errors
    assert run.left == sorted(inputs + outputs), run.left
    return run.summary()


def records_of(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_bytes().splitlines()]


def without_path(record: dict[str, Any]) -> dict[str, Any]:
    return {**record, "source": {**record["source"], "path": None}}


# --- the corpus: each case writes its inputs, names its CLI arguments, and is run once ---------------


@dataclass
class Case:
    name: str
    files: Callable[[], dict[str, bytes]]
    args: Callable[[list[str]], list[str]] = lambda inputs: [*inputs, "-o", "out.jsonl"]
    stdin: Optional[bytes] = None
    disk_full: bool = False


def _sample(text: str = SAMPLE_TEXT) -> bytes:
    return text.encode("utf-8")


SAME_TEXT_VARIANTS: dict[str, Callable[[], bytes]] = {
    "utf8.txt": lambda: _sample(),
    "utf8-bom.txt": lambda: hostile.encoded(SAMPLE_TEXT, "utf-8", bom=True),
    "utf16le-bom.txt": lambda: hostile.encoded(SAMPLE_TEXT, "utf-16-le", bom=True),
    "utf16be-bom-crlf.txt": lambda: hostile.encoded(SAMPLE_TEXT, "utf-16-be", bom=True, newline="\r\n"),
    "utf32-bom.txt": lambda: hostile.encoded(SAMPLE_TEXT, "utf-32-le", bom=True),
    "crlf.txt": lambda: hostile.encoded(SAMPLE_TEXT, "utf-8", newline="\r\n"),
    "cr-only.txt": lambda: hostile.encoded(SAMPLE_TEXT, "utf-8", newline="\r"),
    "controls.txt": lambda: hostile.with_controls(SAMPLE_TEXT).encode("utf-8"),
    "sample.txt.gz": lambda: hostile.compressed(_sample(), "gz"),
    "sample.txt.bz2": lambda: hostile.compressed(_sample(), "bz2"),
    "sample.txt.xz": lambda: hostile.compressed(hostile.encoded(SAMPLE_TEXT, "utf-16-le", bom=True), "xz"),
}

LEGACY = {
    "cp1252.txt": (hostile.with_phrase(SAMPLE_TEXT, hostile.ACCENTED_CP1252), "cp1252", hostile.ACCENTED_CP1252),
    "latin1.txt": (hostile.with_phrase(SAMPLE_TEXT, hostile.ACCENTED_LATIN1), "latin-1", hostile.ACCENTED_LATIN1),
    "cp1252-late.txt": (
        hostile.with_phrase(SAMPLE_TEXT, hostile.ACCENTED_CP1252, late=True), "cp1252", hostile.ACCENTED_CP1252
    ),
}

REFUSED: dict[str, tuple[Callable[[], bytes], str]] = {
    "binary.txt": (hostile.binary_blob, "binary data, not a text listing"),
    "utf16-no-bom.txt": (lambda: SAMPLE_TEXT.encode("utf-16-le"), "UTF-16-LE text without a byte-order mark"),
    "mixed.txt": (lambda: hostile.mixed_encodings(SAMPLE_TEXT), r"line \d+ is in a different encoding"),
    "truncated.txt.gz": (lambda: hostile.truncated(hostile.compressed(_sample(), "gz"), 0.5), "truncated or corrupt gzip"),
    "empty.txt": (lambda: b"", "empty input"),
    "bomb.xml": (hostile.xml_entity_bomb, "XML refused.*entit"),
    "xxe.xml": (lambda: hostile.xml_external_entity(hostile.SAMPLE), "XML refused.*entit"),
    "deep.json": (lambda: hostile.json_deep(100_000), "nested too deeply"),
}


def _snapshot_line() -> str:
    from tests.formatgen_feeds import snapshot_text

    return snapshot_text(hostile.sample_pairs(1))


def _rejects_listing() -> bytes:
    pairs = hostile.sample_pairs(3)
    long_title = "A title that goes on " + "and on " * 32  # 245 characters: a title, longer than 200
    text = (
        hostile.listing(pairs[:1])
        + "A Title With No Abstract After It\n\n"
        + hostile.listing(pairs[1:2])
        + long_title.strip() + "\n\n"
        + hostile.listing(pairs[2:3])
    )
    return text.encode()


def _format_cases(directory: Path) -> list[Case]:
    """Every supported format's sample whole (one run), then each truncated and byte-flipped."""
    samples = {name: path.read_bytes() for name, path in hostile.format_samples(directory, count=6).items()}
    suffixes = {name: "".join(path.suffixes) for name, path in hostile.format_samples(directory, count=6).items()}
    cases = [Case("formats-whole", lambda: {f"{name}{suffixes[name]}": data for name, data in samples.items()})]
    for seed, (name, data) in enumerate(sorted(samples.items())):
        variants = {"truncated": hostile.truncated(data, 0.55), "flipped": hostile.byte_flipped(data, seed=seed)}
        for variant, content in variants.items():
            cases.append(Case(f"{name}-{variant}", lambda c=content, s=suffixes[name]: {f"in{s}": c}))
    return cases


CASES: list[Case] = [
    Case(  # --strict too: a run with nothing rejected exits 0
        "same-text",
        lambda: {name: make() for name, make in SAME_TEXT_VARIANTS.items()},
        args=lambda i: [*i, "--strict", "-o", "out.jsonl"],
    ),
    Case("legacy", lambda: {name: text.encode(codec) for name, (text, codec, _) in LEGACY.items()}),
    *(Case(f"refused-{name}", lambda n=name, f=make: {n: f()}) for name, (make, _) in REFUSED.items()),
    Case("stdin-utf16", lambda: {}, args=lambda i: ["-"], stdin=hostile.encoded(SAMPLE_TEXT, "utf-16-le", bom=True)),
    Case("stdin-binary", lambda: {}, args=lambda i: ["-", "-o", "out.jsonl"], stdin=hostile.binary_blob()),
    Case("good-then-binary", lambda: {"a-good.txt": _sample(), "b-binary.txt": hostile.binary_blob()}),
    Case("six-megabyte-line", lambda: {"long.txt": hostile.long_line(6_000_000).encode()}),
    Case(
        "url-dots",
        lambda: {"dots.txt": (hostile.listing(hostile.sample_pairs(2)) + hostile.one_paper(hostile.url_dots(40_000))).encode()},
    ),
    Case("max-entry-chars", lambda: {"in.txt": _sample()}, args=lambda i: [*i, "--max-entry-chars", "1500", "-o", "out.jsonl"]),
    Case("rejects", lambda: {"in.txt": _rejects_listing()}, args=lambda i: [*i, "-o", "out.jsonl", "--rejects", "rejects.jsonl"]),
    Case("strict", lambda: {"in.txt": _rejects_listing()}, args=lambda i: [*i, "--strict", "-o", "out.jsonl"]),
    Case(
        "deep-line.jsonl",
        lambda: {"in.jsonl": hostile.jsonl_deep(100_000, _snapshot_line())},
    ),
    Case("missing-output-dir", lambda: {"in.txt": _sample()}, args=lambda i: [*i, "-o", "no/such/dir/out.jsonl"]),
    Case("disk-full", lambda: {"in.txt": _sample()}, disk_full=True),
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Run, list[str], Path]]:
    """Every case run once, concurrently: name -> (run, its input file names, its directory)."""
    cases = CASES + _format_cases(tmp_path_factory.mktemp("formats"))
    prepared = []
    for case in cases:
        directory = tmp_path_factory.mktemp(case.name)
        files = case.files()
        for name, content in files.items():
            (directory / name).write_bytes(content)
        prepared.append((case, sorted(files), directory))

    def execute(item: tuple[Case, list[str], Path]) -> tuple[str, tuple[Run, list[str], Path]]:
        case, inputs, directory = item
        return case.name, (run_cli(case.args(inputs), directory, case.stdin, case.disk_full), inputs, directory)

    with ThreadPoolExecutor(max_workers=min(4, max(2, os.cpu_count() or 2))) as pool:
        return dict(pool.map(execute, prepared))


def test_every_encoding_line_end_and_compression_gives_the_same_records(corpus: dict[str, Any]) -> None:
    run, inputs, directory = corpus["same-text"]
    stats = assert_finished(run, inputs, ["out.jsonl"])
    assert stats == {"read": 79 * len(inputs), "records": 79 * len(inputs), "rejects": 0, "reasons": {}}
    by_file: dict[str, list[dict[str, Any]]] = {}
    for record in records_of(directory / "out.jsonl"):
        by_file.setdefault(record["source"]["path"], []).append(without_path(record))
    assert sorted(by_file) == inputs
    baseline = by_file["utf8.txt"]
    for name in inputs:
        assert by_file[name] == baseline, f"{name} does not read as the UTF-8 sample"


def test_legacy_encodings_are_decoded_with_a_note_and_no_mojibake(corpus: dict[str, Any]) -> None:
    run, inputs, directory = corpus["legacy"]
    stats = assert_finished(run, inputs, ["out.jsonl"])
    assert stats["records"] == 79 * len(inputs)
    notes = [line for line in run.errors.splitlines() if line.startswith("paperlist: note: ")]
    assert "paperlist: note: cp1252.txt: decoded as cp1252 (not UTF-8)" in notes
    assert "paperlist: note: latin1.txt: decoded as cp1252 (not UTF-8)" in notes
    texts: dict[str, str] = {}
    for record in records_of(directory / "out.jsonl"):
        texts[record["source"]["path"]] = texts.get(record["source"]["path"], "") + record["abstract"]
    for name, (_, _, phrase) in LEGACY.items():
        assert phrase in texts[name], name
        assert "Ã" not in texts[name] and "â€" not in texts[name]


@pytest.mark.parametrize(
    ("name", "message"),
    [(name, message) for name, (_, message) in REFUSED.items()],
)
def test_unusable_input_is_refused_in_one_line_leaving_nothing(corpus: dict[str, Any], name: str, message: str) -> None:
    run, inputs, _ = corpus[f"refused-{name}"]
    assert_refused(run, inputs, rf"{regex.escape(name)}: .*{message}")
    assert run.seconds < 30


def test_stdin_in_utf16_streams_records_to_stdout(corpus: dict[str, Any]) -> None:
    run, _, _ = corpus["stdin-utf16"]
    assert_finished(run, [], [])
    records = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(records) == 79 and records[0]["source"]["path"] == "<stdin>"


def test_binary_stdin_is_refused_naming_stdin(corpus: dict[str, Any]) -> None:
    run, _, _ = corpus["stdin-binary"]
    assert_refused(run, [], r"^paperlist: error: -: binary data")


def test_a_bad_second_input_leaves_no_output_from_the_first(corpus: dict[str, Any]) -> None:
    run, inputs, _ = corpus["good-then-binary"]
    assert_refused(run, inputs, r"b-binary\.txt: binary data")


def test_a_six_megabyte_line_is_a_reject_in_seconds(corpus: dict[str, Any]) -> None:
    run, inputs, directory = corpus["six-megabyte-line"]
    stats = assert_finished(run, inputs, ["out.jsonl"])
    assert stats == {"read": 1, "records": 0, "rejects": 1, "reasons": {"entry too long": 1}}
    assert (directory / "out.jsonl").read_bytes() == b""
    assert run.seconds < 30


def test_a_url_of_forty_thousand_dots_is_handled_in_seconds(corpus: dict[str, Any]) -> None:
    run, inputs, directory = corpus["url-dots"]
    stats = assert_finished(run, inputs, ["out.jsonl"])
    assert stats["read"] == 3 and stats["records"] == 3
    assert run.seconds < 30


def test_max_entry_chars_turns_long_entries_into_rejects(corpus: dict[str, Any]) -> None:
    run, inputs, directory = corpus["max-entry-chars"]
    stats = assert_finished(run, inputs, ["out.jsonl"])
    assert stats["read"] == 79 and 0 < stats["rejects"] < 79
    assert stats["reasons"] == {"entry too long": stats["rejects"]}
    records = records_of(directory / "out.jsonl")
    assert len(records) == stats["records"]
    assert all(len(r["title"]) + len(r["abstract"]) <= 1500 for r in records)


EXPECTED_REJECTS = {
    "title with no abstract after it": 2,
}


def test_rejects_file_has_position_reason_and_first_200_characters(corpus: dict[str, Any]) -> None:
    run, inputs, directory = corpus["rejects"]
    stats = assert_finished(run, inputs, ["out.jsonl", "rejects.jsonl"])
    assert stats == {"read": 5, "records": 3, "rejects": 2, "reasons": EXPECTED_REJECTS}
    rejects = [json.loads(line) for line in (directory / "rejects.jsonl").read_bytes().splitlines()]
    source_lines = (directory / "in.txt").read_text("utf-8").split("\n")
    assert [r["source"]["entry"] for r in rejects] == [1, 3]
    for reject in rejects:
        assert set(reject) == {"source", "reason", "text"}
        assert reject["source"]["path"] == "in.txt"
        assert reject["reason"] == "title with no abstract after it"
        started = source_lines[reject["source"]["line"] - 1]
        assert reject["text"] == started[:200]
    assert len(rejects[1]["text"]) == 200
    assert len(records_of(directory / "out.jsonl")) == 3


def test_strict_exits_1_and_the_summary_counts_reasons_without_a_rejects_file(corpus: dict[str, Any]) -> None:
    run, inputs, directory = corpus["strict"]
    assert run.returncode == 1, run.errors
    assert "Traceback" not in run.errors and "--strict: 2 entries rejected" in run.errors
    assert run.summary()["reasons"] == EXPECTED_REJECTS
    assert run.left == sorted([*inputs, "out.jsonl"]) and len(records_of(directory / "out.jsonl")) == 3


def test_a_deeply_nested_jsonl_line_does_not_crash(corpus: dict[str, Any]) -> None:
    run, inputs, directory = corpus["deep-line.jsonl"]
    assert run.returncode in (0, 2) and "Traceback" not in run.errors, run.errors
    if run.returncode == 0:
        stats = assert_finished(run, inputs, ["out.jsonl"])
        assert stats["read"] == 2 and stats["records"] == 1
    else:
        assert_refused(run, inputs, r"in\.jsonl: ")


def test_missing_output_directory_is_refused_before_work(corpus: dict[str, Any]) -> None:
    run, inputs, _ = corpus["missing-output-dir"]
    assert_refused(run, inputs, r"no/such/dir/out\.jsonl: directory .* does not exist")


def test_disk_full_is_one_line_exit_2_and_leaves_nothing(corpus: dict[str, Any]) -> None:
    run, inputs, _ = corpus["disk-full"]
    assert_refused(run, inputs, r"out\.jsonl: .*(File too large|No space left)")


def test_unwritable_output_directory_is_refused(tmp_path: Path) -> None:
    (tmp_path / "in.txt").write_bytes(_sample())
    if os.geteuid() == 0:
        target = "/proc/paperlist-out.jsonl"  # root may write anywhere a mode allows; /proc takes no files
    else:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o555)
        target = str(locked / "out.jsonl")
    run = run_cli(["in.txt", "-o", target], tmp_path)
    assert_refused(run, ["in.txt", *([] if os.geteuid() == 0 else ["locked"])], r"paperlist-out\.jsonl|out\.jsonl")
    assert not os.path.exists(target)


def test_every_format_sample_reads_whole(corpus: dict[str, Any]) -> None:
    run, inputs, directory = corpus["formats-whole"]
    stats = assert_finished(run, inputs, ["out.jsonl"])
    assert sorted(name.split(".")[0] for name in inputs) == hostile.format_names()
    assert stats == {"read": 6 * len(inputs), "records": 6 * len(inputs), "rejects": 0, "reasons": {}}, run.errors
    titles: dict[str, list[str]] = {}
    for record in records_of(directory / "out.jsonl"):
        titles.setdefault(record["source"]["path"], []).append(record["title"])
    assert len({tuple(t) for t in titles.values()}) == 1, "every format must give the same titles"


@pytest.mark.parametrize("variant", ["truncated", "flipped"])
@pytest.mark.parametrize("fmt", hostile.format_names())
def test_damaged_format_samples_finish_cleanly(corpus: dict[str, Any], fmt: str, variant: str) -> None:
    """A damaged file is either read (what survives, with rejects counted) or refused in one line."""
    run, inputs, directory = corpus[f"{fmt}-{variant}"]
    assert run.returncode in (0, 2), run.errors
    assert "Traceback" not in run.errors
    if run.returncode == 2:
        assert_refused(run, inputs, rf"{regex.escape(inputs[0])}: ")
    else:
        stats = assert_finished(run, inputs, ["out.jsonl"])
        assert len(records_of(directory / "out.jsonl")) == stats["records"] <= 6
    assert run.seconds < 30


def _big_input(directory: Path) -> Path:
    big = directory / "big.txt"
    big.write_bytes(_sample() * 60)
    return big


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_interrupted_run_leaves_no_output_and_no_temporary_file(tmp_path: Path, signum: int, status: int) -> None:
    _big_input(tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "extract", "extract", "big.txt", "-o", "out.jsonl", "--rejects", "rejects.jsonl"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while not any(name.endswith(".part") for name in os.listdir(tmp_path)):
        assert process.poll() is None and time.monotonic() < deadline, "the run ended before it was interrupted"
        time.sleep(0.02)
    time.sleep(1.0)  # past the pipeline build, into extraction
    assert process.poll() is None
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == status, stderr
    assert b"Traceback" not in stderr and len(stderr.decode().strip().splitlines()) == 1, stderr
    assert sorted(os.listdir(tmp_path)) == ["big.txt"]


# --- regexes and readers on hostile text: linear, or bounded --------------------------------------

HOSTILE_TEXTS: dict[str, str] = {
    "url-dots": hostile.url_dots(25_000),
    "www-dots": "www." + "a." * 25_000,
    "nested-parentheses-10k": hostile.nested_parentheses(10_000),
    "open-parentheses": "(" * 50_000,
    "acronym-openers": "Long Form (" * 5_000,
    "short-forms": "(AB, CD " * 6_000,
    "spaces": "a" + " " * 50_000 + "b",
    "hyphen-chain": "a-" * 25_000,
    "tags": "<a" * 25_000,
    "entities": "&#" * 25_000,
    "dollars": "$" * 50_000,
    "proxy-host": "https://i" + "61" * 25_000 + "o",
    "sentences": "A. " * 16_000,
}


def _hostile_functions() -> dict[str, Callable[[str], object]]:
    from extract import ids, resolve, text, urls
    from extract.components import acronyms
    from extract.readers import hf_page

    return {
        "find_abbreviations": acronyms.find_abbreviations,
        "find_respective_abbreviations": acronyms.find_respective_abbreviations,
        "find_urls": urls.find_urls,
        "paper_id": ids.paper_id,
        "normalise_name": resolve.normalise_name,
        "hf_page.is_chrome": hf_page.is_chrome,
        "hf_page.looks_like_abstract": hf_page.looks_like_abstract,
        "text.unwrap": text.unwrap,
        "text.clean_text": text.clean_text,
    }


def _timed(function: Callable[[str], object], argument: str) -> float:
    started = time.perf_counter()
    function(argument)
    return time.perf_counter() - started


@pytest.mark.parametrize("function", sorted(_hostile_functions()))
def test_text_functions_are_linear_on_hostile_text(function: str) -> None:
    call = _hostile_functions()[function]
    slow = {name: seconds for name, text in HOSTILE_TEXTS.items() if (seconds := _timed(call, text)) > 1.0}
    assert slow == {}


@pytest.mark.parametrize("fmt", format_names())
def test_format_detection_is_linear_on_hostile_heads(fmt: str) -> None:
    reader = reader_for(fmt)
    heads = {**HOSTILE_TEXTS, "braces": "{" * 50_000, "at-signs": "@misc{" * 8_000, "pipes": "|" * 50_000,
             "xml-declarations": "<?xml " * 8_000, "doctype-open": "<!DOCTYPE x [" + "<!ENTITY " * 5_000}
    slow = {name: seconds for name, head in heads.items() if (seconds := _timed(lambda h: reader.detect(h, "x"), head)) > 1.0}
    assert slow == {}


def _finishes_within(seconds: float, code: str) -> bool:
    """Whether `code` ends within `seconds` in a fresh interpreter (a hang cannot be stopped in-process)."""
    try:
        subprocess.run([sys.executable, "-c", code], timeout=seconds, check=True, capture_output=True)
    except subprocess.TimeoutExpired:
        return False
    return True


def test_atom_detection_of_a_head_full_of_comments_is_bounded() -> None:
    code = (
        "from extract.readers import arxiv_atom; "
        "arxiv_atom.detect('<?xml version=\"1.0\"?>' + '<!-- -->' * 30 + '<html>', 'page.html')"
    )
    assert _finishes_within(2.5, code)


def _superlinear(call: Callable[[str], object], make: Callable[[int], str], size: int) -> bool:
    """Whether doubling the input more than triples the time, once the time is worth measuring.

    A ratio, not a deadline, so the verdict holds on fast and slow machines alike.
    """
    small = _timed(call, make(size))
    large = _timed(call, make(2 * size))
    return large > 0.2 and large > 3 * small


def test_tex_accent_decoding_is_linear_on_a_run_of_backslashes() -> None:
    from extract.text import decode_tex_accents

    assert not _superlinear(decode_tex_accents, lambda n: "a" + "\\" * n + "b", 2_500)


def test_author_splitting_is_linear_on_a_run_of_spaces() -> None:
    from extract.text import split_authors

    assert not _superlinear(split_authors, lambda n: "A. One" + " " * n + "B. Two", 6_000)


_SPACY_INFIXES = "spaCy's tokenizer is quadratic on long runs of infixes; extract/pipeline.py breaks only punctuation runs"
_INFIX_CHAINS: dict[str, Callable[[int], str]] = {
    "colon-chain": lambda n: "a:" * (n // 2),
    "proxy-labels": lambda n: "https://i6161o" * (n // 14),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_TEXTS))
def test_extraction_is_linear_on_hostile_text(extractor: Any, name: str) -> None:
    from extract.entry import Entry

    entry = Entry("hostile.txt", 0, 1, "A Paper Title", HOSTILE_TEXTS[name])
    result: list[object] = []
    seconds = _timed(lambda _: result.append(extractor.process(entry)), "")
    assert isinstance(result[0], dict) and seconds < 1.0


@pytest.mark.parametrize("name", sorted(_INFIX_CHAINS))
def test_extraction_is_linear_on_long_infix_chains(extractor: Any, name: str) -> None:
    from extract.entry import Entry

    def extract(text: str) -> object:
        return extractor.process(Entry("hostile.txt", 0, 1, "A Paper Title", text))

    assert not _superlinear(extract, _INFIX_CHAINS[name], 12_000)
