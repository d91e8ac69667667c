"""Reading the desk's bookkeeping (rejects, agents) and adding agents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from caredesk import domain
from caredesk.services.errors import ServiceError
from caredesk.store import Database, ingest_state
from caredesk.store import desk as desk_store


@dataclass(frozen=True)
class RejectView:
    id: int
    source: str
    location: str
    reason: str
    payload: str
    created_at: datetime


@dataclass(frozen=True)
class AgentView:
    name: str
    role: domain.Role
    active: bool


def list_rejects(database: Database, *, source: str | None = None) -> list[RejectView]:
    with database.reading() as session:
        return [
            RejectView(r.id or 0, r.source, r.location, r.reason, r.payload, r.created_at)
            for r in ingest_state.list_rejects(session=session, source=source)
        ]


def list_agents(database: Database) -> list[AgentView]:
    with database.reading() as session:
        return [AgentView(a.name, domain.Role(a.role), a.active)
                for a in desk_store.list_agents(session=session)]


def add_agent(database: Database, name: str, role: domain.Role, *, actor: str) -> AgentView:
    """Add an agent; audited, since roles decide who may reveal and export."""
    name = domain.clean_text(name).strip()
    if not name or len(name) > 100 or any(ch.isspace() for ch in name):
        raise ServiceError(f"agent name {name!r}: use 1-100 characters without spaces")
    with database.transaction() as session:
        if desk_store.agent_by_name(name, session=session) is not None:
            raise ServiceError(f"agent {name!r} exists already; see 'caredesk agents'")
        desk_store.add_agent(name, role, session=session)
        desk_store.record_audit(actor, "agent.add", "agent", name, session=session,
                                detail={"role": role.value})
    return AgentView(name, role, True)
