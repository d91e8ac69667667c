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
US numbers without "+1" are taken only in the written US shape ("(212) 555-0187",
"202-555-0143") and when `phonenumbers` calls them valid, which "(555) 555-0100"
(no such area code) is not.

The rules were tuned on the train and dev splits of models/corpus/pii.jsonl
(`caredesk model evaluate --split dev`); the test split is for the final figure.
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
        if run.end() - run.start() >= 12 and run[0][0] in _US_LEAD:
            yield from _us_phone(text, run.start())
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
    if national and groups[first][1] - groups[first][0] < 3 and not lead.startswith("0)"):
        return None  # "0.12...": UK numbers open with a 3+ digit group, or "(0)7700 ..."
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


# "(212) 555-0187", "212-555-0187", "212.555.0187": the shapes US numbers are written in.
_US_NATIONAL = re.compile(
    r"(?:\([2-9]\d\d\) ?|[2-9]\d\d(?P<sep>[-.]))[2-9]\d\d(?(sep)(?P=sep)|[-.])\d{4}"
    r"(?![\d-]|\.\d)"
)
_US_LEAD = frozenset("(23456789")


def _us_phone(text: str, start: int) -> Iterator[PiiSpan]:
    """A US number written without "+1" at `start` ("+1 ..." ones are cut like any other)."""
    match = _US_NATIONAL.match(text, start)
    if match is None or _NOT_A_PHONE_LABEL.search(text[max(0, start - 30) : start]):
        return
    if phonenumbers.is_valid_number(phonenumbers.parse(match.group(), "US")):
        yield PiiSpan(PiiLabel.PHONE, start, match.end(), match.group())


def _possible(raw: str) -> bool:
    try:
        number = phonenumbers.parse(raw, "GB")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_possible_number(number)


# --- email -------------------------------------------------------------------------------------

_EMAIL_DOMAIN = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")
_MAILBOX_PUNCTUATION = frozenset(".%+-_'’")
_MAILBOX_MAX = 64  # RFC 5321's limit on the part before the "@"
_AT = r"(?:\s*(?:\(at\)|\[at\]|\{at\}|<at>)\s*|\s+at\s+|@)"
_DOT = r"(?:\s*(?:\(dot\)|\[dot\]|\{dot\}|<dot>)\s*|\s+dot\s+|\.)"
_TLD = r"(?:com|net|org|uk|co|io|info|biz|me|ie|eu|de|fr|edu|gov|ac|app|dev)"
_OBFUSCATED_EMAIL = re.compile(
    rf"(?<![\w.+@-])[\w+-]+(?:{_DOT}[\w+-]+){{0,4}}{_AT}[A-Za-z0-9-]+(?:{_DOT}[A-Za-z0-9-]+){{0,3}}"
    rf"{_DOT}{_TLD}(?![\w-])",
    re.IGNORECASE,
)
_WORD_AT = re.compile(r"\s+at\s+", re.IGNORECASE)
_SPELLED_DOT = re.compile(r"\bdot\b|\(dot\)|\[dot\]|\{dot\}|<dot>", re.IGNORECASE)
_NOT_A_MAILBOX = frozenset(
    {"me", "us", "you", "him", "her", "them", "it", "i", "we", "look", "here", "there", "home",
     "work", "this", "that", "online", "email", "mail", "write", "contact"}
)
_MAILBOX_SIGN = re.compile(r"(?=.*[a-z])[\w+]*[\d_+]", re.IGNORECASE)
# Run on lower-cased text; starts with a literal, so `re` skips ahead instead of trying
# every position (the obfuscated pattern itself is slow and most posts have no "at").
_HINT_OBFUSCATED = re.compile(r"at(?<=[\s(\[{<]at)[\s)\]}>]")


def find_emails(text: str) -> Iterator[PiiSpan]:
    """Plain addresses, and ones spelled out to dodge filters ("jo dot bloggs at example dot com").

    With a bare word "at", the match must also spell a dot, or the mailbox must
    look like one (a dot, digit, "_" or "+": "ruthie99 at example.com"), so "look
    at example.com" is not an address.
    """
    yield from _plain_emails(text)
    lower = text.lower()
    if not (_HINT_OBFUSCATED.search(lower) or ("@" in text and "dot" in lower)):
        return
    for match in _OBFUSCATED_EMAIL.finditer(text):
        value = match.group()
        at = _WORD_AT.search(value)
        if "@" in value and not _SPELLED_DOT.search(value):
            continue  # a plain address: found above
        if at and not (_SPELLED_DOT.search(value) or "." in value[: at.start()]
                       or _MAILBOX_SIGN.match(value[: at.start()])):
            continue
        if at and value[: at.start()].lower() in _NOT_A_MAILBOX:
            continue  # "meet me at example dot com"
        yield PiiSpan(PiiLabel.EMAIL, match.start(), match.end(), value)


def _plain_emails(text: str) -> Iterator[PiiSpan]:
    """name@domain.tld, found from each "@" (most posts have an @handle, so scanning the
    whole text for mailboxes costs more than looking around the few "@"s)."""
    at = text.find("@")
    while at != -1:
        start = _mailbox_start(text, at)
        domain = _EMAIL_DOMAIN.match(text, at + 1) if start is not None else None
        if domain:
            yield PiiSpan(PiiLabel.EMAIL, start, domain.end(), text[start : domain.end()])
        at = text.find("@", at + 1)


def _mailbox_start(text: str, at: int) -> int | None:
    """Where the mailbox before the "@" at `at` starts; None for "@handle" (nothing before),
    "@dana@example.org" (a fediverse handle, not an address) or an overlong run."""
    start = at
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in _MAILBOX_PUNCTUATION):
        start -= 1
        if at - start > _MAILBOX_MAX:
            return None
    while start < at and text[start] in "'’":
        start += 1  # "'jo@example.com'": the quote is not part of it ("o'neil@" keeps its own)
    if start == at or (start > 0 and text[start - 1] == "@"):
        return None
    return start


# --- postcode ----------------------------------------------------------------------------------

# Outward code, optional space, inward code (its letters never include C I K M O V).
# "2GB"/"2TB" inward codes are left out: "Galaxy S10 2GB" is far likelier than a postcode.
_POSTCODE = re.compile(
    r"(?<![A-Za-z0-9])(?:GIR ?0AA|[A-Z]{1,2}[0-9][A-Z0-9]? ?(?![0-9](?:GB|TB)\b)"
    r"[0-9][ABD-HJLNP-UW-Z]{2})(?![A-Za-z0-9])",
    re.IGNORECASE,
)


_POSTCODE_LABEL = re.compile(r"\bpost\s?code\W{0,3}(?:is\W{1,3})?\Z", re.IGNORECASE)


def find_postcodes(text: str) -> Iterator[PiiSpan]:
    """UK postcodes; written without the space they must be in capitals ("m277dw" is a
    printer) or come right after the word "postcode"."""
    for match in _POSTCODE.finditer(text):
        value = match.group()
        if (" " in value or value.isupper()
                or _POSTCODE_LABEL.search(text[max(0, match.start() - 15) : match.start()])):
            yield PiiSpan(PiiLabel.POSTCODE, match.start(), match.end(), value)


# --- card --------------------------------------------------------------------------------------

# 13-19 digits starting 2-6 (Visa, Mastercard, Amex, Discover...), single spaces or dashes between.
# The lookbehind (no digit, + or - before the number) comes after the first digit, so the
# regex engine can skip straight to a 2-6 instead of testing the lookbehind everywhere.
_CARD = re.compile(r"[2-6](?<![\d+-].)(?:[ -]?\d){12,18}(?!\d)")


def luhn_ok(digits: str) -> bool:
    """The Luhn checksum every payment card number satisfies."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


# An IMEI is 15 Luhn-valid digits too; of the 15-digit cards only Amex (34, 37) is common.
_IMEI_LABEL = re.compile(r"\bimei\W{0,3}(?:no|num|number|is)?\W{0,3}\Z", re.IGNORECASE)


def find_cards(text: str) -> Iterator[PiiSpan]:
    """Luhn-valid 13-19 digit numbers, except IMEIs (labelled, or 15 digits but not Amex)."""
    for match in _CARD.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if not luhn_ok(digits) or len(set(digits)) == 1:
            continue
        if len(digits) == 15 and not digits.startswith(("34", "37")):
            continue
        if _IMEI_LABEL.search(text[max(0, match.start() - 12) : match.start()]):
            continue
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
_BIRTH = (
    r"(?:\bd\.?o\.?b\b\.?|\bdate\s+of\s+birth\b|\bbirth\s?date\b|\bborn\b|\bbirthday\b"
    r"|\bb['’-]?day\b)"
)
_BIRTH_LABEL = re.compile(_BIRTH, re.IGNORECASE)
_DOB = re.compile(
    rf"{_BIRTH}(?:\s+on)?\s*(?:is|was|=|:|-|\()?\s*(?:the\s+)?(?P<date>{_DATE})(?![\d/])",
    re.IGNORECASE,
)
_DATE_BEFORE_BIRTH = re.compile(
    rf"(?<![\d/])(?P<date>{_DATE})\s*(?:is|was|=|-|:)?\s*(?:my|his|her|their|the)?\s*{_BIRTH}",
    re.IGNORECASE,
)
_FULL_DATE = re.compile(rf"(?<![\d/.-])(?:{_DATE})(?![\d/])", re.IGNORECASE)
# Words that make a date near a birth label some other date: "born 1960, customer since ...".
_OTHER_DATE_CUE = re.compile(
    r"\b(?:since|from|until|till|to|on|dated|due|by|ends?|ended|started|expires?|expiry|exp|"
    r"signed|joined|paid|ordered|renew(?:s|ed|al)?)\W{0,3}\Z",
    re.IGNORECASE,
)
_BIRTH_WORDS = ("birth", "born", "dob", "d.o.b", "bday", "b'day", "b-day", "b’day")
_ACCOUNT_WORDS = ("acc", "a/c")
_DOB_REACH = 50  # characters after a birth label in which a full date is still the birth date
_ACCOUNT = re.compile(
    r"\b(?:account|acct|acc|a/c)(?:['’]s)?\.?(?:\s*(?:number|num|no|nr|ref(?:erence)?|id)\b"
    r"(?:['’]s)?)?\.?"
    # up to three plain words: "the account number on my bill (61530274)"
    r"(?:\s+(?!(?:order|case|ticket|ref|reference|invoice|tracking|transcript|serial|complaint|"
    r"imei|card|phone|mobile|number)\b)[a-z]+){0,3}?"
    r"\s*(?:is\s+|was\s+|[:#=(-]\s*)?"
    # one run of digits, groups of 3-4 ("1234 5678"), or letters then digits ("NW-4821-7730")
    r"(?P<number>\d{6,20}|\d{3,4}(?:[ -]\d{3,4}){1,4}|\b[A-Z]{1,4}-?\d{2,}(?:-\d{2,}){0,3})"
    r"(?![\w-])",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")


def find_dobs(text: str) -> Iterator[PiiSpan]:
    """Full dates given as a date of birth: right after "DOB", "born", "bday"..., within a
    few words after one ("DOB as 1974-08-15 instead of 1947-08-15"), or right before one.
    The span is the date alone."""
    if not _mentions(text.lower(), _BIRTH_WORDS):
        return
    for match in _DOB.finditer(text):
        yield _date_span(match.span("date"), text)
    for match in _DATE_BEFORE_BIRTH.finditer(text):
        yield _date_span(match.span("date"), text)
    for label in _BIRTH_LABEL.finditer(text):
        # bounded, so "born born born ..." stays linear; a date starting within reach fits
        for date in _FULL_DATE.finditer(text, label.end(), label.end() + _DOB_REACH + 40):
            if date.start() > label.end() + _DOB_REACH:
                break
            if not _OTHER_DATE_CUE.search(text[max(0, date.start() - 12) : date.start()]):
                yield _date_span(date.span(), text)


def _mentions(lower: str, words: tuple[str, ...]) -> bool:
    """Whether any of `words` occurs: a cheap test before the slower regular expressions."""
    return any(word in lower for word in words)


def _date_span(span: tuple[int, int], text: str) -> PiiSpan:
    return PiiSpan(PiiLabel.DOB, span[0], span[1], text[span[0] : span[1]])


def find_accounts(text: str) -> Iterator[PiiSpan]:
    """A number labelled as an account number ("acc no 80437255", "account: NW-4821-7730",
    "my account's 60391827"): the span is the number alone. A value with letters needs
    six digits, so "account NW 5G" is nothing."""
    if not _mentions(text.lower(), _ACCOUNT_WORDS):
        return
    for match in _ACCOUNT.finditer(text):
        if len(_DIGIT.findall(match.group("number"))) >= 6:
            start, end = match.span("number")
            yield PiiSpan(PiiLabel.ACCOUNT, start, end, match.group("number"))


# --- all together ------------------------------------------------------------------------------

FINDERS = (find_accounts, find_dobs, find_cards, find_emails, find_phones, find_postcodes)


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
        extensions.put(doc, "pii", tuple(
            (span.label.value, span.start, span.end, span.text) for span in find_pii(doc_text(doc))
        ))
        return doc


@Language.factory(COMPONENT)
def make_pii_finder(nlp: Language, name: str) -> PiiFinder:
    return PiiFinder()

