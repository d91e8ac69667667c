"""Phone numbers in one canonical form, so held numbers compare equal."""

from __future__ import annotations

import phonenumbers

DEFAULT_REGION = "GB"


class PhoneNumberError(ValueError):
    pass


def canonical_phone(text: str, region: str = DEFAULT_REGION) -> str:
    """E.164 for a number that could exist; Ofcom's drama ranges count as possible."""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise PhoneNumberError(f"{text!r} is not a phone number: {exc}") from None
    if not phonenumbers.is_possible_number(number):
        raise PhoneNumberError(f"{text!r} is not a possible phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(e164: str) -> str:
    """National format for UK numbers, international for the rest."""
    try:
        number = phonenumbers.parse(e164, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return e164
    region = phonenumbers.region_code_for_number(number)
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if region in (DEFAULT_REGION, None) and number.country_code == 44
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)
