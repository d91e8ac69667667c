"""The training data as spaCy corpus readers, named in the recipe configs.

- `caredesk.complaint_corpus.v1`: the shared complaint CSV (read at train time from its
  path, never copied) plus the complaint labels of customer.jsonl, as an exclusive
  `complaint` / `not_complaint` category. With `folds` > 0 it yields one side of a
  stratified k-fold split of the CSV: `part = "in"` (the training folds) or `"out"`
  (the held-out fold), for cross-validation.
- `caredesk.topic_corpus.v1`: customer.jsonl with its six topics as multilabel categories.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.training import Example
from spacy.util import registry

from caredesk.nlp.errors import CorpusError
from caredesk.nlp.training.corpus import (
    TOPIC_LABELS,
    read_complaint_csv,
    read_customer_jsonl,
)
from caredesk.nlp.training.metrics import stratified_folds

COMPLAINT, NOT_COMPLAINT = "complaint", "not_complaint"
COMPLAINT_LABELS = (COMPLAINT, NOT_COMPLAINT)
PARTS = ("all", "in", "out")

Reader = Callable[[Language], Iterator[Example]]


def complaint_cats(label: int) -> dict[str, float]:
    return {COMPLAINT: float(label), NOT_COMPLAINT: 1.0 - float(label)}


def topic_cats(topics: tuple[str, ...]) -> dict[str, float]:
    return {name: float(name in topics) for name in TOPIC_LABELS}


def complaint_texts(complaints: str | None, customer: str | None, split: str, folds: int = 0,
                    fold: int = 0, part: str = "all",
                    seed: int = 0) -> list[tuple[str, dict[str, float]]]:
    """(text, cats) pairs for the complaint head; see the module docstring."""
    if part not in PARTS:
        raise CorpusError(f"part must be one of {PARTS}, not {part!r}")
    pairs: list[tuple[str, dict[str, float]]] = []
    if complaints:
        rows = read_complaint_csv(Path(complaints))
        if folds and part != "all":
            held_out = set(stratified_folds([r.complaint for r in rows], folds, seed)[fold])
            rows = [row for i, row in enumerate(rows) if (i in held_out) == (part == "out")]
        pairs += [(row.text, complaint_cats(row.complaint)) for row in rows]
    if customer:
        pairs += [(r.text, complaint_cats(r.complaint))
                  for r in read_customer_jsonl(Path(customer)) if r.split == split]
    return pairs


def topic_texts(customer: str, split: str) -> list[tuple[str, dict[str, float]]]:
    return [(r.text, topic_cats(r.topics))
            for r in read_customer_jsonl(Path(customer)) if r.split == split]


def _examples(pairs: list[tuple[str, dict[str, float]]]) -> Reader:
    """A reader that tokenizes once per pipeline and yields the same Examples each epoch
    (spaCy's update copies them, so they are never changed)."""
    made: dict[int, list[Example]] = {}

    def read(nlp: Language) -> Iterator[Example]:
        key = id(nlp.vocab)
        if key not in made:
            made.clear()
            made[key] = [Example.from_dict(nlp.make_doc(text), {"cats": cats})
                         for text, cats in pairs]
        yield from made[key]

    return read


@registry.readers("caredesk.complaint_corpus.v1")
def complaint_corpus(complaints: str | None = None, customer: str | None = None,
                     split: str = "train", folds: int = 0, fold: int = 0, part: str = "all",
                     seed: int = 0) -> Reader:
    return _examples(complaint_texts(complaints, customer, split, folds, fold, part, seed))


@registry.readers("caredesk.topic_corpus.v1")
def topic_corpus(customer: str, split: str = "train") -> Reader:
    if not customer:
        raise CorpusError("the topic corpus needs paths.customer (models/corpus/customer.jsonl)")
    return _examples(topic_texts(customer, split))
