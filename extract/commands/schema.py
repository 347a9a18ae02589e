"""`paperlist schema`: the JSON Schema of a record."""

from __future__ import annotations

import click


def record_schema_json() -> str:
    """The schema exactly as committed in schemas/paperlist.schema.json."""
    import json

    from schemas.record import PaperRecord

    return json.dumps(PaperRecord.model_json_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


@click.command("schema")
def command() -> None:
    """Print the JSON Schema of a paperlist record."""
    click.echo(record_schema_json(), nl=False)
