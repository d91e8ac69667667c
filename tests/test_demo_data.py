"""The bundled Northwind Mobile demo data set is well formed and wholly fictional.

Standard library only, and the files are found relative to this test file, so
these checks run even while the rest of the package is being built.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest

DATA = Path(__file__).parents[1] / "src/caredesk/services/demo_data"
FILES = ("customers.csv", "customers_bad_rows.csv", "contacts.csv", "posts.jsonl")

CUSTOMER_HEADER = [
    "customer_id", "name", "email", "phone", "dob", "postcode", "address", "account_number",
    "x_handle", "mastodon_handle", "bluesky_handle", "preferred_channel", "preferred_only",
    "do_not_call", "no_marketing",
]
CONTACT_HEADER = [
    "customer_id", "at", "channel", "direction", "from", "team", "agent", "purpose",
    "outcome", "notes",
]
CHANNELS = {"email", "sms", "call", "dm", "post"}
BOOLEANS = {"true", "false"}
BRAND = {"x": "NorthwindCare", "mastodon": "NorthwindCare@social.example.com",
         "bluesky": "care.northwind.example.com"}
HANDLE_COLUMN = {"x": "x_handle", "mastodon": "mastodon_handle", "bluesky": "bluesky_handle"}
WINDOW = (date(2026, 11, 9), date(2026, 11, 22))

# Phone-number-looking strings. UK: a 0 (or +44) then 9-10 more digits, with single
# spaces or hyphens between them. US: 3-3-4 groups with separators, or bare 555-0100.
UK_PHONE = re.compile(
    r"(?<![\w+])(?:\+44[\s-]?(?:\(0\)[\s-]?)?|\(?0)[1-9](?:[\s)-]{0,2}\d){8,9}(?!\d)"
)
US_PHONE = re.compile(
    r"(?<![\w+])(?:\+?1[\s.-]?)?\(?[2-9]\d{2}\)?[\s.-]\d{3}[\s.-]\d{4}(?!\d)"
    r"|(?<![\w.-])\d{3}-\d{4}(?!\d)"
)
EMAIL = re.compile(r"[\w.+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
URL_HOST = re.compile(r"https?://([A-Za-z0-9.-]+)")
RESERVED_DOMAINS = ("example.com", "example.org", "example.net")


def _read_csv(name: str) -> tuple[list[str], list[dict[str, str]]]:
    with (DATA / name).open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


@pytest.fixture(scope="module")
def customers() -> list[dict[str, str]]:
    return _read_csv("customers.csv")[1]


@pytest.fixture(scope="module")
def contacts() -> list[dict[str, str]]:
    return _read_csv("contacts.csv")[1]


@pytest.fixture(scope="module")
def posts() -> list[dict]:
    lines = (DATA / "posts.jsonl").read_text(encoding="utf-8").split("\n")
    assert lines[-1] == "", "posts.jsonl ends with a newline"
    return [json.loads(line) for line in lines[:-1]]


def _fictional_phone(found: str) -> bool:
    digits = re.sub(r"\D", "", found.replace("(0)", ""))
    if found.lstrip().startswith("+44"):
        digits = "0" + digits[2:]
    if digits.startswith("0"):
        return digits[:8] == "07700900" or digits[:8] == "02079460"
    # US: the NANP fictional block 555-0100 to 555-0199, in any area code.
    return len(digits) in (7, 10, 11) and 5550100 <= int(digits[-7:]) <= 5550199


def _phones(text: str) -> list[str]:
    return [m.group(0) for m in UK_PHONE.finditer(text)] + [
        m.group(0) for m in US_PHONE.finditer(text)
    ]


def _reserved(domain: str) -> bool:
    domain = domain.lower()
    return any(domain == d or domain.endswith("." + d) for d in RESERVED_DOMAINS)


def _when(value: str) -> datetime:
    parsed = datetime.fromisoformat(value)
    assert parsed.tzinfo is not None, f"{value} has no timezone"
    assert WINDOW[0] <= parsed.date() <= WINDOW[1], f"{value} outside the demo window"
    return parsed


# ------------------------------------------------------------------ scanners


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("call me on 07700 900123", True),
        ("+44 7700 900987", True),
        ("+447700900357", True),
        ("020 7946 0500", True),
        ("+1 212 555 0147", True),
        ("555-0199", True),
        ("07911 123456", False),
        ("+44 7911 123456", False),
        ("0161 496 0000", False),
        ("020 7123 4567", False),
        ("(212) 555-2368", False),
    ],
)
def test_the_phone_scanner_finds_numbers_and_judges_them(text: str, ok: bool) -> None:
    found = _phones(text)
    assert len(found) == 1, found
    assert _fictional_phone(found[0]) is ok


@pytest.mark.parametrize(
    "text", ["2026-11-16T10:02:00+00:00", "2119792122924757077", "dm-5146334666119861135",
             "40218837", "\\u0007\\u001b[2J", "1984-03-12"],
)
def test_the_phone_scanner_ignores_ids_and_dates(text: str) -> None:
    assert _phones(text) == []


@pytest.mark.parametrize("name", FILES)
def test_every_phone_number_is_in_a_fictional_range(name: str) -> None:
    text = (DATA / name).read_text(encoding="utf-8")
    found = _phones(text)
    assert found, f"no phone numbers at all in {name}? the scanner is broken"
    bad = sorted({p for p in found if not _fictional_phone(p)})
    assert bad == [], f"{name}: numbers outside the Ofcom/NANP drama ranges: {bad}"


@pytest.mark.parametrize("name", FILES)
def test_every_email_and_url_is_on_a_reserved_domain(name: str) -> None:
    text = (DATA / name).read_text(encoding="utf-8")
    domains = {m.group(1).rstrip(".") for m in EMAIL.finditer(text)}
    domains |= {m.group(1).rstrip(".") for m in URL_HOST.finditer(text)}
    bad = sorted(d for d in domains if not _reserved(d))
    assert bad == [], f"{name}: addresses outside example.com/.org/.net: {bad}"


# ------------------------------------------------------------------ customers


def test_customer_files_have_the_exact_header() -> None:
    for name in ("customers.csv", "customers_bad_rows.csv"):
        assert _read_csv(name)[0] == CUSTOMER_HEADER, name


def _customer_problems(row: dict[str, str]) -> list[str]:
    problems = []
    if not re.fullmatch(r"NW-\d{5}", row["customer_id"]):
        problems.append("customer_id")
    try:
        date.fromisoformat(row["dob"])
    except ValueError:
        problems.append("dob")
    if not re.fullmatch(r"\d{8}", row["account_number"]):
        problems.append("account_number")
    if row["preferred_channel"] not in CHANNELS | {""}:
        problems.append("preferred_channel")
    for column in ("preferred_only", "do_not_call", "no_marketing"):
        if row[column] not in BOOLEANS:
            problems.append(column)
    if row["x_handle"] and not re.fullmatch(r"[A-Za-z0-9_]{1,15}", row["x_handle"]):
        problems.append("x_handle")
    if row["mastodon_handle"] and not re.fullmatch(r"\w+@[\w.-]+", row["mastodon_handle"]):
        problems.append("mastodon_handle")
    if row["bluesky_handle"] and not row["bluesky_handle"].endswith(".example.com"):
        problems.append("bluesky_handle")
    if not re.fullmatch(r"[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}", row["postcode"]):
        problems.append("postcode")
    if not row["name"] or not row["phone"] or "\n" in row["address"]:
        problems.append("name/phone/address")
    return problems


def test_customers_are_valid_and_varied(customers: list[dict[str, str]]) -> None:
    assert len(customers) >= 28
    ids = [c["customer_id"] for c in customers]
    assert len(ids) == len(set(ids))
    for row in customers:
        assert _customer_problems(row) == [], row["customer_id"]
    email_only = [c for c in customers
                  if c["preferred_channel"] == "email" and c["preferred_only"] == "true"]
    assert len(email_only) >= 3
    assert sum(c["do_not_call"] == "true" for c in customers) >= 2
    assert sum(c["no_marketing"] == "true" for c in customers) >= 2
    assert any(c["email"] == "" for c in customers)
    assert any(c["x_handle"] == "" for c in customers)
    for column in HANDLE_COLUMN.values():
        handles = [c[column].lower() for c in customers if c[column]]
        assert len(handles) == len(set(handles)), column


def test_bad_rows_file_has_three_good_rows_then_two_bad() -> None:
    _, rows = _read_csv("customers_bad_rows.csv")
    assert len(rows) == 5
    assert [_customer_problems(r) for r in rows[:3]] == [[], [], []]
    assert _customer_problems(rows[3]) == ["preferred_channel"]
    assert rows[3]["preferred_channel"] == "pigeon"
    assert _customer_problems(rows[4]) == ["dob"]
    assert rows[4]["dob"] == "31/02/1990"


# ------------------------------------------------------------------ contacts


def test_contacts_header_and_values(
    contacts: list[dict[str, str]], customers: list[dict[str, str]]
) -> None:
    assert _read_csv("contacts.csv")[0] == CONTACT_HEADER
    assert len(contacts) >= 50
    known = {c["customer_id"] for c in customers}
    for row in contacts:
        assert row["customer_id"] in known, row
        _when(row["at"])
        assert row["channel"] in CHANNELS, row
        assert row["direction"] in {"inbound", "outbound"}, row
        assert row["purpose"] in {"service", "sales", "marketing"}, row
        assert row["from"] and row["team"] and row["outcome"], row


def _outbound(contacts, customer_id: str, channel: str, purpose: str) -> list[datetime]:
    return sorted(
        datetime.fromisoformat(r["at"]) for r in contacts
        if r["customer_id"] == customer_id and r["direction"] == "outbound"
        and r["channel"] == channel and r["purpose"] == purpose
    )


def test_an_email_only_customer_gets_sales_calls_on_consecutive_days(
    contacts: list[dict[str, str]], customers: list[dict[str, str]]
) -> None:
    email_only = [c["customer_id"] for c in customers
                  if c["preferred_channel"] == "email" and c["preferred_only"] == "true"]
    story = []
    for customer_id in email_only:
        days = sorted({t.date() for t in _outbound(contacts, customer_id, "call", "sales")})
        if any(b - a == timedelta(days=1) for a, b in pairwise(days)):
            story.append(customer_id)
    assert story, "no email-only customer with sales calls on consecutive days"
    notes = " ".join(r["notes"].lower() for r in contacts if r["customer_id"] in story)
    assert "security" in notes
    assert "not on the system" in notes


def test_preference_breaches_for_the_flags(
    contacts: list[dict[str, str]], customers: list[dict[str, str]]
) -> None:
    by_id = {c["customer_id"]: c for c in customers}
    do_not_call = [c for c in by_id if by_id[c]["do_not_call"] == "true"]
    no_marketing = [c for c in by_id if by_id[c]["no_marketing"] == "true"]
    assert any(
        r["customer_id"] in do_not_call and r["channel"] == "call" and r["direction"] == "outbound"
        for r in contacts
    )
    assert any(
        r["customer_id"] in no_marketing and r["channel"] == "sms"
        and r["purpose"] == "marketing"
        for r in contacts
    )


# ------------------------------------------------------------------ posts


def test_posts_have_the_required_keys_and_allowed_values(posts: list[dict]) -> None:
    allowed = {"network", "id", "conversation_id", "in_reply_to", "visibility", "direction",
               "author", "text", "created_at"}
    for post in posts:
        assert set(post) <= allowed, post
        assert {"network", "id", "visibility", "direction", "author", "text",
                "created_at"} <= set(post), post
        assert post["network"] in BRAND
        assert post["visibility"] in {"public", "direct"}
        assert post["direction"] in {"inbound", "outbound"}
        assert isinstance(post["id"], str) and post["id"]
        assert isinstance(post["text"], str) and post["text"]
        author = post["author"]
        assert set(author) <= {"id", "handle", "name", "followers"}
        assert isinstance(author["id"], str) and isinstance(author["handle"], str)
        assert isinstance(author.get("followers", 0), int)
        assert (author["handle"] == BRAND[post["network"]]) == (post["direction"] == "outbound")
        _when(post["created_at"])


def test_post_counts(posts: list[dict]) -> None:
    assert len(posts) >= 140
    networks = Counter(p["network"] for p in posts)
    assert networks["x"] >= 100
    assert networks["mastodon"] >= 20
    assert networks["bluesky"] >= 12
    assert sum(p["visibility"] == "direct" for p in posts) >= 8


def test_post_ids_are_unique_and_shaped_per_network(posts: list[dict]) -> None:
    keys = [(p["network"], p["id"]) for p in posts]
    assert len(keys) == len(set(keys))
    shapes = {
        "x": r"[1-9]\d{18}",
        "mastodon": r"[1-9]\d{5,19}",
        "bluesky": r"at://did:plc:[a-z2-7]{24}/app\.bsky\.feed\.post/[2-7a-z]{13}",
    }
    for network, post_id in keys:
        assert re.fullmatch(shapes[network], post_id), post_id


def test_threads_point_backwards_and_share_a_conversation(posts: list[dict]) -> None:
    earlier: dict[tuple[str, str], dict] = {}
    for post in posts:
        key = (post["network"], post.get("in_reply_to"))
        if post.get("in_reply_to"):
            assert key in earlier, f"{post['id']} replies to a later or missing post"
            parent = earlier[key]
            assert parent["created_at"] < post["created_at"]
            assert post["conversation_id"] == parent["conversation_id"]
        if post["visibility"] == "direct":
            customer = post["author"]["id"] if post["direction"] == "inbound" else None
            assert post["conversation_id"].startswith("dm-")
            if customer:
                assert post["conversation_id"] == f"dm-{customer}"
        elif post.get("conversation_id") and not post.get("in_reply_to"):
            assert post["conversation_id"] == post["id"], "a root is its own conversation"
        earlier[(post["network"], post["id"])] = post
    assert sum("in_reply_to" in p for p in posts) >= 50


def test_most_inbound_posts_come_from_known_customers(
    posts: list[dict], customers: list[dict[str, str]]
) -> None:
    known = {(network, c[column]) for c in customers
             for network, column in HANDLE_COLUMN.items() if c[column]}
    inbound = [p for p in posts if p["direction"] == "inbound"]
    from_customers = sum((p["network"], p["author"]["handle"]) in known for p in inbound)
    assert 0.7 <= from_customers / len(inbound) <= 0.9
    ids_by_handle = defaultdict(set)
    for p in posts:
        ids_by_handle[(p["network"], p["author"]["handle"])].add(p["author"]["id"])
    assert all(len(ids) == 1 for ids in ids_by_handle.values()), "one id per handle"


def test_the_dm_us_your_number_thread(
    posts: list[dict], customers: list[dict[str, str]]
) -> None:
    """Care asks publicly, in turn, for her number, her X handle and her email."""
    email_only = {c["x_handle"] for c in customers
                  if c["preferred_channel"] == "email" and c["preferred_only"] == "true"}
    asks = defaultdict(list)
    for p in posts:
        if (p["network"] == "x" and p["direction"] == "outbound"
                and p["visibility"] == "public" and "in_reply_to" in p):
            text = p["text"].lower()
            for what in ("mobile number", "x handle", "email address"):
                if "dm us" in text and what in text:
                    asks[p["conversation_id"]].append(what)
    threads = [c for c, found in asks.items()
               if found == ["mobile number", "x handle", "email address"]]
    assert len(threads) == 1
    roots = [p for p in posts if p["id"] == threads[0]]
    assert roots and roots[0]["author"]["handle"] in email_only


def test_hostile_text_survives_for_the_ingester_to_neutralise(posts: list[dict]) -> None:
    raw = (DATA / "posts.jsonl").read_text(encoding="utf-8")
    texts = [p["text"] for p in posts]
    assert "\\u0007" in raw, "a control character written as a JSON escape"
    assert any("\x07" in t for t in texts)
    assert any("\x1b" in t for t in texts)
    assert any("\x85" in t or "\x9b" in t for t in texts), "a C1 control"
    assert any("[@click=app.quit]" in t for t in texts)
    assert any("[/bold]" in t for t in texts)
    assert any(t.startswith(("=", "+")) for t in texts), "spreadsheet formula starts"
    assert any(len(t) >= 2000 for t in texts)
    assert any("[" in (p["author"].get("name") or "") for p in posts), "markup in a name"
    assert all(ch not in raw for ch in "\r\x07\x1b\x85\u2028"), "raw controls in the file"


def test_loud_voices_and_public_personal_data(posts: list[dict]) -> None:
    assert any((p["author"].get("followers") or 0) >= 250_000 for p in posts)
    inbound_public = [p["text"] for p in posts
                      if p["direction"] == "inbound" and p["visibility"] == "public"]
    assert any(_phones(t) for t in inbound_public), "a customer posts a phone number"
    assert any(EMAIL.search(t.replace("@NorthwindCare@", "")) for t in inbound_public)
    text = " ".join(inbound_public).lower()
    for word in ("ofcom", "ico", "ombudsman", "switching to another network",
                 "third time", "did you leak my number", "how did you get my email",
                 "stop calling me", "date of birth", "4 times"):
        assert word in text, word
