"""Cases, their messages and each message's analysis."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from caredesk import domain
from caredesk.store.tables import Agent, Case, Customer, Identity, Message, MessageAnalysis


def get_case(case_id: int, *, session: Session) -> Case | None:
    return session.get(Case, case_id)


def add_case(case: Case, *, session: Session) -> Case:
    session.add(case)
    session.flush()
    return case


def open_case_of(customer_id: int, network: domain.Network, *, session: Session) -> Case | None:
    """The customer's most recent case on the network that is not closed."""
    return session.exec(
        select(Case)
        .where(
            Case.customer_id == customer_id,
            Case.network == network.value,
            Case.status != domain.CaseStatus.CLOSED.value,
        )
        .order_by(col(Case.id).desc())
    ).first()


def count_cases_since(customer_id: int, since: datetime, *, session: Session) -> int:
    return session.exec(
        select(func.count())
        .select_from(Case)
        .where(Case.customer_id == customer_id, col(Case.opened_at) >= since)
    ).one()


def known_external_ids(
    network: domain.Network, external_ids: Iterable[str], *, session: Session
) -> set[str]:
    """Which of these ids are stored already, so a re-run adds nothing twice."""
    ids = list(external_ids)
    if not ids:
        return set()
    found: set[str] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        found.update(
            session.exec(
                select(Message.external_id).where(
                    Message.network == network.value, col(Message.external_id).in_(chunk)
                )
            )
        )
    return found


def case_of_message(
    network: domain.Network, external_id: str, *, session: Session,
    customer_id: int | None = None,
) -> int | None:
    """The case holding a message; with `customer_id`, only if it is that customer's."""
    query = select(Message.case_id).where(
        Message.network == network.value, Message.external_id == external_id
    )
    if customer_id is not None:
        query = query.join(Case, col(Case.id) == Message.case_id).where(
            Case.customer_id == customer_id)
    return session.exec(query).first()


def case_of_conversation(
    network: domain.Network, conversation_id: str, *, session: Session,
    customer_id: int | None = None,
) -> int | None:
    """The latest case with a message in the conversation; with `customer_id`, the
    latest of that customer's."""
    query = (
        select(Message.case_id)
        .where(Message.network == network.value, Message.conversation_id == conversation_id)
        .order_by(col(Message.id).desc())
    )
    if customer_id is not None:
        query = query.join(Case, col(Case.id) == Message.case_id).where(
            Case.customer_id == customer_id)
    return session.exec(query).first()


def add_message(
    message: Message, analysis: domain.Analysis | None, model_version: str, *, session: Session
) -> Message:
    session.add(message)
    session.flush()
    if analysis is not None:
        session.add(
            MessageAnalysis(
                message_id=message.id or 0,
                model_version=model_version,
                complaint=analysis.complaint,
                tags=dict(analysis.tags),
                labels=list(analysis.labels),
                pii=[{**asdict(span), "label": span.label.value} for span in analysis.pii],
                preference=analysis.preference.value if analysis.preference else None,
                signals=[signal.value for signal in analysis.signals],
                requests=[request.value for request in analysis.requests],
            )
        )
        session.flush()
    return message


def messages_of_case(
    case_id: int, *, session: Session
) -> list[tuple[Message, MessageAnalysis | None]]:
    """The thread in the order it happened, each message with its analysis."""
    rows = session.exec(
        select(Message, MessageAnalysis)
        .join(MessageAnalysis, col(MessageAnalysis.message_id) == Message.id, isouter=True)
        .where(Message.case_id == case_id)
        .order_by(col(Message.created_at), col(Message.id))
    )
    return [(message, analysis) for message, analysis in rows]


def analysis_from_row(row: MessageAnalysis) -> domain.Analysis:
    return domain.Analysis(
        complaint=row.complaint,
        tags=dict(row.tags),
        labels=tuple(row.labels),
        pii=tuple(
            domain.PiiSpan(
                label=domain.PiiLabel(span["label"]),
                start=span["start"],
                end=span["end"],
                text=span["text"],
            )
            for span in row.pii
        ),
        preference=domain.StatedPreference(row.preference) if row.preference else None,
        signals=tuple(domain.Signal(signal) for signal in row.signals),
        requests=tuple(domain.RequestKind(request) for request in row.requests),
    )


def list_cases(
    *, session: Session, status: domain.CaseStatus | None = None
) -> list[tuple[Case, Customer, str | None, int]]:
    """Cases with their customer, assignee name and message count, most urgent first."""
    message_count = (
        select(func.count()).where(Message.case_id == Case.id).correlate(Case).scalar_subquery()
    )
    query = (
        select(Case, Customer, Agent.name, message_count)
        .join(Customer, col(Customer.id) == Case.customer_id)
        .join(Agent, col(Agent.id) == Case.assignee_id, isouter=True)
        .order_by(col(Case.priority), col(Case.sla_due).is_(None), col(Case.sla_due), col(Case.id))
    )
    if status is not None:
        query = query.where(Case.status == status.value)
    return [(case, customer, agent, count) for case, customer, agent, count in session.exec(query)]


def latest_inbound_text(case_id: int, *, session: Session) -> str:
    text = session.exec(
        select(Message.text)
        .where(Message.case_id == case_id, Message.direction == domain.Direction.INBOUND.value)
        .order_by(col(Message.created_at).desc(), col(Message.id).desc())
    ).first()
    return text or ""


def author_identity(identity_id: int, *, session: Session) -> Identity | None:
    return session.get(Identity, identity_id)


def open_case_ids_of(customer_ids: Iterable[int], *, session: Session) -> list[int]:
    ids = list(customer_ids)
    if not ids:
        return []
    return list(
        session.exec(
            select(Case.id).where(
                col(Case.customer_id).in_(ids), Case.status != domain.CaseStatus.CLOSED.value
            )
        )
    )
