"""The database handle: migrations, SQLite settings and the errors people see."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel

from caredesk.domain import Network, Role
from caredesk.store import Database, DatabaseError
from caredesk.store import customers as customer_store
from caredesk.store import desk as desk_store
from caredesk.store.database import SQLITE_BUSY_TIMEOUT_MS, sqlite_path

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def empty_db(request: pytest.FixtureRequest) -> Database:
    return request.getfixturevalue("empty_sqlite" if request.param == "sqlite" else "empty_pg")


def schema_diff(database: Database) -> list:
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, SQLModel.metadata)


def test_head_revision_is_known() -> None:
    assert Database.head_revision() == "0001"


def test_upgrade_creates_the_schema_at_head(empty_db: Database) -> None:
    assert not empty_db.has_schema()
    assert empty_db.current_revision() is None

    empty_db.upgrade()

    assert empty_db.has_schema()
    assert empty_db.current_revision() == Database.head_revision()
    assert set(empty_db.table_names()) == set(SQLModel.metadata.tables) | {"alembic_version"}
    assert schema_diff(empty_db) == []  # the migrations build exactly what the models say
    empty_db.require_current()


def test_upgrade_twice_is_a_no_op(empty_db: Database) -> None:
    empty_db.upgrade()
    with empty_db.transaction() as session:
        desk_store.add_agent("alex", Role.AGENT, session=session)

    empty_db.upgrade()

    assert empty_db.current_revision() == Database.head_revision()
    with empty_db.reading() as session:
        assert [a.name for a in desk_store.list_agents(session=session)] == ["alex"]
        assert desk_store.count_rows(session=session)["agent"] == 1
    with empty_db.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1


def test_require_current_on_an_empty_database_says_run_init(empty_db: Database) -> None:
    with pytest.raises(DatabaseError) as raised:
        empty_db.require_current()

    message = str(raised.value)
    assert "has no caredesk schema" in message
    assert "run 'caredesk init'" in message
    assert empty_db.display_url in message


def test_require_current_on_an_old_schema_says_run_db_upgrade(empty_db: Database) -> None:
    empty_db.upgrade()
    with empty_db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0000'"))

    with pytest.raises(DatabaseError, match=r"is at schema 0000, the code needs 0001: "
                                            r"run 'caredesk db upgrade'"):
        empty_db.require_current()


def test_drop_schema_leaves_an_empty_database(empty_db: Database) -> None:
    empty_db.upgrade()

    empty_db.drop_schema()

    assert empty_db.table_names() == []
    assert not empty_db.has_schema()


def test_foreign_keys_are_enforced(empty_db: Database) -> None:
    empty_db.upgrade()

    with pytest.raises(IntegrityError), empty_db.transaction() as session:
        customer_store.link_identity(424242, Network.X, "nobody", session=session)


def test_sqlite_pragmas_on_every_connection(sqlite_db: Database) -> None:
    for _ in range(2):
        with sqlite_db.engine.connect() as connection:
            pragma = connection.exec_driver_sql
            assert pragma("PRAGMA journal_mode").scalar() == "wal"
            assert pragma("PRAGMA busy_timeout").scalar() == SQLITE_BUSY_TIMEOUT_MS
            assert SQLITE_BUSY_TIMEOUT_MS >= 5_000
            assert pragma("PRAGMA foreign_keys").scalar() == 1
        sqlite_db.engine.dispose()  # the next round opens a brand-new connection


def test_sqlite_wal_persists_in_the_file(empty_sqlite: Database) -> None:
    import sqlite3

    empty_sqlite.upgrade()
    path = sqlite_path(empty_sqlite.url)
    assert path is not None and path.is_file()
    empty_sqlite.dispose()
    with sqlite3.connect(path) as plain:  # no caredesk listener here
        assert plain.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_writer_commits_while_a_reader_is_open(sqlite_db: Database) -> None:
    """What WAL is for: the TUI reads while an ingest writes. Without WAL the commit
    would wait for the reader's lock (busy timeout) and then fail."""
    reader = sqlite_db.engine.connect()
    try:
        reader.exec_driver_sql("BEGIN")
        assert reader.exec_driver_sql("SELECT count(*) FROM agent").scalar() == 0

        with sqlite_db.transaction() as session:
            desk_store.add_agent("alex", Role.AGENT, session=session)

        # the open read transaction keeps its snapshot...
        assert reader.exec_driver_sql("SELECT count(*) FROM agent").scalar() == 0
        reader.rollback()
        # ...and the next one sees the commit
        assert reader.exec_driver_sql("SELECT count(*) FROM agent").scalar() == 1
    finally:
        reader.close()


def test_transaction_rolls_back_everything_on_error(sqlite_db: Database) -> None:
    with pytest.raises(RuntimeError), sqlite_db.transaction() as session:
        desk_store.add_agent("alex", Role.AGENT, session=session)
        raise RuntimeError("boom")

    with sqlite_db.reading() as session:
        assert desk_store.list_agents(session=session) == []


@pytest.mark.parametrize("url", ["not a url", "", "://nothing"])
def test_not_a_url_gives_advice(url: str) -> None:
    with pytest.raises(DatabaseError) as raised:
        Database(url)

    message = str(raised.value)
    assert message.startswith("not a database URL")
    assert "sqlite:///caredesk.db" in message
    assert "postgresql+psycopg://" in message


def test_sqlite_in_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "no" / "such"
    url = f"sqlite:///{folder / 'desk.db'}"

    with pytest.raises(DatabaseError) as raised:
        Database(url)

    assert str(raised.value) == f"folder {folder} does not exist for database {url}"
    assert not folder.exists()


def test_an_unknown_driver_gives_advice() -> None:
    with pytest.raises(DatabaseError, match="cannot use"):
        Database("nosuchdb://user@localhost/x")


def test_an_unreachable_server_is_a_database_error_without_the_password() -> None:
    database = Database("postgresql+psycopg://care:s3cret@127.0.0.1:1/caredesk")
    try:
        assert "s3cret" not in database.display_url
        with pytest.raises(DatabaseError) as raised:
            database.require_current()
    finally:
        database.dispose()

    assert str(raised.value).startswith("cannot open postgresql+psycopg://care:***@127.0.0.1:1")
    assert "s3cret" not in str(raised.value)


def test_plain_postgresql_urls_use_psycopg() -> None:
    database = Database("postgresql://postgres@127.0.0.1:1/caredesk")
    try:
        assert database.engine.dialect.driver == "psycopg"
        assert not database.is_sqlite
    finally:
        database.dispose()


def test_sqlite_path() -> None:
    assert sqlite_path("sqlite:///desk.db") == Path("desk.db")
    assert sqlite_path("sqlite:////srv/care/desk.db") == Path("/srv/care/desk.db")
    assert sqlite_path("sqlite://") is None
    assert sqlite_path("sqlite:///:memory:") is None
    assert sqlite_path("postgresql+psycopg://postgres@127.0.0.1/caredesk") is None


def test_a_file_that_is_not_a_database_is_a_database_error(tmp_path: Path) -> None:
    """`caredesk --db sqlite:///notes.txt init` must say what is wrong, not crash.

    BUG: Database.has_schema/table_names/upgrade catch only sqlalchemy's
    OperationalError; SQLite reports "file is not a database" as sqlalchemy.exc.
    DatabaseError (its parent class), which escapes as a traceback.
    """
    path = tmp_path / "notes.txt"
    path.write_bytes(b"this is not a sqlite file at all\n" * 64)
    database = Database(f"sqlite:///{path}")
    try:
        with pytest.raises(DatabaseError, match="file is not a database"):
            database.has_schema()
        with pytest.raises(DatabaseError, match="file is not a database"):
            database.upgrade()
    finally:
        database.dispose()
