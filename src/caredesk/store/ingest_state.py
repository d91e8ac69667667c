"""Ingest bookkeeping: how far each source has been read, and what it rejected."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from sqlmodel import Session, col, select

from caredesk.store.tables import IngestCursor, Reject


def cursor_of(source: str, *, session: Session) -> str | None:
    row = session.exec(select(IngestCursor).where(IngestCursor.source == source)).first()
    return None if row is None else row.position


def set_cursor(source: str, position: str, *, session: Session) -> None:
    row = session.exec(select(IngestCursor).where(IngestCursor.source == source)).first()
    if row is None:
        row = IngestCursor(source=source, position=position)
    row.position = position
    row.updated_at = datetime.now(UTC)
    session.add(row)
    session.flush()


def add_reject(source: str, location: str, reason: str, payload: str, *, session: Session) -> bool:
    """Keep a rejected item whole; the same item rejected again is kept once."""
    fingerprint = hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()
    exists = session.exec(
        select(Reject.id).where(
            Reject.source == source, Reject.location == location, Reject.fingerprint == fingerprint
        )
    ).first()
    if exists is not None:
        return False
    session.add(
        Reject(
            source=source, location=location, reason=reason, payload=payload,
            fingerprint=fingerprint,
        )
    )
    session.flush()
    return True


def list_rejects(*, session: Session, source: str | None = None) -> list[Reject]:
    query = select(Reject).order_by(col(Reject.id))
    if source is not None:
        query = query.where(Reject.source == source)
    return list(session.exec(query))
