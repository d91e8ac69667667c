"""The Desk: one agent's handle on one database, for the TUI and the CLI.

Every method opens its own short session, so a Desk can be used from the
TUI's worker threads.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from caredesk import domain
from caredesk.config import Settings
from caredesk.services import case_views
from caredesk.services.errors import AgentNotFound, CaseNotFound
from caredesk.services.views import CaseDetail, QueueRow
from caredesk.store import Database
from caredesk.store import cases as case_store
from caredesk.store import desk as desk_store

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


class Desk:
    def __init__(
        self, database: Database, settings: Settings, *, agent: str | None = None,
        clock: Clock = system_clock,
    ) -> None:
        self.database = database
        self.settings = settings
        self.agent = agent
        self._clock = clock

    def now(self) -> datetime:
        return self._clock()

    def list_cases(
        self, *, status: domain.CaseStatus | None = domain.CaseStatus.OPEN
    ) -> list[QueueRow]:
        """Cases, most urgent first, then by the soonest SLA."""
        with self.database.reading() as session:
            return case_views.queue_rows(session=session, now=self.now(), status=status)

    def case_detail(self, case_id: int) -> CaseDetail:
        with self.database.reading() as session:
            case = case_store.get_case(case_id, session=session)
            if case is None:
                raise CaseNotFound(case_id)
            return case_views.case_detail(case, session=session, now=self.now())


def open_desk(
    settings: Settings, *, agent: str | None = None, clock: Clock | None = None
) -> Desk:
    """Open the configured database for work; it must exist at the current schema."""
    database = Database(settings.database_url)
    database.require_current()
    if agent is not None:
        with database.reading() as session:
            if desk_store.agent_by_name(agent, session=session) is None:
                raise AgentNotFound(agent)
    return Desk(database, settings, agent=agent, clock=clock or system_clock)
