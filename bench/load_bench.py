"""Benchmark `paperlist load`: records/s into SQLite and PostgreSQL.

`bench_load(records_path, url)` is what bench/run.py calls for each `--db`
URL. It DROPS paperlist's tables in the target first, so that the first load
measures inserts into empty tables: point it at a scratch database. The
second load of the same file measures the idempotent path (every record
unchanged: validate, hash, one SELECT per batch, no writes). Validation alone
is timed too, to show how much of a load is Pydantic rather than the database.

    python bench/load_bench.py RECORDS.jsonl                 # SQLite file in a temp dir + throwaway PostgreSQL
    python bench/load_bench.py RECORDS.jsonl --db URL ...    # these databases only
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Optional, Sequence

ROOT = Path(__file__).resolve().parent.parent


def _count_records(path: str) -> int:
    with open(path, "rb") as stream:
        return sum(1 for line in stream if line.strip())


def _validation_seconds(path: str) -> float:
    from extract.db import numbered_lines, validate_record

    started = time.perf_counter()
    with open(path, "rb") as stream:
        for _, line in numbered_lines(stream):
            validate_record(line)
    return time.perf_counter() - started


def _drop_tables(url: str) -> str:
    """Drop paperlist's tables; returns the dialect name."""
    from extract.db import make_engine, metadata

    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            metadata.drop_all(conn)
        return engine.dialect.name
    finally:
        engine.dispose()


def bench_load(records_path: str, url: str) -> dict[str, Any]:
    """Load `records_path` into empty tables at `url`, then again (all unchanged)."""
    from extract.db import load_files, safe_url

    records = _count_records(records_path)
    dialect = _drop_tables(url)
    started = time.perf_counter()
    first = load_files([records_path], url)
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    second = load_files([records_path], url)
    reload_s = time.perf_counter() - started
    validate_s = _validation_seconds(records_path)
    return {
        "database": safe_url(url),
        "dialect": dialect,
        "records": records,
        "mb": round(Path(records_path).stat().st_size / 1e6, 1),
        "inserted": first.inserted,
        "rejected": first.rejected,
        "unchanged_on_reload": second.unchanged,
        "load_s": round(load_s, 3),
        "records_per_s": round(records / load_s) if load_s else 0,
        "reload_s": round(reload_s, 3),
        "reload_records_per_s": round(records / reload_s) if reload_s else 0,
        "validate_only_records_per_s": round(records / validate_s) if validate_s else 0,
    }


def format_rows(rows: Sequence[dict[str, Any]]) -> str:
    lines = [f"{'database':<12} {'records':>8} {'load rec/s':>11} {'reload rec/s':>13} {'validate rec/s':>15}"]
    for row in rows:
        lines.append(
            f"{row['dialect']:<12} {row['records']:>8} {row['records_per_s']:>11} "
            f"{row['reload_records_per_s']:>13} {row['validate_only_records_per_s']:>15}"
        )
    return "\n".join(lines)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("records", help="a JSONL records file (paperlist extract output)")
    parser.add_argument("--db", action="append", default=[], metavar="URL", help="scratch database (repeatable); its paperlist tables are dropped")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="paperlist-load-bench-") as scratch:
        if args.db:
            rows = [bench_load(args.records, url) for url in args.db]
        else:
            from tests.pg_server import start_server

            rows.append(bench_load(args.records, f"sqlite:///{Path(scratch) / 'papers.db'}"))
            server = start_server()
            try:
                rows.append(bench_load(args.records, server.url()))
            finally:
                server.stop()
    print(json.dumps(rows, indent=2) if args.json else format_rows(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
