"""Engine, sessions and schema upgrades for one caredesk database.

`Database` is built once by the composition root and passed down: there is
no module-level engine. SQLite gets WAL mode, a busy timeout and foreign keys
so the TUI can read while an ingest writes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlmodel import Session, SQLModel

from caredesk.store import tables  # noqa: F401  (registers every table on SQLModel.metadata)

SQLITE_BUSY_TIMEOUT_MS = 10_000


class DatabaseError(Exception):
    """The database cannot be reached or is not in a usable state."""


class Database:
    """One database: its engine, transactions and migrations."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = _make_engine(url)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work commits together at the end, or not at all."""
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads only; nothing it does is committed."""
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    def upgrade(self) -> None:
        """Bring the schema to the newest migration (creating it if empty)."""
        try:
            with self.engine.begin() as connection:
                config = _alembic_config(self.url)
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
        except DBAPIError as exc:
            raise DatabaseError(f"cannot upgrade {self.display_url}: {exc.orig}") from None

    def current_revision(self) -> str | None:
        try:
            with self.engine.connect() as connection:
                return MigrationContext.configure(connection).get_current_revision()
        except DBAPIError as exc:
            raise DatabaseError(f"cannot open {self.display_url}: {exc.orig}") from None

    @staticmethod
    def head_revision() -> str | None:
        return ScriptDirectory.from_config(_alembic_config("")).get_current_head()

    def exists(self) -> bool:
        """False for a SQLite file not created yet; looking must not create it."""
        path = sqlite_path(self.url)
        return path is None or path.exists()

    def table_names(self) -> list[str]:
        if not self.exists():
            return []
        try:
            return inspect(self.engine).get_table_names()
        except DBAPIError as exc:
            raise DatabaseError(f"cannot open {self.display_url}: {exc.orig}") from None

    def drop_schema(self) -> None:
        """Drop every caredesk table; only the demo rebuild does this."""
        SQLModel.metadata.drop_all(self.engine)
        with self.engine.begin() as connection:
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))

    def has_schema(self) -> bool:
        if not self.exists():
            return False
        try:
            return inspect(self.engine).has_table("alembic_version")
        except DBAPIError as exc:
            raise DatabaseError(f"cannot open {self.display_url}: {exc.orig}") from None

    def require_current(self) -> None:
        """Fail with advice when the schema is missing or behind the code."""
        if not self.has_schema():
            raise DatabaseError(
                f"{self.display_url} has no caredesk schema: run 'caredesk init' "
                "(or 'caredesk demo' for the demo desk)"
            )
        if self.current_revision() != self.head_revision():
            raise DatabaseError(
                f"{self.display_url} is at schema {self.current_revision()}, the code needs "
                f"{self.head_revision()}: run 'caredesk db upgrade'"
            )

    @property
    def display_url(self) -> str:
        """The URL with any password hidden, for messages."""
        return make_url(self.url).render_as_string(hide_password=True)

    def dispose(self) -> None:
        self.engine.dispose()


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other engines and memory."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def _make_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(
            f"not a database URL: {url!r}; try sqlite:///caredesk.db or "
            "postgresql+psycopg://user@host/dbname"
        ) from None
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    path = sqlite_path(url)
    if path is not None and not path.parent.exists():
        raise DatabaseError(f"folder {path.parent} does not exist for database {url}")
    try:
        connect_args = {"check_same_thread": False} if parsed.get_backend_name() == "sqlite" else {}
        engine = create_engine(parsed, connect_args=connect_args)
    except (ModuleNotFoundError, ArgumentError) as exc:
        raise DatabaseError(
            f"cannot use {parsed.drivername}: {exc}; for PostgreSQL install 'caredesk[postgres]'"
        ) from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _configure_sqlite)
    return engine


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files("caredesk.store") / "migrations"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config
