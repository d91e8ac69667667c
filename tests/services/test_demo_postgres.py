"""The same demo on PostgreSQL as on SQLite: the SQL stays portable."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import pytest

from caredesk.config import load_settings
from caredesk.services.analysis import TextAnalyzer
from caredesk.services.demo import build_demo
from caredesk.services.desk import open_desk
from caredesk.store import Database

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def _queue(url: str) -> list[tuple[object, ...]]:
    desk = open_desk(load_settings(database_url=url, environ={}), clock=lambda: NOW)
    try:
        return [(r.priority, r.customer_name, r.tags, r.queues, r.sla_due, r.message_count)
                for r in desk.list_cases()]
    finally:
        desk.database.dispose()


@pytest.mark.postgres
def test_the_demo_builds_on_postgresql_exactly_as_on_sqlite(
    empty_pg: Database, analyzer: TextAnalyzer, tmp_path: Path
) -> None:
    sqlite_url = f"sqlite:///{tmp_path / 'demo.db'}"
    on_sqlite = build_demo(load_settings(database_url=sqlite_url, environ={}), now=NOW,
                           analyzer=analyzer)
    on_postgres = build_demo(load_settings(database_url=empty_pg.url, environ={}), now=NOW,
                             analyzer=analyzer)

    assert {**asdict(on_postgres), "database": ""} == {**asdict(on_sqlite), "database": ""}
    assert on_postgres.posts > 0
    assert _queue(empty_pg.url) == _queue(sqlite_url)

    rebuilt = build_demo(load_settings(database_url=empty_pg.url, environ={}), now=NOW,
                         analyzer=analyzer)
    assert rebuilt.posts == on_postgres.posts
