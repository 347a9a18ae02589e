"""The signal handlers: one interrupt raises once, repeats are ignored, and a swallowed one is not forgotten."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
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


def test_an_interrupt_inside_exec_ed_code_still_exits_130_under_python_m(tmp_path: Path) -> None:
    """Ctrl-C landing in code run by `exec` of a string (a dataclass being built
    during start-up) made `python -m` kill itself with SIGINT (returncode -2)
    instead of exiting 130; seen as a flaky interrupt test."""
    (tmp_path / "interrupted_in_exec.py").write_text(
        "from extract.cli import main\n"
        "\n"
        "@main.command('boom')\n"
        "def boom() -> None:\n"
        "    exec('raise KeyboardInterrupt')\n"
        "\n"
        "main()\n",
        "utf-8",
    )
    run = subprocess.run(
        [sys.executable, "-m", "interrupted_in_exec", "boom"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 130, run.stderr
    assert run.stderr.strip().splitlines() == ["paperlist: interrupted; no output file was written"]


_FINALISER_SCRIPT = """
import signal
from extract import interrupts

class RaisesInDel:
    def __del__(self):
        interrupts._received.append(signal.SIGTERM)
        raise interrupts.Terminated()

interrupts.install()
obj = RaisesInDel()
del obj
try:
    interrupts.raise_if_interrupted()
except interrupts.Terminated:
    print("raised again")
"""


def test_an_interrupt_swallowed_by_a_finaliser_prints_nothing_and_is_raised_again() -> None:
    # A child process: pytest replaces sys.unraisablehook in its own.
    run = subprocess.run([sys.executable, "-c", _FINALISER_SCRIPT], capture_output=True, text=True, timeout=60)
    assert run.stdout.strip() == "raised again"
    assert "Exception ignored" not in run.stderr, run.stderr
