"""Read models the services hand to the TUI, CLI and exports.

They are plain frozen dataclasses of domain values, so screens never see a
database row and never hold a raw held value: `HeldView` carries only the
masked form; revealing goes through a service that audits it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from caredesk.domain import (
    CaseStatus,
    ContactMethod,
    Direction,
    HeldKind,
    Network,
    PiiSpan,
    Priority,
    Queue,
    RequestKind,
    Signal,
    Visibility,
)


def span(delta: timedelta) -> str:
    """A duration in its single largest unit: `<1m`, `45m`, `3h`, `2d`.

    Queues are scanned, not read; one unit is enough to compare rows. The TUI
    and the CLI both show ages and SLA clocks this way.
    """
    seconds = max(int(delta.total_seconds()), 0)
    if seconds < 60:
        return "<1m"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes}m"
    hours = minutes // 60
    if hours < 24:
        return f"{hours}h"
    return f"{hours // 24}d"


@dataclass(frozen=True)
class QueueRow:
    """One case as a line in the queue."""

    case_id: int
    priority: Priority
    status: CaseStatus
    network: Network
    visibility: Visibility
    customer_name: str
    handle: str
    tags: tuple[str, ...]
    queues: tuple[Queue, ...]
    opened_at: datetime
    last_inbound_at: datetime | None
    sla_due: datetime | None
    assignee: str | None
    message_count: int
    preview: str


@dataclass(frozen=True)
class MessageView:
    id: int
    external_id: str
    network: Network
    direction: Direction
    visibility: Visibility
    author_handle: str
    author_name: str | None
    text: str
    created_at: datetime
    complaint: float | None
    labels: tuple[str, ...]
    pii: tuple[PiiSpan, ...]
    signals: tuple[Signal, ...]
    requests: tuple[RequestKind, ...]


@dataclass(frozen=True)
class HeldView:
    """A held datum as an agent may see it before revealing: masked."""

    id: int
    kind: HeldKind
    masked: str
    verified: bool
    verified_how: str | None
    source: str


@dataclass(frozen=True)
class PreferenceView:
    preferred: ContactMethod | None
    preferred_only: bool
    do_not_call: bool
    no_marketing: bool
    set_by: str
    set_at: datetime
    summary: str


@dataclass(frozen=True)
class ContactView:
    """A contact-log entry. `from_` is masked when it is the customer's own
    address; `breach` says why an outbound contact went against the preference."""

    at: datetime
    channel: ContactMethod
    direction: Direction
    from_: str
    team: str
    agent: str
    purpose: str
    outcome: str
    notes: str
    breach: str | None = None


@dataclass(frozen=True)
class CustomerCard:
    id: int
    name: str
    external_ref: str | None
    provisional: bool
    identities: tuple[tuple[Network, str], ...]
    held: tuple[HeldView, ...]
    preference: PreferenceView | None
    contacts: tuple[ContactView, ...]


@dataclass(frozen=True)
class CaseDetail:
    row: QueueRow
    messages: tuple[MessageView, ...]
    customer: CustomerCard
