"""Reading CSV files row by row so one bad row never stops the rest.

Rows come back with their line number and the raw text, ready to be kept
in the rejects table; a missing column fails the whole file at once.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from caredesk.domain import clean_text
from caredesk.services.errors import InputFileError

MAX_CELL_CHARS = 10_000


@dataclass(frozen=True)
class CsvRow:
    line: int
    cells: dict[str, str]
    raw: str


@dataclass(frozen=True)
class BadRow:
    line: int
    raw: str
    reason: str


class RowError(ValueError):
    """A row that cannot be used; the message names the column and reason."""


def read_rows(path: Path, required: tuple[str, ...]) -> Iterator[CsvRow | BadRow]:
    """Yield each data row, or a BadRow with its line, raw text and reason."""
    try:
        text = path.read_bytes().decode("utf-8-sig", errors="surrogateescape")
    except OSError as exc:
        raise InputFileError(f"{path}: cannot read: {exc.strerror}") from None
    lines = io.StringIO(text, newline="").readlines()
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip() for name in next(reader)]
    except (StopIteration, csv.Error):
        raise InputFileError(f"{path}: empty, or no header row") from None
    missing = [name for name in required if name not in header]
    if missing:
        raise InputFileError(
            f"{path}: header lacks column(s) {', '.join(missing)}; "
            f"expected at least: {','.join(required)}"
        )
    while True:
        start = reader.line_num
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raw = "".join(lines[start:reader.line_num])
            yield _error(start + 1, raw, f"unreadable CSV: {exc}")
            continue
        raw = "".join(lines[start:reader.line_num]).rstrip("\r\n")
        line = start + 1
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            yield _error(line, raw, f"{len(cells)} fields, the header has {len(header)}")
        elif any(_has_surrogates(cell) for cell in cells):
            yield _error(line, raw, "not valid UTF-8")
        elif any(len(cell) > MAX_CELL_CHARS for cell in cells):
            yield _error(line, raw, f"a cell is longer than {MAX_CELL_CHARS} characters")
        else:
            yield CsvRow(line, {h: clean_text(c).strip() for h, c in zip(header, cells,
                                                                          strict=True)}, raw)


def _error(line: int, raw: str, reason: str) -> BadRow:
    printable = raw.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return BadRow(line, printable, reason)


def _has_surrogates(text: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in text)


def parse_bool(value: str, column: str) -> bool:
    lowered = value.lower()
    if lowered in ("", "false", "no", "0"):
        return False
    if lowered in ("true", "yes", "1"):
        return True
    raise RowError(f"{column}: {value!r} is not true or false")
