"""SQLModel tables: the only description of the schema besides the migrations.

Portable across SQLite and PostgreSQL: JSON columns, no engine-only types.
Timestamps are stored as naive UTC and come back timezone-aware, because
SQLite keeps no offsets.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Index, Text, TypeDecorator, UniqueConstraint
from sqlmodel import Field, SQLModel


class UTCDateTime(TypeDecorator[datetime]):
    """Store aware datetimes as naive UTC; hand them back aware in UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("caredesk stores only timezone-aware datetimes")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


def _when(*, nullable: bool = False, index: bool = False) -> Any:
    column = Column(UTCDateTime(), nullable=nullable, index=index)
    if nullable:
        return Field(default=None, sa_column=column)
    return Field(default_factory=utcnow, sa_column=column)


def _json() -> Any:
    return Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class Customer(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    external_ref: str | None = Field(default=None, unique=True, max_length=64)
    name: str = Field(max_length=200)
    provisional: bool = False
    created_at: datetime = _when()


class Identity(SQLModel, table=True):
    """A handle on a network, linked to the customer who owns it."""

    __table_args__ = (UniqueConstraint("network", "handle"),)
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    network: str = Field(max_length=16)
    handle: str = Field(max_length=200)
    external_user_id: str | None = Field(default=None, max_length=100)
    display_name: str | None = Field(default=None, max_length=200)
    followers: int | None = None


class HeldDatum(SQLModel, table=True):
    """Personal data the company holds. Read and write values only through
    `store.held`, so encryption at rest can slot in there."""

    __tablename__ = "held_datum"
    __table_args__ = (UniqueConstraint("customer_id", "kind", "value"),)
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    kind: str = Field(max_length=32)
    value: str = Field(sa_column=Column(Text, nullable=False))
    verified_at: datetime | None = _when(nullable=True)
    verified_how: str | None = Field(default=None, max_length=100)
    source: str = Field(default="crm", max_length=64)
    created_at: datetime = _when()


class ContactPreference(SQLModel, table=True):
    """The customer's current contact preference; one row per customer."""

    __tablename__ = "contact_preference"
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(foreign_key="customer.id", unique=True)
    preferred_channel: str | None = Field(default=None, max_length=16)
    preferred_only: bool = False
    do_not_call: bool = False
    no_marketing: bool = False
    set_by: str = Field(max_length=100)
    set_at: datetime = _when()


class ContactLog(SQLModel, table=True):
    """Every contact on any channel, including other teams' calls.

    `fingerprint` makes re-imports idempotent without trusting any one column.
    """

    __tablename__ = "contact_log"
    id: int | None = Field(default=None, primary_key=True)
    fingerprint: str = Field(max_length=64, unique=True)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    at: datetime = _when()
    channel: str = Field(max_length=16)
    direction: str = Field(max_length=16)
    from_address: str = Field(default="", sa_column=Column(Text, nullable=False))
    team: str = Field(default="", max_length=64)
    agent: str = Field(default="", max_length=100)
    purpose: str = Field(default="", max_length=32)
    outcome: str = Field(default="", max_length=64)
    notes: str = Field(default="", sa_column=Column(Text, nullable=False))


class Agent(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100, unique=True)
    role: str = Field(max_length=16)
    active: bool = True
    created_at: datetime = _when()


class Case(SQLModel, table=True):
    __table_args__ = (Index("ix_case_queue", "status", "priority", "sla_due"),)
    id: int | None = Field(default=None, primary_key=True)
    customer_id: int = Field(foreign_key="customer.id", index=True)
    network: str = Field(max_length=16)
    visibility: str = Field(max_length=16)
    status: str = Field(default="open", max_length=16)
    priority: int = 3
    tags: list[str] = _json()
    queues: list[str] = _json()
    assignee_id: int | None = Field(default=None, foreign_key="agent.id")
    opened_at: datetime = _when()
    last_inbound_at: datetime | None = _when(nullable=True)
    sla_due: datetime | None = _when(nullable=True)
    updated_at: datetime = _when()


class Message(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("network", "external_id"),
        Index("ix_message_conversation", "network", "conversation_id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    network: str = Field(max_length=16)
    external_id: str = Field(max_length=300)
    conversation_id: str | None = Field(default=None, max_length=300)
    in_reply_to: str | None = Field(default=None, max_length=300)
    direction: str = Field(max_length=16)
    visibility: str = Field(max_length=16)
    author_identity_id: int | None = Field(default=None, foreign_key="identity.id")
    author_handle: str = Field(max_length=200)
    author_name: str | None = Field(default=None, max_length=200)
    text: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = _when(index=True)
    raw_payload: str = Field(default="", sa_column=Column(Text, nullable=False))


class MessageAnalysis(SQLModel, table=True):
    __tablename__ = "message_analysis"
    id: int | None = Field(default=None, primary_key=True)
    message_id: int = Field(foreign_key="message.id", unique=True)
    model_version: str = Field(max_length=64)
    complaint: float
    tags: dict[str, float] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    labels: list[str] = _json()
    pii: list[dict[str, Any]] = _json()
    preference: str | None = Field(default=None, max_length=32)
    signals: list[str] = _json()
    requests: list[str] = _json()


class AuditEvent(SQLModel, table=True):
    __tablename__ = "audit_event"
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = _when(index=True)
    actor: str = Field(max_length=100)
    action: str = Field(max_length=64)
    subject_type: str = Field(max_length=32)
    subject_id: str = Field(max_length=64)
    reason: str = Field(default="", sa_column=Column(Text, nullable=False))
    detail: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class IngestCursor(SQLModel, table=True):
    """How far a source has been read; committed with the posts it covers."""

    __tablename__ = "ingest_cursor"
    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(max_length=500, unique=True)
    position: str = Field(sa_column=Column(Text, nullable=False))
    updated_at: datetime = _when()


class Reject(SQLModel, table=True):
    """An input item that could not be used, kept whole with the reason."""

    __table_args__ = (UniqueConstraint("source", "location", "fingerprint"),)
    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(max_length=500)
    location: str = Field(max_length=100)
    reason: str = Field(sa_column=Column(Text, nullable=False))
    payload: str = Field(sa_column=Column(Text, nullable=False))
    fingerprint: str = Field(max_length=64)
    created_at: datetime = _when()


class DeskSetting(SQLModel, table=True):
    """Facts about this database itself, such as whether it holds demo data."""

    __tablename__ = "desk_setting"
    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(sa_column=Column(Text, nullable=False))
