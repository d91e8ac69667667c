"""The desk's own records: settings about the database, agents and the audit log."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlmodel import Session, SQLModel, select

from caredesk import domain
from caredesk.store.tables import Agent, AuditEvent, DeskSetting


def get_setting(key: str, *, session: Session) -> str | None:
    row = session.get(DeskSetting, key)
    return None if row is None else row.value


def set_setting(key: str, value: str, *, session: Session) -> None:
    row = session.get(DeskSetting, key) or DeskSetting(key=key, value=value)
    row.value = value
    session.add(row)
    session.flush()


def agent_by_name(name: str, *, session: Session) -> Agent | None:
    return session.exec(select(Agent).where(Agent.name == name)).first()


def agent_name(agent_id: int | None, *, session: Session) -> str | None:
    agent = None if agent_id is None else session.get(Agent, agent_id)
    return None if agent is None else agent.name


def list_agents(*, session: Session) -> list[Agent]:
    return list(session.exec(select(Agent).order_by(Agent.name)))


def add_agent(name: str, role: domain.Role, *, session: Session) -> Agent:
    agent = Agent(name=name, role=role.value)
    session.add(agent)
    session.flush()
    return agent


def record_audit(
    actor: str,
    action: str,
    subject_type: str,
    subject_id: str,
    *,
    session: Session,
    reason: str = "",
    detail: dict[str, Any] | None = None,
) -> None:
    session.add(
        AuditEvent(
            actor=actor, action=action, subject_type=subject_type, subject_id=subject_id,
            reason=reason, detail=detail or {},
        )
    )
    session.flush()


def count_rows(*, session: Session) -> dict[str, int]:
    """Rows per table, for summaries and for telling a fresh database from a used one."""
    counts: dict[str, int] = {}
    for table in SQLModel.metadata.sorted_tables:
        counts[table.name] = session.exec(select(func.count()).select_from(table)).one()
    return counts
