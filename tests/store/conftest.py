"""Real databases for the store tests: SQLite files here, PostgreSQL in tests/conftest.py."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from caredesk.store import Database


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
