"""Reading the training data: the shared complaint CSV and the JSONL corpus.

Both are read with the standard library only, so errors can name the file and
line of a broken row. The tweets in the shared CSV are never copied into the
project: they are read from ../shared/data/ each time they are needed.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from caredesk.domain import PiiLabel, Topic
from caredesk.nlp.errors import CorpusError

TOPIC_LABELS = tuple(topic.value for topic in Topic)
SPLITS = ("train", "dev", "test")
CUSTOMER_FILE = "customer.jsonl"
AGENT_FILE = "agent.jsonl"
SHARED_LABELS_FILE = "shared_labels.jsonl"
SHARED_PII_FILE = "shared_pii_labels.jsonl"
PII_FILE = "pii.jsonl"
PII_LABELS = tuple(label.value for label in PiiLabel)


@dataclass(frozen=True)
class ComplaintRow:
    """One row of the shared complaint CSV (tweet_id, text, complaint, domain)."""

    tweet_id: str
    text: str
    complaint: int
    domain: str
    line: int


@dataclass(frozen=True)
class CustomerRecord:
    id: str
    text: str
    complaint: int
    topics: tuple[str, ...]
    split: str
    preference: str | None = None
    signals: tuple[str, ...] = ()


@dataclass(frozen=True)
class AgentRecord:
    """An agent reply labelled with the kinds of customer data it asks for."""

    id: str
    text: str
    requests: tuple[str, ...]
    split: str


@dataclass(frozen=True)
class PiiRecord:
    """A post with the personal data in it as (label, start, end) character spans."""

    id: str
    text: str
    spans: tuple[tuple[str, int, int], ...]
    split: str


@dataclass(frozen=True)
class SharedLabel:
    """Topic labels for a tweet of the shared CSV, whose text is read from the CSV by id."""

    tweet_id: str
    topics: tuple[str, ...]
    split: str
    line: int


@dataclass(frozen=True)
class SharedPiiLabel:
    """PII spans of a tweet of the shared CSV: offsets into the CSV text, read by id (the
    tweet itself is never copied into the project)."""

    tweet_id: str
    spans: tuple[tuple[str, int, int], ...]
    split: str
    line: int


def _open(path: Path, what: str) -> Any:
    path = Path(path)
    if not path.is_file():
        raise CorpusError(f"{what} {path} does not exist; check the path "
                          f"(the complaint CSV is ../shared/data/complaints-data.csv)")
    try:
        return path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise CorpusError(f"cannot read {what} {path}: {exc.strerror}") from None


def read_complaint_csv(path: Path) -> list[ComplaintRow]:
    """Every row of the complaint CSV (no header: tweet_id,text,complaint,domain)."""
    rows: list[ComplaintRow] = []
    with _open(path, "complaint CSV") as handle:
        reader = csv.reader(handle)
        try:
            for record in reader:
                line = reader.line_num
                if not record or not any(cell.strip() for cell in record):
                    continue
                if len(record) != 4:
                    raise CorpusError(f"{path}, line {line}: expected 4 columns "
                                      f"(tweet_id,text,complaint,domain), found {len(record)}; "
                                      "fix or remove the row")
                tweet_id, text, label, domain = record
                if label.strip() not in ("0", "1"):
                    raise CorpusError(f"{path}, line {line}: complaint must be 0 or 1, "
                                      f"not {label!r}; fix or remove the row")
                if not text.strip():
                    raise CorpusError(f"{path}, line {line}: the text is empty; "
                                      "fix or remove the row")
                rows.append(ComplaintRow(tweet_id.strip(), text, int(label), domain.strip(),
                                         line))
        except csv.Error as exc:
            raise CorpusError(f"{path}, line {reader.line_num}: broken CSV ({exc}); "
                              "fix the quoting of that row") from None
        except UnicodeDecodeError as exc:
            raise CorpusError(f"{path}: not UTF-8 text ({exc.reason}); "
                              "save the file as UTF-8") from None
    if not rows:
        raise CorpusError(f"complaint CSV {path} has no rows")
    return rows


def _jsonl(path: Path, what: str) -> Iterator[tuple[int, dict[str, Any]]]:
    with _open(path, what) as handle:
        try:
            for line, raw in enumerate(handle, start=1):
                if not raw.strip():
                    continue
                try:
                    value = json.loads(raw)
                except json.JSONDecodeError as exc:
                    raise CorpusError(f"{path}, line {line}: not valid JSON ({exc.msg}); "
                                      "fix or remove the line") from None
                if not isinstance(value, dict):
                    raise CorpusError(f"{path}, line {line}: expected a JSON object")
                yield line, value
        except UnicodeDecodeError as exc:
            raise CorpusError(f"{path}: not UTF-8 text ({exc.reason})") from None


def _field(path: Path, line: int, value: dict[str, Any], name: str, kind: Any) -> Any:
    if name not in value:
        raise CorpusError(f"{path}, line {line}: missing field {name!r}")
    if not isinstance(value[name], kind) or (kind is int and isinstance(value[name], bool)):
        kind_name = getattr(kind, "__name__", str(kind))
        raise CorpusError(f"{path}, line {line}: field {name!r} must be {kind_name}")
    return value[name]


def _topics(path: Path, line: int, value: dict[str, Any]) -> tuple[str, ...]:
    topics = _field(path, line, value, "topics", list)
    unknown = [t for t in topics if t not in TOPIC_LABELS]
    if unknown:
        raise CorpusError(f"{path}, line {line}: unknown topic(s) {unknown}; "
                          f"topics are {', '.join(TOPIC_LABELS)}")
    return tuple(dict.fromkeys(topics))


def _split(path: Path, line: int, value: dict[str, Any]) -> str:
    split = _field(path, line, value, "split", str)
    if split not in SPLITS:
        raise CorpusError(f"{path}, line {line}: split must be one of {SPLITS}, not {split!r}")
    return split


def read_customer_jsonl(path: Path) -> list[CustomerRecord]:
    """customer.jsonl: texts with complaint (0|1), topics and split."""
    records = []
    for line, value in _jsonl(path, "customer corpus"):
        complaint = _field(path, line, value, "complaint", int)
        if complaint not in (0, 1):
            raise CorpusError(f"{path}, line {line}: complaint must be 0 or 1")
        records.append(CustomerRecord(
            id=str(value.get("id", line)), text=_field(path, line, value, "text", str),
            complaint=complaint, topics=_topics(path, line, value),
            split=_split(path, line, value), preference=value.get("preference"),
            signals=tuple(value.get("signals") or ())))
    return records


def read_agent_jsonl(path: Path) -> list[AgentRecord]:
    """agent.jsonl: agent replies with the data kinds they ask for, and split."""
    return [
        AgentRecord(id=str(value.get("id", line)), text=_field(path, line, value, "text", str),
                    requests=tuple(_field(path, line, value, "requests", list)),
                    split=_split(path, line, value))
        for line, value in _jsonl(path, "agent corpus")
    ]


def read_pii_jsonl(path: Path) -> list[PiiRecord]:
    """pii.jsonl: posts with their PII spans, and split."""
    records = []
    for line, value in _jsonl(path, "PII corpus"):
        text = _field(path, line, value, "text", str)
        records.append(PiiRecord(id=str(value.get("id", line)), text=text,
                                 spans=_pii_spans(path, line, value, len(text)),
                                 split=_split(path, line, value)))
    return records


def _pii_spans(path: Path, line: int, value: dict[str, Any],
               length: int | None) -> tuple[tuple[str, int, int], ...]:
    """The spans of one line, checked: a known label and offsets inside the text (a bad
    offset would silently score as a miss, so it is an error here). `length` is None when
    the text is in the complaint CSV: the end is then checked when the tweet is joined."""
    spans = []
    for span in _field(path, line, value, "spans", list):
        label = span.get("label") if isinstance(span, dict) else None
        if label not in PII_LABELS:
            raise CorpusError(f"{path}, line {line}: span {span!r} needs a label, one of "
                              f"{', '.join(PII_LABELS)}")
        start, end = span.get("start"), span.get("end")
        ordered = type(start) is int and type(end) is int and 0 <= start < end
        if not ordered or (length is not None and end > length):
            limit = "its end" if length is None else length
            raise CorpusError(f"{path}, line {line}: span {span!r} must have integer "
                              f"start < end inside the text (0..{limit})")
        spans.append((label, start, end))
    return tuple(spans)


def read_shared_labels(path: Path) -> list[SharedLabel]:
    """shared_labels.jsonl: topic labels for tweets of the shared CSV, by tweet id."""
    return [
        SharedLabel(str(_field(path, line, value, "tweet_id", str | int)),
                    _topics(path, line, value), _split(path, line, value), line)
        for line, value in _jsonl(path, "shared topic labels")
    ]


def read_shared_pii_labels(path: Path) -> list[SharedPiiLabel]:
    """shared_pii_labels.jsonl: PII spans of tweets of the shared CSV, by tweet id."""
    return [
        SharedPiiLabel(str(_field(path, line, value, "tweet_id", str | int)),
                       _pii_spans(path, line, value, None), _split(path, line, value), line)
        for line, value in _jsonl(path, "shared PII labels")
    ]


def _tweet_texts(labels: Sequence[SharedLabel | SharedPiiLabel], rows: list[ComplaintRow],
                 path: Path) -> list[str]:
    """The CSV text of each labelled tweet, in order. An id missing from the CSV is an
    error naming the label's line: skipping it would quietly shrink the test set."""
    by_id = {row.tweet_id: row.text for row in rows}
    missing = next((label for label in labels if label.tweet_id not in by_id), None)
    if missing is not None:
        raise CorpusError(f"{path}, line {missing.line}: tweet_id {missing.tweet_id} is not in "
                          "the complaint CSV")
    return [by_id[label.tweet_id] for label in labels]


def shared_label_texts(labels: list[SharedLabel], rows: list[ComplaintRow],
                       path: Path) -> list[tuple[str, tuple[str, ...]]]:
    """(text, topics) for each shared label, the text looked up in the complaint CSV."""
    texts = _tweet_texts(labels, rows, path)
    return [(text, label.topics) for text, label in zip(texts, labels, strict=True)]


def shared_pii_records(labels: list[SharedPiiLabel], rows: list[ComplaintRow],
                       path: Path) -> list[PiiRecord]:
    """The labelled tweets as PII posts (id `tweet:<id>`), text looked up in the complaint
    CSV. A span past the end of its tweet means the CSV is not the one that was labelled,
    so it is an error rather than a silent miss."""
    records = []
    for text, label in zip(_tweet_texts(labels, rows, path), labels, strict=True):
        if any(end > len(text) for _, _, end in label.spans):
            raise CorpusError(f"{path}, line {label.line}: a span runs past the end of tweet "
                              f"{label.tweet_id} ({len(text)} characters); is this the CSV "
                              "that was labelled?")
        records.append(PiiRecord(f"tweet:{label.tweet_id}", text, label.spans, label.split))
    return records
