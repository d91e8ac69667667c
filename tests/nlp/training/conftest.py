"""A tiny invented corpus (no real tweets) for fast training tests: CSV + JSONL files."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from caredesk.services.model import RECIPE_DIR, project_root

COMPLAINTS = [
    "@ShopHelp my order is three weeks late and nobody answers",
    "@RailCo the 8:15 is cancelled again, worst service ever",
    "@PhoneCo no signal for two days, ring me on 07700 900456, this is ridiculous",
    "@PizzaPlace cold pizza and an hour late, not happy",
    "@BankCo charged twice for the same thing, sort it out",
    "@AirCo lost my bag and still no reply after a week",
    "@CarCo the app keeps crashing and support is useless",
    "@SoftCo the update broke my laptop, terrible",
    "@ShopHelp refund still not here, fed up waiting",
    "@RailCo stuck outside the station for an hour, again",
    "@PhoneCo overcharged on my bill again, disgusting",
    "@PizzaPlace wrong order for the third time, awful",
]
NON_COMPLAINTS = [
    "@ShopHelp thanks for the quick help today",
    "@RailCo what time is the first train on Sunday?",
    "@PhoneCo love the new plan, great value",
    "@PizzaPlace best pizza in town, thank you",
    "@BankCo can I open an account online?",
    "@AirCo lovely flight, the crew were brilliant",
    "@CarCo is the new model out in June?",
    "@SoftCo great update, works perfectly",
    "@ShopHelp do you deliver on Saturdays?",
    "@RailCo thanks for the help with my ticket",
    "@PhoneCo happy with the upgrade, cheers",
    "@PizzaPlace are you open on bank holidays?",
]
TOPIC_TEXTS = [  # text, complaint, topics, signals, preference
    ("you leaked my phone number to a sales firm, I am reporting you to the ICO", 1,
     ["privacy"], ["regulator"], None),
    ("who gave my email address to this company", 1, ["privacy"], [], None),
    ("stop calling me every day about upgrades, third time I have asked", 1,
     ["unwanted_contact"], ["repeat"], "no_calls"),
    ("another cold call from you today, I opted out", 1, ["unwanted_contact"], [],
     "no_marketing"),
    ("my blog is blocked by your adult filter, reply by email only", 1, ["blocking"], [],
     "email_only"),
    ("you blocked a site although I am over 18, I am leaving for another network", 1,
     ["blocking"], ["churn"], None),
    ("charged twice on my bill this month, send the refund letter by post only", 1,
     ["billing"], [], "post_only"),
    ("no signal at home since Monday, text me updates instead", 1, ["network"], [],
     "sms_only"),
    ("on hold for an hour and then cut off, DM only from now on", 1, ["customer_service"],
     [], "dm_only"),
    ("thanks for sorting my upgrade", 0, [], [], None),
    ("how do I top up online?", 0, [], [], None),
]
SPLITS = ["train", "train", "dev", "test"]
SHARED_PHONE = "07700 900456"
"""The (fictional) phone number in tweet 1002, labelled in shared_pii_labels.jsonl."""


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.fixture(scope="session")
def recipe_dir() -> Path:
    return project_root() / RECIPE_DIR


@pytest.fixture(scope="session")
def tiny_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tiny/complaints.csv and tiny/corpus/{customer,agent,shared_labels,pii,
    shared_pii_labels}.jsonl."""
    root = tmp_path_factory.mktemp("tiny")
    rows = [[str(1000 + i), text, "1", "other"] for i, text in enumerate(COMPLAINTS)]
    rows += [[str(2000 + i), text, "0", "other"] for i, text in enumerate(NON_COMPLAINTS)]
    write_csv(root / "complaints.csv", rows)
    corpus = root / "corpus"
    corpus.mkdir()
    lines = []
    for copy in range(4):  # every text in every split, so each split has every topic
        for i, (text, complaint, topics, signals, stated) in enumerate(TOPIC_TEXTS):
            lines.append({"id": f"c-{copy}-{i}", "text": text, "complaint": complaint,
                          "topics": topics, "preference": stated, "signals": signals,
                          "split": SPLITS[copy]})
    (corpus / "customer.jsonl").write_text(
        "".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    (corpus / "agent.jsonl").write_text(json.dumps(
        {"id": "a-1", "text": "please DM us your number", "requests": ["phone"],
         "split": "train"}) + "\n", encoding="utf-8")
    (corpus / "pii.jsonl").write_text(json.dumps(
        {"id": "p-1", "text": "ring me on 07700 900123", "split": "test", "family": "pf-1",
         "spans": [{"label": "PHONE", "start": 11, "end": 23}]}) + "\n", encoding="utf-8")
    (corpus / "shared_labels.jsonl").write_text(
        json.dumps({"tweet_id": "1001", "topics": [], "split": "test"}) + "\n"
        + json.dumps({"tweet_id": 1010, "topics": ["billing"], "split": "test"}) + "\n"
        + json.dumps({"tweet_id": "1003", "topics": ["privacy"], "split": "dev"}) + "\n",
        encoding="utf-8")
    start = COMPLAINTS[2].index(SHARED_PHONE)
    phone = {"label": "PHONE", "start": start, "end": start + len(SHARED_PHONE)}
    (corpus / "shared_pii_labels.jsonl").write_text(
        json.dumps({"tweet_id": "1002", "spans": [phone], "split": "test"}) + "\n"
        + json.dumps({"tweet_id": "2004", "spans": [], "split": "test"}) + "\n",
        encoding="utf-8")
    return root
