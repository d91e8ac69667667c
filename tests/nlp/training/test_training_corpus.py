"""Corpus readers: good rows read, broken rows reported with file and line."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from caredesk.nlp.errors import CorpusError
from caredesk.nlp.training.corpus import (
    read_complaint_csv,
    read_customer_jsonl,
    read_pii_jsonl,
    read_shared_labels,
    read_shared_pii_labels,
    shared_label_texts,
    shared_pii_records,
)
from caredesk.nlp.training.readers import complaint_texts


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_reads_the_complaint_csv(tiny_data: Path) -> None:
    rows = read_complaint_csv(tiny_data / "complaints.csv")
    assert len(rows) == 24
    assert rows[0].tweet_id == "1000" and rows[0].complaint == 1 and rows[0].line == 1


def test_quoted_text_with_commas_and_newlines(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", [["1", "a, b\nc", "1", "x"], ["2", "ok", "0", "y"]])
    rows = read_complaint_csv(path)
    assert [r.text for r in rows] == ["a, b\nc", "ok"]
    assert rows[1].line == 3  # physical line where the row ends


@pytest.mark.parametrize(
    ("content", "line", "words"),
    [
        ('1,fine,0,x\n2,too,many,0,x\n', 2, "expected 4 columns"),
        ('1,fine,0,x\n2,ok,0,x\n3,bad label,yes,x\n', 3, "complaint must be 0 or 1"),
        ('1,fine,0,x\n2,,1,x\n', 2, "text is empty"),
    ],
)
def test_broken_csv_row_names_file_and_line(tmp_path: Path, content: str, line: int,
                                            words: str) -> None:
    path = tmp_path / "broken.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CorpusError, match=words) as caught:
        read_complaint_csv(path)
    assert f"{path}, line {line}:" in str(caught.value)


def test_missing_csv_says_where(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="does not exist"):
        read_complaint_csv(tmp_path / "nope.csv")


def test_jsonl_errors_name_the_line(tmp_path: Path) -> None:
    good = {"id": "c1", "text": "hi", "complaint": 0, "topics": [], "split": "train"}
    path = tmp_path / "customer.jsonl"
    path.write_text(json.dumps(good) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"line 2: not valid JSON"):
        read_customer_jsonl(path)
    path.write_text(json.dumps({**good, "topics": ["weather"]}) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"line 1: unknown topic"):
        read_customer_jsonl(path)
    path.write_text(json.dumps({**good, "split": "holdout"}) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"line 1: split must be"):
        read_customer_jsonl(path)


def test_shared_labels_join_the_csv_by_id(tiny_data: Path) -> None:
    labels = read_shared_labels(tiny_data / "corpus" / "shared_labels.jsonl")
    rows = read_complaint_csv(tiny_data / "complaints.csv")
    pairs = shared_label_texts(labels, rows, tiny_data / "corpus" / "shared_labels.jsonl")
    assert pairs[1] == (rows[10].text, ("billing",))
    missing = [type(labels[0])("999", (), "test", 7)]
    with pytest.raises(CorpusError, match="line 7: tweet_id 999 is not in"):
        shared_label_texts(missing, rows, tiny_data / "corpus" / "shared_labels.jsonl")


def test_complaint_texts_join_the_csv_and_the_asked_splits(tiny_data: Path) -> None:
    csv_path = str(tiny_data / "complaints.csv")
    customer = str(tiny_data / "corpus" / "customer.jsonl")
    assert len(complaint_texts(csv_path, None, ())) == 24
    # 11 customer texts per copy; the train split has two copies, dev one, test one
    assert len(complaint_texts(csv_path, customer, ("train",))) == 24 + 22
    both = complaint_texts(None, customer, ("train", "dev"))
    assert len(both) == 33 and both[0][1] == {"complaint": 1.0, "not_complaint": 0.0}


def test_reads_pii_spans(tmp_path: Path) -> None:
    path = tmp_path / "pii.jsonl"
    rows = [{"id": "p-1", "text": "call 07700 900123", "split": "dev", "family": "pf-1",
             "spans": [{"label": "PHONE", "start": 5, "end": 17}]},
            {"id": "p-2", "text": "no pii here", "split": "test", "family": "pf-2", "spans": []}]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    records = read_pii_jsonl(path)
    assert [(r.id, r.split, r.spans) for r in records] == [
        ("p-1", "dev", (("PHONE", 5, 17),)), ("p-2", "test", ())]


@pytest.mark.parametrize(
    ("span", "message"),
    [
        ({"label": "NAME", "start": 0, "end": 2}, "needs a label"),
        ({"label": "PHONE", "start": 0, "end": 99}, "inside the text"),
        ({"label": "PHONE", "start": 3, "end": 3}, "inside the text"),
        ({"label": "PHONE", "start": "0", "end": 2}, "integer"),
    ],
)
def test_bad_pii_span_names_the_line(tmp_path: Path, span: dict, message: str) -> None:
    path = tmp_path / "pii.jsonl"
    row = {"id": "p-1", "text": "call me", "split": "dev", "spans": [span]}
    path.write_text("\n" + json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=message) as info:
        read_pii_jsonl(path)
    assert f"{path}, line 2" in str(info.value)


def test_shared_pii_labels_join_the_csv_by_id(tiny_data: Path) -> None:
    path = tiny_data / "corpus" / "shared_pii_labels.jsonl"
    labels = read_shared_pii_labels(path)
    records = shared_pii_records(labels, read_complaint_csv(tiny_data / "complaints.csv"), path)
    assert [(r.id, r.split) for r in records] == [("tweet:1002", "test"), ("tweet:2004", "test")]
    (label, start, end), = records[0].spans
    assert (label, records[0].text[start:end]) == ("PHONE", "07700 900456")
    assert records[1].spans == ()


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"tweet_id": "999", "spans": [], "split": "test"}, "line 2: tweet_id 999 is not in"),
        ({"tweet_id": "2004", "spans": [{"label": "PHONE", "start": 30, "end": 99}],
          "split": "test"}, "line 2: a span runs past the end of tweet 2004"),
        ({"tweet_id": "2004", "spans": [{"label": "NAME", "start": 0, "end": 2}],
          "split": "test"}, "line 2: span .* needs a label"),
        ({"tweet_id": "2004", "spans": [{"label": "PHONE", "start": 4, "end": 2}],
          "split": "test"}, r"line 2: span .* inside the text \(0..its end\)"),
        ({"tweet_id": "2004", "spans": [], "split": "holdout"}, "line 2: split must be"),
    ],
)
def test_bad_shared_pii_label_names_the_line(tiny_data: Path, tmp_path: Path, row: dict,
                                             message: str) -> None:
    path = tmp_path / "shared_pii_labels.jsonl"
    path.write_text("\n" + json.dumps(row) + "\n", encoding="utf-8")
    rows = read_complaint_csv(tiny_data / "complaints.csv")
    with pytest.raises(CorpusError, match=message) as info:
        shared_pii_records(read_shared_pii_labels(path), rows, path)
    assert str(info.value).startswith(f"{path}, line 2")
