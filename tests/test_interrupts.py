"""The signal handlers: one interrupt raises once, repeats are ignored, and a swallowed one is not forgotten."""

from __future__ import annotations

import os
import signal
from typing import Iterator

import pytest

from extract import interrupts


@pytest.fixture
def installed() -> Iterator[None]:
    previous = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    interrupts.install()
    yield
    for signum, handler in previous.items():
        signal.signal(signum, handler)


@pytest.mark.parametrize(("signum", "raised"), [(signal.SIGINT, KeyboardInterrupt), (signal.SIGTERM, interrupts.Terminated)])
def test_a_swallowed_interrupt_is_raised_again_before_the_commit(installed: None, signum: int, raised: type) -> None:
    interrupts.raise_if_interrupted()  # nothing received yet: no-op
    try:
        os.kill(os.getpid(), signum)
        for _ in range(1000):  # the handler runs at a bytecode boundary
            pass
    except BaseException as err:  # what a library that catches everything would do
        assert isinstance(err, raised)
    else:
        pytest.fail("the signal did not raise")
    with pytest.raises(raised):
        interrupts.raise_if_interrupted()


def test_a_second_signal_during_clean_up_is_ignored(installed: None) -> None:
    with pytest.raises(KeyboardInterrupt):
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(1000):
            pass
    os.kill(os.getpid(), signal.SIGINT)  # clean-up is running: must not raise
    os.kill(os.getpid(), signal.SIGTERM)
    for _ in range(1000):
        pass
    with pytest.raises(KeyboardInterrupt):  # the first one is what is remembered
        interrupts.raise_if_interrupted()


def test_installing_again_forgets_an_earlier_run(installed: None) -> None:
    with pytest.raises(KeyboardInterrupt):
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(1000):
            pass
    interrupts.install()
    interrupts.raise_if_interrupted()
