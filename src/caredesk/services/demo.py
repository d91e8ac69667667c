"""The demo desk: a fictional operator's CRM, contact log and social posts,
loaded through the real import and ingest path.

The bundled timestamps are shifted so the newest post is minutes old, which
keeps SLA clocks meaningful whenever the demo is built.
"""

from __future__ import annotations

import csv
import json
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path

from caredesk import domain
from caredesk.config import DEFAULT_DATABASE_URL, Settings
from caredesk.ingest import JsonlConnector
from caredesk.services.analysis import TextAnalyzer, load_analyzer
from caredesk.services.errors import DemoRefused
from caredesk.services.imports import import_contacts, import_customers
from caredesk.services.ingest import ingest
from caredesk.store import Database
from caredesk.store import cases as case_store
from caredesk.store import desk as desk_store
from caredesk.store.database import sqlite_path

DEFAULT_DEMO_URL = "sqlite:///caredesk-demo.db"
CONTENT_KEY = "content"
DEMO_CONTENT = "demo"
DEMO_AGENTS = (
    ("alex", domain.Role.AGENT),
    ("sam", domain.Role.SUPERVISOR),
    ("morgan", domain.Role.ADMIN),
)
NEWEST_POST_AGE = timedelta(minutes=7)
DEMO_BRAND_ACCOUNTS = {
    domain.Network.X: ("northwindcare",),
    domain.Network.MASTODON: ("northwindcare@social.example.com",),
    domain.Network.BLUESKY: ("care.northwind.example.com",),
}
"""Northwind Mobile, the fictional operator of the demo data."""


@dataclass
class DemoSummary:
    database: str
    customers: int = 0
    contacts: int = 0
    posts: int = 0
    cases: int = 0
    rejected: int = 0
    tags: dict[str, int] = field(default_factory=dict)
    queues: dict[str, int] = field(default_factory=dict)
    agents: list[str] = field(default_factory=list)


def for_reading(settings: Settings) -> tuple[Settings, bool]:
    """Settings for a read-only command, and whether they point at the demo.

    Someone who has just run `caredesk demo` expects `caredesk cases` to show
    it: when the default database is the configured one and does not exist
    here, but a demo database does, read the demo.
    """
    default, demo = sqlite_path(DEFAULT_DATABASE_URL), sqlite_path(DEFAULT_DEMO_URL)
    if (
        settings.database_url != DEFAULT_DATABASE_URL
        or default is None or default.exists()
        or demo is None or not demo.exists()
    ):
        return settings, False
    return replace(settings, database_url=DEFAULT_DEMO_URL), True


def demo_file(name: str) -> Path:
    return Path(str(resources.files("caredesk.services") / "demo_data" / name))


def build_demo(
    settings: Settings,
    *,
    now: datetime | None = None,
    analyzer: TextAnalyzer | None = None,
    progress: Callable[[str], None] | None = None,
) -> DemoSummary:
    """Build a fresh demo database at `settings.database_url`."""
    now = now or datetime.now(UTC)
    settings = replace(settings, brand_accounts=DEMO_BRAND_ACCOUNTS)
    say = progress or (lambda _message: None)
    database = Database(settings.database_url)
    try:
        _clear_previous_demo(database)
        database.upgrade()
        with database.transaction() as session:
            desk_store.set_setting(CONTENT_KEY, DEMO_CONTENT, session=session)
            for name, role in DEMO_AGENTS:
                desk_store.add_agent(name, role, session=session)
        def clock() -> datetime:
            return now

        summary = DemoSummary(database=database.display_url, agents=[n for n, _ in DEMO_AGENTS])
        with tempfile.TemporaryDirectory(prefix="caredesk-demo-") as folder:
            shift = _shift_to(now)
            contacts, posts = _shifted_copies(Path(folder), shift)
            say("importing customers")
            customers = import_customers(database, demo_file("customers.csv"), settings,
                                         actor="demo", clock=clock)
            say("importing the contact log")
            contact_report = import_contacts(database, contacts, settings, actor="demo",
                                             clock=clock)
            say("loading the NLP pipeline")
            analyzer = analyzer or load_analyzer(settings)
            say("ingesting posts")
            post_report = ingest(database, JsonlConnector(str(posts)), analyzer, settings,
                                 clock=clock)
        summary.customers = customers.added
        summary.contacts = contact_report.added
        summary.posts = post_report.added
        summary.cases = post_report.cases_opened
        summary.rejected = (len(customers.rejected) + len(contact_report.rejected)
                            + len(post_report.rejected))
        _count_triage(database, summary)
        return summary
    finally:
        database.dispose()


def _clear_previous_demo(database: Database) -> None:
    """Drop an earlier demo; refuse to touch anything else."""
    if not database.has_schema():
        if database.table_names():
            raise DemoRefused(
                f"{database.display_url} holds tables that are not caredesk's; "
                "give the demo its own database with --db"
            )
        return
    with database.reading() as session:
        content = desk_store.get_setting(CONTENT_KEY, session=session)
        counts = desk_store.count_rows(session=session)
    if content != DEMO_CONTENT and (counts.get("customer") or counts.get("message")):
        raise DemoRefused(
            f"{database.display_url} holds data that is not the demo's "
            f"({counts.get('customer', 0)} customers, {counts.get('message', 0)} messages); "
            "the demo never overwrites it: use --db sqlite:///caredesk-demo.db"
        )
    database.drop_schema()


def _shift_to(now: datetime) -> timedelta:
    with demo_file("posts.jsonl").open(encoding="utf-8") as stream:
        newest = max(datetime.fromisoformat(json.loads(line)["created_at"])
                     for line in stream if line.strip())
    shift = now - NEWEST_POST_AGE - newest
    return timedelta(minutes=int(shift.total_seconds() // 60))


def _shifted_copies(folder: Path, shift: timedelta) -> tuple[Path, Path]:
    """Copies of the contact log and posts with every timestamp moved by `shift`."""
    contacts = folder / "contacts.csv"
    with demo_file("contacts.csv").open(encoding="utf-8", newline="") as source, \
            contacts.open("w", encoding="utf-8", newline="") as target:
        reader = csv.DictReader(source)
        writer = csv.DictWriter(target, fieldnames=reader.fieldnames or [])
        writer.writeheader()
        for row in reader:
            row["at"] = (datetime.fromisoformat(row["at"]) + shift).isoformat()
            writer.writerow(row)
    posts = folder / "posts.jsonl"
    with demo_file("posts.jsonl").open(encoding="utf-8") as source, \
            posts.open("w", encoding="utf-8") as target:
        for line in source:
            if not line.strip():
                continue
            post = json.loads(line)
            post["created_at"] = (datetime.fromisoformat(post["created_at"]) + shift).isoformat()
            target.write(json.dumps(post, ensure_ascii=False) + "\n")
    return contacts, posts


def _count_triage(database: Database, summary: DemoSummary) -> None:
    with database.reading() as session:
        tags: Counter[str] = Counter()
        queues: Counter[str] = Counter()
        for case, _customer, _agent, _count in case_store.list_cases(session=session):
            tags.update(case.tags)
            queues.update(case.queues)
    summary.tags = dict(tags.most_common())
    summary.queues = dict(queues.most_common())
