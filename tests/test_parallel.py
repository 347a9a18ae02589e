"""`--jobs N`: same bytes as one process, in input order; clean interrupts.

The CLI runs as a real process (`python -m extract`): forking workers,
signals and exit codes only mean something there. Inputs are the sample
listing and a multi-megabyte listing generated from it (distinct titles, one
broken entry per copy so rejects are interleaved with records).
"""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Optional

import pytest

from extract.entry import Entry, Link, Reject
from extract.errors import InputError
from extract.parallel import parallel_process
from extract.patterns_io import user_patterns
from extract.readers import hf_page

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "fixtures" / "hf-papers-listing.txt"


def _listing(path: Path, copies: int) -> Path:
    """`copies` sample listings with titles made distinct ("... k") and, after
    each copy, a title whose abstract is missing (a reject)."""
    lines = SAMPLE.read_text("utf-8").splitlines()
    titles = {e.line - 1 for e in hf_page.read((line + "\n" for line in lines), "sample") if e.reject is None}
    with open(path, "w", encoding="utf-8") as out:
        for copy in range(1, copies + 1):
            for number, line in enumerate(lines):
                out.write(f"{line} {copy}\n" if number in titles else line + "\n")
            out.write(f"\nA title whose abstract went missing {copy}\n\n")
    return path


@pytest.fixture(scope="module")
def multi_mb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _listing(tmp_path_factory.mktemp("listing") / "listing-2mb.txt", copies=15)


@pytest.fixture(scope="module")
def long_listing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Long enough that a `--jobs 2` run is still working when it is interrupted."""
    return _listing(tmp_path_factory.mktemp("long") / "listing-10mb.txt", copies=76)


def _extract(listing: Path, out_dir: Path, jobs: int) -> tuple[bytes, bytes, str]:
    out, rejects = out_dir / f"j{jobs}.jsonl", out_dir / f"j{jobs}.rejects.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "extract", "extract", str(listing), "-o", str(out), "--rejects", str(rejects), "-j", str(jobs)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    return out.read_bytes(), rejects.read_bytes(), proc.stderr


@pytest.mark.parametrize("input_name", ["sample", "multi_mb"])
def test_jobs_2_writes_the_same_bytes_as_jobs_1(input_name: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    listing = SAMPLE if input_name == "sample" else request.getfixturevalue(input_name)
    one = _extract(listing, tmp_path, 1)
    two = _extract(listing, tmp_path, 2)
    assert two[0] == one[0] and one[0].count(b"\n") >= 79
    assert two[1] == one[1]
    assert two[2] == one[2]  # the summary line: same counts
    if input_name == "multi_mb":
        assert one[1].count(b"\n") == 15  # the rejects really are there, in order


def _mixed_entries(sample_entries: list[Entry]) -> list[Entry]:
    """Sample papers with reader rejects, a title-less entry and an over-long one between them."""
    mixed: list[Entry] = []
    for number, entry in enumerate(sample_entries[:40]):
        mixed.append(entry)
        if number % 5 == 0:
            mixed.append(Entry("sample", 0, entry.line, entry.title, reject="title with no abstract after it", raw=entry.title or ""))
        if number == 11:
            mixed.append(Entry("sample", 0, entry.line, None, entry.abstract))
        if number == 23:
            mixed.append(Entry("sample", 0, entry.line, entry.title, (entry.abstract or "") * 100))
    return [
        Entry(e.path, index, e.line, e.title, e.abstract, e.ids, e.authors, e.published, e.categories, e.venue, e.links, e.reject, e.raw)
        for index, e in enumerate(mixed)
    ]


def _position(result: dict[str, Any] | Reject) -> int:
    return result.index if isinstance(result, Reject) else result["source"]["entry"]


def test_results_come_in_input_order_including_rejects(extractor: Any, sample_entries: list[Entry]) -> None:
    entries = _mixed_entries(sample_entries)
    # Small batches: many of them, spread over both workers, finishing out of order.
    parallel = list(parallel_process(iter(entries), 2, (), 100_000, batch_size=3))
    serial = list(extractor.process_many(entries))
    assert [_position(r) for r in parallel] == list(range(len(entries)))
    assert parallel == serial
    reasons = {r.reason.split(" (")[0] for r in parallel if isinstance(r, Reject)}
    assert reasons == {"title with no abstract after it", "no title", "entry too long"}


@pytest.mark.parametrize(
    "value",
    [
        Entry("a.txt", 3, 17, "T", "A", {"arxiv": "2501.00001"}, ["A. Author"], "2025-01-02", ["cs.CL"], "ACL", [Link("https://x.org", "code")]),
        Reject("a.txt", 4, 20, "no title", "raw text"),
    ],
    ids=["entry", "reject"],
)
def test_entries_and_rejects_cross_process_boundaries(value: Any) -> None:
    assert pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)) == value


def test_a_bad_patterns_file_is_reported_not_retried_forever(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"label": "METHOD", "pattern": "X"}\nnot json\n', "utf-8")
    with pytest.raises(InputError) as expected:
        user_patterns([str(bad)])
    proc = subprocess.run(
        [sys.executable, "-m", "extract", "extract", str(SAMPLE), "-o", str(tmp_path / "out.jsonl"), "-j", "2", "--patterns", str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"paperlist: error: {expected.value}"
    assert not (tmp_path / "out.jsonl").exists()


def _children(pid: int) -> list[int]:
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                stat = Path(f"/proc/{name}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(name))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _start_and_wait_for_workers(listing: Path, out: Path, settle: float) -> tuple[subprocess.Popen[str], list[int]]:
    """Start a `--jobs 2` run; return once both workers exist plus `settle` seconds."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "extract", "extract", str(listing), "-o", str(out), "-j", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        start_new_session=True,  # its own process group, like a job in a terminal
    )
    deadline = time.monotonic() + 30
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        workers = _children(proc.pid)
    assert len(workers) == 2, "the pool did not start two workers"
    time.sleep(settle)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    return proc, workers


def _assert_clean_exit(proc: subprocess.Popen[str], workers: list[int], out: Path, code: int, message: str) -> None:
    _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == code, stderr
    assert "Traceback" not in stderr
    assert message in stderr
    assert list(out.parent.iterdir()) == []  # neither the output nor its temporary file
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers), "a worker outlived the run"


INTERRUPTED = "paperlist: interrupted; no output file was written"
TERMINATED = "paperlist: terminated; no output file was written"


# Workers need about a second to load spaCy and build the pipeline: 0.2 s
# catches them starting, 2 s in the middle of their batches.
@pytest.mark.parametrize(
    "how, settle, code, message",
    [
        ("ctrl-c", 0.2, 130, INTERRUPTED),
        ("ctrl-c", 2.0, 130, INTERRUPTED),
        ("sigterm", 2.0, 143, TERMINATED),
    ],
    ids=["ctrl-c-while-starting", "ctrl-c-while-working", "sigterm-while-working"],
)
def test_interrupt_stops_workers_and_leaves_no_output(
    long_listing: Path, tmp_path: Path, how: str, settle: float, code: int, message: str
) -> None:
    out = tmp_path / "out" / "records.jsonl"
    out.parent.mkdir()
    proc, workers = _start_and_wait_for_workers(long_listing, out, settle)
    if how == "ctrl-c":
        os.killpg(proc.pid, signal.SIGINT)  # a terminal signals the whole foreground group
    else:
        os.kill(proc.pid, signal.SIGTERM)
    _assert_clean_exit(proc, workers, out, code, message)


def test_a_killed_worker_fails_the_run_instead_of_hanging(long_listing: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "records.jsonl"
    out.parent.mkdir()
    proc, workers = _start_and_wait_for_workers(long_listing, out, 2.0)
    os.kill(workers[0], signal.SIGKILL)  # what the out-of-memory killer does
    _assert_clean_exit(proc, workers, out, 1, "paperlist: error: a worker process died")


def test_serialized_results_are_the_bytes_one_process_writes(extractor: Any, sample_entries: list[Entry]) -> None:
    import orjson

    entries = _mixed_entries(sample_entries)
    parallel = list(parallel_process(iter(entries), 2, (), 100_000, batch_size=5, serialized=True))
    serial = list(extractor.process_many(entries))
    assert len(parallel) == len(serial)
    for got, want in zip(parallel, serial):
        if isinstance(want, Reject):
            assert got == want
        else:
            assert isinstance(got, bytes) and got == orjson.dumps(want)


def test_a_worker_killed_halfway_through_sending_is_a_dead_worker() -> None:
    """SIGKILL while a large result is on the pipe: recv() raises OSError
    ("got end of file during message"), not EOFError; it must read as the
    same one-line error, never a traceback."""
    from extract.parallel import WorkerDied, _Worker

    class _TruncatedPipe:
        def recv(self) -> Any:
            raise OSError("got end of file during message")

    class _Killed:
        exitcode = -signal.SIGKILL

        def join(self, timeout: Optional[float] = None) -> None:
            return None

    worker = object.__new__(_Worker)
    worker.results = _TruncatedPipe()  # type: ignore[assignment]
    worker.process = _Killed()
    with pytest.raises(WorkerDied, match="a worker process died \\(killed by SIGKILL\\)"):
        worker.result()
