"""`--jobs N`: an ordered process pool over batches of entries.

Plain worker processes beat spaCy's own `n_process` here: each worker builds
its `Extractor` once and then only turns batches of entries into results, so
the per-task cost is pickling a few hundred small objects. Output is
byte-identical to `--jobs 1`: every entry is processed exactly as in one
process, and results are yielded in input order.

The pool is small and purpose-built rather than `multiprocessing.Pool`,
whose `terminate()` takes a lock on the shared task queue and hangs for good
when a worker died holding it (killed while idle, by the OOM killer or a
signal). Here every worker has its own pair of pipes and nothing is shared:

- batch i goes to worker i mod N, so results are read back in input order
  from the workers in turn, and a dead worker is seen at once as end-of-file
  on its result pipe (no polling, no hang);
- one sender thread per worker writes its batches, so the parent never blocks
  on a full pipe while that worker blocks on sending results back;
- at most `IN_FLIGHT_PER_WORKER` batches per worker are handed out and not
  yet taken back, and entries are pulled from the reader only as results are
  taken, so memory stays flat on any input size.

Interrupts: the parent owns Ctrl-C and SIGTERM. Workers ignore SIGINT (a
terminal sends it to the whole process group) and die quietly on SIGTERM, so
no worker prints a traceback; the parent terminates and joins them, then the
exception propagates to the CLI, which exits 130 or 143 with no output file.
"""

from __future__ import annotations

import multiprocessing
import queue
import signal
import sys
import threading
import traceback
from contextlib import contextmanager
from itertools import islice
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Optional, Sequence, Union

import orjson

from extract.entry import Entry, Reject
from extract.errors import PaperlistError

if TYPE_CHECKING:
    from extract.pipeline import Extractor

Result = Union[dict[str, Any], bytes, Reject]  # bytes: a record already dumped as JSON (`serialized`)

BATCH_ENTRIES = 256
IN_FLIGHT_PER_WORKER = 3
JOIN_SECONDS = 5.0
_HANDLED_SIGNALS = {signal.SIGINT, signal.SIGTERM}
_ABANDON = object()  # tells a sender thread to stop without telling its worker

# The worker's extractor, or the error that prevented building it; set once
# per worker process by `_init_worker`.
_worker_state: Optional[Union["Extractor", BaseException]] = None


class WorkerDied(PaperlistError):
    """A worker process vanished (killed, out of memory): its batch is lost."""

    exit_code = 1


def _init_worker(extra_patterns: Sequence[str], max_entry_chars: int) -> None:
    """Build this worker's Extractor once; set up signals as the module docstring says.

    An error here (an unreadable `--patterns` file) is kept and sent back for
    the first batch, so the parent reports it like `--jobs 1` would.
    """
    global _worker_state
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HANDLED_SIGNALS)
    if _worker_state is None:  # not inherited ready-made from a forking parent
        _worker_state = _build_extractor(extra_patterns, max_entry_chars)


def _build_extractor(extra_patterns: Sequence[str], max_entry_chars: int) -> Union["Extractor", BaseException]:
    try:
        from extract.pipeline import Extractor

        return Extractor(extra_patterns, max_entry_chars=max_entry_chars)
    except Exception as err:  # sent back to the parent with the first batch
        return err


def _extract_batch(batch: list[Entry]) -> list[Result]:
    state = _worker_state
    if isinstance(state, BaseException):
        raise state
    assert state is not None, "worker used without _init_worker"
    return list(state.process_many(batch))


def _portable(err: Exception) -> BaseException:
    """The error itself for paperlist's own errors (the CLI prints them in one
    line); anything else is a bug, sent with the worker's traceback as text."""
    if isinstance(err, PaperlistError):
        return err
    return RuntimeError(f"paperlist worker failed:\n{''.join(traceback.format_exception(err))}")


def _worker_main(
    tasks: Connection,
    results: Connection,
    extra_patterns: Sequence[str],
    max_entry_chars: int,
    serialized: bool,
    inherited: Sequence[Connection],
) -> None:
    """Batches in, results (or the error) out, until None or the parent is gone.

    With `serialized`, records go back as their JSON bytes: the parent then
    only writes them, instead of unpickling nested dicts (~45 us a record) and
    dumping them again while it competes with the workers for the cores.
    """
    for conn in inherited:  # other workers' pipes, copied by fork: their end-of-file must not wait for us
        conn.close()
    _init_worker(extra_patterns, max_entry_chars)
    while True:
        try:
            batch = tasks.recv()
        except (EOFError, OSError):
            return
        if batch is None:
            return
        try:
            payload: Union[list[Result], BaseException] = _extract_batch(batch)
            if serialized:
                payload = [orjson.dumps(r) if isinstance(r, dict) else r for r in payload]
        except Exception as err:
            payload = _portable(err)
        try:
            results.send(payload)
        except (BrokenPipeError, EOFError):
            return
        except Exception as err:  # a result that does not pickle: report it instead
            results.send(_portable(err))


@contextmanager
def _signals_blocked() -> Iterator[None]:
    """Hold SIGINT/SIGTERM while workers and sender threads start: a forked child
    must not run the parent's handlers before `_init_worker` installs its own,
    and helper threads keep them blocked so they always reach the main thread.
    Signals that arrive meanwhile reach the parent when the block ends."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HANDLED_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _context() -> Any:
    """fork where it is safe (workers start at once), spawn elsewhere."""
    fork = "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"
    return multiprocessing.get_context("fork" if fork else "spawn")


class _Worker:
    """One worker process, its two pipes, and the thread that feeds it."""

    def __init__(
        self, ctx: Any, extra_patterns: Sequence[str], max_entry_chars: int, serialized: bool, inherited: list[Connection]
    ) -> None:
        task_reader, self.tasks = ctx.Pipe(duplex=False)
        self.results, result_writer = ctx.Pipe(duplex=False)
        self.process = ctx.Process(
            target=_worker_main,
            args=(task_reader, result_writer, tuple(extra_patterns), max_entry_chars, serialized, inherited),
            daemon=True,
        )
        self.process.start()
        # Only the worker holds these ends now: its death is end-of-file here
        # and a broken pipe for the sender.
        task_reader.close()
        result_writer.close()
        self.outbox: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self.sender = threading.Thread(target=self._send_all, name="paperlist-sender", daemon=True)
        self.sender.start()

    def _send_all(self) -> None:
        while True:
            task = self.outbox.get()
            if task is _ABANDON:
                return
            try:
                self.tasks.send(task)
            except OSError:  # the worker is gone; the main thread learns it from `results`
                return
            if task is None:
                return

    def submit(self, batch: Optional[list[Entry]]) -> None:
        self.outbox.put(batch)

    def result(self) -> list[Result]:
        try:
            payload = self.results.recv()
        except (EOFError, OSError):  # OSError: it died halfway through sending ("end of file during message")
            raise WorkerDied(
                f"a worker process died ({_exit_reason(self.process)}); nothing was written; "
                "if it ran out of memory, try fewer --jobs"
            ) from None
        if isinstance(payload, BaseException):
            raise payload
        return payload

    def finish(self) -> None:
        """After its last result: let the worker exit and wait for it."""
        self.submit(None)
        self.process.join()
        self._close()

    def abandon(self) -> None:
        self.outbox.put(_ABANDON)
        if self.process.is_alive():
            self.process.terminate()
        self.process.join(JOIN_SECONDS)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self._close()

    def _close(self) -> None:
        self.sender.join(JOIN_SECONDS)
        self.results.close()
        if not self.sender.is_alive():
            self.tasks.close()


def _exit_reason(process: Any) -> str:
    process.join(JOIN_SECONDS)
    code = process.exitcode
    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit status {code}"


def _start_workers(count: int, extra_patterns: Sequence[str], max_entry_chars: int, serialized: bool) -> list[_Worker]:
    """Start `count` workers. Forked workers inherit an extractor the parent
    built once, instead of each importing spaCy and building its own at the
    same time: a second of CPU saved per worker on a 2-core machine."""
    global _worker_state
    ctx = _context()
    forked = ctx.get_start_method() == "fork"
    workers: list[_Worker] = []
    if forked:
        _worker_state = _build_extractor(extra_patterns, max_entry_chars)
    try:
        with _signals_blocked():
            for _ in range(count):
                inherited = [conn for w in workers for conn in (w.tasks, w.results)] if forked else []
                workers.append(_Worker(ctx, extra_patterns, max_entry_chars, serialized, inherited))
    except BaseException:
        for worker in workers:
            worker.abandon()
        raise
    finally:
        _worker_state = None  # the workers have their copies; the parent frees its own
    return workers


def _batches(entries: Iterable[Entry], size: int) -> Iterator[list[Entry]]:
    iterator = iter(entries)
    while batch := list(islice(iterator, size)):
        yield batch


def parallel_process(
    entries: Iterable[Entry],
    jobs: int,
    extra_patterns: Sequence[str],
    max_entry_chars: int,
    *,
    batch_size: int = BATCH_ENTRIES,
    serialized: bool = False,
) -> Iterator[Result]:
    """Records and rejects in input order, extracted by up to `jobs` worker processes.

    With `serialized`, records come as their JSON bytes (what `--jobs 1`
    writes for them, byte for byte); rejects stay `Reject`s.

    No more workers are started than there are batches to give them, so a
    small input does not load spaCy `jobs` times for nothing.
    """
    batches = _batches(entries, batch_size)
    first = list(islice(batches, jobs * IN_FLIGHT_PER_WORKER))
    if not first:
        return
    workers = _start_workers(min(jobs, len(first)), extra_patterns, max_entry_chars, serialized)
    limit = len(workers) * IN_FLIGHT_PER_WORKER
    finished = False
    try:
        submitted = 0
        for batch in first:
            workers[submitted % len(workers)].submit(batch)
            submitted += 1
        del first
        taken = 0
        while taken < submitted:
            for batch in islice(batches, limit - (submitted - taken)):
                workers[submitted % len(workers)].submit(batch)
                submitted += 1
            yield from workers[taken % len(workers)].result()
            taken += 1
        finished = True
    finally:
        for worker in workers:
            if finished:
                worker.finish()
            else:
                worker.abandon()
