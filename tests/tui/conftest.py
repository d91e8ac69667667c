"""Fixtures for the TUI tests: the real demo desk on a fixed clock.

The demo database is built once per test process (it runs the NLP pipeline,
which is the slow part) and every test opens its own Desk on it. The tests
only read, so they share the file; a test that writes must copy it first.

One extra post with hostile markup in its text, author handle and name is
ingested into a second copy through the real ingest path, so the markup tests
exercise exactly what a connector would deliver.
"""

from __future__ import annotations

import asyncio
import html
import inspect
import json
import re
import shutil
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.app import App
from textual.pilot import Pilot

from caredesk.config import Settings, load_settings
from caredesk.ingest import JsonlConnector
from caredesk.services.analysis import load_analyzer
from caredesk.services.demo import build_demo
from caredesk.services.desk import Desk, open_desk
from caredesk.services.ingest import ingest
from caredesk.store import Database
from caredesk.tui.app import CaredeskApp

FIXED_NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
SIZE = (140, 45)
SETTLE_TIMEOUT = 10.0
HOSTILE = "[@click=app.quit] [/bold] [b]x"
HOSTILE_HANDLE = "[/"
HOSTILE_NAME = "[@click=app.bell]Care Team[/]"


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests on a fresh event loop, as Textual's Pilot needs.

    Saves a plugin dependency for the one thing these tests need from one.
    """
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True


def _settings(path: Path) -> Settings:
    # environ={} keeps a developer's CAREDESK_CONFIG out of the tests.
    return load_settings(database_url=f"sqlite:///{path}", environ={})


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo(_settings(path), now=FIXED_NOW)
    return path


@pytest.fixture(scope="session")
def hostile_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo plus one public post whose every field is hostile markup."""
    folder = tmp_path_factory.mktemp("hostile")
    path = folder / "hostile.db"
    shutil.copy(demo_db, path)
    post = {
        "network": "x",
        "id": "9999999999999999991",
        "conversation_id": "9999999999999999991",
        "visibility": "public",
        "direction": "inbound",
        "author": {"id": "9999999999999999990", "handle": HOSTILE_HANDLE,
                   "name": HOSTILE_NAME, "followers": 12},
        "text": HOSTILE,
        "created_at": (FIXED_NOW - timedelta(minutes=3)).isoformat(),
    }
    posts = folder / "hostile.jsonl"
    posts.write_text(json.dumps(post) + "\n", encoding="utf-8")
    settings = _settings(path)
    database = Database(settings.database_url)
    try:
        report = ingest(database, JsonlConnector(str(posts)), load_analyzer(settings), settings,
                        clock=lambda: FIXED_NOW)
    finally:
        database.dispose()
    assert report.added == 1, report
    return path


@pytest.fixture
def desk(demo_db: Path) -> Desk:
    return open_desk(_settings(demo_db), agent="alex", clock=lambda: FIXED_NOW)


@pytest.fixture
def hostile_desk(hostile_db: Path) -> Desk:
    return open_desk(_settings(hostile_db), agent="alex", clock=lambda: FIXED_NOW)


@pytest.fixture
def app(desk: Desk) -> CaredeskApp:
    return CaredeskApp(desk)


async def _settle(pilot: Pilot[None]) -> None:
    """Wait until every Desk worker has answered and the answers are on screen.

    A screen shows a loading indicator until its answer is rendered, so "no
    worker running and nothing loading" is the moment a screen is complete.
    """
    app = pilot.app
    deadline = time.monotonic() + SETTLE_TIMEOUT
    while True:
        await app.workers.wait_for_complete()
        await pilot.pause()
        busy = any(worker.is_running for worker in app.workers) or any(
            widget.loading for widget in app.screen.query("*")
        )
        if not busy:
            break
        assert time.monotonic() < deadline, "the desk did not answer in time"
    await pilot.pause()


_SVG_TEXT = re.compile(
    r'<text [^>]*?x="([\d.]+)"[^>]*clip-path="url\(#[\w-]*line-(\d+)\)"[^>]*>(.*?)</text>'
)
_CELL_WIDTH = 12.2  # rich's export_svg: one terminal cell in SVG units


def screen_text(app: App[None]) -> str:
    """The screen as plain text, one line per terminal row, from a screenshot.

    Reading the exported screenshot checks what is actually drawn, not what a
    widget was given: a masked value that some other widget leaks still fails.
    """
    rows: dict[int, dict[int, str]] = {}
    for match in _SVG_TEXT.finditer(app.export_screenshot()):
        x, line, text = float(match[1]), int(match[2]), html.unescape(match[3])
        row = rows.setdefault(line, {})
        column = round(x / _CELL_WIDTH)
        for char in text.replace("\xa0", " "):
            row[column] = char
            column += max(cell_len(char), 1)
    lines = []
    for line in range(max(rows, default=-1) + 1):
        row = rows.get(line, {})
        lines.append("".join(row.get(col, " ") for col in range(max(row, default=-1) + 1)))
    return "\n".join(line.rstrip() for line in lines)


@pytest.fixture
def read_screen() -> Callable[[App[None]], str]:
    """`read_screen(app)`: the screen as plain text."""
    return screen_text


@pytest.fixture
def settle() -> Callable[[Pilot[None]], Awaitable[None]]:
    """`await settle(pilot)`: wait for the Desk workers and their messages."""
    return _settle
