"""Build the read models of services/views.py from stored rows.

Held values are masked here, before anything leaves the services layer.
"""

from __future__ import annotations

from datetime import datetime

from caredesk import domain
from caredesk.policy.masking import HIDDEN, mask
from caredesk.policy.phones import PhoneNumberError, canonical_phone
from caredesk.policy.preferences import breach_reason, describe
from caredesk.policy.triage import is_overdue
from caredesk.services.triage import to_contact, to_preference
from caredesk.services.views import (
    CaseDetail,
    ContactView,
    CustomerCard,
    HeldView,
    MessageView,
    PreferenceView,
    QueueRow,
)
from caredesk.store import Session
from caredesk.store import cases as case_store
from caredesk.store import contacts as contact_store
from caredesk.store import customers as customer_store
from caredesk.store import desk as desk_store
from caredesk.store.tables import (
    Case,
    ContactLog,
    Customer,
    Identity,
    Message,
    MessageAnalysis,
)

PREVIEW_CHARS = 120


def queue_rows(
    *, session: Session, now: datetime, status: domain.CaseStatus | None
) -> list[QueueRow]:
    rows = []
    for case, customer, assignee, count in case_store.list_cases(session=session, status=status):
        identities = customer_store.identities_of(customer.id or 0, session=session)
        rows.append(_queue_row(case, customer, identities, assignee, count, now=now,
                               session=session))
    return rows


def case_detail(case: Case, *, session: Session, now: datetime) -> CaseDetail:
    customer = customer_store.get_customer(case.customer_id, session=session)
    assert customer is not None, "a case always has a customer (foreign key)"
    identities = customer_store.identities_of(customer.id or 0, session=session)
    thread = case_store.messages_of_case(case.id or 0, session=session)
    assignee = desk_store.agent_name(case.assignee_id, session=session)
    row = _queue_row(case, customer, identities, assignee, len(thread), now=now, session=session)
    return CaseDetail(
        row=row,
        messages=tuple(_message_view(message, analysis) for message, analysis in thread),
        customer=_customer_card(customer, identities, session=session),
    )


def _queue_row(
    case: Case, customer: Customer, identities: list[Identity], assignee: str | None,
    message_count: int, *, now: datetime, session: Session,
) -> QueueRow:
    queues = tuple(domain.Queue(queue) for queue in case.queues)
    if is_overdue(case.sla_due, now) and case.status != domain.CaseStatus.CLOSED.value:
        queues = (*queues, domain.Queue.OVERDUE)
    handle = next((i.handle for i in identities if i.network == case.network), "")
    preview = case_store.latest_inbound_text(case.id or 0, session=session)
    return QueueRow(
        case_id=case.id or 0,
        priority=domain.Priority(case.priority),
        status=domain.CaseStatus(case.status),
        network=domain.Network(case.network),
        visibility=domain.Visibility(case.visibility),
        customer_name=customer.name,
        handle=handle,
        tags=tuple(case.tags),
        queues=queues,
        opened_at=case.opened_at,
        last_inbound_at=case.last_inbound_at,
        sla_due=case.sla_due,
        assignee=assignee,
        message_count=message_count,
        preview=" ".join(preview.split())[:PREVIEW_CHARS],
    )


def _message_view(message: Message, analysis: MessageAnalysis | None) -> MessageView:
    found = case_store.analysis_from_row(analysis) if analysis is not None else None
    return MessageView(
        id=message.id or 0,
        external_id=message.external_id,
        network=domain.Network(message.network),
        direction=domain.Direction(message.direction),
        visibility=domain.Visibility(message.visibility),
        author_handle=message.author_handle,
        author_name=message.author_name,
        text=message.text,
        created_at=message.created_at,
        complaint=found.complaint if found else None,
        labels=found.labels if found else (),
        pii=found.pii if found else (),
        signals=found.signals if found else (),
        requests=found.requests if found else (),
    )


def _customer_card(
    customer: Customer, identities: list[Identity], *, session: Session
) -> CustomerCard:
    customer_id = customer.id or 0
    preference_row = customer_store.preference_of(customer_id, session=session)
    rules_preference = to_preference(preference_row)
    preference = None
    if preference_row is not None:
        preference = PreferenceView(
            preferred=(domain.ContactMethod(preference_row.preferred_channel)
                       if preference_row.preferred_channel else None),
            preferred_only=preference_row.preferred_only,
            do_not_call=preference_row.do_not_call,
            no_marketing=preference_row.no_marketing,
            set_by=preference_row.set_by,
            set_at=preference_row.set_at,
            summary=describe(rules_preference),
        )
    return CustomerCard(
        id=customer_id,
        name=customer.name,
        external_ref=customer.external_ref,
        provisional=customer.provisional,
        identities=tuple((domain.Network(i.network), i.handle) for i in identities),
        held=tuple(
            HeldView(
                id=held_id,
                kind=datum.kind,
                masked=mask(datum.kind, datum.value),
                verified=datum.verified_at is not None,
                verified_how=datum.verified_how,
                source=datum.source,
            )
            for held_id, datum in customer_store.held_of(customer_id, session=session)
        ),
        preference=preference,
        contacts=tuple(
            _contact_view(entry, rules_preference)
            for entry in contact_store.contacts_of(customer_id, session=session)
        ),
    )


def _contact_view(entry: ContactLog, preference: domain.Preference) -> ContactView:
    direction = domain.Direction(entry.direction)
    channel = domain.ContactMethod(entry.channel)
    return ContactView(
        at=entry.at,
        channel=channel,
        direction=direction,
        from_=_sender(entry.from_address, channel, direction),
        team=entry.team,
        agent=entry.agent,
        purpose=entry.purpose,
        outcome=entry.outcome,
        notes=entry.notes,
        breach=breach_reason(preference, to_contact(entry)),
    )


def _sender(address: str, channel: domain.ContactMethod, direction: domain.Direction) -> str:
    """Our own numbers and mailboxes are shown; a customer's own address is held
    data, so it is masked like the rest of the card."""
    if direction is domain.Direction.OUTBOUND or not address:
        return address
    if channel is domain.ContactMethod.EMAIL or "@" in address:
        return mask(domain.HeldKind.EMAIL, address)
    try:
        return mask(domain.HeldKind.PHONE, canonical_phone(address))
    except PhoneNumberError:
        return HIDDEN
