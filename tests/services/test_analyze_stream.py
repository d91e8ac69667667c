"""`analyze_stream`: in order, in parallel when asked, flat memory, a dead worker reported."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from itertools import count, islice
from pathlib import Path

import pytest

from caredesk import domain
from caredesk.services import analyze_stream as analyze_stream_module
from caredesk.services.analysis import TextAnalyzer
from caredesk.services.analyze_stream import AnalyzeJob, analyze_stream, encode_line, parse_line
from caredesk.services.errors import ServiceError

POSTS = [
    "you leaked my number 07700 900123 to a sales company, I'm telling the ICO",
    "my 4G has been dead for 3 days",
    "stop calling me, I asked for email only",
    "why is this site blocked? I'm 40",
    "love the new plan tbh",
]


def lines(total: int) -> list[bytes]:
    """`total` input lines: posts, with a broken line and a line without text among them."""
    out = []
    for number in range(total):
        if number % 7 == 3:
            out.append("{broken")
        elif number % 11 == 5:
            out.append(json.dumps({"id": number}))
        else:
            out.append(json.dumps({"id": number, "text": POSTS[number % len(POSTS)]}))
    return [(line + "\n").encode() for line in out]


def run(job: AnalyzeJob, source: Sequence[bytes], **options: int) -> list[dict]:
    out = b"".join(analyze_stream(source, job, **options))
    return [json.loads(line) for line in out.splitlines()]


def test_workers_give_the_same_lines_in_the_same_order(analyzer: TextAnalyzer) -> None:
    job = AnalyzeJob(analyzer)
    source = lines(40)

    alone = run(job, source, workers=1, chunk_lines=6)
    parallel = run(job, source, workers=2, chunk_lines=6)

    assert parallel == alone
    assert [("id", out["id"]) if "id" in out else ("line", out["line"])
            for out in alone][:6] == [("id", 0), ("id", 1), ("id", 2), ("line", 4), ("id", 4),
                                      ("line", 6)]
    assert alone[3] == {"line": 4, "error": "not JSON: Expecting property name enclosed in "
                                            "double quotes at column 2"}
    assert alone[0]["signals"] == ["regulator", "public_pii"]
    assert alone[0]["pii"][0]["text"] == "07700 900123"


class PidRecorder:
    """The real analyzer, noting which process analysed each batch."""

    def __init__(self, inner: TextAnalyzer, folder: Path) -> None:
        self.inner, self.folder, self.version = inner, folder, inner.version

    def analyze(self, texts: Sequence[str], *, role: str = "customer",
                batch_size: int = 256) -> list[domain.Analysis]:
        (self.folder / str(os.getpid())).touch()
        return self.inner.analyze(texts, role=role, batch_size=batch_size)


def test_more_than_one_chunk_runs_in_worker_processes(
    analyzer: TextAnalyzer, tmp_path: Path
) -> None:
    job = AnalyzeJob(PidRecorder(analyzer, tmp_path))

    run(job, lines(30), workers=2, chunk_lines=5)

    pids = {int(path.name) for path in tmp_path.iterdir()}
    assert pids and os.getpid() not in pids


def test_one_chunk_of_input_is_analysed_in_process(
    analyzer: TextAnalyzer, tmp_path: Path
) -> None:
    job = AnalyzeJob(PidRecorder(analyzer, tmp_path))

    run(job, lines(5), workers=2, chunk_lines=5)

    assert [path.name for path in tmp_path.iterdir()] == [str(os.getpid())]


def test_input_is_read_only_a_few_chunks_ahead(analyzer: TextAnalyzer) -> None:
    consumed = count()

    def endless() -> Iterator[bytes]:
        for number in consumed:
            yield (json.dumps({"id": number, "text": POSTS[number % len(POSTS)]}) + "\n").encode()

    stream = analyze_stream(endless(), AnalyzeJob(analyzer), workers=2, chunk_lines=10)
    first = list(islice(stream, 3))
    stream.close()

    assert len(b"".join(first).splitlines()) == 30
    # 2 workers x 2 chunks in flight, the 3 chunks handed out, and the one being cut.
    assert next(consumed) <= 10 * (2 * 2 + 3 + 1) + 1


class DiesInWorker:
    """An analyzer whose process dies as an out-of-memory kill would end it."""

    version = "dies"

    def __init__(self, parent: int) -> None:
        self.parent = parent

    def analyze(self, texts: Sequence[str], *, role: str = "customer",
                batch_size: int = 256) -> list[domain.Analysis]:
        if os.getpid() != self.parent:
            os._exit(9)
        raise AssertionError("expected to run in a worker")


def test_a_dead_worker_is_an_error_that_says_what_to_do() -> None:
    job = AnalyzeJob(DiesInWorker(os.getpid()))

    with pytest.raises(ServiceError, match="--workers 1"):
        run(job, lines(20), workers=2, chunk_lines=5)


def test_fresh_workers_take_over_after_a_set_number_of_chunks(
    analyzer: TextAnalyzer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers are replaced so that the words a long stream adds cannot grow memory forever."""
    monkeypatch.setattr(analyze_stream_module, "RECYCLE_CHUNKS", 2)
    job = AnalyzeJob(PidRecorder(analyzer, tmp_path))

    out = run(job, lines(30), workers=2, chunk_lines=5)

    assert out == run(AnalyzeJob(analyzer), lines(30), workers=1, chunk_lines=5)
    assert len(list(tmp_path.iterdir())) >= 3  # three sets of workers for six chunks


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (b'{"id": 1, "text": "caf\xe9 \xff broken utf-8"}', "caf\ufffd \ufffd broken utf-8"),
        (b'{"id": 2, "text": "lone \\ud800 surrogate"}', "lone \ud800 surrogate"),
        (b'{"id": 123456789012345678901234567890, "text": "big id"}', "big id"),
    ],
)
def test_what_the_fast_reader_refuses_is_still_read(line: bytes, expected: str) -> None:
    assert parse_line(1, line)[2] == expected


def test_a_huge_id_is_written_back_exactly() -> None:
    assert json.loads(encode_line({"id": 123456789012345678901234567890})) == {
        "id": 123456789012345678901234567890}


def test_deeply_nested_json_is_an_error_line_not_a_crash() -> None:
    assert parse_line(7, b"[" * 100_000) == {
        "line": 7, "error": "not JSON we can read: nested too deeply"}
