"""`paperlist validate`: check JSON Lines records against the models."""

from __future__ import annotations

import sys
from typing import BinaryIO, Iterable

import click

from extract.errors import InputError

BINARY_SNIFF_BYTES = 8192


def check_lines(lines: Iterable[bytes]) -> tuple[int, list[str]]:
    """(records seen, problems): one `line N: problem` string per problem."""
    import orjson
    from pydantic import ValidationError

    from schemas.record import PaperRecord

    problems: list[str] = []
    records = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        records += 1
        try:
            PaperRecord.model_validate(orjson.loads(line))
        except orjson.JSONDecodeError as err:
            problems.append(f"line {number}: not JSON ({err})")
        except ValidationError as err:
            for item in err.errors():
                where = ".".join(str(p) for p in item.get("loc", ())) or "record"
                problems.append(f"line {number}: {where}: {item['msg']}")
    return records, problems


def _refuse_binary(stream: BinaryIO, path: str) -> None:
    """A file of NUL bytes or compressed data is not a records file: one line, exit 2."""
    head = stream.peek(BINARY_SNIFF_BYTES)[:BINARY_SNIFF_BYTES] if hasattr(stream, "peek") else b""
    if b"\x00" in head or head.startswith((b"\x1f\x8b", b"BZh", b"\xfd7zXZ")):
        raise InputError(f"{path}: binary data, not JSON Lines records; give the file paperlist extract wrote")


@click.command("validate")
@click.argument("path", type=click.Path(allow_dash=True))
@click.option("--debug", is_flag=True, help="Show a traceback on errors.")
def command(path: str, debug: bool) -> None:
    """Check every line of a records file (schema and grounding); exit 1 if any is bad."""
    try:
        stream = sys.stdin.buffer if path == "-" else open(path, "rb")
    except OSError as err:
        raise InputError(f"{path}: cannot open ({err.strerror}); check the path") from None
    with stream:
        _refuse_binary(stream, path)
        records, problems = check_lines(stream)
    for problem in problems:
        click.echo(problem)
    bad_lines = len({problem.split(":", 1)[0] for problem in problems})
    if problems:
        click.echo(f"paperlist: {path}: {records} records, {bad_lines} invalid ({len(problems)} problems)", err=True)
        sys.exit(1)
    click.echo(f"paperlist: {path}: {records} records, all valid", err=True)
