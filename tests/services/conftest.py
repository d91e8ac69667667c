"""A real SQLite database at the newest schema, and the real analyzer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from caredesk.config import Settings, load_settings
from caredesk.domain import Network
from caredesk.services.analysis import TextAnalyzer, load_analyzer
from caredesk.services.schema import upgrade_database
from caredesk.store import Database


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    from dataclasses import replace

    base = load_settings(database_url=f"sqlite:///{tmp_path / 'desk.db'}", environ={})
    return replace(base, brand_accounts={Network.X: ("northwindcare",)})


@pytest.fixture
def database(settings: Settings) -> Iterator[Database]:
    upgrade_database(settings)
    database = Database(settings.database_url)
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def analyzer() -> TextAnalyzer:
    return load_analyzer(load_settings(environ={}))
