"""The progress bar the long-running commands show on a terminal."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Any, Iterator, Optional


@contextmanager
def progress_bar(unit: str, quiet: bool) -> Iterator[Optional[Any]]:
    """A tqdm bar on stderr, or None when stderr is not a terminal or with --quiet.

    It appears only after two seconds (short runs stay silent), is cleared
    when the run ends so the summary line stands alone, and tqdm is imported
    only when a bar is shown.
    """
    if quiet or not sys.stderr.isatty():
        yield None
        return
    from tqdm import tqdm

    bar = tqdm(unit=f" {unit}", file=sys.stderr, mininterval=0.5, delay=2.0, leave=False)
    try:
        yield bar
    finally:
        bar.close()
