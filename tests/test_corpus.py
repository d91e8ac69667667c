"""Checks of the labelled triage corpus in models/corpus (see its README.md).

Standard library and pytest only: the corpus is data, and these tests guard its
schema, its label spread per split, a few hard negatives whose labels must not
drift, the honesty of the held-out split and the rule that every phone number and
email address in it is fictional.
"""

from __future__ import annotations

import csv
import itertools
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
PII_LABELS = ("PHONE", "EMAIL", "POSTCODE", "CARD", "DOB", "ACCOUNT")
PII_KEYS = {"id", "text", "spans", "split", "family"}
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


@pytest.fixture(scope="module")
def pii() -> list[dict]:
    return _load("pii.jsonl")


@pytest.fixture(scope="module")
def shared_pii() -> list[dict]:
    return _load("shared_pii_labels.jsonl")


@pytest.fixture(scope="module")
def tweets() -> dict[str, str]:
    """Tweet id -> text of the shared complaint CSV, read as the evaluation reads it."""
    if not SHARED_CSV.exists():
        pytest.skip(f"{SHARED_CSV} is not on this machine, so tweet ids cannot be checked")
    with SHARED_CSV.open(encoding="utf-8", newline="") as fh:
        return {row[0]: row[1] for row in csv.reader(fh) if row}


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
        assert re.fullmatch(r"c-\d{4,5}", row["id"])
        assert isinstance(row["text"], str) and row["text"].strip() == row["text"] != ""
        assert row["complaint"] in (0, 1)
        assert isinstance(row["topics"], list) and set(row["topics"]) <= set(TOPICS)
        assert len(set(row["topics"])) == len(row["topics"])
        assert row["preference"] in PREFERENCES
        assert isinstance(row["signals"], list) and set(row["signals"]) <= set(SIGNALS)
        assert len(set(row["signals"])) == len(row["signals"])
        assert row["split"] in SPLITS
        assert re.fullmatch(r"cf-\d{3,5}", row["family"])
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
        assert row["split"] in ("dev", "test")
    assert sum(row["split"] == "test" for row in shared) >= 150
    assert len({row["tweet_id"] for row in shared}) == len(shared)


def test_pii_schema(pii: list[dict]) -> None:
    assert len(pii) >= 400
    for row in pii:
        assert set(row) == PII_KEYS, row["id"]
        assert re.fullmatch(r"p-\d{4}", row["id"])
        assert isinstance(row["text"], str) and row["text"].strip() == row["text"] != ""
        assert row["split"] in SPLITS
        assert re.fullmatch(r"pf-\d{3}", row["family"])
        assert isinstance(row["spans"], list)
        for span in row["spans"]:
            assert set(span) == {"label", "start", "end"}, row["id"]
            assert span["label"] in PII_LABELS, row["id"]
    assert len({row["id"] for row in pii}) == len(pii)


def _check_spans(spans: list[dict], text: str, where: str) -> None:
    """Offsets inside the text, exactly the value (no padding or trailing punctuation),
    no overlaps."""
    spans = sorted(spans, key=lambda s: s["start"])
    for span in spans:
        assert 0 <= span["start"] < span["end"] <= len(text), where
        value = text[span["start"] : span["end"]]
        assert value == value.strip() and value[-1] not in ".,;:!?", (where, span)
    assert all(a["end"] <= b["start"] for a, b in itertools.pairwise(spans)), where


def test_pii_spans_are_inside_text_and_do_not_overlap(pii: list[dict]) -> None:
    for row in pii:
        _check_spans(row["spans"], row["text"], row["id"])


def test_shared_pii_labels_schema(shared_pii: list[dict]) -> None:
    assert len(shared_pii) >= 250
    for row in shared_pii:
        assert set(row) == {"tweet_id", "spans", "split"}, "only ids and offsets, never text"
        assert re.fullmatch(r"\d+", row["tweet_id"])
        assert row["split"] == "test"
        for span in row["spans"]:
            assert set(span) == {"label", "start", "end"}, row["tweet_id"]
            assert span["label"] in PII_LABELS, row["tweet_id"]
            assert type(span["start"]) is int and type(span["end"]) is int, row["tweet_id"]
    assert len({row["tweet_id"] for row in shared_pii}) == len(shared_pii)
    negatives = sum(1 for row in shared_pii if not row["spans"])
    assert negatives / len(shared_pii) >= 0.8, "most selected tweets are hard negatives"


def test_shared_pii_spans_fit_their_tweets(shared_pii: list[dict],
                                           tweets: dict[str, str]) -> None:
    assert [row["tweet_id"] for row in shared_pii if row["tweet_id"] not in tweets] == []
    for row in shared_pii:
        _check_spans(row["spans"], tweets[row["tweet_id"]], row["tweet_id"])


SELECTED = [
    re.compile(r"\d(?:[ \-.()\[\]]{0,2}\d){5,}"),  # 6+ digits, separators inside
    re.compile(r"@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b"),  # @ and a domain-like string
    re.compile(r"(?i)\bemail|\be-mail|\bpostcode|\bzip|\bdob\b|birth|\baccount|\bacct|\bcard"),
    re.compile(r"(?i)\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b"),  # UK postcode shape
]
"""The selection rule of shared_pii_labels.jsonl (models/corpus/README.md)."""


def test_shared_pii_labels_cover_every_selected_tweet(shared_pii: list[dict],
                                                      tweets: dict[str, str]) -> None:
    """Every tweet that may hold PII by the selection rule is labelled (spans or none)."""
    labelled = {row["tweet_id"] for row in shared_pii}
    selected = {i for i, text in tweets.items() if any(p.search(text) for p in SELECTED)}
    assert sorted(selected - labelled) == []
    assert len(labelled - selected) >= 50, "plus random others, as negatives"


def test_pii_labels_are_spread(pii: list[dict]) -> None:
    counts = Counter((s["label"], row["split"]) for row in pii for s in row["spans"])
    for label in PII_LABELS:
        assert sum(counts[(label, s)] for s in SPLITS) >= 30, label
        assert all(counts[(label, s)] >= 5 for s in SPLITS), label
    negatives = sum(1 for row in pii if not row["spans"])
    assert 0.3 <= negatives / len(pii) <= 0.5
    share = Counter(row["split"] for row in pii)
    assert 0.55 <= share["train"] / len(pii) <= 0.65
    assert all(0.15 <= share[s] / len(pii) <= 0.25 for s in ("dev", "test"))


def test_shared_labels_refer_to_existing_tweets(shared: list[dict],
                                               tweets: dict[str, str]) -> None:
    assert [row["tweet_id"] for row in shared if row["tweet_id"] not in tweets] == []


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


SPLIT_SHARES = {"first": (0.70, 0.15, 0.15), "second": (0.50, 0.20, 0.30),
                "third": (1.0, 0.0, 0.0), "fourth": (0.60, 0.15, 0.25)}
"""Target train/dev/test shares of each batch (models/corpus/README.md, "Split")."""


def batch(row: dict) -> str:
    """The first batch is c-0001..c-0999 (and all of agent.jsonl); the blind second,
    c-1001..c-1999; the third (training only, written with sight of the rules),
    c-2001..c-2999; the fourth and later (blind writers, each writer's posts split
    60/15/25), c-3001 on."""
    number = int(row["id"].split("-")[1])
    if number > 3000:
        return "fourth"
    return "third" if number > 2000 else "second" if number > 1000 else "first"


def test_split_proportions(customer: list[dict], agent: list[dict]) -> None:
    for name, targets in SPLIT_SHARES.items():
        for rows in (customer, agent):
            rows = [row for row in rows if batch(row) == name]
            if not rows:
                continue
            share = Counter(row["split"] for row in rows)
            for split, target in zip(("train", "dev", "test"), targets, strict=True):
                assert abs(share[split] / len(rows) - target) <= 0.05, (name, split)


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
    # asking for a callback states no preference and is not a contact complaint
    ("can you call me back please",
     lambda r: r["preference"] is None and "unwanted_contact" not in r["topics"]),
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


@pytest.mark.parametrize("name", ["customer.jsonl", "agent.jsonl", "pii.jsonl"])
def test_no_text_in_two_splits(name: str) -> None:
    rows = _load(name)
    for key in (str, _norm, _skeleton):
        splits: dict[str, set[str]] = {}
        for row in rows:
            splits.setdefault(key(row["text"]), set()).add(row["split"])
        leaked = {text: s for text, s in splits.items() if len(s) > 1}
        assert leaked == {}, f"{key.__name__}: {list(leaked)[:5]}"


@pytest.mark.parametrize("name", ["customer.jsonl", "agent.jsonl", "pii.jsonl"])
def test_families_stay_in_one_split(name: str) -> None:
    splits: dict[str, set[str]] = {}
    for row in _load(name):
        splits.setdefault(row["family"], set()).add(row["split"])
    assert {f: s for f, s in splits.items() if len(s) > 1} == {}


@pytest.mark.parametrize("name", ["customer.jsonl", "agent.jsonl", "pii.jsonl"])
def test_no_duplicate_texts(name: str) -> None:
    texts = Counter(_norm(row["text"]) for row in _load(name))
    assert [t for t, n in texts.items() if n > 1] == []


# --- fictional data only -----------------------------------------------------------

UK_PHONE = re.compile(r"(?<![\w+])(?:\+44\s?|0)\d(?:[\s-]?\d){8,9}(?!\d)")
US_PHONE = re.compile(r"(?<!\d)(?:\(?\d{3}\)?[\s.-]?)?555[\s.-]?\d{4}(?!\d)")
US_PHONE_SHORT = re.compile(r"(?<![\d-])555-01\d\d(?![\d-])")  # 555-0142, no area code
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
FICTIONAL_UK = ("07700900", "02079460")
FICTIONAL_DOMAINS = {"example.com", "example.org", "example.net"}


def _is_fictional_uk(number: str) -> bool:
    digits = re.sub(r"\D", "", number)
    if digits.startswith("44"):
        digits = "0" + digits[2:]
    return len(digits) == 11 and digits.startswith(FICTIONAL_UK)


def _all_texts() -> list[str]:
    names = ("customer.jsonl", "agent.jsonl", "pii.jsonl")
    return [row["text"] for name in names for row in _load(name)]


def _span_values(label: str) -> list[str]:
    rows = _load("pii.jsonl")
    return [
        r["text"][s["start"] : s["end"]] for r in rows for s in r["spans"] if s["label"] == label
    ]


def _deobfuscate(email: str) -> str:
    """'sam dot k at example dot com', 'sam(at)example(dot)com' -> sam.k@example.com."""
    email = re.sub(r"\s*[\[(]?\s*\bdot\b\s*[\])]?\s*", ".", email, flags=re.I)
    return re.sub(r"\s*[\[(]?\s*\bat\b\s*[\])]?\s*", "@", email, flags=re.I).replace(" ", "")


def test_phone_numbers_are_fictional() -> None:
    bad = [m for text in _all_texts() for m in UK_PHONE.findall(text) if not _is_fictional_uk(m)]
    assert bad == []
    us = [m for text in _all_texts() for m in US_PHONE.findall(text)]
    assert all(100 <= int(m[-4:]) <= 199 for m in us), us


def test_emails_are_fictional() -> None:
    found = [m for text in _all_texts() for m in EMAIL.findall(text)]
    assert found, "the corpus should contain some (fictional) email addresses"
    assert [m for m in found if m.rsplit("@", 1)[1].casefold() not in FICTIONAL_DOMAINS] == []


def test_pii_phone_spans_are_fictional() -> None:
    """Span check as well as the text scan: it also sees formats like '(0)7700-900-348'."""
    phones = _span_values("PHONE")
    uk = [p for p in phones if not US_PHONE.search(p)]
    assert [p for p in uk if not _is_fictional_uk(re.sub(r"^\+?44\s*\(0\)", "0", p))] == []
    assert all(100 <= int(re.sub(r"\D", "", p)[-4:]) <= 199 for p in phones if p not in uk)


def test_pii_email_spans_are_fictional() -> None:
    emails = [_deobfuscate(e) for e in _span_values("EMAIL")]
    assert [e for e in emails if e.rsplit("@", 1)[-1].casefold() not in FICTIONAL_DOMAINS] == []
    assert _deobfuscate("sam dot k at example dot com") == "sam.k@example.com"
    assert _deobfuscate("paulo [at] example [dot] org") == "paulo@example.org"


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
                # an account number: NW-4471982, HT-BUS-448201, HT-55120-B
                or re.search(r"\b[A-Z]{2,3}(?:-[A-Z]{2,3})?-\d[\dA-Z-]{4,}", text)
                or re.search(r"(?i)\baccount\D{0,12}\d[\d -]{6,}", text)  # Account 4410-229-87
                or US_PHONE_SHORT.search(text)
                or re.search(r"(?i)\b[a-z]{1,2}\d[a-z\d]? ?\d[a-z]{2}\b", text)
            ), row["id"]
