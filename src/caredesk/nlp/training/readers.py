"""The texts each trained head is fitted on, as (text, cats) pairs.

- `complaint_texts`: the shared complaint CSV (read at train time from its path, never
  copied) plus the complaint labels of customer.jsonl, as `complaint` / `not_complaint`.
- `topic_texts`: customer.jsonl with its six topics as independent categories.
- `signal_texts`: customer.jsonl with the escalation signals a head can learn from
  wording (regulator, churn, repeat) as independent categories.
- `preference_texts`: customer.jsonl with its stated preference, one category per value.
- `labelled_tweets`: real tweets of the complaint CSV with the topics that
  shared_labels.jsonl gives them, for the splits asked for.
- `unlabelled_tweets`: the real tweets of the complaint CSV that no topic label names,
  which the topic head also learns from, as posts without a topic.

Splits are asked for as a collection ("train", "dev"): the shipped heads are fitted on
both, once their settings were chosen (models/README.md).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path

from caredesk.domain import StatedPreference
from caredesk.nlp.signals import TRAINED_SIGNALS
from caredesk.nlp.training.corpus import (
    TOPIC_LABELS,
    CustomerRecord,
    read_complaint_csv,
    read_customer_jsonl,
    read_shared_labels,
    shared_label_texts,
)

COMPLAINT, NOT_COMPLAINT = "complaint", "not_complaint"
COMPLAINT_LABELS = (COMPLAINT, NOT_COMPLAINT)
SIGNAL_LABELS = tuple(signal.value for signal in TRAINED_SIGNALS)
PREFERENCE_LABELS = tuple(preference.value for preference in StatedPreference)
Pairs = list[tuple[str, dict[str, float]]]


def complaint_cats(label: int) -> dict[str, float]:
    return {COMPLAINT: float(label), NOT_COMPLAINT: 1.0 - float(label)}


def topic_cats(topics: tuple[str, ...]) -> dict[str, float]:
    return {name: float(name in topics) for name in TOPIC_LABELS}


def signal_cats(signals: tuple[str, ...]) -> dict[str, float]:
    return {name: float(name in signals) for name in SIGNAL_LABELS}


def complaint_texts(complaints: str | None, customer: str | None,
                    splits: Collection[str]) -> Pairs:
    """(text, cats) pairs for the complaint head; see the module docstring."""
    pairs: Pairs = []
    if complaints:
        pairs += [(row.text, complaint_cats(row.complaint))
                  for row in read_complaint_csv(Path(complaints))]
    if customer:
        pairs += customer_pairs(customer, splits, lambda r: complaint_cats(r.complaint))
    return pairs


def topic_texts(customer: str, splits: Collection[str]) -> Pairs:
    return customer_pairs(customer, splits, lambda r: topic_cats(r.topics))


def signal_texts(customer: str, splits: Collection[str]) -> Pairs:
    return customer_pairs(customer, splits, lambda r: signal_cats(r.signals))


def preference_texts(customer: str, splits: Collection[str]) -> Pairs:
    return customer_pairs(customer, splits, lambda r: {
        name: float(r.preference == name) for name in PREFERENCE_LABELS})


def customer_pairs(customer: str, splits: Collection[str],
                   cats: Callable[[CustomerRecord], dict[str, float]]) -> Pairs:
    """(text, cats(row)) for each row of customer.jsonl in `splits`."""
    return [(r.text, cats(r)) for r in read_customer_jsonl(Path(customer)) if r.split in splits]


def labelled_tweets(complaints: str, labelled: str, splits: Collection[str]) -> Pairs:
    """The CSV tweets that `labelled` (shared_labels.jsonl) puts in `splits`, with the
    topics it gives them."""
    labels = [label for label in read_shared_labels(Path(labelled)) if label.split in splits]
    rows = read_complaint_csv(Path(complaints))
    return [(text, topic_cats(topics))
            for text, topics in shared_label_texts(labels, rows, Path(labelled))]


def unlabelled_tweets(complaints: str, labelled: str | None) -> list[str]:
    """The real tweets of the complaint CSV that `labelled` (shared_labels.jsonl) does not
    name, whatever its split: the topic head learns from them what ordinary traffic to
    many brands looks like, where the written corpus is dense with topics. About one in
    twenty of them has a core topic (the labelled sample), so they are noisy negatives;
    the labelled tweets stay out, being the dev and test splits."""
    held = {label.tweet_id for label in read_shared_labels(Path(labelled))} if labelled else set()
    return [row.text for row in read_complaint_csv(Path(complaints)) if row.tweet_id not in held]
