"""PII spans: what is found, what is not, exact character offsets, no overlaps.

All numbers are fictional: Ofcom drama ranges (07700 900xxx, 020 7946 0xxx),
US 555-01xx, @example.com addresses and standard test card numbers.
"""

from __future__ import annotations

import itertools
import time

import pytest

from caredesk.domain import PiiLabel, PiiSpan
from caredesk.nlp.pii import find_pii, luhn_ok


def found(text: str) -> list[tuple[PiiLabel, str]]:
    spans = find_pii(text)
    for span in spans:
        assert text[span.start : span.end] == span.text
    return [(span.label, span.text) for span in spans]


def labels_of(text: str) -> set[PiiLabel]:
    return {label for label, _ in found(text)}


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("my mobile is 07700 900123 thanks", "07700 900123"),
        ("call me on 07700900123.", "07700900123"),
        ("ring 020 7946 0123 today", "020 7946 0123"),
        ("office (020) 7946 0999", "(020) 7946 0999"),
        ("from abroad +44 7700 900456", "+44 7700 900456"),
        ("+447700900999 is mine", "+447700900999"),
        ("0044 7700 900123 works", "0044 7700 900123"),
        ("+44 (0)20 7946 0000 main line", "+44 (0)20 7946 0000"),
        ("US office +1 202-555-0123", "+1 202-555-0123"),
        ("US +1 (202) 555-0199", "+1 (202) 555-0199"),
        ("dashes 07700-900-123 here", "07700-900-123"),
        ("dots 07700.900.123 here", "07700.900.123"),
        ("(07700 900123)", "07700 900123"),
        ("tel:07700900123", "07700900123"),
        ("Mobile (0)7700-900-348 if anyone cares", "(0)7700-900-348"),
        ("landline (0)20 7946 0133.", "(0)20 7946 0133"),
        ("US line (212) 555-0187 is dead", "(212) 555-0187"),
        ("number 202-555-0143, eSIM failed", "202-555-0143"),
        ("callback please 202.555.0110, thanks", "202.555.0110"),
    ],
)
def test_phone_numbers_are_found(text: str, number: str) -> None:
    assert found(text) == [(PiiLabel.PHONE, number)]


def test_adjacent_numbers_stay_apart() -> None:
    assert found("07700 900123 07700 900124") == [
        (PiiLabel.PHONE, "07700 900123"),
        (PiiLabel.PHONE, "07700 900124"),
    ]
    assert found("called 07700 900123 5 times") == [(PiiLabel.PHONE, "07700 900123")]


@pytest.mark.parametrize(
    "text",
    [
        "it cost £12.99 last month",
        "£1,234.56 for nothing",
        "at 10:30 and 14:45:00",
        "since 2023, or was it 2019",
        "order 123456789 is late",
        "order no 07700900999 is late",
        "ref 01234567890 please",
        "tracking number 0123456789012",
        "45 times, 1,000,000 people",
        "on 01/02/2023 10:30",
        "01.02.2023 and 2023-01-02 12:30:00",
        "version 0.12.3456789",
        "IP 192.168.0.1",
        "US local 555-0150",
        "(555) 555-0100 without a country code",
        "scored 1-0 at 3-2",
        "serial 123-456-7890 on the box",  # no US area code starts with 1
        "ticket 212-555-0187 still open",  # a labelled reference
        "mixed 212-555.0187 separators",
        "(555) 555-0100",
    ],
)
def test_non_phone_numbers_are_not_phones(text: str) -> None:
    assert PiiLabel.PHONE not in labels_of(text)


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("email jo.bloggs@example.com now", "jo.bloggs@example.com"),
        ("JO+care@mail.example.co.uk", "JO+care@mail.example.co.uk"),
        ("it's jo dot bloggs at example dot com", "jo dot bloggs at example dot com"),
        ("jo.bloggs at example.com", "jo.bloggs at example.com"),
        ("jo at example dot co dot uk", "jo at example dot co dot uk"),
        ("jo[at]example[dot]com", "jo[at]example[dot]com"),
        ("jo (at) example (dot) com", "jo (at) example (dot) com"),
        ("JO DOT BLOGGS AT EXAMPLE DOT COM", "JO DOT BLOGGS AT EXAMPLE DOT COM"),
        ("New email: stephen.o'neil@example.com, thanks", "stephen.o'neil@example.com"),
        ("i'm at ruthie99 at example.com if u want", "ruthie99 at example.com"),
        ("reply to 'jo@example.com' please", "jo@example.com"),
        ("jo@example dot com", "jo@example dot com"),
    ],
)
def test_emails_are_found(text: str, address: str) -> None:
    assert found(text) == [(PiiLabel.EMAIL, address)]


@pytest.mark.parametrize(
    "text",
    [
        "@VodafoneUK hello",
        "look at example.com",
        "meet me at example dot com",
        "I was at home dot",
        "at the shop at 5",
        "cc @dana@example.org who had the same error",  # a fediverse handle
        "tickets for 2 at example.com",  # a bare "at" needs a mailbox-like name
    ],
)
def test_non_emails_are_not_emails(text: str) -> None:
    assert PiiLabel.EMAIL not in labels_of(text)


@pytest.mark.parametrize(
    ("text", "postcode"),
    [
        ("I live at SW1A 1AA now", "SW1A 1AA"),
        ("M1 1AE", "M1 1AE"),
        ("B33 8TH is home", "B33 8TH"),
        ("postcode sw1a 1aa", "sw1a 1aa"),
        ("SW1A1AA", "SW1A1AA"),
        ("CR2 6XH.", "CR2 6XH"),
        ("DN55 1PT", "DN55 1PT"),
        ("W1A 0AX", "W1A 0AX"),
    ],
)
def test_postcodes_are_found(text: str, postcode: str) -> None:
    assert found(text) == [(PiiLabel.POSTCODE, postcode)]


def test_lower_case_postcode_without_space_needs_the_word_postcode() -> None:
    assert found("postcode ls14ap no space") == [(PiiLabel.POSTCODE, "ls14ap")]
    assert found("my postcode is ls14ap") == [(PiiLabel.POSTCODE, "ls14ap")]
    assert found("printer ls14ap") == []


@pytest.mark.parametrize(
    "text",
    ["meet at 5pm", "b4 5pm", "Galaxy S10 2GB", "MP3 player", "covid19", "A4 paper", "why??m277dw",
     "My S24 8GB drops to 3G", "the PS5 2TB bundle", "is the X1 5GB plan enough", "signal in SW19",
     "M25 junction 10"],
)
def test_non_postcodes_are_not_postcodes(text: str) -> None:
    assert PiiLabel.POSTCODE not in labels_of(text)


@pytest.mark.parametrize(
    "card",
    ["4111 1111 1111 1111", "4111-1111-1111-1111", "5555555555554444", "378282246310005"],
)
def test_luhn_valid_cards_are_found(card: str) -> None:
    assert found(f"my card {card} was charged") == [(PiiLabel.CARD, card)]


@pytest.mark.parametrize(
    "text",
    ["card 4111 1111 1111 1112", "0000 0000 0000 0000", "4444 4444 4444 4444", "id 1234567890",
     # IMEIs are Luhn-valid: labelled, or 15 digits that are not an Amex number
     "IMEI 490154203237518 is barred", "IMEI: 356938035643809", "stolen 35-209900-176148-1"],
)
def test_other_long_numbers_are_not_cards(text: str) -> None:
    assert PiiLabel.CARD not in labels_of(text)


def test_fifteen_digit_amex_is_still_a_card() -> None:
    assert found("amex 371449635398431 billed") == [(PiiLabel.CARD, "371449635398431")]
    assert found("Amex 3782-822463-10005 hit") == [(PiiLabel.CARD, "3782-822463-10005")]


def test_luhn() -> None:
    assert luhn_ok("4111111111111111")
    assert not luhn_ok("4111111111111112")


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("DOB 01/02/1980", "01/02/1980"),
        ("my dob is 1.2.80", "1.2.80"),
        ("D.O.B: 1980-02-01", "1980-02-01"),
        ("date of birth: 3rd March 1985", "3rd March 1985"),
        ("I was born on 12 Jan 1990", "12 Jan 1990"),
        ("born on the 1st of January 1980", "1st of January 1980"),
        ("birthday is March 3, 1985", "March 3, 1985"),
        ("bday 11/11/2002, yes I'm over 18", "11/11/2002"),
        ("b'day 3/4/1990", "3/4/1990"),
        ("they made me give my DOB (31st December 1999) in public", "31st December 1999"),
        ("ur bot asked for my dob so here 04/07/1999 do ur worst", "04/07/1999"),
        ("DOB-wise I'm 18/09/2000 so over 18", "18/09/2000"),
        ("12/03/1988 is my DOB", "12/03/1988"),
    ],
)
def test_dates_of_birth_are_found(text: str, date: str) -> None:
    assert found(text) == [(PiiLabel.DOB, date)]


def test_a_date_without_a_birth_label_is_not_a_dob() -> None:
    assert found("my contract ends 01/02/2026") == []


def test_every_date_given_as_a_birth_date_near_the_label() -> None:
    assert found("agent put my DOB as 1974-08-15 instead of 1947-08-15. I'm 77") == [
        (PiiLabel.DOB, "1974-08-15"),
        (PiiLabel.DOB, "1947-08-15"),
    ]
    assert found("born 3 March 1990 — I'm not, it's 30 March 1990") == [
        (PiiLabel.DOB, "3 March 1990"),
        (PiiLabel.DOB, "30 March 1990"),
    ]


@pytest.mark.parametrize(
    ("text", "dobs"),
    [
        ("born 10 October 1962, customer since 12/03/2014", ["10 October 1962"]),
        ("DOB 12/03/1988, contract ends 01/02/2026", ["12/03/1988"]),
        ("my son's birthday was on 12 March and the phone isn't active", []),
        ("happy birthday to me, bill dated 01/02/2026 is wrong", []),
        ("why do I need to give my DOB to change my plan?", []),
        ("born in 1990 and on 12/03/2014 I joined", []),
    ],
)
def test_other_dates_near_a_birth_label_are_not_dobs(text: str, dobs: list[str]) -> None:
    assert [value for label, value in found(text) if label == PiiLabel.DOB] == dobs


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("account number 12345678", "12345678"),
        ("acc no: 87654321", "87654321"),
        ("Account #12345678 please", "12345678"),
        ("my account no. 1234 5678", "1234 5678"),
        ("account number is 123456789012", "123456789012"),
        ("a/c 55667788", "55667788"),
        ("account number: NW-4821-7730 – breakdown please", "NW-4821-7730"),
        ("account NWB-118-4420 (business) has 6 SIMs barred", "NWB-118-4420"),
        ("my account's 60391827, it's in my husband's name", "60391827"),
        ("my account number's 46018372, 3rd time today", "46018372"),
        ("cancelled my account (57391028) in June", "57391028"),
        ("the account number on my bill (61530274) doesn't match", "61530274"),
    ],
)
def test_labelled_account_numbers_are_found(text: str, number: str) -> None:
    assert found(text) == [(PiiLabel.ACCOUNT, number)]


def test_an_unlabelled_number_is_not_an_account() -> None:
    assert found("I waited 12345678 seconds") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("order ref NW-5520-9187 never dispatched", []),
        ("router serial NW8H-2291-77QK is faulty", []),
        ("my account order 12345678 is late", []),
        ("account NW 5G plan", []),
        ("acc no 12345678 & case ref 20417733", [(PiiLabel.ACCOUNT, "12345678")]),
        ("acc no 80437255 07700 900123",
         [(PiiLabel.ACCOUNT, "80437255"), (PiiLabel.PHONE, "07700 900123")]),
    ],
)
def test_account_numbers_stop_at_the_value(text: str, expected: list) -> None:
    assert found(text) == expected


def test_overlaps_prefer_the_labelled_span() -> None:
    # A phone-shaped number labelled as an account number is an ACCOUNT.
    assert found("account number 07700900123") == [(PiiLabel.ACCOUNT, "07700900123")]


def test_overlaps_prefer_the_longer_email_over_a_phone() -> None:
    assert found("07700900123@example.com") == [(PiiLabel.EMAIL, "07700900123@example.com")]


def test_every_kind_together_with_exact_offsets() -> None:
    text = (
        "😡 I'm Jo, 07700 900123, jo@example.com, SW1A 1AA, card 4111 1111 1111 1111, "
        "DOB 01/02/1980, acc no 12345678."
    )
    spans = find_pii(text)
    assert [s.label for s in spans] == [
        PiiLabel.PHONE,
        PiiLabel.EMAIL,
        PiiLabel.POSTCODE,
        PiiLabel.CARD,
        PiiLabel.DOB,
        PiiLabel.ACCOUNT,
    ]
    for span in spans:
        assert text[span.start : span.end] == span.text
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("\x00\x01\x1b[31m\x7f\x9f", id="control"),
        pytest.param("[@click=app.quit] [/bold]", id="markup"),
        pytest.param("07700 900123 " * 8000, id="8000-phones"),
        pytest.param("0 " * 50000, id="zeros"),
        pytest.param("1 2 3 4 5 6 7 8 9 " * 6000, id="digits"),
        pytest.param("a dot " * 20000 + " at ", id="dots"),
        pytest.param("x" * 100_000, id="one-word"),
        pytest.param("a.b@" * 30000, id="ats"),
        pytest.param("born " * 20000 + "1/1/1990", id="birth-labels"),
        pytest.param("born 12/03/1988 " * 6000, id="birth-dates"),
        pytest.param("account " * 20000 + "12345678", id="account-labels"),
        pytest.param("\ud800 lone surrogate", id="surrogate"),
    ],
)
def test_hostile_text_is_handled_quickly(text: str) -> None:
    started = time.process_time()
    spans = find_pii(text)
    assert time.process_time() - started < 3.0
    assert all(isinstance(s, PiiSpan) and text[s.start : s.end] == s.text for s in spans)
