"""Re-triage a case from everything stored about it: tags, queues, priority, SLA."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from caredesk import domain
from caredesk.config import Settings
from caredesk.policy.preferences import breaches
from caredesk.policy.triage import CaseFacts, TriageRules, sla_due, triage
from caredesk.store import Session
from caredesk.store import cases as case_store
from caredesk.store import contacts as contact_store
from caredesk.store import customers as customer_store
from caredesk.store.tables import ContactLog, ContactPreference


def retriage(case_ids: Iterable[int], settings: Settings, *, session: Session,
             now: datetime) -> None:
    """Recompute each case's triage from its messages, customer and contact log."""
    rules = TriageRules(
        high_visibility_followers=settings.queues.high_visibility_followers,
        repeat_contact_cases=settings.queues.repeat_contact_cases,
    )
    hours = {priority: settings.sla.hours_for(priority) for priority in domain.Priority}
    window = timedelta(days=settings.queues.repeat_contact_days)
    for case_id in sorted(set(case_ids)):
        case = case_store.get_case(case_id, session=session)
        if case is None:
            continue
        thread = case_store.messages_of_case(case_id, session=session)
        inbound = [(m, a) for m, a in thread if m.direction == domain.Direction.INBOUND.value]
        followers = max(
            (i.followers or 0 for i in customer_store.identities_of(case.customer_id,
                                                                    session=session)
             if i.network == case.network),
            default=0,
        )
        facts = CaseFacts(
            analyses=[case_store.analysis_from_row(a) for _, a in inbound if a is not None],
            public=case.visibility == domain.Visibility.PUBLIC.value,
            followers=followers,
            preference_breached=bool(breaches(*preference_facts(case.customer_id,
                                                               session=session))),
            recent_cases=case_store.count_cases_since(case.customer_id, case.opened_at - window,
                                                      session=session),
        )
        result = triage(facts, rules)
        case.priority = int(result.priority)
        case.queues = [queue.value for queue in result.queues]
        case.tags = list(result.tags)
        case.last_inbound_at = inbound[-1][0].created_at if inbound else None
        case.sla_due = sla_due(_awaiting_since(thread), result.priority, hours)
        case.updated_at = now
        session.add(case)
    session.flush()


def preference_facts(
    customer_id: int, *, session: Session
) -> tuple[domain.Preference, list[domain.Contact]]:
    """The customer's preference and contact log as the policy rules see them."""
    row = customer_store.preference_of(customer_id, session=session)
    contacts = contact_store.contacts_of(customer_id, session=session)
    return to_preference(row), [to_contact(c) for c in contacts]


def to_preference(row: ContactPreference | None) -> domain.Preference:
    if row is None:
        return domain.Preference()
    return domain.Preference(
        preferred=domain.ContactMethod(row.preferred_channel) if row.preferred_channel else None,
        preferred_only=row.preferred_only,
        do_not_call=row.do_not_call,
        no_marketing=row.no_marketing,
    )


def to_contact(row: ContactLog) -> domain.Contact:
    return domain.Contact(
        at=row.at,
        method=domain.ContactMethod(row.channel),
        direction=domain.Direction(row.direction),
        purpose=domain.ContactPurpose(row.purpose) if row.purpose else None,
        team=row.team,
    )


def _awaiting_since(thread: list) -> datetime | None:
    """The first inbound message after the brand last spoke; None if answered."""
    waiting: datetime | None = None
    for message, _ in thread:
        if message.direction == domain.Direction.OUTBOUND.value:
            waiting = None
        elif waiting is None:
            waiting = message.created_at
    return waiting
