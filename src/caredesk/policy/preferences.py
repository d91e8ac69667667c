"""What a customer's contact preference allows, and where it was broken."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from caredesk.domain import Contact, ContactMethod, ContactPurpose, Direction, Preference


def allowed_methods(preference: Preference) -> frozenset[ContactMethod]:
    """Methods the company may use to contact the customer."""
    if preference.preferred_only and preference.preferred is not None:
        return frozenset({preference.preferred})
    allowed = set(ContactMethod)
    if preference.do_not_call:
        allowed.discard(ContactMethod.CALL)
    return frozenset(allowed)


def describe(preference: Preference) -> str:
    """One line for the preference banner, loudest restriction first."""
    parts: list[str] = []
    if preference.preferred is not None:
        name = preference.preferred.value.upper()
        if preference.preferred_only:
            never_call = "" if preference.preferred is ContactMethod.CALL else " — never call"
            parts.append(f"{name} ONLY{never_call}")
        else:
            parts.append(f"prefers {preference.preferred.value}")
    if preference.do_not_call and not (preference.preferred_only and preference.preferred):
        parts.append("DO NOT CALL")
    if preference.no_marketing:
        parts.append("no marketing")
    return "; ".join(parts) if parts else "no preference recorded"


@dataclass(frozen=True)
class Breach:
    contact: Contact
    reason: str


def breach_reason(preference: Preference, contact: Contact) -> str | None:
    """Why this contact went against the preference, or None if it did not."""
    if contact.direction is not Direction.OUTBOUND:
        return None
    if contact.method not in allowed_methods(preference):
        return f"{contact.method.value} to a customer who said {describe(preference)}"
    if preference.no_marketing and contact.purpose in (
        ContactPurpose.SALES, ContactPurpose.MARKETING
    ):
        return f"{contact.purpose.value} contact to a customer who asked for no marketing"
    return None


def breaches(preference: Preference, contacts: Iterable[Contact]) -> list[Breach]:
    """Outbound contacts the preference did not allow, oldest first."""
    found: list[Breach] = []
    for contact in sorted(contacts, key=lambda c: c.at):
        reason = breach_reason(preference, contact)
        if reason is not None:
            found.append(Breach(contact, reason))
    return found
