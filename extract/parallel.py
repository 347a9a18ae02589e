"""`--jobs N`: an ordered process pool over batches of entries.

A plain `multiprocessing` pool beats spaCy's own `n_process` here: each worker
builds its `Extractor` once (in the pool initializer) and then only turns
batches of entries into results, so the per-task cost is pickling a few
hundred small objects. Output is byte-identical to `--jobs 1` because every
entry is processed exactly as in one process and results are yielded in
input order.

Memory stays flat on any input size: entries are pulled from the reader only
as results are taken, with at most `IN_FLIGHT_PER_WORKER` batches per worker
submitted and not yet consumed. (`Pool.imap` would be simpler, but its feeder
thread drains the whole input iterator as fast as it can.)

Interrupts: the parent owns Ctrl-C and SIGTERM. Workers ignore SIGINT (a
terminal sends it to the whole process group) and die quietly on SIGTERM, so
no worker prints a traceback; the parent terminates and joins them, then the
exception propagates to the CLI, which exits 130 or 143 with no output file.
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
from collections import deque
from contextlib import contextmanager
from itertools import islice
from multiprocessing.pool import AsyncResult, Pool
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Optional, Sequence, Union

from extract.entry import Entry, Reject
from extract.errors import PaperlistError

if TYPE_CHECKING:
    from extract.pipeline import Extractor

Result = Union[dict[str, Any], Reject]

BATCH_ENTRIES = 256
IN_FLIGHT_PER_WORKER = 3
WORKER_CHECK_SECONDS = 1.0
_HANDLED_SIGNALS = {signal.SIGINT, signal.SIGTERM}

# The worker's extractor, or the error that prevented building it; set once
# per worker process by `_init_worker`.
_worker_state: Optional[Union["Extractor", BaseException]] = None


class WorkerDied(PaperlistError):
    """A worker process vanished (killed, out of memory): its batch is lost."""

    exit_code = 1


def _init_worker(extra_patterns: Sequence[str], max_entry_chars: int) -> None:
    """Build this worker's Extractor once; set up signals as the module docstring says.

    An error here (an unreadable `--patterns` file) is kept and raised by the
    first task, so the parent reports it; raised here, it would only make the
    pool start a replacement worker, forever.
    """
    global _worker_state
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HANDLED_SIGNALS)
    try:
        from extract.pipeline import Extractor

        _worker_state = Extractor(extra_patterns, max_entry_chars=max_entry_chars)
    except Exception as err:  # re-raised in the parent by the first task
        _worker_state = err


def _extract_batch(batch: list[Entry]) -> list[Result]:
    state = _worker_state
    if isinstance(state, BaseException):
        raise state
    assert state is not None, "worker used without _init_worker"
    return list(state.process_many(batch))


def _batches(entries: Iterable[Entry], size: int) -> Iterator[list[Entry]]:
    iterator = iter(entries)
    while batch := list(islice(iterator, size)):
        yield batch


@contextmanager
def _signals_blocked() -> Iterator[None]:
    """Hold SIGINT/SIGTERM while workers are forked: a child must not run the
    parent's handlers before its initializer installs its own. Signals that
    arrive meanwhile reach the parent when the block ends."""
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


def _wait(result: AsyncResult, workers: set[int]) -> list[Result]:
    """The batch's results; raises WorkerDied rather than waiting forever for a
    batch whose worker was killed (the pool would silently replace the worker)."""
    while not result.ready():
        result.wait(WORKER_CHECK_SECONDS)
        if not result.ready() and not workers <= {p.pid for p in multiprocessing.active_children()}:
            raise WorkerDied("a worker process died (killed, or out of memory?); nothing was written; try fewer --jobs")
    return result.get()


def parallel_process(
    entries: Iterable[Entry],
    jobs: int,
    extra_patterns: Sequence[str],
    max_entry_chars: int,
    *,
    batch_size: int = BATCH_ENTRIES,
) -> Iterator[Result]:
    """Records and rejects in input order, extracted by up to `jobs` worker processes.

    No more workers are started than there are batches to give them, so a
    small input does not load spaCy `jobs` times for nothing.
    """
    batches = _batches(entries, batch_size)
    first = list(islice(batches, jobs * IN_FLIGHT_PER_WORKER))
    if not first:
        return
    workers = min(jobs, len(first))
    pool: Optional[Pool] = None
    finished = False
    try:
        others = {p.pid for p in multiprocessing.active_children()}
        with _signals_blocked():
            pool = _context().Pool(workers, _init_worker, (tuple(extra_patterns), max_entry_chars))
        worker_pids = {p.pid for p in multiprocessing.active_children()} - others
        pending: deque[AsyncResult] = deque(pool.apply_async(_extract_batch, (batch,)) for batch in first)
        del first
        limit = workers * IN_FLIGHT_PER_WORKER
        while pending:
            for batch in islice(batches, max(0, limit - len(pending))):
                pending.append(pool.apply_async(_extract_batch, (batch,)))
            yield from _wait(pending.popleft(), worker_pids)
        finished = True
    finally:
        if pool is not None:
            if finished:
                pool.close()
            else:
                pool.terminate()
            pool.join()
