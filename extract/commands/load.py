"""`paperlist load`: JSON Lines records into SQLite or PostgreSQL.

A thin layer over `extract.db.load_files`; SQLAlchemy is imported only when
the command runs, so `paperlist --help` stays fast.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from extract.commands.progress import progress_bar
from extract.errors import UsageError

DEFAULT_URL = "sqlite:///papers.db"


@click.command("load")
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option(
    "--db",
    "db_url",
    default=DEFAULT_URL,
    show_default=True,
    metavar="URL",
    help="SQLAlchemy URL: sqlite:///FILE or postgresql://user:password@host:port/dbname.",
)
@click.option("--batch-size", default=1000, show_default=True, help="Records per transaction.")
@click.option("--strict", is_flag=True, help="Exit 1 when any line was rejected.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, rejected lines or summary.")
@click.option("--debug", is_flag=True, help="Show a traceback on errors.")
def command(paths: tuple[str, ...], db_url: str, batch_size: int, strict: bool, quiet: bool, debug: bool) -> None:
    """Load records (JSONL from `paperlist extract`) into a database, idempotently.

    \b
    paperlist load papers.jsonl                                  # into ./papers.db
    paperlist load a.jsonl b.jsonl --db postgresql://me@localhost/papers
    paperlist extract listing.txt | paperlist load - --db sqlite:///papers.db

    Tables are created on first use. A paper is upserted by its id: an
    unchanged record is left untouched, a changed one replaces its entities,
    mentions and URLs. Every line is validated first; an invalid line is
    reported with its number and the load goes on. One transaction per batch:
    a failure rolls back only the batch in progress, and a rerun completes it.
    """
    from extract.db import load_files, safe_url

    if batch_size < 1:
        raise UsageError("--batch-size must be positive")
    with progress_bar("records", quiet) as bar:

        def show(stats: Any) -> None:
            bar.update(stats.read - bar.n)  # the bar counts records read, in batches

        stats = load_files(list(paths), db_url, batch_size=batch_size, on_batch=show if bar is not None else None)
    if not quiet:
        for line, reason in stats.rejects:
            click.echo(f"paperlist: rejected line {line} of {reason}", err=True)  # reason: "FILE: why"
        hidden = stats.rejected - len(stats.rejects)
        if hidden:
            click.echo(f"paperlist: ... and {hidden} more rejected lines", err=True)
        click.echo(f"paperlist: {safe_url(db_url)}: {stats.summary()}", err=True)
    if strict and stats.rejected:
        if quiet:
            click.echo(f"paperlist: --strict: {stats.rejected} lines rejected", err=True)
        sys.exit(1)
