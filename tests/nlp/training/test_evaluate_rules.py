"""`caredesk model evaluate` also scores the rule heads: requests, preference, signals,
PII spans."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from caredesk.services.analysis import SHIPPED_MODEL
from caredesk.services.model import evaluate_model


def write_jsonl(path: Path, items: list[dict[str, object]]) -> None:
    path.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")


def test_requests_preference_and_signals_are_scored_on_the_split(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_jsonl(corpus / "customer.jsonl", [
        {"id": "c1", "text": "please contact me by email only", "complaint": 1,
         "topics": ["unwanted_contact"], "preference": "email_only", "signals": [],
         "split": "test"},
        {"id": "c2", "text": "my signal is dead, reporting you to Ofcom", "complaint": 1,
         "topics": ["network"], "preference": None, "signals": ["regulator"], "split": "test"},
        {"id": "c3", "text": "email only is fine", "complaint": 0, "topics": [],
         "preference": "email_only", "signals": [], "split": "train"},
    ])
    write_jsonl(corpus / "agent.jsonl", [
        {"id": "a1", "text": "Could you DM us your postcode?", "requests": ["postcode"],
         "split": "test"},
        {"id": "a2", "text": "We will never ask for your PIN.", "requests": [], "split": "test"},
        {"id": "a3", "text": "DM us your number", "requests": ["phone"], "split": "dev"},
    ])

    report = evaluate_model(model=SHIPPED_MODEL, corpus=corpus, data=None)

    assert (report.preference_examples, report.preference_accuracy) == (2, 1.0)
    assert (report.request_examples, report.requests_micro_f1) == (2, 1.0)
    scores = {label.label: label for label in report.labels}
    assert scores["signal:regulator"].f1 == 1.0 and scores["signal:regulator"].support == 1
    assert scores["request:postcode"].support == 1 and scores["request:phone"].support == 0


def test_pii_spans_are_scored_on_the_split(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_jsonl(corpus / "customer.jsonl", [
        {"id": "c1", "text": "no signal", "complaint": 1, "topics": ["network"],
         "preference": None, "signals": [], "split": "test"},
    ])
    text = "call me on 07700 900123 about order #A123456"
    write_jsonl(corpus / "pii.jsonl", [
        {"id": "p1", "text": text, "split": "test", "family": "pf-1",
         "spans": [{"label": "PHONE", "start": 11, "end": 23}]},
        {"id": "p2", "text": "called 3 times at 14:30, charged £12.50", "split": "test",
         "family": "pf-2", "spans": []},
        {"id": "p3", "text": "email me at jo@example.com", "split": "train", "family": "pf-3",
         "spans": [{"label": "EMAIL", "start": 12, "end": 26}]},
    ])

    report = evaluate_model(model=SHIPPED_MODEL, corpus=corpus, data=None)

    assert (report.pii_examples, report.pii_micro_f1) == (2, 1.0)
    scores = {label.label: label for label in report.labels}
    assert scores["pii:PHONE"].support == 1 and scores["pii:PHONE"].f1 == 1.0
    assert scores["pii:EMAIL"].support == 0  # the train post is not scored


def test_without_pii_file_there_is_no_pii_score(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_jsonl(corpus / "customer.jsonl", [
        {"id": "c1", "text": "no signal", "complaint": 1, "topics": ["network"],
         "preference": None, "signals": [], "split": "test"},
    ])
    report = evaluate_model(model=SHIPPED_MODEL, corpus=corpus, data=None)
    assert (report.pii_examples, report.pii_micro_f1) == (0, None)
    assert not any(label.label.startswith("pii:") for label in report.labels)


def test_real_tweets_are_scored_with_the_posts_and_on_their_own(tmp_path: Path) -> None:
    """Joined by tweet id from the CSV; here a fictional stand-in for the real one."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_jsonl(corpus / "customer.jsonl", [
        {"id": "c1", "text": "no signal", "complaint": 1, "topics": ["network"],
         "preference": None, "signals": [], "split": "test"},
    ])
    write_jsonl(corpus / "pii.jsonl", [
        {"id": "p1", "text": "email me at jo@example.com", "split": "test", "family": "pf-1",
         "spans": [{"label": "EMAIL", "start": 12, "end": 26}]},
    ])
    tweets = [["11", "@Acme ring me on 07700 900321 please", "1", "other"],
              ["12", "@Acme order 50770571 still not here", "1", "other"],
              ["13", "@Acme my email is sam@example.org", "1", "other"]]
    with (tmp_path / "tweets.csv").open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(tweets)
    write_jsonl(corpus / "shared_pii_labels.jsonl", [
        {"tweet_id": "11", "spans": [{"label": "PHONE", "start": 17, "end": 29}],
         "split": "test"},
        {"tweet_id": "12", "spans": [], "split": "test"},  # a hard negative
        {"tweet_id": "13", "spans": [{"label": "EMAIL", "start": 18, "end": 33}],
         "split": "dev"},  # not in the split
    ])

    report = evaluate_model(model=SHIPPED_MODEL, corpus=corpus, data=tmp_path / "tweets.csv")

    assert (report.pii_examples, report.pii_micro_f1) == (3, 1.0)
    assert (report.pii_real_examples, report.pii_real_micro_f1) == (2, 1.0)
    scores = {label.label: label for label in report.labels}
    assert scores["pii:EMAIL"].support == 1 and scores["pii:PHONE"].support == 1
    assert scores["pii-real:PHONE"].support == 1 and scores["pii-real:EMAIL"].support == 0
    assert report.notes == ()


def test_without_the_csv_real_tweets_are_left_out_with_a_note(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_jsonl(corpus / "customer.jsonl", [
        {"id": "c1", "text": "no signal", "complaint": 1, "topics": ["network"],
         "preference": None, "signals": [], "split": "test"},
    ])
    write_jsonl(corpus / "shared_pii_labels.jsonl", [
        {"tweet_id": "11", "spans": [], "split": "test"},
    ])
    report = evaluate_model(model=SHIPPED_MODEL, corpus=corpus, data=tmp_path / "nope.csv")
    assert (report.pii_examples, report.pii_micro_f1) == (0, None)
    assert (report.pii_real_examples, report.pii_real_micro_f1) == (0, None)
    assert report.notes == (f"1 real tweets of {corpus / 'shared_pii_labels.jsonl'} were not "
                            f"scored for PII: the complaint CSV {tmp_path / 'nope.csv'} is not "
                            "there (give it with --data)",)
