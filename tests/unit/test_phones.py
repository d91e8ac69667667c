"""Phone numbers: one canonical E.164 form so held numbers compare equal."""

from __future__ import annotations

import pytest

from caredesk.policy.phones import PhoneNumberError, canonical_phone, display_phone


@pytest.mark.parametrize(
    ("text", "e164"),
    [
        ("07700 900000", "+447700900000"),
        ("07700900123", "+447700900123"),
        ("07700 900 999", "+447700900999"),
        ("+44 7700 900456", "+447700900456"),
        ("+44 (0)7700 900456", "+447700900456"),
        ("0044 7700 900456", "+447700900456"),
        ("020 7946 0000", "+442079460000"),
        ("(020) 7946 0999", "+442079460999"),
        ("020-7946-0123", "+442079460123"),
        ("+1 201 555 0123", "+12015550123"),
    ],
)
def test_drama_range_numbers_canonicalise(text: str, e164: str) -> None:
    assert canonical_phone(text) == e164


def test_the_region_applies_to_national_numbers() -> None:
    assert canonical_phone("(201) 555-0100", region="US") == "+12015550100"
    assert canonical_phone("201-555-0199", "US") == "+12015550199"


def test_the_same_number_written_differently_is_equal() -> None:
    forms = ["07700 900123", "+447700900123", "0044 7700 900123", "07700-900-123"]

    assert len({canonical_phone(form) for form in forms}) == 1


@pytest.mark.parametrize(
    "text",
    ["", "   ", "not a phone", "call me", "123", "07700 9001234567", "+44 7700 900123 456",
     "+999 1234"],
)
def test_garbage_raises(text: str) -> None:
    with pytest.raises(PhoneNumberError):
        canonical_phone(text)


def test_the_error_quotes_the_input() -> None:
    with pytest.raises(PhoneNumberError, match="'call me'"):
        canonical_phone("call me")


def test_phone_number_error_is_a_value_error() -> None:
    assert issubclass(PhoneNumberError, ValueError)


@pytest.mark.parametrize(
    ("e164", "shown"),
    [
        ("+447700900123", "07700 900123"),
        ("+442079460123", "020 7946 0123"),
        ("+12015550123", "+1 201-555-0123"),
        ("not a number", "not a number"),
    ],
)
def test_display_phone(e164: str, shown: str) -> None:
    assert display_phone(e164) == shown
