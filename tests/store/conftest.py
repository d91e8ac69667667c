"""Real databases for the store tests: a SQLite file per test, and one PostgreSQL
database per test session (each xdist worker has its own), reset before each test."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlmodel import SQLModel

from caredesk.store import Database

PG_SERVER = "host=127.0.0.1 port=5432 user=postgres dbname=test connect_timeout=3"
PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/{name}"


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.db'}"


@pytest.fixture
def empty_sqlite(sqlite_url: str) -> Iterator[Database]:
    database = Database(sqlite_url)
    yield database
    database.dispose()


@pytest.fixture
def sqlite_db(migrated_sqlite: Callable[[str], str]) -> Iterator[Database]:
    """A SQLite file at the newest schema (see tests/conftest.py)."""
    database = Database(migrated_sqlite("store.db"))
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def pg_session_url() -> Iterator[str]:
    psycopg = pytest.importorskip("psycopg")
    try:
        admin = psycopg.connect(PG_SERVER, autocommit=True)
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL on 127.0.0.1:5432 cannot be reached: {exc}".strip())
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
