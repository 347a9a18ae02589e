"""Streaming: input is pulled only as fast as entries and records are taken.

An arXiv dump has millions of abstracts; memory stays flat only if no stage
reads its whole input up front. Each test feeds a stage an input far longer
than it needs (many copies of a fixture, megabytes), counts what was pulled, and checks
that the first results came after a small prefix.
"""

from __future__ import annotations

import gzip
import io
import itertools
import multiprocessing
import os
import sys
import threading
import zlib
from pathlib import Path
from types import ModuleType
from typing import Iterator

import pytest

from extract import pipeline, run, textio
from extract.entry import Entry
from extract.parallel import BATCH_ENTRIES, IN_FLIGHT_PER_WORKER
from extract.readers import arxiv_atom, arxiv_mailing, hf_page, jsonl

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SAMPLE = FIXTURES / "hf-papers-listing.txt"
SAMPLE_BYTES = SAMPLE.read_bytes()
COPIES = 200  # of a fixture: the sample listing 200 times is 26 MB


class CountingLines:
    """A long line iterator, `head` once then `body` COPIES times, counting lines pulled."""

    def __init__(self, head: list[str], body: list[str]) -> None:
        self.pulled = 0
        self.copy_size = len(head) + len(body)
        self.total = len(head) + COPIES * len(body)
        self._lines = itertools.chain(head, itertools.chain.from_iterable(itertools.repeat(body, COPIES)))

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        self.pulled += 1
        return next(self._lines)


def _fixture_lines(name: str) -> list[str]:
    return (FIXTURES / name).read_text("utf-8").splitlines(keepends=True)


def _repeat_whole(name: str) -> CountingLines:
    lines = _fixture_lines(name)
    return CountingLines([], lines + ["\n"])


def _repeat_atom_entries(name: str) -> CountingLines:
    """The feed's header once, then its <entry> elements over and over (never closed)."""
    lines = _fixture_lines(name)
    first = next(i for i, line in enumerate(lines) if line.lstrip().startswith("<entry"))
    last = max(i for i, line in enumerate(lines) if line.strip() == "</entry>")
    return CountingLines(lines[:first], lines[first : last + 1])


# Line and block formats: each is read record by record. (hf-daily is one JSON
# document, parsed whole by design, so it is not here.)
STREAMING_READERS = [
    pytest.param(hf_page, lambda: _repeat_whole("hf-papers-listing.txt"), id="hf-page"),
    pytest.param(jsonl, lambda: _repeat_whole("formats/snapshot.jsonl"), id="jsonl"),
    pytest.param(arxiv_mailing, lambda: _repeat_whole("formats/arxiv-mailing-cs.eml"), id="arxiv-mailing"),
    pytest.param(arxiv_atom, lambda: _repeat_atom_entries("formats/arxiv-atom-new.xml"), id="arxiv-atom"),
]


@pytest.mark.parametrize("reader, make_lines", STREAMING_READERS)
def test_reader_yields_entries_after_reading_only_a_prefix(reader: ModuleType, make_lines: object) -> None:
    lines = make_lines()  # type: ignore[operator]
    entries = reader.read(lines, "long")
    first_two = list(itertools.islice(entries, 2))
    assert len(first_two) == 2 and all(e.title for e in first_two)
    # Two entries need at most a couple of copies of the fixture, out of COPIES.
    assert lines.pulled <= 2 * lines.copy_size < lines.total


def test_hf_page_reader_stops_at_the_blank_line_after_the_abstract() -> None:
    """The n-th entry is yielded before the line where the next title starts."""
    complete = list(hf_page.read(SAMPLE.read_text("utf-8").splitlines(keepends=True), "sample"))
    for n in (1, 10, 40):
        lines = _repeat_whole("hf-papers-listing.txt")
        taken = list(itertools.islice(hf_page.read(lines, "sample"), n))
        assert [e.title for e in taken] == [e.title for e in complete[:n]]
        assert lines.pulled < complete[n].line


class ChunkStream(io.RawIOBase):
    """A byte stream pulled from a generator of chunks, counting bytes handed out."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        super().__init__()
        self._chunks = chunks
        self._rest = b""
        self.pulled = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        if not self._rest:
            self._rest = next(self._chunks, b"")
        data, self._rest = self._rest[: len(buffer)], self._rest[len(buffer) :]
        buffer[: len(data)] = data
        self.pulled += len(data)
        return len(data)


def _sample_copies(copies: int, compress: bool) -> Iterator[bytes]:
    """`copies` sample listings back to back, as 64 KiB chunks, gzip-compressed on the fly if asked."""
    gz = zlib.compressobj(wbits=31) if compress else None
    for _ in range(copies):
        for start in range(0, len(SAMPLE_BYTES) + 1, 1 << 16):
            chunk = (SAMPLE_BYTES + b"\n")[start : start + (1 << 16)]
            if gz is None:
                yield chunk
            elif compressed := gz.compress(chunk):
                yield compressed  # never b"": that would read as the end of the input
    if gz is not None:
        yield gz.flush()


class FakeStdin:
    """Just enough of `sys.stdin` for open_text("-") and a forked pool worker."""

    def __init__(self, raw: ChunkStream) -> None:
        self.buffer = io.BufferedReader(raw)

    def close(self) -> None:
        """A pool worker closes its stdin when it starts; the parent's stays open."""



@pytest.mark.parametrize("compress", [False, True], ids=["plain", "gzip"])
def test_open_text_reads_stdin_lazily(monkeypatch: pytest.MonkeyPatch, compress: bool) -> None:
    raw = ChunkStream(_sample_copies(COPIES, compress))
    monkeypatch.setattr(sys, "stdin", FakeStdin(raw))
    source = textio.open_text("-")
    first = next(hf_page.read(source.lines, "-"))
    assert first.title == next(hf_page.read(io.StringIO(SAMPLE_BYTES.decode("utf-8")), "-")).title
    # The 64 KiB detection head, one read-ahead chunk and the buffered reader's
    # block: a few hundred KiB at most out of 26 MB.
    assert raw.pulled < 512 * 1024
    assert COPIES * len(SAMPLE_BYTES) > 20 * 1024 * 1024
    source.lines.close()


def test_open_text_reads_a_file_lazily(tmp_path: Path) -> None:
    """A named pipe: the writer can only get one pipe buffer ahead of what was read."""
    fifo = tmp_path / "listing.txt"
    os.mkfifo(fifo)
    written = 0
    total = COPIES * (len(SAMPLE_BYTES) + 1)

    def write() -> None:
        nonlocal written
        try:
            with open(fifo, "wb", buffering=0) as pipe:
                for chunk in _sample_copies(COPIES, compress=False):
                    pipe.write(chunk)
                    written += len(chunk)
        except BrokenPipeError:
            pass

    writer = threading.Thread(target=write, daemon=True)
    writer.start()
    source = textio.open_text(str(fifo))
    entries = hf_page.read(source.lines, str(fifo))
    assert len(list(itertools.islice(entries, 5))) == 5
    assert written < 1024 * 1024 < total
    source.lines.close()  # closes the pipe: the writer stops with EPIPE
    writer.join(timeout=10)
    assert not writer.is_alive()
    assert written < total


def _many_entries(sample_entries: list[Entry], pulled: list[int]) -> Iterator[Entry]:
    for index in range(10 * BATCH_ENTRIES * IN_FLIGHT_PER_WORKER):
        pulled[0] += 1
        entry = sample_entries[index % len(sample_entries)]
        yield Entry(entry.path, index, entry.line, f"{entry.title} {index}", entry.abstract, raw=entry.raw)


@pytest.mark.parametrize("jobs", [1, 2])
def test_first_record_comes_before_the_input_is_exhausted(sample_entries: list[Entry], jobs: int) -> None:
    pulled = [0]
    results = run.process(_many_entries(sample_entries, pulled), jobs, (), 100_000)
    first = next(results)
    assert isinstance(first, dict) and first["source"]["entry"] == 0
    # One process reads one batch ahead; a pool a bounded number of batches per worker.
    bound = pipeline.BATCH_SIZE if jobs == 1 else jobs * IN_FLIGHT_PER_WORKER * BATCH_ENTRIES
    assert 0 < pulled[0] <= bound
    results.close()
    assert multiprocessing.active_children() == []


class _Stop(Exception):
    pass


@pytest.mark.parametrize("jobs", [1, 2])
def test_run_extract_writes_the_first_record_after_reading_a_prefix(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, jobs: int
) -> None:
    """End to end through `run_extract`: stdin, reader, extractor (or pool), output."""
    raw = ChunkStream(_sample_copies(COPIES, compress=True))
    monkeypatch.setattr(sys, "stdin", FakeStdin(raw))
    pulled_at_first: list[int] = []

    def progress(count: int) -> None:
        pulled_at_first.append(raw.pulled)
        raise _Stop

    output = tmp_path / "out.jsonl"
    with pytest.raises(_Stop):
        run.run_extract(["-"], str(output), jobs=jobs, progress=progress)
    compressed_total = sum(len(c) for c in _sample_copies(COPIES, compress=True))
    # What may be read before the first record: the entries in flight (one
    # batch, or every worker's bounded share) plus two copies of slack
    # for decompression and reader read-ahead; all 200 copies means no streaming.
    in_flight = pipeline.BATCH_SIZE if jobs == 1 else jobs * IN_FLIGHT_PER_WORKER * BATCH_ENTRIES
    allowed_copies = in_flight / 79 + 2
    assert pulled_at_first and pulled_at_first[0] < compressed_total * allowed_copies / COPIES
    # Stopped midway: the output file was never put in place, no worker is left.
    assert list(tmp_path.iterdir()) == []
    assert multiprocessing.active_children() == []


def test_gzip_chunks_decompress_to_the_listing() -> None:
    """The helper the tests above rely on produces the bytes they claim to."""
    data = b"".join(_sample_copies(2, compress=True))
    assert gzip.decompress(data) == (SAMPLE_BYTES + b"\n") * 2
