"""`paperlist extract`: listings in, JSON Lines records out."""

from __future__ import annotations

import os
import sys
from typing import Optional

import click

from extract.commands.progress import progress_bar
from extract.errors import UsageError


@click.command("extract")
@click.argument("inputs", nargs=-1, type=click.Path(dir_okay=True, allow_dash=True))
@click.option("-o", "--output", default=None, help="Write records here (atomically); '-' or absent: stdout.")
@click.option("--rejects", "rejects_path", default=None, help="Write one JSON line per rejected entry here.")
@click.option("--format", "fmt", default=None, help="Force the input format instead of detecting it.")
@click.option("-j", "--jobs", default=1, show_default=True, help="Worker processes; 0 = all cores.")
@click.option("--patterns", multiple=True, help="Extra pattern file (JSONL, built-in format); repeatable.")
@click.option("--max-entry-chars", default=100_000, show_default=True, help="Longer entries become rejects.")
@click.option("--db", "db_url", default=None, help="Also load records into this database (SQLAlchemy URL).")
@click.option("--strict", is_flag=True, help="Exit 1 when any entry was rejected.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary line.")
@click.option("--debug", is_flag=True, help="Show a traceback on errors.")
def command(
    inputs: tuple[str, ...],
    output: Optional[str],
    rejects_path: Optional[str],
    fmt: Optional[str],
    jobs: int,
    patterns: tuple[str, ...],
    max_entry_chars: int,
    db_url: Optional[str],
    strict: bool,
    quiet: bool,
    debug: bool,
) -> None:
    """Segment listings into papers, extract entities and URLs, write JSON Lines.

    \b
    INPUT files may be in any supported format (detected from the content)
    and may be compressed (.gz, .bz2, .xz); '-' or no INPUT reads stdin.
    Every entry ends as a record or a reject; the summary on stderr counts both.
    """
    from extract.run import run_extract

    if jobs < 0:
        raise UsageError("--jobs must be 0 (all cores) or a positive number")
    if max_entry_chars < 1:
        raise UsageError("--max-entry-chars must be positive")
    jobs = jobs or (os.cpu_count() or 1)
    with progress_bar("entries", quiet) as bar:
        stats = run_extract(
            list(inputs),
            output,
            rejects_path=rejects_path,
            fmt=fmt,
            jobs=jobs,
            extra_patterns=patterns,
            max_entry_chars=max_entry_chars,
            db_url=db_url,
            progress=bar.update if bar is not None else None,
        )
    if not quiet:
        for note in stats.notes:
            click.echo(f"paperlist: note: {note}", err=True)
        click.echo(stats.summary(), err=True)
    if strict and stats.rejects:
        click.echo(f"paperlist: --strict: {stats.rejects} entries rejected", err=True)
        sys.exit(1)
