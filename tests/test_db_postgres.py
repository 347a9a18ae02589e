"""`paperlist load` into a real PostgreSQL 15 server started for this session.

The database-independent tests are those of test_db_sqlite.py, imported
here by name so pytest runs them again with this module's `db_url`: a fresh
database on the throwaway server for every test. A missing server is a
failure, never a skip: these tests are how we know the PostgreSQL path works.
"""

from __future__ import annotations

import itertools
from typing import Iterator

import pytest
from sqlalchemy import create_engine, text

from tests.pg_server import PgServer, ServerUnavailable, free_port, start_server
from tests.test_db_sqlite import (  # noqa: F401  (fixtures and tests run again here)
    PASSWORD,
    execute,
    records,
    records_file,
    test_counts_after_load_match_the_jsonl,
    test_deleting_a_paper_cascades_to_its_rows,
    test_documented_queries_return_the_expected_rows,
    test_duplicate_ids_in_one_input_last_one_wins,
    test_failed_batch_rolls_back_and_a_rerun_completes,
    test_invalid_lines_are_rejected_and_the_rest_loaded,
    test_loaded_rows_give_back_the_records,
    test_newer_or_unknown_schema_version_is_refused,
    test_second_load_changes_nothing,
    test_tables_not_made_by_paperlist_are_refused,
    test_unusable_urls_exit_2_in_one_line_without_the_password,
    test_updated_record_replaces_its_children,
)

_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    try:
        server = start_server()
    except ServerUnavailable as err:
        pytest.fail(f"PostgreSQL tests cannot run: {err}", pytrace=False)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def db_url(pg_server: PgServer) -> str:
    """A new, empty database on the session's server."""
    name = f"paperlist_test_{next(_numbers)}"
    admin = create_engine(pg_server.url().replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    return pg_server.url(name)


@pytest.fixture
def unusable_urls(pg_server: PgServer) -> list[tuple[str, str]]:
    """(URL that cannot work, the secret it carries that must never be shown)."""
    wrong = f"wrong-{PASSWORD}"
    return [
        (pg_server.url("postgres", password=wrong), wrong),  # wrong password
        (pg_server.url("no_such_database"), pg_server.password),  # right password, no database
        (pg_server.url().replace(f"{pg_server.user}:", "nobody:"), pg_server.password),  # unknown user
        (pg_server.url().replace(f":{pg_server.port}/", f":{free_port()}/"), pg_server.password),  # no server
    ]


def test_the_server_runs_postgresql_15_with_password_authentication(pg_server: PgServer, db_url: str) -> None:
    (version,) = execute(db_url, "SHOW server_version")[0]
    assert version.startswith("15")
    assert pg_server.password in db_url
    assert execute(db_url, "SELECT current_database()")[0][0] == db_url.rsplit("/", 1)[1]
