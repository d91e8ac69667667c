"""Masks of held data: enough to say "the number ending 23", never the value itself."""

from __future__ import annotations

import pytest

from caredesk.domain import HeldKind
from caredesk.policy.masking import HIDDEN, mask

# One realistic (fictional) value per kind whose mask must not give the value away.
SECRET_VALUES = {
    HeldKind.PHONE: "+447700900123",
    HeldKind.EMAIL: "jo.bloggs@example.com",
    HeldKind.FULL_NAME: "Jo Bloggs",
    HeldKind.ADDRESS: "12 Acacia Avenue, London",
    HeldKind.POSTCODE: "SW1A 1AA",
    HeldKind.DOB: "1985-04-12",
    HeldKind.ACCOUNT_NUMBER: "NW12345678",
}
HANDLE_KINDS = (HeldKind.X_HANDLE, HeldKind.MASTODON_HANDLE, HeldKind.BLUESKY_HANDLE)


def test_every_kind_is_covered_here() -> None:
    assert set(SECRET_VALUES) | set(HANDLE_KINDS) == set(HeldKind)


@pytest.mark.parametrize(("kind", "value"), SECRET_VALUES.items(), ids=lambda v: str(v))
def test_mask_never_contains_the_full_value(kind: HeldKind, value: str) -> None:
    masked = mask(kind, value)

    assert masked
    assert value not in masked
    assert value.lower() not in masked.lower()
    assert HIDDEN in masked or "•" in masked


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        (HeldKind.PHONE, "+447700900123", "••••• ••••23"),
        (HeldKind.PHONE, "+442079460987", "••• •••• ••87"),
        (HeldKind.EMAIL, "jo.bloggs@example.com", "j•••@e•••.com"),
        (HeldKind.EMAIL, "nodomain", "•••"),
        (HeldKind.EMAIL, "jo@localhost", "j•••@•••"),
        (HeldKind.FULL_NAME, "Jo Bloggs", "J••• B•••"),
        (HeldKind.FULL_NAME, "Mary Ann O'Neil", "M••• A••• O•••"),
        (HeldKind.POSTCODE, "SW1A 1AA", "SW1A •••"),
        (HeldKind.POSTCODE, "M11AE", "M1 •••"),
        (HeldKind.POSTCODE, "1AA", "•••"),
        (HeldKind.ADDRESS, "12 Acacia Avenue, London", "•••"),
        (HeldKind.DOB, "1985-04-12", "•••"),
        (HeldKind.ACCOUNT_NUMBER, "NW12345678", "•••78"),
        (HeldKind.ACCOUNT_NUMBER, "1234", "•••"),
    ],
)
def test_mask_shapes(kind: HeldKind, value: str, expected: str) -> None:
    assert mask(kind, value) == expected


@pytest.mark.parametrize(
    "e164", ["+447700900000", "+447700900999", "+442079460000", "+442079460999", "+12015550100",
             "+12015550199"],
)
def test_phone_mask_keeps_exactly_the_last_two_digits(e164: str) -> None:
    masked = mask(HeldKind.PHONE, e164)

    assert [ch for ch in masked if ch.isdigit()] == list(e164[-2:])
    assert masked.endswith(e164[-2:])
    assert e164[-4:] not in masked


def test_phone_mask_of_a_us_number_hides_the_country_code_too() -> None:
    assert mask(HeldKind.PHONE, "+12015550123") == "+• •••-•••-••23"


def test_account_mask_does_not_reveal_the_length() -> None:
    short = mask(HeldKind.ACCOUNT_NUMBER, "AB12345")
    long = mask(HeldKind.ACCOUNT_NUMBER, "AB1234567890123")

    assert len(short) == len(long)


def test_email_mask_does_not_reveal_the_length_of_the_local_part() -> None:
    assert mask(HeldKind.EMAIL, "jo@example.com") == mask(HeldKind.EMAIL, "joanna@example.com")


@pytest.mark.parametrize("kind", HANDLE_KINDS)
def test_handles_are_public_and_shown_whole(kind: HeldKind) -> None:
    assert mask(kind, "jo_bloggs") == "jo_bloggs"


@pytest.mark.parametrize("kind", list(HeldKind))
def test_blank_values_mask_to_nothing(kind: HeldKind) -> None:
    assert mask(kind, "   ") == ""


def test_surrounding_space_is_ignored() -> None:
    assert mask(HeldKind.ACCOUNT_NUMBER, "  NW12345678 ") == "•••78"
