"""Customers, their identities on each network, held data and preferences.

Held values are read and written only here (`add_held`, `held_of`,
`held_value`), so encryption at rest can slot into these functions.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, select

from caredesk import domain
from caredesk.store.tables import (
    Case,
    ContactLog,
    ContactPreference,
    Customer,
    HeldDatum,
    Identity,
)


def customer_by_ref(external_ref: str, *, session: Session) -> Customer | None:
    return session.exec(select(Customer).where(Customer.external_ref == external_ref)).first()


def get_customer(customer_id: int, *, session: Session) -> Customer | None:
    return session.get(Customer, customer_id)


def add_customer(
    name: str, *, session: Session, external_ref: str | None = None, provisional: bool = False
) -> Customer:
    customer = Customer(name=name, external_ref=external_ref, provisional=provisional)
    session.add(customer)
    session.flush()
    return customer


def find_identity(
    network: domain.Network, handle: str, *, session: Session, external_user_id: str | None = None
) -> Identity | None:
    """Match on the network's stable user id first, then on the handle."""
    if external_user_id:
        found = session.exec(
            select(Identity).where(
                Identity.network == network.value, Identity.external_user_id == external_user_id
            )
        ).first()
        if found is not None:
            return found
    return session.exec(
        select(Identity).where(
            Identity.network == network.value, Identity.handle == normalise_handle(handle)
        )
    ).first()


def link_identity(
    customer_id: int,
    network: domain.Network,
    handle: str,
    *,
    session: Session,
    external_user_id: str | None = None,
    display_name: str | None = None,
    followers: int | None = None,
) -> Identity:
    identity = Identity(
        customer_id=customer_id,
        network=network.value,
        handle=normalise_handle(handle),
        external_user_id=external_user_id,
        display_name=display_name,
        followers=followers,
    )
    session.add(identity)
    session.flush()
    return identity


def identities_of(customer_id: int, *, session: Session) -> list[Identity]:
    return list(
        session.exec(
            select(Identity).where(Identity.customer_id == customer_id).order_by(Identity.network)
        )
    )


def normalise_handle(handle: str) -> str:
    """Handles compare case-insensitively and without a leading @."""
    return handle.strip().lstrip("@").lower()


def add_held(customer_id: int, datum: domain.HeldDatum, *, session: Session) -> bool:
    """Store a held datum unless the customer already has it; True if added."""
    exists = session.exec(
        select(HeldDatum.id).where(
            HeldDatum.customer_id == customer_id,
            HeldDatum.kind == datum.kind.value,
            HeldDatum.value == datum.value,
        )
    ).first()
    if exists is not None:
        return False
    session.add(
        HeldDatum(
            customer_id=customer_id,
            kind=datum.kind.value,
            value=datum.value,
            verified_at=datum.verified_at,
            verified_how=datum.verified_how,
            source=datum.source,
        )
    )
    session.flush()
    return True


def held_of(customer_id: int, *, session: Session) -> list[tuple[int, domain.HeldDatum]]:
    rows = session.exec(
        select(HeldDatum).where(HeldDatum.customer_id == customer_id).order_by(HeldDatum.id)
    )
    return [
        (
            row.id or 0,
            domain.HeldDatum(
                kind=domain.HeldKind(row.kind),
                value=row.value,
                verified_at=row.verified_at,
                verified_how=row.verified_how,
                source=row.source,
            ),
        )
        for row in rows
    ]


def set_preference(
    customer_id: int,
    *,
    session: Session,
    preferred_channel: domain.ContactMethod | None,
    preferred_only: bool,
    do_not_call: bool,
    no_marketing: bool,
    set_by: str,
    set_at: datetime,
) -> bool:
    """Record the customer's preference; True if it changed anything."""
    row = preference_of(customer_id, session=session)
    values = {
        "preferred_channel": preferred_channel.value if preferred_channel else None,
        "preferred_only": preferred_only,
        "do_not_call": do_not_call,
        "no_marketing": no_marketing,
    }
    if row is None:
        row = ContactPreference(customer_id=customer_id, set_by=set_by, set_at=set_at, **values)
    elif all(getattr(row, key) == value for key, value in values.items()):
        return False
    else:
        for key, value in values.items():
            setattr(row, key, value)
        row.set_by, row.set_at = set_by, set_at
    session.add(row)
    session.flush()
    return True


def preference_of(customer_id: int, *, session: Session) -> ContactPreference | None:
    return session.exec(
        select(ContactPreference).where(ContactPreference.customer_id == customer_id)
    ).first()


def merge_customer(source_id: int, into_id: int, *, session: Session) -> None:
    """Fold a provisional customer into a known one: identities, cases, held data
    and contacts move over; the known customer's own preference stands.
    Customers from the CRM are never merged away."""
    source = session.get(Customer, source_id)
    if source is None or not source.provisional:
        raise ValueError(f"customer {source_id} is not provisional; it cannot be merged away")
    for model in (Identity, Case, ContactLog):
        for row in session.exec(select(model).where(model.customer_id == source_id)):
            row.customer_id = into_id
            session.add(row)
    for held_id, datum in held_of(source_id, session=session):
        add_held(into_id, datum, session=session)
        session.delete(session.get(HeldDatum, held_id))
    preference = preference_of(source_id, session=session)
    if preference is not None:
        session.delete(preference)
    session.flush()
    session.delete(source)
    session.flush()
