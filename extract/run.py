"""The extract job: inputs -> entries -> records / rejects -> outputs, streaming.

Data flows one way: `read_entries` (open, decode, detect, segment) feeds the
extractor (in this process or a pool), whose results are written as they
come. Every entry read ends as a record or a reject, and the counts prove it.
"""

from __future__ import annotations

import os
from collections import Counter
from contextlib import closing
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Optional, Sequence

import orjson

from extract.entry import Entry, Reject
from extract.errors import InputError
from extract.interrupts import raise_if_interrupted
from extract.output import AtomicOutput, NullOutput, check_writable
from extract.registry import detect_format, reader_for
from extract.textio import open_text


@dataclass
class RunStats:
    """What a run did: the summary line is made from this."""

    files: int = 0
    read: int = 0
    records: int = 0
    rejects: int = 0
    by_reason: Counter[str] = field(default_factory=Counter)
    formats: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        files = "file" if self.files == 1 else "files"
        line = (
            f"paperlist: read {self.read} entries from {self.files} {files}"
            f" ({', '.join(f'{n} {fmt}' for fmt, n in sorted(self.formats.items()))})"
            f": {self.records} records, {self.rejects} rejects"
        )
        if self.by_reason:
            reasons = "; ".join(f"{reason}: {n}" for reason, n in sorted(self.by_reason.items()))
            line += f" ({reasons})"
        return line


def check_inputs(paths: Sequence[str], kind: str = "listing") -> None:
    """Every input exists and is readable, before anything is written."""
    stdin_count = sum(1 for p in paths if p == "-")
    if stdin_count > 1:
        raise InputError("-: standard input can be read only once; name it once")
    for path in paths:
        if path == "-":
            continue
        if not os.path.exists(path):
            raise InputError(f"{path}: no such file; check the path")
        if os.path.isdir(path):
            raise InputError(f"{path}: is a directory; give the {kind} files inside it")
        if not os.access(path, os.R_OK):
            raise InputError(f"{path}: permission denied; make the file readable")


def read_entries(paths: Sequence[str], fmt: Optional[str], stats: RunStats) -> Iterator[Entry]:
    """Entries of every input in order, each file's format detected or forced."""
    forced = reader_for(fmt) if fmt else None
    for path in paths:
        source = open_text(path)
        reader = forced or detect_format(source.head, path)
        stats.files += 1
        stats.notes.extend(source.notes)
        for entry in reader.read(source.lines, "<stdin>" if path == "-" else path):
            stats.read += 1
            stats.formats[reader.NAME] += 1
            yield entry


def _reason_key(reason: str) -> str:
    """Group rejects by the kind of reason, not its per-entry details."""
    return reason.split(":", 1)[0].split(" (", 1)[0]


def process(
    entries: Iterable[Entry],
    jobs: int,
    extra_patterns: Sequence[str],
    max_entry_chars: int,
    serialized: bool = False,
) -> Iterator[dict[str, Any] | bytes | Reject]:
    """Records and rejects in input order, from one process or a pool.

    `serialized` lets a pool hand records back as their JSON bytes (see
    `parallel.parallel_process`); one process yields dicts either way.
    """
    if jobs != 1:
        from extract.parallel import parallel_process

        yield from parallel_process(entries, jobs, extra_patterns, max_entry_chars, serialized=serialized)
        return
    from extract.pipeline import Extractor

    extractor = Extractor(extra_patterns, max_entry_chars=max_entry_chars)
    yield from extractor.process_many(entries)


def run_extract(
    paths: Sequence[str],
    output: Optional[str],
    rejects_path: Optional[str] = None,
    fmt: Optional[str] = None,
    jobs: int = 1,
    extra_patterns: Sequence[str] = (),
    max_entry_chars: int = 100_000,
    db_url: Optional[str] = None,
    progress: Optional[Callable[[int], None]] = None,
) -> RunStats:
    """Run the whole job; raises PaperlistError for unusable input or output."""
    paths = list(paths) or ["-"]
    check_inputs(paths)
    check_writable(output)
    if rejects_path is not None:
        check_writable(rejects_path)
    stats = RunStats()
    results = process(read_entries(paths, fmt, stats), jobs, extra_patterns, max_entry_chars, serialized=db_url is None)
    write_jsonl = db_url is None or output is not None
    out_sink = AtomicOutput(output) if write_jsonl else NullOutput()
    rejects_sink = AtomicOutput(rejects_path) if rejects_path else NullOutput()
    # closing(): an interrupted or failed run stops the worker pool now, not
    # when the traceback that holds this frame is finally freed.
    with closing(results), out_sink as out, rejects_sink as rejects_out:
        records = _account(results, stats, rejects_out if rejects_path else None, progress)
        if db_url is None:
            for record in records:
                out.write((record if isinstance(record, bytes) else orjson.dumps(record)) + b"\n")
        else:
            from extract.db import load_records

            def tee() -> Iterator[tuple[int, dict[str, Any]]]:
                for number, record in enumerate(records, start=1):
                    assert isinstance(record, dict)  # records are serialized only without --db
                    if write_jsonl:
                        out.write(orjson.dumps(record) + b"\n")
                    yield number, record

            load = load_records(tee(), db_url)
            stats.notes.append(
                f"database: {load.inserted} inserted, {load.updated} updated, {load.unchanged} unchanged, {load.rejected} rejected"
            )
        raise_if_interrupted()  # an interrupt swallowed on the way still stops the commit
    return stats


def _account(
    results: Iterable[dict[str, Any] | bytes | Reject],
    stats: RunStats,
    rejects_out: Optional[AtomicOutput],
    progress: Optional[Callable[[int], None]],
) -> Iterator[dict[str, Any] | bytes]:
    for result in results:
        if progress is not None:
            progress(1)
        if isinstance(result, Reject):
            stats.rejects += 1
            stats.by_reason[_reason_key(result.reason)] += 1
            if rejects_out is not None:
                rejects_out.write(orjson.dumps(result.as_dict()) + b"\n")
            continue
        stats.records += 1
        yield result
