"""Ctrl-C and SIGTERM: raised once in the main thread, and remembered.

Python's default SIGINT handler raises KeyboardInterrupt wherever the main
thread happens to be. A few places swallow it (library code that catches
everything, a Cython callback that can only print "Exception ignored"), and
then a run interrupted during start-up went on to write its whole output
and exit 0; a second signal during clean-up could also turn the orderly exit
130 into death by signal. So the handlers here raise only for the first
signal, ignore repeats while clean-up runs, and set a flag that the run
checks before it commits an output file (`raise_if_interrupted`).
"""

from __future__ import annotations

import signal
import sys
from types import FrameType
from typing import Optional


class Terminated(BaseException):
    """SIGTERM, raised in the main thread so outputs are cleaned up like on Ctrl-C."""


_received: list[int] = []


def _handler(signum: int, frame: Optional[FrameType]) -> None:
    if _received:
        return  # already unwinding: let clean-up finish
    _received.append(signum)
    raise KeyboardInterrupt() if signum == signal.SIGINT else Terminated()


def _unraisable(info: "sys.UnraisableHookArgs") -> None:
    """Stay silent when the interrupt itself was raised inside a `__del__` or a
    callback that cannot raise: it is remembered, and `raise_if_interrupted`
    raises it again, so the one-line message stays the only one on stderr
    (rich's `Group.__del__` printed "Exception ignored in" about 1 run in 14)."""
    if _received and isinstance(info.exc_value, (KeyboardInterrupt, Terminated)):
        return
    sys.__unraisablehook__(info)


def install() -> None:
    """Route SIGINT and SIGTERM through `_handler` (main thread only; elsewhere a no-op)."""
    _received.clear()
    sys.unraisablehook = _unraisable
    try:
        signal.signal(signal.SIGINT, _handler)
        signal.signal(signal.SIGTERM, _handler)
    except ValueError:  # not the main thread (embedded use)
        pass


def raise_if_interrupted() -> None:
    """Raise the interrupt again if one arrived and was swallowed on the way."""
    if _received:
        raise KeyboardInterrupt() if _received[0] == signal.SIGINT else Terminated()
