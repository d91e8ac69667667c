"""Importing the CRM: customers with their held data and preferences, and the
contact log. Values from the CRM count as verified.

Rows commit in chunks; a bad row is reported with its line and reason, kept
in the rejects table, and the rest of the file goes on. Re-importing the same
file changes nothing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from caredesk import domain
from caredesk.config import Settings
from caredesk.policy.phones import PhoneNumberError, canonical_phone
from caredesk.services.csv_rows import BadRow, CsvRow, RowError, parse_bool, read_rows
from caredesk.services.ingest import RejectNote
from caredesk.services.triage import retriage
from caredesk.store import Database, Session, ingest_state
from caredesk.store import cases as case_store
from caredesk.store import contacts as contact_store
from caredesk.store import customers as customer_store
from caredesk.store import desk as desk_store
from caredesk.store.tables import ContactLog

CUSTOMER_COLUMNS = (
    "customer_id", "name", "email", "phone", "dob", "postcode", "address", "account_number",
    "x_handle", "mastodon_handle", "bluesky_handle", "preferred_channel", "do_not_call",
    "no_marketing",
)
"""Required columns; `preferred_only` (true: the preferred channel and no other) is optional."""

CONTACT_COLUMNS = (
    "customer_id", "at", "channel", "direction", "from", "team", "agent", "purpose", "outcome",
    "notes",
)

CHUNK_ROWS = 500
MAX_HANDLE_CHARS = 200

_E = TypeVar("_E", bound=StrEnum)

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")
_X_HANDLE = re.compile(r"^[A-Za-z0-9_]{1,15}$")
_FEDIVERSE_HANDLE = re.compile(r"^[A-Za-z0-9_.-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
_BLUESKY_HANDLE = re.compile(r"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")

_HANDLE_COLUMNS = (
    ("x_handle", domain.Network.X, _X_HANDLE),
    ("mastodon_handle", domain.Network.MASTODON, _FEDIVERSE_HANDLE),
    ("bluesky_handle", domain.Network.BLUESKY, _BLUESKY_HANDLE),
)


@dataclass
class ImportReport:
    source: str
    rows: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[RejectNote] = field(default_factory=list)


RowApplier = Callable[[CsvRow, Session, datetime], str]
"""Applies one row and says what happened: 'added', 'updated' or 'unchanged'."""


def import_customers(
    database: Database, path: Path, settings: Settings, *, actor: str = "import",
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> ImportReport:
    return _import(database, path, "customers", CUSTOMER_COLUMNS, _apply_customer, settings,
                   actor=actor, clock=clock)


def import_contacts(
    database: Database, path: Path, settings: Settings, *, actor: str = "import",
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> ImportReport:
    return _import(database, path, "contacts", CONTACT_COLUMNS, _apply_contact, settings,
                   actor=actor, clock=clock)


def _import(
    database: Database, path: Path, kind: str, columns: tuple[str, ...], apply: RowApplier,
    settings: Settings, *, actor: str, clock: Callable[[], datetime],
) -> ImportReport:
    report = ImportReport(source=f"{kind}:{path.resolve()}")
    rows = read_rows(path, columns)
    for chunk in _chunks(rows, CHUNK_ROWS):
        with database.transaction() as session:
            now = clock()
            for row in chunk:
                report.rows += 1
                outcome = _apply_row(row, apply, session=session, now=now)
                if isinstance(outcome, BadRow):
                    _reject(report, outcome, session=session)
                else:
                    setattr(report, outcome, getattr(report, outcome) + 1)
            _retriage_customers(chunk, settings, session=session, now=now)
    with database.transaction() as session:
        desk_store.record_audit(
            actor, f"import.{kind}", "file", str(path.resolve())[-64:], session=session,
            detail={"rows": report.rows, "added": report.added, "updated": report.updated,
                    "rejected": len(report.rejected)},
        )
    return report


def _apply_row(
    row: CsvRow | BadRow, apply: RowApplier, *, session: Session, now: datetime
) -> str | BadRow:
    """Apply a row inside a savepoint so a row that fails halfway leaves nothing."""
    if isinstance(row, BadRow):
        return row
    savepoint = session.begin_nested()
    try:
        outcome = apply(row, session, now)
    except RowError as exc:
        savepoint.rollback()
        return BadRow(row.line, row.raw, str(exc))
    savepoint.commit()
    return outcome


def _reject(report: ImportReport, bad: BadRow, *, session: Session) -> None:
    location = f"line {bad.line}"
    ingest_state.add_reject(report.source, location, bad.reason, bad.raw, session=session)
    report.rejected.append(RejectNote(report.source, location, bad.reason))


def _retriage_customers(
    chunk: list[CsvRow | BadRow], settings: Settings, *, session: Session, now: datetime
) -> None:
    """New preferences or contacts can put existing cases in new queues."""
    refs = {row.cells["customer_id"] for row in chunk if isinstance(row, CsvRow)}
    customers = [customer_store.customer_by_ref(ref, session=session) for ref in refs]
    ids = [customer.id for customer in customers if customer is not None and customer.id]
    retriage(case_store.open_case_ids_of(ids, session=session), settings, session=session,
             now=now)


def _chunks(rows: Iterator[CsvRow | BadRow], size: int) -> Iterator[list[CsvRow | BadRow]]:
    chunk: list[CsvRow | BadRow] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _apply_customer(row: CsvRow, session: Session, now: datetime) -> str:
    cells = row.cells
    ref = _required(cells, "customer_id", 64)
    name = _required(cells, "name", 200)
    held = _held_values(cells, now)
    handles = _handles(cells)
    preference = _preference(cells)

    customer = customer_store.customer_by_ref(ref, session=session)
    outcome = "unchanged"
    if customer is None:
        customer = customer_store.add_customer(name, session=session, external_ref=ref)
        outcome = "added"
    elif customer.name != name:
        customer.name = name
        session.add(customer)
        outcome = "updated"
    customer_id = customer.id or 0
    changed = any([customer_store.add_held(customer_id, datum, session=session)
                   for datum in held])
    changed |= any([_claim_handle(customer_id, ref, network, handle, session=session)
                    for network, handle in handles])
    changed |= customer_store.set_preference(
        customer_id, session=session, set_by="crm import", set_at=now,
        preferred_channel=preference.preferred, preferred_only=preference.preferred_only,
        do_not_call=preference.do_not_call, no_marketing=preference.no_marketing,
    )
    if outcome == "unchanged" and changed:
        outcome = "updated"
    return outcome


def _required(cells: dict[str, str], column: str, max_chars: int) -> str:
    value = cells.get(column, "")
    if not value:
        raise RowError(f"{column}: required")
    if len(value) > max_chars:
        raise RowError(f"{column}: longer than {max_chars} characters")
    return value


def _held_values(cells: dict[str, str], now: datetime) -> list[domain.HeldDatum]:
    def held(kind: domain.HeldKind, value: str) -> domain.HeldDatum:
        return domain.HeldDatum(kind, value, verified_at=now, verified_how="crm import",
                                source="crm")

    values = [held(domain.HeldKind.FULL_NAME, cells["name"])]
    if cells["email"]:
        if not _EMAIL.match(cells["email"]):
            raise RowError(f"email: {cells['email']!r} is not an email address")
        values.append(held(domain.HeldKind.EMAIL, cells["email"].lower()))
    if cells["phone"]:
        try:
            values.append(held(domain.HeldKind.PHONE, canonical_phone(cells["phone"])))
        except PhoneNumberError as exc:
            raise RowError(f"phone: {exc}") from None
    if cells["dob"]:
        values.append(held(domain.HeldKind.DOB, _date_of_birth(cells["dob"]).isoformat()))
    if cells["postcode"]:
        match = _POSTCODE.match(cells["postcode"].upper())
        if match is None:
            raise RowError(f"postcode: {cells['postcode']!r} is not a UK postcode")
        values.append(held(domain.HeldKind.POSTCODE, f"{match[1]} {match[2]}"))
    if cells["address"]:
        values.append(held(domain.HeldKind.ADDRESS, cells["address"]))
    if cells["account_number"]:
        if not cells["account_number"].isalnum():
            raise RowError(f"account_number: {cells['account_number']!r} is not alphanumeric")
        values.append(held(domain.HeldKind.ACCOUNT_NUMBER, cells["account_number"]))
    return values


def _date_of_birth(value: str) -> date:
    try:
        born = date.fromisoformat(value)
    except ValueError:
        raise RowError(f"dob: {value!r} is not a date as YYYY-MM-DD") from None
    if not date(1900, 1, 1) <= born <= date.today():
        raise RowError(f"dob: {value} is not a plausible date of birth")
    return born


def _handles(cells: dict[str, str]) -> list[tuple[domain.Network, str]]:
    handles = []
    for column, network, pattern in _HANDLE_COLUMNS:
        handle = cells[column].lstrip("@")
        if not handle:
            continue
        if len(handle) > MAX_HANDLE_CHARS or not pattern.match(handle):
            raise RowError(f"{column}: {cells[column][:60]!r} is not a {network.value} handle")
        handles.append((network, handle))
    return handles


def _claim_handle(
    customer_id: int, ref: str, network: domain.Network, handle: str, *, session: Session
) -> bool:
    """Link a handle to the customer; a provisional owner (seen posting before the
    CRM knew them) is merged in. True if anything changed."""
    identity = customer_store.find_identity(network, handle, session=session)
    if identity is None:
        customer_store.link_identity(customer_id, network, handle, session=session)
        return True
    if identity.customer_id == customer_id:
        return False
    owner = customer_store.get_customer(identity.customer_id, session=session)
    if owner is not None and not owner.provisional:
        raise RowError(
            f"{network.value} handle {handle!r} already belongs to customer "
            f"{owner.external_ref or owner.id}, not {ref}"
        )
    customer_store.merge_customer(identity.customer_id, customer_id, session=session)
    return True


def _preference(cells: dict[str, str]) -> domain.Preference:
    preferred = None
    if cells["preferred_channel"]:
        try:
            preferred = domain.ContactMethod(cells["preferred_channel"].lower())
        except ValueError:
            allowed = ", ".join(method.value for method in domain.ContactMethod)
            raise RowError(
                f"preferred_channel: {cells['preferred_channel']!r} is not one of {allowed}"
            ) from None
    only = parse_bool(cells.get("preferred_only", ""), "preferred_only")
    if only and preferred is None:
        raise RowError("preferred_only: true needs a preferred_channel")
    return domain.Preference(
        preferred=preferred,
        preferred_only=only,
        do_not_call=parse_bool(cells["do_not_call"], "do_not_call"),
        no_marketing=parse_bool(cells["no_marketing"], "no_marketing"),
    )


def _apply_contact(row: CsvRow, session: Session, now: datetime) -> str:
    cells = row.cells
    ref = _required(cells, "customer_id", 64)
    customer = customer_store.customer_by_ref(ref, session=session)
    if customer is None:
        raise RowError(f"customer_id: {ref!r} is not a known customer; import customers first")
    at = _timestamp(cells["at"])
    channel = _choice(domain.ContactMethod, cells, "channel")
    direction = _choice(domain.Direction, cells, "direction")
    purpose = _choice(domain.ContactPurpose, cells, "purpose") if cells["purpose"] else None
    entry = ContactLog(
        fingerprint=_fingerprint(ref, at.astimezone(UTC).isoformat(), *(
            cells[c] for c in CONTACT_COLUMNS[2:])),
        customer_id=customer.id or 0,
        at=at,
        channel=channel.value,
        direction=direction.value,
        from_address=cells["from"],
        team=cells["team"][:64],
        agent=cells["agent"][:100],
        purpose=purpose.value if purpose else "",
        outcome=cells["outcome"][:64],
        notes=cells["notes"],
    )
    return "added" if contact_store.add_contact(entry, session=session) else "unchanged"


def _timestamp(value: str) -> datetime:
    try:
        return domain.parse_timestamp(value)
    except ValueError as exc:
        raise RowError(f"at: {exc}") from None


def _choice(kind: type[_E], cells: dict[str, str], column: str) -> _E:
    try:
        return kind(cells[column].lower())
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise RowError(f"{column}: {cells[column]!r} is not one of {allowed}") from None


def _fingerprint(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
