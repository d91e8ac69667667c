"""Checks of the labelled triage corpus in models/corpus (see its README.md).

Standard library and pytest only: the corpus is data, and these tests guard its
schema, its label spread per split, a few hard negatives whose labels must not
drift, the honesty of the held-out split and the rule that every phone number and
email address in it is fictional.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path

import pytest

CORPUS = Path(__file__).parents[1] / "models/corpus"
SHARED_CSV = Path("/work/shared/data/complaints-data.csv")

TOPICS = (
    "privacy",
    "unwanted_contact",
    "blocking",
    "billing",
    "network",
    "customer_service",
)
SIGNALS = ("regulator", "churn", "repeat", "public_pii")
PREFERENCES = (None, "email_only", "no_calls", "sms_only", "dm_only", "no_marketing", "post_only")
REQUESTS = (
    "phone",
    "email",
    "full_name",
    "address",
    "postcode",
    "dob",
    "account_number",
    "order_number",
    "password_or_pin",
    "security_answer",
    "card_number",
    "other_id",
)
SPLITS = ("train", "dev", "test")
CUSTOMER_KEYS = {"id", "text", "complaint", "topics", "preference", "signals", "split", "family"}
AGENT_KEYS = {"id", "text", "requests", "split", "family"}


def _load(name: str) -> list[dict]:
    path = CORPUS / name
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture(scope="module")
def customer() -> list[dict]:
    return _load("customer.jsonl")


@pytest.fixture(scope="module")
def agent() -> list[dict]:
    return _load("agent.jsonl")


@pytest.fixture(scope="module")
def shared() -> list[dict]:
    return _load("shared_labels.jsonl")


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _skeleton(text: str) -> str:
    """Text reduced to its words: no handles, brand names, digits or punctuation."""
    text = re.sub(r"@\w+", " ", text.casefold())
    text = re.sub(r"\bnorthwind( mobile)?\b", " ", text)
    return " ".join(re.findall(r"[a-z]+", text))


# --- schema -----------------------------------------------------------------


def test_customer_schema(customer: list[dict]) -> None:
    assert len(customer) >= 700
    for row in customer:
        assert set(row) == CUSTOMER_KEYS, row["id"]
        assert re.fullmatch(r"c-\d{4}", row["id"])
        assert isinstance(row["text"], str) and row["text"].strip() == row["text"] != ""
        assert row["complaint"] in (0, 1)
        assert isinstance(row["topics"], list) and set(row["topics"]) <= set(TOPICS)
        assert len(set(row["topics"])) == len(row["topics"])
        assert row["preference"] in PREFERENCES
        assert isinstance(row["signals"], list) and set(row["signals"]) <= set(SIGNALS)
        assert len(set(row["signals"])) == len(row["signals"])
        assert row["split"] in SPLITS
        assert re.fullmatch(r"cf-\d{3}", row["family"])
    assert len({row["id"] for row in customer}) == len(customer)


def test_agent_schema(agent: list[dict]) -> None:
    assert len(agent) >= 350
    for row in agent:
        assert set(row) == AGENT_KEYS, row["id"]
        assert re.fullmatch(r"a-\d{4}", row["id"])
        assert isinstance(row["text"], str) and row["text"].strip() == row["text"] != ""
        assert isinstance(row["requests"], list) and set(row["requests"]) <= set(REQUESTS)
        assert len(set(row["requests"])) == len(row["requests"])
        assert row["split"] in SPLITS
        assert re.fullmatch(r"af-\d{3}", row["family"])
    assert len({row["id"] for row in agent}) == len(agent)


def test_shared_labels_schema(shared: list[dict]) -> None:
    assert len(shared) >= 150
    for row in shared:
        assert set(row) == {"tweet_id", "topics", "split"}, "only ids and labels, never text"
        assert re.fullmatch(r"\d+", row["tweet_id"])
        assert set(row["topics"]) <= set(TOPICS)
        assert row["split"] == "test"
    assert len({row["tweet_id"] for row in shared}) == len(shared)


def test_shared_labels_refer_to_existing_tweets(shared: list[dict]) -> None:
    if not SHARED_CSV.exists():
        pytest.skip(f"{SHARED_CSV} is not on this machine, so tweet ids cannot be checked")
    with SHARED_CSV.open(encoding="utf-8", newline="") as fh:
        known = {row[0] for row in csv.reader(fh) if row}
    missing = [row["tweet_id"] for row in shared if row["tweet_id"] not in known]
    assert missing == []


# --- label spread -------------------------------------------------------------


def test_customer_topic_counts_per_split(customer: list[dict]) -> None:
    counts = Counter((t, row["split"]) for row in customer for t in row["topics"])
    for topic in TOPICS:
        total = sum(counts[(topic, s)] for s in SPLITS)
        assert total >= 90, topic
        assert counts[(topic, "dev")] >= 10, topic
        assert counts[(topic, "test")] >= 10, topic
    for topic in ("privacy", "unwanted_contact", "blocking"):
        assert counts[(topic, "test")] >= 15, topic
    no_topic = Counter(row["split"] for row in customer if not row["topics"])
    assert all(no_topic[s] >= 20 for s in SPLITS)


def test_customer_other_labels_are_spread(customer: list[dict]) -> None:
    complaints = sum(row["complaint"] for row in customer)
    assert 0.35 <= complaints / len(customer) <= 0.65
    assert sum(1 for row in customer if row["preference"]) >= 60
    signals = Counter((sig, row["split"]) for row in customer for sig in row["signals"])
    for sig in SIGNALS:
        assert all(signals[(sig, s)] >= 3 for s in SPLITS), sig
    assert sum(signals[("public_pii", s)] for s in SPLITS) >= 60


def test_split_proportions(customer: list[dict], agent: list[dict]) -> None:
    for rows in (customer, agent):
        share = Counter(row["split"] for row in rows)
        assert 0.62 <= share["train"] / len(rows) <= 0.78
        assert 0.10 <= share["dev"] / len(rows) <= 0.20
        assert 0.10 <= share["test"] / len(rows) <= 0.20


def test_agent_request_counts(agent: list[dict]) -> None:
    counts = Counter((r, row["split"]) for row in agent for r in row["requests"])
    for kind in REQUESTS:
        assert counts[(kind, "train")] >= 8, kind
        assert counts[(kind, "test")] >= 1, kind
    none = sum(1 for row in agent if not row["requests"])
    assert 0.2 <= none / len(agent) <= 0.4


# --- hard negatives -------------------------------------------------------------

CUSTOMER_CASES = [
    ("blocked drain", lambda r: r["topics"] == []),
    ("i blocked the spam caller myself", lambda r: r["topics"] == []),
    ("privacy screen protector", lambda r: "privacy" not in r["topics"]),
    ("privacy glass", lambda r: r["topics"] == []),
    ("the ref blocked the shot", lambda r: r["topics"] == []),
    ("ofcom coverage checker says 5g here", lambda r: "regulator" not in r["signals"]),
    ("switching my phone off and on", lambda r: "churn" not in r["signals"]),
    ("thanks for sorting my bill so quickly", lambda r: r["complaint"] == 0),
    ("can you call me back please", lambda r: r["topics"] == [] and r["complaint"] == 0),
    ("data allowance", lambda r: "privacy" not in r["topics"]),
    ("ico is my favourite cocktail bar", lambda r: r["signals"] == []),
    ("my number's on the account", lambda r: "public_pii" not in r["signals"]),
    ("email only means email only", lambda r: r["preference"] == "email_only"),
    ("over-18 block", lambda r: "blocking" in r["topics"]),
    ("the call is not on the system", lambda r: "customer_service" in r["topics"]),
]

AGENT_CASES = [
    ("emailed the address on your account", []),
    ("never ask for your pin", []),
    ("your number is safe with us", []),
    ("dm us the number you're calling about", ["phone"]),
    ("confirm the first line of your address and dob", ["address", "dob"]),
    ("best number to reach you on", ["phone"]),
    ("pop your account number in a dm", ["account_number"]),
    ("no need to send the card number", []),
]


@pytest.mark.parametrize(("needle", "check"), CUSTOMER_CASES, ids=[c[0] for c in CUSTOMER_CASES])
def test_customer_hard_negatives(customer: list[dict], needle: str, check) -> None:
    hits = [row for row in customer if needle in _norm(row["text"])]
    assert hits, f"no customer post contains {needle!r}"
    assert all(check(row) for row in hits), [row["id"] for row in hits if not check(row)]


@pytest.mark.parametrize(("needle", "expected"), AGENT_CASES, ids=[c[0] for c in AGENT_CASES])
def test_agent_hard_negatives(agent: list[dict], needle: str, expected: list[str]) -> None:
    hits = [row for row in agent if needle in _norm(row["text"])]
    assert hits, f"no agent text contains {needle!r}"
    assert all(sorted(row["requests"]) == sorted(expected) for row in hits)


# --- honest held-out split -------------------------------------------------------


@pytest.mark.parametrize("name", ["customer.jsonl", "agent.jsonl"])
def test_no_text_in_two_splits(name: str) -> None:
    rows = _load(name)
    for key in (str, _norm, _skeleton):
        splits: dict[str, set[str]] = {}
        for row in rows:
            splits.setdefault(key(row["text"]), set()).add(row["split"])
        leaked = {text: s for text, s in splits.items() if len(s) > 1}
        assert leaked == {}, f"{key.__name__}: {list(leaked)[:5]}"


@pytest.mark.parametrize("name", ["customer.jsonl", "agent.jsonl"])
def test_families_stay_in_one_split(name: str) -> None:
    splits: dict[str, set[str]] = {}
    for row in _load(name):
        splits.setdefault(row["family"], set()).add(row["split"])
    assert {f: s for f, s in splits.items() if len(s) > 1} == {}


@pytest.mark.parametrize("name", ["customer.jsonl", "agent.jsonl"])
def test_no_duplicate_texts(name: str) -> None:
    texts = Counter(_norm(row["text"]) for row in _load(name))
    assert [t for t, n in texts.items() if n > 1] == []


# --- fictional data only -----------------------------------------------------------

UK_PHONE = re.compile(r"(?<![\w+])(?:\+44\s?|0)\d(?:[\s-]?\d){8,9}(?!\d)")
US_PHONE = re.compile(r"(?<!\d)(?:\(?\d{3}\)?[\s.-]?)?555[\s.-]?\d{4}(?!\d)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
FICTIONAL_UK = ("07700900", "02079460")
FICTIONAL_DOMAINS = {"example.com", "example.org", "example.net"}


def _is_fictional_uk(number: str) -> bool:
    digits = re.sub(r"\D", "", number)
    if digits.startswith("44"):
        digits = "0" + digits[2:]
    return len(digits) == 11 and digits.startswith(FICTIONAL_UK)


def _all_texts() -> list[str]:
    return [row["text"] for name in ("customer.jsonl", "agent.jsonl") for row in _load(name)]


def test_phone_numbers_are_fictional() -> None:
    bad = [m for text in _all_texts() for m in UK_PHONE.findall(text) if not _is_fictional_uk(m)]
    assert bad == []
    us = [m for text in _all_texts() for m in US_PHONE.findall(text)]
    assert all(100 <= int(m[-4:]) <= 199 for m in us), us


def test_emails_are_fictional() -> None:
    found = [m for text in _all_texts() for m in EMAIL.findall(text)]
    assert found, "the corpus should contain some (fictional) email addresses"
    assert [m for m in found if m.rsplit("@", 1)[1].casefold() not in FICTIONAL_DOMAINS] == []


def test_scanner_catches_real_looking_numbers() -> None:
    assert not _is_fictional_uk("07911 123456")
    assert UK_PHONE.findall("ring 07911 123456 today") == ["07911 123456"]
    assert _is_fictional_uk("+44 7700 900123") and _is_fictional_uk("020 7946 0042")


def test_public_pii_posts_contain_pii(customer: list[dict]) -> None:
    for row in customer:
        if "public_pii" in row["signals"]:
            text = row["text"]
            assert (
                UK_PHONE.search(text)
                or EMAIL.search(text)
                or re.search(r"\d{8}|\d{2}/\d{2}/\d{4}|\d{4} \d{4} \d{4} \d{4}", text)
                or re.search(r"(?i)\b[a-z]{1,2}\d[a-z\d]? ?\d[a-z]{2}\b", text)
            ), row["id"]
