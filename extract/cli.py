"""The `paperlist` command: a thin click layer over plain functions.

Errors a user can cause are `PaperlistError`s: printed as one line on stderr,
exit status 2 (1 for quality or --strict failures), no traceback unless
--debug. Ctrl-C exits 130 and leaves no partial output file.
"""

from __future__ import annotations

import os
import sys
from typing import NoReturn

import click

from extract import __version__, interrupts
from extract.errors import PaperlistError
from extract.interrupts import Terminated


class _Group(click.Group):
    """Maps paperlist's own errors and interrupts to one line and an exit code."""

    def invoke(self, ctx: click.Context) -> object:
        debug = "--debug" in sys.argv
        interrupts.install()
        try:
            return super().invoke(ctx)
        except PaperlistError as err:
            if debug:
                raise
            click.echo(f"paperlist: error: {err}", err=True)
            ctx.exit(err.exit_code)
        except KeyboardInterrupt:
            if ctx.invoked_subcommand == "load":
                click.echo("paperlist: interrupted; batches already committed to the database are kept", err=True)
            else:
                click.echo("paperlist: interrupted; no output file was written", err=True)
            _exit_interrupted(130)
        except Terminated:
            click.echo("paperlist: terminated; no output file was written", err=True)
            ctx.exit(143)
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(1)
        return None


def _exit_interrupted(status: int) -> NoReturn:
    """Exit with `status` at once, the standard streams flushed.

    CPython remembers a KeyboardInterrupt that escaped code run by `exec` of
    a string (dataclasses and namedtuples build their methods so, often
    during start-up) and, when run as `python -m`, ends such a process by
    killing itself with SIGINT whatever exit status was asked for: a Ctrl-C
    during start-up came out as death by signal, not 130 (one run in six of
    the interrupt test). The commands' own `finally` blocks have removed
    their temporary files and stopped their workers by the time this runs.
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing left to say
            pass
    os._exit(status)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="paperlist")
def main() -> None:
    """Turn raw listings of research papers into validated JSON Lines records.

    \b
    paperlist extract listing.txt -o papers.jsonl   # segment, extract, validate, write
    paperlist validate papers.jsonl                 # check records against the schema
    paperlist evaluate papers.jsonl gold.jsonl      # score against gold answers
    paperlist schema                                # print the record's JSON Schema
    """


def _register() -> None:
    import importlib

    for module in ("extract", "validate", "schema", "evaluate", "load"):
        try:
            mod = importlib.import_module(f"extract.commands.{module}")
        except ModuleNotFoundError as err:
            if err.name != f"extract.commands.{module}":
                raise
            continue
        main.add_command(mod.command)


_register()
