"""`paperlist evaluate`: score records against gold answers, for people and for CI."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Optional

import click

from extract.errors import QualityError, UsageError

if TYPE_CHECKING:
    from extract.evaluate import Report

_FIELDS: tuple[str, ...] = ("methods", "datasets", "metrics", "tasks", "code_urls", "project_urls", "proposed")


def parse_entries(text: str) -> range:
    """`0-39` -> range(0, 40); a single number selects one entry."""
    start, sep, end = text.partition("-")
    try:
        low = int(start)
        high = int(end) if sep else low
    except ValueError:
        raise UsageError(f"--entries {text!r}: write a range of gold entry numbers such as 0-39") from None
    if low < 0 or high < low:
        raise UsageError(f"--entries {text!r}: the range must be A-B with 0 <= A <= B")
    return range(low, high + 1)


def parse_thresholds(values: tuple[str, ...]) -> dict[str, float]:
    """`("methods=0.8", ...)` -> {"methods": 0.8}; the last value of a repeated field wins."""
    thresholds: dict[str, float] = {}
    for value in values:
        name, sep, number = value.partition("=")
        name = name.strip()
        if not sep or name not in _FIELDS:
            raise UsageError(f"--min {value!r}: write FIELD=VALUE with FIELD one of {', '.join(_FIELDS)}")
        try:
            threshold = float(number)
        except ValueError:
            raise UsageError(f"--min {value!r}: the value must be a number between 0 and 1") from None
        if not 0.0 <= threshold <= 1.0:
            raise UsageError(f"--min {value!r}: the value must be between 0 and 1 (F1, not a percentage)")
        thresholds[name] = threshold
    return thresholds


def format_table(report: "Report") -> str:
    """The scores as an aligned plain-text table, one row per field."""
    width = max(len(name) for name in report.fields)
    lines = [f"{'field':<{width}}  {'P':>6}  {'R':>6}  {'F1':>6}  {'TP':>5}  {'FP':>5}  {'FN':>5}"]
    for name, s in report.fields.items():
        lines.append(f"{name:<{width}}  {s.p:6.3f}  {s.r:6.3f}  {s.f1:6.3f}  {s.tp:5d}  {s.fp:5d}  {s.fn:5d}")
    if report.unmatched_gold:
        lines.append("")
        lines.append(f"gold papers with no record ({len(report.unmatched_gold)}), counted as misses:")
        lines.extend(f"  entry {g.entry}: {g.title}" for g in report.unmatched_gold)
    return "\n".join(lines)


def format_errors(report: "Report") -> str:
    """One line per false positive or negative: entry, field, kind, text, then the title."""
    return "\n".join(
        f"entry {e.entry:>3}  {e.field:<12}  {e.kind}  {e.text}  [{e.title}]" for e in report.errors
    )


def report_json(report: "Report", with_errors: bool) -> str:
    payload: dict[str, object] = {
        "fields": {name: s.as_dict() for name, s in report.fields.items()},
        "unmatched_gold": [{"entry": g.entry, "title": g.title} for g in report.unmatched_gold],
    }
    if with_errors:
        payload["errors"] = [
            {"entry": e.entry, "title": e.title, "field": e.field, "kind": e.kind, "text": e.text}
            for e in report.errors
        ]
    return json.dumps(payload, ensure_ascii=False, indent=2)


@click.command("evaluate")
@click.argument("pred", type=click.Path(allow_dash=True))
@click.argument("gold", type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON instead of a table.")
@click.option("--errors", "with_errors", is_flag=True, help="Also list every false positive and negative.")
@click.option(
    "--min",
    "minimums",
    multiple=True,
    metavar="FIELD=VALUE",
    help="Exit 1 when FIELD's F1 is under VALUE (0-1); repeatable, e.g. --min methods=0.8.",
)
@click.option("--entries", default=None, metavar="A-B", help="Score only gold entries A to B (inclusive).")
@click.option("--debug", is_flag=True, help="Show a traceback on errors.")
def command(
    pred: str,
    gold: str,
    as_json: bool,
    with_errors: bool,
    minimums: tuple[str, ...],
    entries: Optional[str],
    debug: bool,
) -> None:
    """Score PRED records against GOLD answers: precision, recall, F1 per field.

    \b
    PRED is a paperlist records file ('-' reads stdin), GOLD a gold file.
    Records and gold lines are paired by normalised title; records without a
    gold line are ignored, gold lines without a record count as misses.
    Fields: methods, datasets, metrics, tasks, code_urls, project_urls, proposed.
    Scoring rules: ANNOTATION.md, "How the gold is scored".
    """
    from extract.evaluate import score_files

    thresholds = parse_thresholds(minimums)
    selected = parse_entries(entries) if entries is not None else None
    report = score_files(pred, gold, selected)
    if as_json:
        click.echo(report_json(report, with_errors))
    else:
        click.echo(format_table(report))
        if with_errors and report.errors:
            click.echo("")
            click.echo(format_errors(report))
    failing = [(name, report.fields[name].f1, low) for name, low in thresholds.items() if report.fields[name].f1 < low]
    for name, f1, low in failing:
        click.echo(f"paperlist: {name} F1 {f1:.3f} is under --min {low:g}", err=True)
    if failing:
        click.get_current_context().exit(QualityError.exit_code)
