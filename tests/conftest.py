"""Fixtures shared across test folders.

`migrated_sqlite` gives each test its own SQLite file at the newest schema. The
schema is built once per test process by the real path (`upgrade_database`, i.e.
the Alembic migrations) and the file is copied for each test: running the
migrations takes a fifth of a second, a copy a millisecond. Tests of the migrations
themselves start from an empty file instead.

The PostgreSQL fixtures create one uniquely named database per test session (each
xdist worker has its own) and drop it at the end; tests using them are marked
`postgres` and are skipped, with the reason, when the server cannot be reached.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlmodel import SQLModel

from caredesk.config import load_settings
from caredesk.services.schema import upgrade_database
from caredesk.store import Database

PG_HOST, PG_PORT = "127.0.0.1", 5432
PG_SERVER = f"host={PG_HOST} port={PG_PORT} user=postgres dbname=test connect_timeout=3"
PG_URL = f"postgresql+psycopg://postgres@{PG_HOST}:{PG_PORT}/{{name}}"


@pytest.fixture(scope="session")
def _migrated_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    upgrade_database(load_settings(database_url=f"sqlite:///{path}", environ={}))
    # upgrade_database disposed its engine: the WAL is checkpointed into the file.
    assert not path.with_name(path.name + "-wal").exists()
    return path


@pytest.fixture
def migrated_sqlite(
    _migrated_sqlite_template: Path, tmp_path: Path
) -> Callable[[str], str]:
    """Make a SQLite file at the newest schema in tmp_path; returns its URL."""

    def make(name: str = "desk.db") -> str:
        path = tmp_path / name
        shutil.copyfile(_migrated_sqlite_template, path)
        return f"sqlite:///{path}"

    return make


@pytest.fixture(scope="session")
def pg_session_url() -> Iterator[str]:
    psycopg = pytest.importorskip("psycopg")
    try:
        admin = psycopg.connect(PG_SERVER, autocommit=True)
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL on {PG_HOST}:{PG_PORT} cannot be reached: {exc}".strip())
    name = f"caredesk_test_{uuid.uuid4().hex[:12]}"
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield PG_URL.format(name=name)
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _pg_execute(url: str, *statements: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(PG_SERVER.replace("dbname=test", f"dbname={name}"),
                         autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


@pytest.fixture
def empty_pg(pg_session_url: str) -> Iterator[Database]:
    """The session's PostgreSQL database, emptied: no tables, no alembic_version."""
    _pg_execute(pg_session_url, "DROP SCHEMA public CASCADE", "CREATE SCHEMA public")
    database = Database(pg_session_url)
    yield database
    database.dispose()


@pytest.fixture
def pg_db(pg_session_url: str) -> Iterator[Database]:
    """The session's PostgreSQL database at the newest schema, with no rows.

    Building the schema takes a while on PostgreSQL, so a schema left at head by the
    previous test is kept and only its rows are removed."""
    database = Database(pg_session_url)
    if database.has_schema() and database.current_revision() == Database.head_revision():
        _pg_execute(pg_session_url, *(f'DELETE FROM "{table.name}"'
                                      for table in reversed(SQLModel.metadata.sorted_tables)))
    else:
        _pg_execute(pg_session_url, "DROP SCHEMA public CASCADE", "CREATE SCHEMA public")
        database.upgrade()
    yield database
    database.dispose()
