"""JSONL replay: batches with byte-offset cursors, resuming, and hostile lines."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from caredesk.ingest import Batch, Connector, JsonlConnector
from caredesk.ingest.jsonl import KEPT_PAYLOAD_BYTES, MAX_LINE_BYTES
from caredesk.ingest.post_format import MAX_TEXT_CHARS


def post_line(n: int, **changes: Any) -> str:
    data: dict[str, Any] = {
        "network": "x", "id": f"18500000000000{n:05d}", "visibility": "public",
        "direction": "inbound", "author": {"id": str(100 + n), "handle": f"customer_{n}"},
        "text": f"post number {n}: my signal has gone again",
        "created_at": f"2026-11-20T09:{n % 60:02d}:00+00:00",
    }
    data.update(changes)
    return json.dumps(data, ensure_ascii=False)


def write_lines(path: Path, lines: list[str | bytes], *, newline: bytes = b"\n") -> Path:
    with path.open("wb") as out:
        for line in lines:
            out.write(line if isinstance(line, bytes) else line.encode("utf-8"))
            out.write(newline)
    return path


def ids(batches: list[Batch]) -> list[str]:
    return [post.external_id for batch in batches for post in batch.posts]


def cursor_of(batch: Batch) -> dict[str, int]:
    assert batch.cursor is not None
    return json.loads(batch.cursor)


@pytest.fixture
def five_posts(tmp_path: Path) -> Path:
    return write_lines(tmp_path / "posts.jsonl", [post_line(n) for n in range(1, 6)])


def test_is_a_connector(five_posts: Path) -> None:
    connector: Connector = JsonlConnector(str(five_posts))

    assert connector.source == f"jsonl:{five_posts.resolve()}"


def test_source_names_the_resolved_path(five_posts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(five_posts.parent)

    assert JsonlConnector("posts.jsonl").source == f"jsonl:{five_posts.resolve()}"


def test_reads_all_posts_in_batches_with_growing_cursors(five_posts: Path) -> None:
    batches = list(JsonlConnector(str(five_posts), batch_size=2).read(None))

    assert [len(b.posts) for b in batches] == [2, 2, 1]
    assert ids(batches) == [f"18500000000000{n:05d}" for n in range(1, 6)]
    assert all(not b.rejected for b in batches)
    sizes = [len(line.encode()) + 1 for line in five_posts.read_text().splitlines()]
    assert [cursor_of(b) for b in batches] == [
        {"offset": sum(sizes[:2]), "line": 2},
        {"offset": sum(sizes[:4]), "line": 4},
        {"offset": five_posts.stat().st_size, "line": 5},
    ]


def test_resumes_just_after_a_cursor(five_posts: Path) -> None:
    connector = JsonlConnector(str(five_posts), batch_size=2)
    first = next(iter(connector.read(None)))

    resumed = list(connector.read(first.cursor))

    assert ids(resumed) == [f"18500000000000{n:05d}" for n in range(3, 6)]
    assert cursor_of(resumed[-1]) == {"offset": five_posts.stat().st_size, "line": 5}


def test_resuming_at_the_end_yields_an_empty_batch_with_the_same_cursor(five_posts: Path) -> None:
    connector = JsonlConnector(str(five_posts))
    *_, last = connector.read(None)

    again = list(connector.read(last.cursor))

    assert len(again) == 1
    assert again[0].posts == [] and again[0].rejected == []
    assert again[0].cursor == last.cursor


def test_lines_appended_after_a_run_are_read_on_the_next(five_posts: Path) -> None:
    connector = JsonlConnector(str(five_posts))
    *_, last = connector.read(None)
    with five_posts.open("a", encoding="utf-8") as out:
        out.write(post_line(6) + "\n")

    resumed = list(connector.read(last.cursor))

    assert ids(resumed) == ["1850000000000000006"]
    assert cursor_of(resumed[-1])["line"] == 6


def test_a_file_that_shrank_is_read_from_the_start(five_posts: Path) -> None:
    connector = JsonlConnector(str(five_posts))
    *_, last = connector.read(None)
    write_lines(five_posts, [post_line(7)])

    assert ids(list(connector.read(last.cursor))) == ["1850000000000000007"]


@pytest.mark.parametrize("cursor", ["", "garbage", "{}", '{"offset": "x", "line": 1}', "[1]"])
def test_an_unreadable_cursor_starts_from_the_beginning(five_posts: Path, cursor: str) -> None:
    assert len(ids(list(JsonlConnector(str(five_posts)).read(cursor)))) == 5


def test_blank_lines_are_skipped_and_still_counted(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "p.jsonl",
                       ["", post_line(1), "   ", "\t", post_line(2), ""])

    batches = list(JsonlConnector(str(path)).read(None))

    assert ids(batches) == ["1850000000000000001", "1850000000000000002"]
    assert all(not b.rejected for b in batches)
    assert cursor_of(batches[-1]) == {"offset": path.stat().st_size, "line": 6}


def test_crlf_line_endings(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "p.jsonl", [post_line(1), "", post_line(2)], newline=b"\r\n")

    batches = list(JsonlConnector(str(path)).read(None))

    assert ids(batches) == ["1850000000000000001", "1850000000000000002"]
    assert not batches[0].rejected


def test_a_last_line_without_newline_is_read(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text(post_line(1) + "\n" + post_line(2), encoding="utf-8")

    batches = list(JsonlConnector(str(path)).read(None))

    assert ids(batches) == ["1850000000000000001", "1850000000000000002"]
    assert cursor_of(batches[-1])["offset"] == path.stat().st_size


def test_a_bad_post_is_rejected_with_line_and_field_and_the_rest_goes_on(tmp_path: Path) -> None:
    bad = post_line(2, created_at="2026-11-20T09:15:00")
    path = write_lines(tmp_path / "p.jsonl", [post_line(1), bad, "{oops", post_line(4)])

    batches = list(JsonlConnector(str(path)).read(None))

    assert ids(batches) == ["1850000000000000001", "1850000000000000004"]
    rejected = [r for b in batches for r in b.rejected]
    assert [r.location for r in rejected] == ["line 2", "line 3"]
    assert rejected[0].reason.startswith("created_at: ") and "no timezone" in rejected[0].reason
    assert rejected[0].payload == bad
    assert rejected[1].reason.startswith("not JSON")
    assert rejected[1].payload == "{oops"


def test_a_line_that_is_not_utf8_is_rejected_and_the_rest_goes_on(tmp_path: Path) -> None:
    latin1 = post_line(2, text="café").encode("utf-8").replace("é".encode(), b"\xe9")
    path = write_lines(tmp_path / "p.jsonl", [post_line(1), latin1, post_line(3)])

    batches = list(JsonlConnector(str(path)).read(None))

    assert ids(batches) == ["1850000000000000001", "1850000000000000003"]
    [rejected] = [r for b in batches for r in b.rejected]
    assert rejected.location == "line 2"
    bad_byte = latin1.index(b"\xe9")
    assert rejected.reason == f"not UTF-8 at byte {bad_byte}"
    assert "caf\ufffd" in rejected.payload


def test_an_over_long_line_is_rejected_unread_and_a_head_of_it_kept(tmp_path: Path) -> None:
    huge = '{"text": "' + "A" * (MAX_LINE_BYTES + 10) + '"}'
    path = write_lines(tmp_path / "p.jsonl", [post_line(1), huge, post_line(3)])

    batches = list(JsonlConnector(str(path), batch_size=2).read(None))

    assert ids(batches) == ["1850000000000000001", "1850000000000000003"]
    [rejected] = [r for b in batches for r in b.rejected]
    assert rejected.location == "line 2"
    assert rejected.reason == (
        f"line longer than {MAX_LINE_BYTES} bytes; first {KEPT_PAYLOAD_BYTES} bytes kept")
    assert len(rejected.payload.encode("utf-8")) == KEPT_PAYLOAD_BYTES
    assert huge.startswith(rejected.payload)
    assert cursor_of(batches[0]) == {
        "offset": len(post_line(1)) + 1 + len(huge) + 1, "line": 2}
    assert cursor_of(batches[-1]) == {"offset": path.stat().st_size, "line": 3}


def test_an_over_long_last_line_without_newline(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_bytes(post_line(1).encode() + b"\n" + b"B" * (MAX_LINE_BYTES + 1))

    batches = list(JsonlConnector(str(path)).read(None))

    assert ids(batches) == ["1850000000000000001"]
    assert [r.location for b in batches for r in b.rejected] == ["line 2"]
    assert cursor_of(batches[-1]) == {"offset": path.stat().st_size, "line": 2}


def test_a_line_of_exactly_the_limit_is_parsed_not_cut(tmp_path: Path) -> None:
    line = b"C" * MAX_LINE_BYTES
    path = write_lines(tmp_path / "p.jsonl", [line, post_line(2)])

    batches = list(JsonlConnector(str(path)).read(None))

    [rejected] = [r for b in batches for r in b.rejected]
    assert rejected.reason.startswith("not JSON")  # read whole, then found not to be JSON
    assert ids(batches) == ["1850000000000000002"]


def test_the_longest_valid_post_fits_in_a_line(tmp_path: Path) -> None:
    """MAX_LINE_BYTES promises: a longer line cannot hold a valid post. Here the text is
    at MAX_TEXT_CHARS in 4-byte characters, written as raw UTF-8."""
    line = post_line(1, text="📱" * MAX_TEXT_CHARS)
    path = write_lines(tmp_path / "p.jsonl", [line])

    batches = list(JsonlConnector(str(path)).read(None))

    assert ids(batches) == ["1850000000000000001"]


def test_a_valid_post_written_with_ascii_escapes_is_not_over_long(tmp_path: Path) -> None:
    """json.dumps' default (ensure_ascii) writes each non-ASCII character as \\uXXXX,
    6 bytes for Cyrillic, 12 for an emoji. A post of MAX_TEXT_CHARS Cyrillic characters
    is a valid post, so the connector must not throw it away unread.

    BUG: MAX_LINE_BYTES = 4 * MAX_TEXT_CHARS + 64 KiB (~260 KB) assumes raw UTF-8;
    this line is ~300 KB. It needs 12 * MAX_TEXT_CHARS + 64 KiB.
    """
    line = json.dumps({
        "network": "x", "id": "1", "visibility": "public", "direction": "inbound",
        "author": {"id": "1", "handle": "ivan"}, "text": "Ж" * MAX_TEXT_CHARS,
        "created_at": "2026-11-20T09:15:00Z",
    })
    path = write_lines(tmp_path / "p.jsonl", [line])

    batches = list(JsonlConnector(str(path)).read(None))

    assert [r.reason for b in batches for r in b.rejected] == []
    assert ids(batches) == ["1"]


def test_batch_size_counts_rejects_too(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "p.jsonl", ["{bad", "{bad", post_line(3)])

    batches = list(JsonlConnector(str(path), batch_size=2).read(None))

    assert [(len(b.posts), len(b.rejected)) for b in batches] == [(0, 2), (1, 0)]


def test_an_empty_file_yields_one_empty_batch_with_a_cursor(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_bytes(b"")

    batches = list(JsonlConnector(str(path)).read(None))

    assert len(batches) == 1
    assert batches[0].posts == [] and batches[0].rejected == []
    assert cursor_of(batches[0]) == {"offset": 0, "line": 0}


def test_stdin_mode_reads_the_injected_stream_without_cursors() -> None:
    data = "\n".join([post_line(1), "{bad", "", post_line(3)]).encode("utf-8") + b"\n"
    connector = JsonlConnector("-", batch_size=2, stdin=io.BytesIO(data))

    batches = list(connector.read(None))

    assert connector.source == "jsonl:stdin"
    assert all(batch.cursor is None for batch in batches)
    assert ids(batches) == ["1850000000000000001", "1850000000000000003"]
    assert [r.location for b in batches for r in b.rejected] == ["line 2"]


def test_stdin_mode_ignores_a_cursor() -> None:
    data = (post_line(1) + "\n").encode("utf-8")
    connector = JsonlConnector("-", stdin=io.BytesIO(data))

    batches = list(connector.read('{"offset": 999, "line": 9}'))

    assert ids(batches) == ["1850000000000000001"]
    assert batches[0].cursor is None


def test_empty_stdin_yields_nothing() -> None:
    assert list(JsonlConnector("-", stdin=io.BytesIO(b"")).read(None)) == []


def test_posts_keep_their_raw_line(tmp_path: Path) -> None:
    line = post_line(1, text="bell\u0007 here")
    path = write_lines(tmp_path / "p.jsonl", [line], newline=b"\r\n")

    [batch] = list(JsonlConnector(str(path)).read(None))

    assert batch.posts[0].raw == line
    assert batch.posts[0].text == "bell here"
