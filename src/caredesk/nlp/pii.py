"""Personal data in free text: phone numbers, emails, postcodes, cards, DOBs, accounts.

Works on characters, not tokens, so offsets are exact (`text[start:end] == span.text`)
even when a number sits inside a token. Each finder is a plain function over a
string; `find_pii` runs them all and resolves overlaps.

Overlaps are resolved greedily: labelled values (ACCOUNT, DOB: the text says
what they are) beat self-evident ones (CARD with a valid Luhn check, EMAIL),
which beat guesses (PHONE, POSTCODE); within a tier the longer span wins.

Phones are parsed with `phonenumbers` (region GB) and kept when
`is_possible_number` holds: the lenient check (like `Leniency.POSSIBLE`),
because the Ofcom drama ranges (07700 900xxx) that demos and tests use are not
"valid" numbers. Leniency also accepts prices, years and order references, so
a candidate must also start with `+` or `0`, have at least 10 digits, open
with a group of 3+ digits when national, not look like a date, and not follow
a label such as "order" or "ref". `PhoneNumberMatcher` is not used: it split
"07700 900123 07700 900124" into four fragments and took 6 s on 100,000
characters of numbers; cutting digit runs here is linear (see `find_phones`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

import phonenumbers
from spacy.language import Language
from spacy.tokens import Doc

from caredesk.domain import PiiLabel, PiiSpan
from caredesk.nlp import extensions
from caredesk.nlp.rules import doc_text

COMPONENT = "caredesk_pii"

_TIER = {
    PiiLabel.ACCOUNT: 0,
    PiiLabel.DOB: 0,
    PiiLabel.CARD: 1,
    PiiLabel.EMAIL: 1,
    PiiLabel.PHONE: 2,
    PiiLabel.POSTCODE: 3,
}

# --- phone -------------------------------------------------------------------------------------

# A run of digit groups joined the ways phone numbers are written: "+44 (0)20 7946-0123".
_DIGIT_RUN = re.compile(r"(?<![\w+])(?:\+|\(\+?)?\d+(?:(?:[ .-]|\) ?| ?\(| - )\d+)*\)?")
_GROUP = re.compile(r"\d+")
_DATE_LIKE = re.compile(r"^\(?\d{1,4}[./-]\d{1,2}[./-]\d{1,4}(?!\d)")
_NOT_A_PHONE_LABEL = re.compile(
    r"\b(?:order|ref|reference|invoice|tracking|case|ticket|transaction|imei|serial|id|"
    r"customer|account|acct|acc|a/c|card)\W{0,3}(?:no|num|number|id|#)?\W{0,3}\Z",
    re.IGNORECASE,
)
_MIN_DIGITS, _MAX_DIGITS = 10, 17  # a UK national number has 10-11; E.164 at most 15, plus "00"


def find_phones(text: str) -> Iterator[PiiSpan]:
    """UK numbers in national or international form, and international numbers elsewhere.

    Runs of digit groups are cut into numbers greedily: from each group that
    starts with `+` or `0`, the longest stretch of following groups that
    `phonenumbers` calls a possible number wins. Doing the cutting here (not
    with `PhoneNumberMatcher`) keeps adjacent numbers apart and stays linear
    on hostile input such as thousands of numbers in a row.
    """
    for run in _DIGIT_RUN.finditer(text):
        groups = [(g.start() + run.start(), g.end() + run.start()) for g in _GROUP.finditer(run[0])]
        first = 0
        while first < len(groups):
            start = run.start() if first == 0 else groups[first][0]
            if first and text[start - 1] == "(":
                start -= 1
            found = _longest_phone(text, start, groups, first)
            if found is None:
                first += 1
            else:
                yield found[0]
                first = found[1]


def _longest_phone(
    text: str, start: int, groups: list[tuple[int, int]], first: int
) -> tuple[PiiSpan, int] | None:
    """The longest possible phone number from `start` over groups[first:], and the next group."""
    lead = text[start : start + 3].lstrip("(")
    if lead[:1] not in ("+", "0"):
        return None
    national = not lead.startswith(("+", "00"))
    if national and groups[first][1] - groups[first][0] < 3:
        return None  # "0.12...": UK numbers open with a 3+ digit group ("020", "07700")
    if _NOT_A_PHONE_LABEL.search(text[max(0, start - 30) : start]):
        return None
    digits, stop = 0, first
    while stop < len(groups) and digits + groups[stop][1] - groups[stop][0] <= _MAX_DIGITS:
        digits += groups[stop][1] - groups[stop][0]
        stop += 1
    for last in range(stop, first, -1):
        digits -= groups[last][1] - groups[last][0] if last < stop else 0
        if digits < _MIN_DIGITS:
            return None
        if national and digits > 11:
            continue  # a UK national number is 10 or 11 digits with its leading 0
        begin, end = start, groups[last - 1][1]
        raw = text[begin:end]
        if _DATE_LIKE.match(raw):
            return None
        if raw.startswith("(") and ")" not in raw:
            begin, raw = begin + 1, raw[1:]
        if _possible(raw):
            return PiiSpan(PiiLabel.PHONE, begin, end, raw), last
    return None


def _possible(raw: str) -> bool:
    try:
        number = phonenumbers.parse(raw, "GB")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_possible_number(number)


# --- email -------------------------------------------------------------------------------------

_EMAIL = re.compile(
    r"(?<![\w.%+-])[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])"
)
_AT = r"(?:\s*(?:\(at\)|\[at\]|\{at\}|<at>)\s*|\s+at\s+|@)"
_DOT = r"(?:\s*(?:\(dot\)|\[dot\]|\{dot\}|<dot>)\s*|\s+dot\s+|\.)"
_TLD = r"(?:com|net|org|uk|co|io|info|biz|me|ie|eu|de|fr|edu|gov|ac|app|dev)"
_OBFUSCATED_EMAIL = re.compile(
    rf"(?<![\w.+-])[\w+-]+(?:{_DOT}[\w+-]+){{0,4}}{_AT}[A-Za-z0-9-]+(?:{_DOT}[A-Za-z0-9-]+){{0,3}}"
    rf"{_DOT}{_TLD}(?![\w-])",
    re.IGNORECASE,
)
_WORD_AT = re.compile(r"\s+at\s+", re.IGNORECASE)
_SPELLED_DOT = re.compile(r"\bdot\b|\(dot\)|\[dot\]|\{dot\}|<dot>", re.IGNORECASE)
_NOT_A_MAILBOX = frozenset(
    {"me", "us", "you", "him", "her", "them", "it", "i", "we", "look", "here", "there", "home",
     "work", "this", "that", "online", "email", "mail", "write", "contact"}
)
_HINT_OBFUSCATED = re.compile(r"\bat\b|\(at\)|\[at\]|\{at\}|<at>", re.IGNORECASE)


def find_emails(text: str) -> Iterator[PiiSpan]:
    """Plain addresses, and ones spelled out to dodge filters ("jo dot bloggs at example dot com").

    With a bare word "at", the match must also spell a dot or have a dot before
    the "at", so "look at example.com" is not an address.
    """
    if "@" in text:
        for match in _EMAIL.finditer(text):
            yield PiiSpan(PiiLabel.EMAIL, match.start(), match.end(), match.group())
    if not _HINT_OBFUSCATED.search(text):
        return
    for match in _OBFUSCATED_EMAIL.finditer(text):
        value = match.group()
        at = _WORD_AT.search(value)
        if "@" in value and not _SPELLED_DOT.search(value):
            continue  # a plain address: found above
        if at and not (_SPELLED_DOT.search(value) or "." in value[: at.start()]):
            continue
        if at and value[: at.start()].lower() in _NOT_A_MAILBOX:
            continue  # "meet me at example dot com"
        yield PiiSpan(PiiLabel.EMAIL, match.start(), match.end(), value)


# --- postcode ----------------------------------------------------------------------------------

# Outward code, optional space, inward code (its letters never include C I K M O V).
# "2GB"/"2TB" inward codes are left out: "Galaxy S10 2GB" is far likelier than a postcode.
_POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])(?:GIR ?0AA|[A-Z]{1,2}[0-9][A-Z0-9]? ?(?![0-9](?:GB|TB)\b)"
    r"[0-9][ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])",
    re.IGNORECASE,
)


def find_postcodes(text: str) -> Iterator[PiiSpan]:
    """UK postcodes; written without the space they must be in capitals ("m277dw" is a printer)."""
    for match in _POSTCODE.finditer(text):
        value = match.group()
        if " " in value or value.isupper():
            yield PiiSpan(PiiLabel.POSTCODE, match.start(), match.end(), value)


# --- card --------------------------------------------------------------------------------------

# 13-19 digits starting 2-6 (Visa, Mastercard, Amex, Discover...), single spaces or dashes between.
_CARD = re.compile(r"(?<![\d+-])[2-6](?:[ -]?\d){12,18}(?!\d)")


def luhn_ok(digits: str) -> bool:
    """The Luhn checksum every payment card number satisfies."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def find_cards(text: str) -> Iterator[PiiSpan]:
    for match in _CARD.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if luhn_ok(digits) and len(set(digits)) > 1:
            yield PiiSpan(PiiLabel.CARD, match.start(), match.end(), match.group())


# --- labelled values: date of birth, account number --------------------------------------------

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
    r"|\d{4}-\d{1,2}-\d{1,2}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?\s+{_MONTH},?\s+\d{{4}}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
)
_DOB = re.compile(
    r"(?:\bd\.?o\.?b\b\.?|\bdate\s+of\s+birth\b|\bbirth\s?date\b|\bborn(?:\s+on)?\b|\bbirthday\b)"
    rf"\s*(?:is|was|=|:|-)?\s*(?:the\s+)?(?P<date>{_DATE})(?![\d/])",
    re.IGNORECASE,
)
_ACCOUNT = re.compile(
    r"\b(?:account|acct|acc|a/c)\.?(?:\s*(?:number|num|no|nr|ref(?:erence)?|id)\b)?\.?"
    r"\s*(?:is\s+|[:#=-]\s*)?(?P<number>\d(?:[ -]?\d){5,19})(?!\d)",
    re.IGNORECASE,
)


def find_dobs(text: str) -> Iterator[PiiSpan]:
    """A date right after "DOB", "date of birth", "born on"...: the span is the date alone."""
    for match in _DOB.finditer(text):
        start, end = match.span("date")
        yield PiiSpan(PiiLabel.DOB, start, end, match.group("date"))


def find_accounts(text: str) -> Iterator[PiiSpan]:
    """A number labelled as an account number: the span is the number alone."""
    for match in _ACCOUNT.finditer(text):
        start, end = match.span("number")
        yield PiiSpan(PiiLabel.ACCOUNT, start, end, match.group("number"))


# --- all together ------------------------------------------------------------------------------

FINDERS = (find_accounts, find_dobs, find_cards, find_emails, find_phones, find_postcodes)
_DIGIT = re.compile(r"\d")


def find_pii(text: str) -> list[PiiSpan]:
    """Every kind of PII in `text`, non-overlapping, in text order."""
    finders = FINDERS if _DIGIT.search(text) else (find_emails,)  # all others need a digit
    candidates = [span for finder in finders for span in finder(text)]
    candidates.sort(key=lambda s: (_TIER[s.label], s.start - s.end, s.start))
    chosen: list[PiiSpan] = []  # kept sorted by start, never overlapping
    for span in candidates:
        at = bisect.bisect_left(chosen, span.start, key=lambda kept: kept.start)
        if at > 0 and chosen[at - 1].end > span.start:
            continue
        if at < len(chosen) and chosen[at].start < span.end:
            continue
        chosen.insert(at, span)
    return chosen


class PiiFinder:
    """Sets `doc._.pii` to (label, start, end, text) tuples, character offsets into the text."""

    def __init__(self) -> None:
        extensions.register()

    def __call__(self, doc: Doc) -> Doc:
        doc._.pii = tuple(
            (span.label.value, span.start, span.end, span.text) for span in find_pii(doc_text(doc))
        )
        return doc


@Language.factory(COMPONENT)
def make_pii_finder(nlp: Language, name: str) -> PiiFinder:
    return PiiFinder()

