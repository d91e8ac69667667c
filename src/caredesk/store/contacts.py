"""The contact log: every contact with a customer on any channel."""

from __future__ import annotations

from sqlmodel import Session, select

from caredesk.store.tables import ContactLog


def add_contact(entry: ContactLog, *, session: Session) -> bool:
    """Add a log entry unless one with the same fingerprint exists; True if added."""
    exists = session.exec(
        select(ContactLog.id).where(ContactLog.fingerprint == entry.fingerprint)
    ).first()
    if exists is not None:
        return False
    session.add(entry)
    session.flush()
    return True


def contacts_of(customer_id: int, *, session: Session) -> list[ContactLog]:
    """The customer's contacts, newest first."""
    return list(
        session.exec(
            select(ContactLog)
            .where(ContactLog.customer_id == customer_id)
            .order_by(ContactLog.at.desc())  # type: ignore[attr-defined]
        )
    )
