"""Load records into SQLite or PostgreSQL: one schema, idempotent batched upserts.

Users feed our JSONL to databases; doing it here means they get it right:
one SQLAlchemy Core schema serves both databases, every record is validated
with the same Pydantic model as `paperlist validate` before it touches a
table, and loading the same file twice leaves the rows exactly as they were.

Why it is shaped this way:
- Upsert by paper id with a content hash: each batch fetches the stored
  hashes of its ids in one query, so an unchanged record costs no write at all
  (its `loaded_at` included) and a changed one has its child rows replaced.
- One transaction per batch, children inserted with executemany (multi-row
  INSERTs): fast, and a failure rolls back only the batch in progress, so a
  rerun completes the load (committed batches come back as unchanged).
- Counts follow the input order, as if records were applied one by one: a
  paper id seen twice in one input is inserted, then updated (or unchanged),
  and the last version wins.
- Every message shows the URL with its password hidden and scrubs the
  password from driver errors: summaries and errors end up in CI logs.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass, field
from datetime import datetime, timezone
from types import TracebackType
from typing import Any, BinaryIO, Callable, Iterable, Iterator, Optional, Sequence, Union

import regex
from pydantic import ValidationError
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    bindparam,
    create_engine,
    delete,
    event,
    insert,
    inspect,
    select,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

from extract.errors import DatabaseError, InputError
from schemas.record import ENTITY_FIELDS, PaperRecord

DEFAULT_URL = "sqlite:///papers.db"
# Version of the table layout (not of the records): bump it with a migration.
DB_SCHEMA_VERSION = 1
# Reasons kept for the report; beyond this only the count grows, so a file of
# garbage cannot exhaust memory.
MAX_KEPT_REJECTS = 1000
CONNECT_TIMEOUT_S = 10

RecordItem = tuple[int, Union[dict[str, Any], str, bytes]]

# Arrays are JSONB on PostgreSQL (containment queries, GIN-indexable); `ids`
# stays JSON there, which keeps its key order as written.
_ARRAY = JSON().with_variant(JSONB(), "postgresql")
# SQLite autoincrements only an INTEGER PRIMARY KEY (the rowid alias).
_SERIAL = BigInteger().with_variant(Integer(), "sqlite")

metadata = MetaData()

papers = Table(
    "papers",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("title", Text, nullable=False),
    Column("abstract", Text),
    Column("source_path", Text, nullable=False),
    Column("source_entry", Integer, nullable=False),
    Column("source_line", Integer, nullable=False),
    Column("arxiv_id", String(64), index=True),
    Column("doi", String(255), index=True),
    Column("ids", JSON, nullable=False),
    Column("authors", _ARRAY, nullable=False),
    Column("published", String(10)),
    Column("categories", _ARRAY, nullable=False),
    Column("venue", Text),
    Column("schema_version", String(8), nullable=False),
    Column("content_hash", String(32), nullable=False),
    Column("loaded_at", DateTime(timezone=True), nullable=False),
)

entities = Table(
    "entities",
    metadata,
    Column("id", _SERIAL, primary_key=True, autoincrement=True),
    Column("paper_id", String(16), ForeignKey("papers.id", ondelete="CASCADE"), nullable=False),
    Column("field", String(16), nullable=False),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("proposed", Boolean),
    Column("aliases", _ARRAY, nullable=False),
    Index("ix_entities_paper", "paper_id", "field", "position", unique=True),
    Index("ix_entities_field_name", "field", "name"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("entity_id", _SERIAL, ForeignKey("entities.id", ondelete="CASCADE"), nullable=False, autoincrement=False),
    Column("position", Integer, nullable=False),
    Column("field", String(8), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    PrimaryKeyConstraint("entity_id", "position"),
)

urls = Table(
    "urls",
    metadata,
    Column("paper_id", String(16), ForeignKey("papers.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("url", Text, nullable=False),
    Column("raw", Text, nullable=False),
    Column("kind", String(8), nullable=False),
    Column("host", Text, nullable=False),
    Column("repo", Text),
    Column("mention_field", String(8)),
    Column("mention_start", Integer),
    Column("mention_end", Integer),
    Column("mention_text", Text),
    PrimaryKeyConstraint("paper_id", "position"),
    Index("ix_urls_kind_host", "kind", "host"),
)

paperlist_meta = Table(
    "paperlist_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

_DATA_TABLES = ("papers", "entities", "mentions", "urls")

# user:password@ inside a URL-like string, for text that make_url cannot parse.
_URL_PASSWORD = regex.compile(r"(?<=://[^/@:\s]*:)[^@\s]*(?=@)")
# password=... in a libpq connection string a driver may echo.
_DSN_PASSWORD = regex.compile(r"(?i)(?<=\bpassword\s*=\s*)(?:'[^']*'|\S+)")
# A JSON-escaped NUL (\u0000 after an even number of backslashes): PostgreSQL
# cannot store it, and a batch that contains it would fail on every rerun.
_ESCAPED_NUL = regex.compile(rb"(?<!\\)(?:\\\\)*\\u0000")


@dataclass
class LoadStats:
    """What a load did, counted record by record in input order.

    read = inserted + updated + unchanged + rejected. `rejects` keeps
    (line number, reason) for the first MAX_KEPT_REJECTS rejected lines.
    """

    read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    rejects: list[tuple[int, str]] = field(default_factory=list)

    def reject(self, line: int, reason: str) -> None:
        self.read += 1
        self.rejected += 1
        if len(self.rejects) < MAX_KEPT_REJECTS:
            self.rejects.append((line, reason))

    def summary(self) -> str:
        return (
            f"read {self.read} records: {self.inserted} papers inserted, {self.updated} updated, "
            f"{self.unchanged} unchanged; {self.rejected} lines rejected"
        )


class InvalidRecord(ValueError):
    """A record that must not reach the database; `str()` is the reason."""


@dataclass(frozen=True)
class _Valid:
    line: int
    record: PaperRecord
    digest: str


# --------------------------------------------------------------------------
# URLs and messages


def redact(text: str, password: Optional[str] = None) -> str:
    """`text` with any URL or DSN password, and `password` itself, replaced by ***."""
    text = _DSN_PASSWORD.sub("***", _URL_PASSWORD.sub("***", text))
    if password:
        from urllib.parse import quote, quote_plus

        for form in {password, quote(password, safe=""), quote_plus(password)}:
            text = text.replace(form, "***")
    return text


def _one_line(err: BaseException, password: Optional[str]) -> str:
    """The driver's own message (not SQLAlchemy's SQL dump), on one short line."""
    source: BaseException = err.orig if isinstance(err, DBAPIError) and err.orig is not None else err
    text = " ".join(str(source).split()) or type(source).__name__
    text = redact(text, password)
    return text if len(text) <= 300 else text[:297] + "..."


def database_url(url: str) -> URL:
    """Parse a SQLAlchemy URL; plain `postgresql://` means psycopg 3."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        # Not echoed: without a parse we cannot tell where a password is.
        raise DatabaseError(
            "the database URL cannot be parsed; use sqlite:///papers.db or "
            "postgresql://user:password@host:5432/dbname (percent-encode special characters)"
        ) from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def safe_url(url: Union[str, URL]) -> str:
    """The URL as it may be shown: password hidden."""
    try:
        parsed = url if isinstance(url, URL) else make_url(url)
    except (ArgumentError, ValueError):
        return "(unparsable database URL)"
    return parsed.render_as_string(hide_password=True)


def _sqlite_connect(dbapi_connection: Any, connection_record: Any) -> None:
    # The driver's own implicit transactions begin late and skip DDL; we emit
    # BEGIN ourselves (see _sqlite_begin) so a batch is one real transaction.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")  # ON DELETE CASCADE needs it
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN")


def make_engine(url: str) -> Engine:
    """An engine for `url`, with every way it can be wrong turned into DatabaseError."""
    parsed = database_url(url)
    shown = safe_url(url)
    kwargs: dict[str, Any] = {"hide_parameters": True}
    if parsed.get_backend_name() == "postgresql" and "connect_timeout" not in parsed.query:
        kwargs["connect_args"] = {"connect_timeout": CONNECT_TIMEOUT_S}
    try:
        engine = create_engine(parsed, **kwargs)
    except NoSuchModuleError:
        raise DatabaseError(
            f"{shown}: unknown database kind {parsed.drivername!r}; "
            "use a sqlite:/// or postgresql:// URL"
        ) from None
    except ImportError as err:
        raise DatabaseError(
            f"{shown}: the driver for {parsed.drivername!r} is not installed ({err.name}); "
            "use postgresql:// (psycopg 3, installed with paperlist) or sqlite:///"
        ) from None
    except (ArgumentError, ValueError, TypeError) as err:
        raise DatabaseError(f"{shown}: {_one_line(err, parsed.password)}; check the URL") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


# --------------------------------------------------------------------------
# Schema


def _stored_version(conn: Connection) -> Optional[str]:
    row = conn.execute(
        select(paperlist_meta.c.value).where(paperlist_meta.c.key == "schema_version")
    ).first()
    return None if row is None else row[0]


def ensure_schema(conn: Connection, shown: str) -> None:
    """Create the tables on first use; refuse a layout this version does not know."""
    existing = set(inspect(conn).get_table_names())
    if "paperlist_meta" in existing:
        version = _stored_version(conn)
        if version is None or not version.isdigit():
            raise DatabaseError(
                f"{shown}: paperlist_meta has an unknown schema version {version!r}; "
                "this database was not made by paperlist; load into another database"
            )
        if int(version) > DB_SCHEMA_VERSION:
            raise DatabaseError(
                f"{shown}: database schema version {version} is newer than this paperlist "
                f"understands ({DB_SCHEMA_VERSION}); upgrade paperlist or load into another database"
            )
        if int(version) < DB_SCHEMA_VERSION:
            raise DatabaseError(
                f"{shown}: database schema version {version} is older than {DB_SCHEMA_VERSION} "
                "and cannot be migrated; load into a new database"
            )
        metadata.create_all(conn, checkfirst=True)
        return
    foreign = sorted(existing & set(_DATA_TABLES))
    if foreign:
        raise DatabaseError(
            f"{shown}: has table(s) {', '.join(foreign)} not made by paperlist (no paperlist_meta); "
            "load into another database"
        )
    metadata.create_all(conn, checkfirst=True)
    conn.execute(insert(paperlist_meta), [{"key": "schema_version", "value": str(DB_SCHEMA_VERSION)}])


# --------------------------------------------------------------------------
# Validation


def _validation_reason(err: ValidationError) -> str:
    problems = err.errors()
    first = problems[0]
    if first.get("type") == "json_invalid":
        return f"not JSON ({first['msg']})"
    where = ".".join(str(p) for p in first.get("loc", ())) or "record"
    more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
    return f"{where}: {first['msg']}{more}"


def validate_record(item: Union[dict[str, Any], str, bytes]) -> tuple[PaperRecord, str]:
    """The validated record and its content hash, or InvalidRecord with the reason.

    The hash is taken over the model's own JSON, so key order or spacing in
    the input never makes an unchanged record look changed.
    """
    try:
        if isinstance(item, dict):
            record = PaperRecord.model_validate(item)
        else:
            record = PaperRecord.model_validate_json(item)
    except ValidationError as err:
        raise InvalidRecord(_validation_reason(err)) from None
    canonical = record.__pydantic_serializer__.to_json(record)
    if b"u0000" in canonical and _ESCAPED_NUL.search(canonical):
        raise InvalidRecord("contains a NUL character, which databases cannot store")
    return record, hashlib.blake2b(canonical, digest_size=16).hexdigest()


# --------------------------------------------------------------------------
# Rows


def _paper_row(record: PaperRecord, digest: str, loaded_at: datetime) -> dict[str, Any]:
    return {
        "id": record.id,
        "title": record.title,
        "abstract": record.abstract,
        "source_path": record.source.path,
        "source_entry": record.source.entry,
        "source_line": record.source.line,
        "arxiv_id": record.ids.get("arxiv"),
        "doi": record.ids.get("doi"),
        "ids": dict(record.ids),
        "authors": list(record.authors),
        "published": record.published,
        "categories": list(record.categories),
        "venue": record.venue,
        "schema_version": record.schema_version,
        "content_hash": digest,
        "loaded_at": loaded_at,
    }


def _insert_children(conn: Connection, records: Sequence[PaperRecord]) -> None:
    """Entities (ids returned in parameter order), then their mentions, then URLs."""
    entity_rows: list[dict[str, Any]] = []
    entity_mentions: list[Sequence[Any]] = []
    url_rows: list[dict[str, Any]] = []
    for record in records:
        for field_name in ENTITY_FIELDS:
            for position, entity in enumerate(getattr(record, field_name)):
                entity_rows.append(
                    {
                        "paper_id": record.id,
                        "field": field_name,
                        "position": position,
                        "name": entity.name,
                        "proposed": getattr(entity, "proposed", None),
                        "aliases": list(entity.aliases),
                    }
                )
                entity_mentions.append(entity.mentions)
        for position, url in enumerate(record.urls):
            mention = url.mention
            url_rows.append(
                {
                    "paper_id": record.id,
                    "position": position,
                    "url": url.url,
                    "raw": url.raw,
                    "kind": url.kind,
                    "host": url.host,
                    "repo": url.repo,
                    "mention_field": mention.field if mention else None,
                    "mention_start": mention.start if mention else None,
                    "mention_end": mention.end if mention else None,
                    "mention_text": mention.text if mention else None,
                }
            )
    if entity_rows:
        # Multi-row INSERT, then one SELECT for the new surrogate ids by their
        # natural key: RETURNING in parameter order would make SQLAlchemy fall
        # back to one INSERT per row.
        conn.execute(insert(entities), entity_rows)
        key_to_id = {
            (paper_id, field_name, position): entity_id
            for entity_id, paper_id, field_name, position in conn.execute(
                select(entities.c.id, entities.c.paper_id, entities.c.field, entities.c.position).where(
                    entities.c.paper_id.in_([r.id for r in records])
                )
            )
        }
        mention_rows = [
            {
                "entity_id": key_to_id[(row["paper_id"], row["field"], row["position"])],
                "position": position,
                "field": m.field,
                "start": m.start,
                "end": m.end,
                "text": m.text,
            }
            for row, found in zip(entity_rows, entity_mentions)
            for position, m in enumerate(found)
        ]
        conn.execute(insert(mentions), mention_rows)
    if url_rows:
        conn.execute(insert(urls), url_rows)


def _delete_children(conn: Connection, paper_ids: Sequence[str]) -> None:
    conn.execute(
        delete(mentions).where(
            mentions.c.entity_id.in_(select(entities.c.id).where(entities.c.paper_id.in_(paper_ids)))
        )
    )
    conn.execute(delete(entities).where(entities.c.paper_id.in_(paper_ids)))
    conn.execute(delete(urls).where(urls.c.paper_id.in_(paper_ids)))


_UPDATE_PAPER = (
    papers.update()
    .where(papers.c.id == bindparam("b_id"))
    .values({c.name: bindparam(c.name) for c in papers.columns if c.name != "id"})
)


def write_batch(conn: Connection, batch: Sequence[_Valid], stats: LoadStats) -> None:
    """Apply one batch inside the caller's transaction and count it in input order."""
    stored = dict(
        conn.execute(
            select(papers.c.id, papers.c.content_hash).where(papers.c.id.in_(list({v.record.id: None for v in batch})))
        ).all()
    )
    seen = dict(stored)
    final: dict[str, _Valid] = {}
    for valid in batch:
        before = seen.get(valid.record.id)
        if before is None:
            stats.inserted += 1
        elif before == valid.digest:
            stats.unchanged += 1
        else:
            stats.updated += 1
        seen[valid.record.id] = valid.digest
        final[valid.record.id] = valid
    new = [v for pid, v in final.items() if pid not in stored]
    changed = [v for pid, v in final.items() if pid in stored and stored[pid] != v.digest]
    if not new and not changed:
        return
    loaded_at = datetime.now(timezone.utc)
    if changed:
        _delete_children(conn, [v.record.id for v in changed])
        rows = []
        for v in changed:
            row = _paper_row(v.record, v.digest, loaded_at)
            row["b_id"] = row.pop("id")
            rows.append(row)
        conn.execute(_UPDATE_PAPER, rows)
    if new:
        conn.execute(insert(papers), [_paper_row(v.record, v.digest, loaded_at) for v in new])
    _insert_children(conn, [v.record for v in (*changed, *new)])


# --------------------------------------------------------------------------
# Loading


class Loader:
    """One connection to one database, for any number of record streams.

    Use as a context manager: entering connects and checks or creates the
    schema, so a wrong URL fails before any input is read.
    """

    def __init__(
        self,
        url: str = DEFAULT_URL,
        batch_size: int = 1000,
        on_batch: Optional[Callable[[LoadStats], None]] = None,
    ) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be positive")
        self.engine = make_engine(url)
        self.shown = safe_url(url)
        self._password = self.engine.url.password
        self.batch_size = batch_size
        self.on_batch = on_batch
        self.stats = LoadStats()
        self._conn: Optional[Connection] = None

    def __enter__(self) -> "Loader":
        try:
            self._conn = self.engine.connect()
        except SQLAlchemyError as err:
            self.engine.dispose()
            hint = (
                "check that the directory exists and is writable"
                if self.engine.dialect.name == "sqlite"
                else "check the URL, the credentials and that the server is running"
            )
            raise DatabaseError(f"cannot connect to {self.shown}: {_one_line(err, self._password)}; {hint}") from None
        try:
            with self._conn.begin():
                ensure_schema(self._conn, self.shown)
        except SQLAlchemyError as err:
            self.close()
            raise DatabaseError(
                f"cannot set up paperlist's tables in {self.shown}: {_one_line(err, self._password)}"
            ) from None
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        self.engine.dispose()

    def load(self, items: Iterable[RecordItem], label: Optional[str] = None) -> LoadStats:
        """Validate and write `items` in batches; `label` prefixes reject reasons."""
        batch: list[_Valid] = []
        for line, item in items:
            try:
                record, digest = validate_record(item)
            except InvalidRecord as err:
                self.stats.reject(line, f"{label}: {err}" if label else str(err))
                continue
            self.stats.read += 1
            batch.append(_Valid(line, record, digest))
            if len(batch) >= self.batch_size:
                self._commit(batch)
                batch = []
        if batch:
            self._commit(batch)
        return self.stats

    def _commit(self, batch: Sequence[_Valid]) -> None:
        assert self._conn is not None, "use Loader as a context manager"
        before = (self.stats.inserted, self.stats.updated, self.stats.unchanged)
        try:
            with self._conn.begin():
                write_batch(self._conn, batch, self.stats)
        except SQLAlchemyError as err:
            self.stats.inserted, self.stats.updated, self.stats.unchanged = before
            saved = self.stats.inserted + self.stats.updated + self.stats.unchanged
            raise DatabaseError(
                f"{self.shown}: the batch of lines {batch[0].line}-{batch[-1].line} failed and was "
                f"rolled back ({_one_line(err, self._password)}); {saved} records before it are saved; "
                "fix the cause and rerun the same load to complete it"
            ) from None
        if self.on_batch is not None:
            self.on_batch(self.stats)


def load_records(
    records: Iterable[RecordItem],
    url: str = DEFAULT_URL,
    batch_size: int = 1000,
    on_batch: Optional[Callable[[LoadStats], None]] = None,
) -> LoadStats:
    """Load (line number, record as dict or one JSON line) items in one streaming pass."""
    with Loader(url, batch_size, on_batch) as loader:
        return loader.load(records)


def check_record_files(paths: Sequence[str]) -> None:
    """Every input exists and is readable, before the database is touched."""
    from extract.run import check_inputs

    check_inputs(paths, kind="JSONL")


def numbered_lines(stream: BinaryIO) -> Iterator[tuple[int, bytes]]:
    """(1-based line number, line) for every non-blank line; a UTF-8 BOM is dropped."""
    for number, line in enumerate(stream, start=1):
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if line.strip():
            yield number, line


def load_files(
    paths: Sequence[str],
    url: str = DEFAULT_URL,
    batch_size: int = 1000,
    on_batch: Optional[Callable[[LoadStats], None]] = None,
) -> LoadStats:
    """Load JSONL record files ("-" = stdin) in order; reject reasons start with the path."""
    paths = list(paths) or ["-"]
    check_record_files(paths)
    with Loader(url, batch_size, on_batch) as loader:
        for path in paths:
            if path == "-":
                loader.load(numbered_lines(sys.stdin.buffer), "<stdin>")
                continue
            try:
                stream = open(path, "rb")
            except OSError as err:
                raise InputError(f"{path}: cannot open ({err.strerror}); check the path") from None
            with stream:
                loader.load(numbered_lines(stream), path)
        return loader.stats


# --------------------------------------------------------------------------
# Reading back


def _mention_dict(field_name: Any, start: Any, end: Any, text: Any) -> dict[str, Any]:
    return {"field": field_name, "start": start, "end": end, "text": text}


def read_records(url: str, paper_ids: Optional[Sequence[str]] = None) -> list[dict[str, Any]]:
    """Records rebuilt from the rows, ordered by id: the database loses nothing.

    The result equals `PaperRecord.model_validate(r).model_dump()` of what was
    loaded; tests use it to prove the round trip, users to export a subset.
    """
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return _rebuild(conn, None if paper_ids is None else list(paper_ids))
    except SQLAlchemyError as err:
        raise DatabaseError(f"cannot read {safe_url(url)}: {_one_line(err, engine.url.password)}") from None
    finally:
        engine.dispose()


def _rebuild(conn: Connection, wanted: Optional[list[str]]) -> list[dict[str, Any]]:
    def only(query: Any, paper_column: Any) -> Any:
        return query if wanted is None else query.where(paper_column.in_(wanted))

    out: dict[str, dict[str, Any]] = {}
    for row in conn.execute(only(select(papers), papers.c.id).order_by(papers.c.id)).mappings():
        out[row["id"]] = {
            "schema_version": row["schema_version"],
            "id": row["id"],
            "source": {"path": row["source_path"], "entry": row["source_entry"], "line": row["source_line"]},
            "ids": row["ids"],
            "title": row["title"],
            "abstract": row["abstract"],
            "authors": row["authors"],
            "published": row["published"],
            "categories": row["categories"],
            "venue": row["venue"],
            **{name: [] for name in ENTITY_FIELDS},
            "urls": [],
        }
    by_entity: dict[int, dict[str, Any]] = {}
    entity_query = only(select(entities), entities.c.paper_id).order_by(
        entities.c.paper_id, entities.c.field, entities.c.position
    )
    for row in conn.execute(entity_query).mappings():
        entity: dict[str, Any] = {"name": row["name"], "aliases": row["aliases"]}
        if row["field"] == "methods":
            entity["proposed"] = bool(row["proposed"])
        entity["mentions"] = []
        by_entity[row["id"]] = entity
        out[row["paper_id"]][row["field"]].append(entity)
    mention_query = only(
        select(mentions).join(entities, entities.c.id == mentions.c.entity_id), entities.c.paper_id
    ).order_by(mentions.c.entity_id, mentions.c.position)
    for row in conn.execute(mention_query).mappings():
        by_entity[row["entity_id"]]["mentions"].append(
            _mention_dict(row["field"], row["start"], row["end"], row["text"])
        )
    url_query = only(select(urls), urls.c.paper_id).order_by(urls.c.paper_id, urls.c.position)
    for row in conn.execute(url_query).mappings():
        mention = None
        if row["mention_field"] is not None:
            mention = _mention_dict(row["mention_field"], row["mention_start"], row["mention_end"], row["mention_text"])
        out[row["paper_id"]]["urls"].append(
            {
                "url": row["url"],
                "raw": row["raw"],
                "kind": row["kind"],
                "host": row["host"],
                "repo": row["repo"],
                "mention": mention,
            }
        )
    return list(out.values())
