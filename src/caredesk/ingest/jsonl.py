"""JSONL replay: a file (or stdin) of posts in the caredesk post format.

The cursor is the byte offset after the last line of a committed batch, so a
re-run after a crash resumes exactly there; a file that has shrunk since is
read from the start (dedupe on network and id keeps that safe).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from caredesk.domain import Post
from caredesk.ingest.base import Batch, Rejected
from caredesk.ingest.post_format import MAX_TEXT_CHARS, PostFormatError, parse_post

MAX_LINE_BYTES = 12 * MAX_TEXT_CHARS + 64 * 1024
"""A line longer than this cannot hold a valid post (JSON may escape an emoji
as 12 bytes); it is rejected unread."""

KEPT_PAYLOAD_BYTES = 64 * 1024
"""How much of an over-long line is kept in the rejects table."""

STDIN = "-"


class JsonlConnector:
    """Reads posts from a JSONL file, or stdin when the path is '-'."""

    def __init__(self, path: str, *, batch_size: int = 500, stdin: BinaryIO | None = None) -> None:
        self.path = path
        self.batch_size = batch_size
        self._stdin = stdin

    @property
    def source(self) -> str:
        if self.path == STDIN:
            return "jsonl:stdin"
        return f"jsonl:{Path(self.path).resolve()}"

    def read(self, cursor: str | None) -> Iterator[Batch]:
        if self.path == STDIN:
            yield from self._batches(self._stdin or sys.stdin.buffer, offset=0, line=0,
                                     resumable=False)
            return
        offset, line = _parse_cursor(cursor)
        path = Path(self.path)
        if offset > path.stat().st_size:
            offset, line = 0, 0
        with path.open("rb") as stream:
            stream.seek(offset)
            yield from self._batches(stream, offset=offset, line=line, resumable=True)

    def _batches(
        self, stream: BinaryIO, *, offset: int, line: int, resumable: bool
    ) -> Iterator[Batch]:
        posts: list[Post] = []
        rejected: list[Rejected] = []
        while True:
            chunk = stream.readline(MAX_LINE_BYTES + 1)
            if not chunk:
                break
            line += 1
            offset += len(chunk)
            if len(chunk) > MAX_LINE_BYTES and not chunk.endswith(b"\n"):
                kept = chunk[:KEPT_PAYLOAD_BYTES]
                offset += _skip_rest_of_line(stream)
                rejected.append(Rejected(
                    f"line {line}",
                    f"line longer than {MAX_LINE_BYTES} bytes; first {len(kept)} bytes kept",
                    kept.decode("utf-8", "replace"),
                ))
            else:
                item = _parse_line(chunk, line)
                if isinstance(item, Rejected):
                    rejected.append(item)
                elif item is not None:
                    posts.append(item)
            if len(posts) + len(rejected) >= self.batch_size:
                yield Batch(posts, rejected, _cursor(offset, line) if resumable else None)
                posts, rejected = [], []
        if posts or rejected or resumable:
            yield Batch(posts, rejected, _cursor(offset, line) if resumable else None)


def _parse_line(chunk: bytes, line: int) -> Post | Rejected | None:
    try:
        text = chunk.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Rejected(f"line {line}", f"not UTF-8 at byte {exc.start}",
                        chunk.decode("utf-8", "replace"))
    payload = text.rstrip("\r\n").removeprefix("\ufeff") if line == 1 else text.rstrip("\r\n")
    if not payload.strip():
        return None
    try:
        return parse_post(payload)
    except PostFormatError as exc:
        return Rejected(f"line {line}", str(exc), payload)


def _skip_rest_of_line(stream: BinaryIO) -> int:
    skipped = 0
    while True:
        chunk = stream.readline(1024 * 1024)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def _cursor(offset: int, line: int) -> str:
    return json.dumps({"offset": offset, "line": line})


def _parse_cursor(cursor: str | None) -> tuple[int, int]:
    if not cursor:
        return 0, 0
    try:
        data = json.loads(cursor)
        return int(data["offset"]), int(data["line"])
    except (ValueError, KeyError, TypeError):
        return 0, 0
