"""`paperlist load` into real SQLite files, through the real CLI.

The records are the real pipeline's output for the sample listing followed
by the arXiv Atom and snapshot fixtures; six of those papers are also in the
sample, so the file holds real duplicate ids (the later, richer version with
its arXiv id must win). Expected counts are computed from the JSONL itself.

The database-independent tests here take a `db_url` fixture; the PostgreSQL
module imports them and supplies its own `db_url`, so both databases pass
exactly the same checks.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any, Sequence

import orjson
import pytest
from click.testing import CliRunner, Result
from sqlalchemy import func, select, text

from extract import db
from extract.cli import main
from schemas.record import ENTITY_FIELDS, PaperRecord
from tests.conftest import FIXTURES, SAMPLE
from tests.pg_server import free_port

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "database.md"
README = ROOT / "README.md"
EXTRA_FIXTURES = (FIXTURES / "formats" / "arxiv-atom-new.xml", FIXTURES / "formats" / "snapshot.jsonl")
TABLES = ("papers", "entities", "mentions", "urls")
PASSWORD = "Pw-s3cr3t-7qX"
QUERY_NAMES = ("most used datasets", "papers with a code URL", "methods a paper proposes")


# --------------------------------------------------------------------------
# Fixtures and helpers (imported by test_db_postgres.py)


@pytest.fixture(scope="session")
def records(extractor: Any, sample_records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from extract.run import RunStats, read_entries

    entries = read_entries([str(p) for p in EXTRA_FIXTURES], None, RunStats())
    extra = [r for r in extractor.process_many(entries) if isinstance(r, dict)]
    assert extra and {r["id"] for r in extra} & {r["id"] for r in sample_records}
    return [*sample_records, *extra]


@pytest.fixture(scope="session")
def records_file(records: list[dict[str, Any]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("records") / "papers.jsonl"
    write_jsonl(path, records)
    return path


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'papers.db'}"


@pytest.fixture
def unusable_urls(tmp_path: Path) -> list[tuple[str, str]]:
    """(URL that cannot work, the secret it carries that must never be shown)."""
    return [
        (f"postgresql://alice:{PASSWORD}@127.0.0.1:{free_port()}/papers", PASSWORD),  # nothing listens
        (f"postgresql+nosuchdriver://alice:{PASSWORD}@127.0.0.1/papers", PASSWORD),
        (f"nosuchdatabase://alice:{PASSWORD}@localhost/papers", PASSWORD),
        (f"sqlite:///{tmp_path / 'missing-dir' / PASSWORD / 'papers.db'}", "no password in this URL"),
        (f"alice:{PASSWORD}@localhost/papers", PASSWORD),
    ]


def write_jsonl(path: Path, records: Sequence[Any]) -> Path:
    path.write_bytes(b"".join((r if isinstance(r, bytes) else orjson.dumps(r)) + b"\n" for r in records))
    return path


def invoke(*args: str, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin)


def execute(url: str, *statements: str) -> list[Any]:
    """Run SQL in one transaction; the rows of the last statement."""
    engine = db.make_engine(url)
    try:
        with engine.begin() as conn:
            rows: list[Any] = []
            for statement in statements:
                result = conn.execute(text(statement))
                rows = [tuple(r) for r in result] if result.returns_rows else []
            return rows
    finally:
        engine.dispose()


def table_counts(url: str) -> dict[str, int]:
    engine = db.make_engine(url)
    try:
        with engine.connect() as conn:
            return {
                name: conn.execute(select(func.count()).select_from(db.metadata.tables[name])).scalar_one()
                for name in TABLES
            }
    finally:
        engine.dispose()


def snapshot(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, loaded_at and surrogate ids included."""
    engine = db.make_engine(url)
    try:
        with engine.connect() as conn:
            return {
                name: sorted((tuple(row) for row in conn.execute(select(db.metadata.tables[name]))), key=repr)
                for name in (*TABLES, "paperlist_meta")
            }
    finally:
        engine.dispose()


def last_versions(records: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in records}


def expected_counts(records: Sequence[dict[str, Any]]) -> dict[str, int]:
    final = last_versions(records).values()
    found = [e for r in final for name in ENTITY_FIELDS for e in r.get(name, [])]
    return {
        "papers": len(final),
        "entities": len(found),
        "mentions": sum(len(e["mentions"]) for e in found),
        "urls": sum(len(r.get("urls", [])) for r in final),
    }


def expected_summary(records: Sequence[dict[str, Any]], stored: Sequence[dict[str, Any]] = ()) -> str:
    """The summary's counts when `records` are applied in order over `stored`."""
    state = {r["id"]: PaperRecord.model_validate(r) for r in stored}
    counts = {"inserted": 0, "updated": 0, "unchanged": 0}
    for record in records:
        model = PaperRecord.model_validate(record)
        before = state.get(model.id)
        counts["inserted" if before is None else "unchanged" if before == model else "updated"] += 1
        state[model.id] = model
    return (
        f"read {len(records)} records: {counts['inserted']} papers inserted, {counts['updated']} updated, "
        f"{counts['unchanged']} unchanged; 0 lines rejected"
    )


def as_loaded(records: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    final = last_versions(records)
    return [PaperRecord.model_validate(final[pid]).model_dump() for pid in sorted(final)]


def one_error_line(result: Result) -> str:
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("paperlist: error: "), result.stderr
    return lines[0]


def documented_queries(path: Path) -> dict[str, str]:
    """The ```sql blocks of a document, by their first comment line."""
    if not path.exists():
        return {}
    found: dict[str, str] = {}
    for block in re.findall(r"```sql\n(.*?)```", path.read_text("utf-8"), flags=re.S):
        first = block.strip().splitlines()[0]
        assert first.startswith("-- "), f"{path.name}: a SQL example must start with a '-- name' comment"
        found[first[3:].strip()] = block
    return found


def expected_query_rows(name: str, records: Sequence[dict[str, Any]]) -> list[tuple[Any, ...]]:
    final = list(last_versions(records).values())
    if name == "most used datasets":
        papers_per_name: dict[str, set[str]] = {}
        for r in final:
            for e in r["datasets"]:
                papers_per_name.setdefault(e["name"], set()).add(r["id"])
        ranked = sorted(papers_per_name.items(), key=lambda item: (-len(item[1]), item[0]))
        return [(n, len(ids)) for n, ids in ranked[:10]]
    if name == "papers with a code URL":
        rows = [(r["id"], r["title"], u["url"]) for r in final for u in r["urls"] if u["kind"] == "code"]
        return sorted(rows, key=lambda row: (row[1], row[2]))
    if name == "methods a paper proposes":
        (paper,) = [r for r in final if r["ids"].get("arxiv") == "2501.10893"]
        return [(m["name"],) for m in paper["methods"] if m["proposed"]]
    raise AssertionError(f"no expectation for query {name!r}")


def first_with(records: Sequence[dict[str, Any]], *needs: str) -> dict[str, Any]:
    """The first record (by id, last version) with a non-empty list in each field of `needs`."""
    final = last_versions(records)
    return next(final[pid] for pid in sorted(final) if all(final[pid][n] for n in needs))


# --------------------------------------------------------------------------
# Tests shared by both databases


def test_counts_after_load_match_the_jsonl(records: list[dict[str, Any]], records_file: Path, db_url: str) -> None:
    result = invoke("load", str(records_file), "--db", db_url)
    assert result.exit_code == 0, result.output
    assert expected_summary(records) in result.stderr
    assert result.stderr.count("\n") == 1
    counts = table_counts(db_url)
    assert counts == expected_counts(records)
    assert all(counts[name] > 0 for name in TABLES)


def test_loaded_rows_give_back_the_records(records: list[dict[str, Any]], records_file: Path, db_url: str) -> None:
    assert invoke("load", str(records_file), "--db", db_url).exit_code == 0
    loaded = db.read_records(db_url)
    assert loaded == as_loaded(records)
    by_id = {r["id"]: r for r in loaded}
    assert by_id[first_with(records, "urls")["id"]]["urls"]


def test_second_load_changes_nothing(records: list[dict[str, Any]], records_file: Path, db_url: str) -> None:
    assert invoke("load", str(records_file), "--db", db_url).exit_code == 0
    before = snapshot(db_url)
    again = invoke("load", str(records_file), "--db", db_url)
    assert again.exit_code == 0, again.output
    unique = len(last_versions(records))
    assert expected_summary(records, stored=records) in again.stderr
    stats = db.load_records(enumerate(last_versions(records).values(), start=1), db_url)
    assert (stats.inserted, stats.updated, stats.unchanged) == (0, 0, unique)
    assert snapshot(db_url) == before


def test_updated_record_replaces_its_children(records: list[dict[str, Any]], records_file: Path, db_url: str, tmp_path: Path) -> None:
    assert invoke("load", str(records_file), "--db", db_url).exit_code == 0
    before = snapshot(db_url)
    target = first_with(records, "methods", "urls")
    changed = copy.deepcopy(target)
    changed["methods"] = changed["methods"][:-1]
    changed["urls"] = []
    changed["venue"] = "A venue added later"
    untouched = next(r for r in last_versions(records).values() if r["id"] != target["id"])
    update = write_jsonl(tmp_path / "update.jsonl", [changed, untouched])
    result = invoke("load", str(update), "--db", db_url)
    assert result.exit_code == 0, result.output
    assert "read 2 records: 0 papers inserted, 1 updated, 1 unchanged" in result.stderr
    now = [changed if r["id"] == target["id"] else r for r in last_versions(records).values()]
    assert table_counts(db_url) == expected_counts(now)
    assert db.read_records(db_url, [target["id"]]) == as_loaded([changed])
    after = snapshot(db_url)
    assert [row for row in after["papers"] if row[0] != target["id"]] == [
        row for row in before["papers"] if row[0] != target["id"]
    ]
    (old_row,) = [row for row in before["papers"] if row[0] == target["id"]]
    (new_row,) = [row for row in after["papers"] if row[0] == target["id"]]
    assert new_row[-1] >= old_row[-1] and new_row[-2] != old_row[-2]  # loaded_at, content_hash


def test_invalid_lines_are_rejected_and_the_rest_loaded(records: list[dict[str, Any]], db_url: str, tmp_path: Path) -> None:
    good = list(last_versions(records).values())[:3]
    ungrounded = copy.deepcopy(first_with(records, "methods"))
    ungrounded["methods"][0]["mentions"][0]["start"] += 1
    ungrounded["methods"][0]["mentions"][0]["end"] += 1
    bad_id = dict(good[1], id="NOT-A-HEX-ID")
    with_nul = dict(good[2], id="0" * 16, abstract=(good[2]["abstract"] or "") + "\x00")
    lines = [good[0], b"{not json", b"", ungrounded, good[1], bad_id, with_nul, good[2]]
    path = write_jsonl(tmp_path / "mixed.jsonl", lines)
    result = invoke("load", str(path), "--db", db_url)
    assert result.exit_code == 0, result.output
    rejected = [line for line in result.stderr.splitlines() if "rejected line" in line]
    assert [int(re.search(r"rejected line (\d+)", line)[1]) for line in rejected] == [2, 4, 6, 7]
    assert "not JSON" in rejected[0] and "methods" in rejected[1] and "id" in rejected[2] and "NUL" in rejected[3]
    assert "read 7 records: 3 papers inserted, 0 updated, 0 unchanged; 4 lines rejected" in result.stderr
    assert table_counts(db_url) == expected_counts(good)
    strict = invoke("load", str(path), "--db", db_url, "--strict", "--quiet")
    assert strict.exit_code == 1
    assert "4 lines rejected" in strict.stderr and "rejected line" not in strict.stderr


@pytest.mark.parametrize("batch_size", [1, 2, 1000])
def test_duplicate_ids_in_one_input_last_one_wins(records: list[dict[str, Any]], db_url: str, batch_size: int) -> None:
    first, other = list(last_versions(records).values())[:2]
    second = dict(first, venue="Second version")
    items = list(enumerate([first, other, second, dict(second), first, second], start=1))
    stats = db.load_records(items, db_url, batch_size=batch_size)
    assert (stats.read, stats.inserted, stats.updated, stats.unchanged, stats.rejected) == (6, 2, 3, 1, 0)
    assert db.read_records(db_url) == as_loaded([first, other, second])
    assert table_counts(db_url) == expected_counts([other, second])


def test_documented_queries_return_the_expected_rows(records: list[dict[str, Any]], records_file: Path, db_url: str) -> None:
    assert invoke("load", str(records_file), "--db", db_url).exit_code == 0
    documented = documented_queries(DOCS)
    assert sorted(documented) == sorted(QUERY_NAMES)
    readme = documented_queries(README)
    assert set(readme) <= set(QUERY_NAMES), f"README has SQL examples without expectations: {set(readme)}"
    for source, queries in (("docs", documented), ("README", readme)):
        for name, sql in queries.items():
            expected = expected_query_rows(name, records)
            assert expected, f"{name}: the test data should give rows"
            assert execute(db_url, sql) == expected, f"{source}: {name}"


def test_failed_batch_rolls_back_and_a_rerun_completes(records: list[dict[str, Any]], db_url: str, tmp_path: Path) -> None:
    thirty = list(last_versions(records).values())[:30]
    path = write_jsonl(tmp_path / "thirty.jsonl", thirty)
    empty = write_jsonl(tmp_path / "empty.jsonl", [])
    assert invoke("load", str(empty), "--db", db_url).exit_code == 0  # creates the tables
    refused = thirty[25]["id"]
    if db_url.startswith("sqlite"):
        execute(
            db_url,
            f"CREATE TRIGGER refuse_paper BEFORE INSERT ON papers WHEN NEW.id = '{refused}' "
            "BEGIN SELECT RAISE(ABORT, 'refused by the test trigger'); END",
        )
        drop = "DROP TRIGGER refuse_paper"
    else:
        execute(
            db_url,
            "CREATE FUNCTION refuse_paper() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'refused by the test trigger'; END $$",
            f"CREATE TRIGGER refuse_paper BEFORE INSERT ON papers FOR EACH ROW "
            f"WHEN (NEW.id = '{refused}') EXECUTE FUNCTION refuse_paper()",
        )
        drop = "DROP TRIGGER refuse_paper ON papers"
    failed = invoke("load", str(path), "--db", db_url, "--batch-size", "10")
    message = one_error_line(failed)
    assert "lines 21-30" in message and "rolled back" in message and "refused by the test trigger" in message
    assert table_counts(db_url) == expected_counts(thirty[:20])
    execute(db_url, drop)
    rerun = invoke("load", str(path), "--db", db_url, "--batch-size", "10")
    assert rerun.exit_code == 0, rerun.output
    assert "read 30 records: 10 papers inserted, 0 updated, 20 unchanged" in rerun.stderr
    assert table_counts(db_url) == expected_counts(thirty)


@pytest.mark.parametrize(("version", "words"), [("2", "newer"), ("banana", "unknown")])
def test_newer_or_unknown_schema_version_is_refused(records_file: Path, db_url: str, version: str, words: str) -> None:
    assert invoke("load", str(records_file), "--db", db_url).exit_code == 0
    counts = table_counts(db_url)
    execute(db_url, f"UPDATE paperlist_meta SET value = '{version}' WHERE key = 'schema_version'")
    message = one_error_line(invoke("load", str(records_file), "--db", db_url))
    assert words in message and version in message
    assert table_counts(db_url) == counts


def test_tables_not_made_by_paperlist_are_refused(records_file: Path, db_url: str) -> None:
    execute(db_url, "CREATE TABLE papers (id INTEGER PRIMARY KEY, note TEXT)")
    message = one_error_line(invoke("load", str(records_file), "--db", db_url))
    assert "papers" in message and "not made by paperlist" in message


def test_unusable_urls_exit_2_in_one_line_without_the_password(
    records_file: Path, unusable_urls: list[tuple[str, str]]
) -> None:
    for url, secret in unusable_urls:
        result = invoke("load", str(records_file), "--db", url)
        one_error_line(result)
        assert secret not in result.output, url


def test_deleting_a_paper_cascades_to_its_rows(records: list[dict[str, Any]], records_file: Path, db_url: str) -> None:
    assert invoke("load", str(records_file), "--db", db_url).exit_code == 0
    target = first_with(records, "methods", "urls")
    execute(db_url, f"DELETE FROM papers WHERE id = '{target['id']}'")
    rest = [r for r in last_versions(records).values() if r["id"] != target["id"]]
    assert table_counts(db_url) == expected_counts(rest)


# --------------------------------------------------------------------------
# SQLite and CLI specifics


def test_extract_with_db_loads_in_one_pass(sample_records: list[dict[str, Any]], db_url: str) -> None:
    result = invoke("extract", str(SAMPLE), "--db", db_url)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert table_counts(db_url) == expected_counts(sample_records)
    assert db.read_records(db_url) == as_loaded(sample_records)


def test_stdin_is_read_with_a_dash(records: list[dict[str, Any]], records_file: Path, db_url: str) -> None:
    result = invoke("load", "-", "--db", db_url, stdin=records_file.read_bytes())
    assert result.exit_code == 0, result.output
    assert table_counts(db_url) == expected_counts(records)


def test_on_batch_reports_progress_after_each_committed_batch(records: list[dict[str, Any]], db_url: str) -> None:
    unique = list(last_versions(records).values())[:25]
    seen: list[tuple[int, int]] = []
    stats = db.load_records(
        enumerate(unique, start=1), db_url, batch_size=10, on_batch=lambda s: seen.append((s.read, s.inserted))
    )
    assert seen == [(10, 10), (20, 20), (25, 25)]
    assert table_counts(db_url)["papers"] == stats.inserted == 25


def test_missing_input_fails_before_the_database_is_created(tmp_path: Path) -> None:
    target = tmp_path / "papers.db"
    message = one_error_line(invoke("load", str(tmp_path / "nope.jsonl"), "--db", f"sqlite:///{target}"))
    assert "nope.jsonl" in message
    assert not target.exists()


def test_default_database_is_papers_db_in_the_working_directory(records_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("load", str(records_file))
    assert result.exit_code == 0, result.output
    assert "sqlite:///papers.db" in result.stderr
    assert table_counts(f"sqlite:///{tmp_path / 'papers.db'}")["papers"] > 0


@pytest.mark.parametrize(
    ("text_in", "password", "shown"),
    [
        ("postgresql://alice:hunter2@db.example.org/papers", None, "postgresql://alice:***@db.example.org/papers"),
        ("failed: password=hunter2 host=x", None, "failed: password=*** host=x"),
        ("auth failed for 'p%40ss' and p@ss", "p@ss", "auth failed for '***' and ***"),
        ("no secret here", "hunter2", "no secret here"),
    ],
)
def test_redact_hides_passwords(text_in: str, password: str | None, shown: str) -> None:
    assert db.redact(text_in, password) == shown


def test_numbered_lines_skip_blanks_and_keep_file_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"a": 1}\n\n   \n{"b": 2}\n')
    with open(path, "rb") as stream:
        assert list(db.numbered_lines(stream)) == [(1, b'{"a": 1}\n'), (4, b'{"b": 2}\n')]
