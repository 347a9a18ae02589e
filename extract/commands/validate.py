"""`paperlist validate`: check JSON Lines records against the models."""

from __future__ import annotations

import sys

import click

from extract.errors import InputError


def validate_lines(lines: "list[bytes] | object") -> list[str]:
    """Problems found, one `line N: problem` string per bad line."""
    import orjson
    from pydantic import ValidationError

    from schemas.record import PaperRecord

    problems: list[str] = []
    for number, line in enumerate(lines, start=1):  # type: ignore[call-overload]
        if not line.strip():
            continue
        try:
            PaperRecord.model_validate(orjson.loads(line))
        except orjson.JSONDecodeError as err:
            problems.append(f"line {number}: not JSON ({err})")
        except ValidationError as err:
            for item in err.errors():
                where = ".".join(str(p) for p in item.get("loc", ())) or "record"
                problems.append(f"line {number}: {where}: {item['msg']}")
    return problems


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
        problems = validate_lines(stream)
    for problem in problems:
        click.echo(problem)
    if problems:
        click.echo(f"paperlist: {path}: {len(problems)} problems", err=True)
        sys.exit(1)
    click.echo(f"paperlist: {path}: all records valid", err=True)
