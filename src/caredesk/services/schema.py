"""Creating and upgrading a database, and opening one that is ready for work."""

from __future__ import annotations

from dataclasses import dataclass

from caredesk.config import Settings
from caredesk.store import Database


@dataclass(frozen=True)
class SchemaState:
    database: str
    before: str | None
    after: str | None

    @property
    def created(self) -> bool:
        return self.before is None


def upgrade_database(settings: Settings) -> SchemaState:
    """Create the schema or bring it to the newest migration."""
    database = Database(settings.database_url)
    try:
        before = database.current_revision() if database.has_schema() else None
        database.upgrade()
        return SchemaState(database.display_url, before, database.current_revision())
    finally:
        database.dispose()


def ready_database(settings: Settings) -> Database:
    """The configured database, checked to be at the schema this code needs."""
    database = Database(settings.database_url)
    database.require_current()
    return database
