"""Loading the NLP analyzer the settings ask for, once per process.

`caredesk.nlp` is imported only when an analyzer is needed: importing spaCy
takes about a second, and commands that only read cases should not pay it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from caredesk import domain
from caredesk.config import Settings
from caredesk.ingest import MAX_TEXT_CHARS
from caredesk.services.errors import ServiceError


class TextAnalyzer(Protocol):
    """What the services need of an analyzer (caredesk.nlp.Analyzer is one)."""

    version: str

    def analyze(
        self, texts: Sequence[str], *, role: str = "customer", batch_size: int = 256
    ) -> list[domain.Analysis]: ...


SHIPPED_MODEL = Path(__file__).resolve().parents[3] / "models" / "caredesk-triage"
"""The trained pipeline in a source checkout (see models/README.md)."""


def load_analyzer(settings: Settings, model_path: str | None = None) -> TextAnalyzer:
    """The pipeline at `model_path`, else the configured one, else the shipped
    trained one, else (an install without models/) the built-in rules."""
    return _load(model_path or settings.nlp.model_path or default_model_path())


def default_model_path() -> str | None:
    return str(SHIPPED_MODEL) if (SHIPPED_MODEL / "config.cfg").is_file() else None


@cache
def _load(model_path: str | None) -> TextAnalyzer:
    from caredesk import nlp

    try:
        return nlp.Analyzer.load(Path(model_path) if model_path else None)
    except nlp.ModelNotFound as exc:
        raise ServiceError(str(exc)) from None


ROLES = ("customer", "agent")
STREAM_BATCH = 1000
"""Lines analysed together: large enough for spaCy's batching, small enough to
keep memory flat on any length of input."""


def analyze_lines(
    lines: Iterable[str], analyzer: TextAnalyzer, *, role: str = "customer",
    batch_size: int = 256,
) -> Iterator[dict[str, Any]]:
    """Analyse JSONL input (`{"id": ..., "text": ...}` a line) in order, as dicts.

    A line that is not usable yields `{"line": n, "error": "..."}` in its place
    and the stream goes on.
    """
    pending: list[tuple[int, Any, str] | dict[str, Any]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        pending.append(_parse_line(number, line))
        if len(pending) >= STREAM_BATCH:
            yield from _flush(pending, analyzer, role, batch_size)
            pending = []
    yield from _flush(pending, analyzer, role, batch_size)


def analysis_dict(item_id: Any, analysis: domain.Analysis, *, role: str) -> dict[str, Any]:
    return {
        "id": item_id,
        "complaint": round(analysis.complaint, 4),
        "tags": {tag: round(score, 4) for tag, score in analysis.tags.items()},
        "labels": list(analysis.labels),
        "pii": [{"label": s.label.value, "start": s.start, "end": s.end, "text": s.text}
                for s in analysis.pii],
        "preference": analysis.preference.value if analysis.preference else None,
        "signals": [signal.value for signal in analysis.signals],
        "requests": [request.value for request in analysis.requests] if role == "agent" else [],
    }


def _parse_line(number: int, line: str) -> tuple[int, Any, str] | dict[str, Any]:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"line": number, "error": f"not JSON: {exc.msg} at column {exc.colno}"}
    if not isinstance(item, dict):
        return {"line": number, "error": "expected an object with id and text"}
    text = item.get("text")
    if not isinstance(text, str):
        return {"line": number, "error": "text: required, a string"}
    if len(text) > MAX_TEXT_CHARS:
        return {"line": number, "error": f"text: more than {MAX_TEXT_CHARS} characters"}
    return number, item.get("id"), text


def _flush(
    pending: list[tuple[int, Any, str] | dict[str, Any]], analyzer: TextAnalyzer, role: str,
    batch_size: int,
) -> Iterator[dict[str, Any]]:
    texts = [entry[2] for entry in pending if isinstance(entry, tuple)]
    results = iter(analyzer.analyze(texts, role=role, batch_size=batch_size) if texts else [])
    for entry in pending:
        if isinstance(entry, dict):
            yield entry
        else:
            yield analysis_dict(entry[1], next(results), role=role)
