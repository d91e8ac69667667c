"""Contact preferences: what they allow, how the banner reads, and where they were broken."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from caredesk.domain import Contact, ContactMethod, ContactPurpose, Direction, Preference
from caredesk.policy.preferences import allowed_methods, breaches, describe

EMAIL_ONLY = Preference(preferred=ContactMethod.EMAIL, preferred_only=True)
T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def contact(
    method: ContactMethod, *, days: int = 0, direction: Direction = Direction.OUTBOUND,
    purpose: ContactPurpose | None = ContactPurpose.SERVICE, team: str = "care",
) -> Contact:
    return Contact(at=T0 + timedelta(days=days), method=method, direction=direction,
                   purpose=purpose, team=team)


def test_no_preference_allows_every_method() -> None:
    assert allowed_methods(Preference()) == frozenset(ContactMethod)


def test_preferred_only_allows_just_that_method() -> None:
    assert allowed_methods(EMAIL_ONLY) == {ContactMethod.EMAIL}
    sms_only = Preference(preferred=ContactMethod.SMS, preferred_only=True, do_not_call=True)
    assert allowed_methods(sms_only) == {ContactMethod.SMS}


def test_a_preference_that_is_not_exclusive_allows_everything() -> None:
    assert allowed_methods(Preference(preferred=ContactMethod.EMAIL)) == frozenset(ContactMethod)


def test_preferred_only_without_a_method_restricts_nothing() -> None:
    assert allowed_methods(Preference(preferred_only=True)) == frozenset(ContactMethod)


def test_do_not_call_removes_calls_only() -> None:
    allowed = allowed_methods(Preference(do_not_call=True))

    assert ContactMethod.CALL not in allowed
    assert allowed == frozenset(ContactMethod) - {ContactMethod.CALL}


@pytest.mark.parametrize(
    ("preference", "banner"),
    [
        (Preference(), "no preference recorded"),
        (EMAIL_ONLY, "EMAIL ONLY — never call"),
        (Preference(preferred=ContactMethod.EMAIL, preferred_only=True, do_not_call=True),
         "EMAIL ONLY — never call"),
        (Preference(preferred=ContactMethod.CALL, preferred_only=True), "CALL ONLY"),
        (Preference(preferred=ContactMethod.SMS), "prefers sms"),
        (Preference(do_not_call=True), "DO NOT CALL"),
        (Preference(preferred=ContactMethod.DM, do_not_call=True, no_marketing=True),
         "prefers dm; DO NOT CALL; no marketing"),
        (Preference(no_marketing=True), "no marketing"),
        (Preference(preferred=ContactMethod.POST, preferred_only=True, no_marketing=True),
         "POST ONLY — never call; no marketing"),
    ],
)
def test_describe(preference: Preference, banner: str) -> None:
    assert describe(preference) == banner


def test_two_sales_calls_to_an_email_only_customer_are_two_breaches() -> None:
    """The story the desk exists for: two unsolicited sales calls on consecutive days."""
    calls = [
        contact(ContactMethod.CALL, days=1, purpose=ContactPurpose.SALES, team="sales"),
        contact(ContactMethod.CALL, days=0, purpose=ContactPurpose.SALES, team="sales"),
        contact(ContactMethod.EMAIL, days=2),
    ]

    found = breaches(EMAIL_ONLY, calls)

    assert [b.contact.at for b in found] == [T0, T0 + timedelta(days=1)]  # oldest first
    assert all(b.contact.method is ContactMethod.CALL for b in found)
    assert found[0].reason == "call to a customer who said EMAIL ONLY — never call"


def test_the_preferred_method_is_no_breach() -> None:
    assert breaches(EMAIL_ONLY, [contact(ContactMethod.EMAIL)]) == []


@pytest.mark.parametrize("purpose", [ContactPurpose.SALES, ContactPurpose.MARKETING])
def test_marketing_to_no_marketing_is_a_breach_on_any_method(purpose: ContactPurpose) -> None:
    preference = Preference(no_marketing=True)

    found = breaches(preference, [contact(ContactMethod.EMAIL, purpose=purpose)])

    assert len(found) == 1
    assert found[0].reason == f"{purpose.value} contact to a customer who asked for no marketing"


@pytest.mark.parametrize("purpose", [ContactPurpose.SERVICE, None])
def test_service_contact_to_no_marketing_is_fine(purpose: ContactPurpose | None) -> None:
    assert breaches(Preference(no_marketing=True),
                    [contact(ContactMethod.CALL, purpose=purpose)]) == []


def test_a_call_to_do_not_call_is_a_breach_even_for_service() -> None:
    found = breaches(Preference(do_not_call=True), [contact(ContactMethod.CALL)])

    assert len(found) == 1
    assert "DO NOT CALL" in found[0].reason


def test_a_contact_breaching_two_rules_is_reported_once() -> None:
    preference = Preference(preferred=ContactMethod.EMAIL, preferred_only=True, no_marketing=True)

    found = breaches(preference, [contact(ContactMethod.CALL, purpose=ContactPurpose.SALES)])

    assert len(found) == 1


@pytest.mark.parametrize("method", list(ContactMethod))
def test_inbound_contacts_never_breach(method: ContactMethod) -> None:
    strict = Preference(preferred=ContactMethod.POST, preferred_only=True, do_not_call=True,
                        no_marketing=True)

    assert breaches(strict, [contact(method, direction=Direction.INBOUND,
                                     purpose=ContactPurpose.SALES)]) == []


def test_no_contacts_no_breaches() -> None:
    assert breaches(EMAIL_ONLY, []) == []
