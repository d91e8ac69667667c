"""`caredesk analyze` as a stream: JSONL lines in, JSONL lines out, in input order.

Lines are cut into chunks; each chunk is parsed, analysed and encoded as one
piece of work, so a bad line costs only its own `{"line": n, "error": ...}`
and memory stays flat on any length of input (only a few chunks are in
flight at a time).

With more than one worker, chunks go to forked worker processes. The
pipeline is loaded once, before the fork, and the workers share it
copy-on-write: each worker pays no load time, and spaCy, which runs one
Python thread at a time, gets every core. Input that fits in one chunk is
analysed in-process, so short runs never pay for starting workers.
"""

from __future__ import annotations

import json
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any

import orjson

from caredesk import domain
from caredesk.ingest import MAX_TEXT_CHARS
from caredesk.services.analysis import TextAnalyzer
from caredesk.services.errors import ServiceError

CHUNK_LINES = 1000
"""Lines per piece of work: large enough for spaCy's batching and to make handing a
chunk to a worker cheap, small enough to keep memory flat."""

IN_FLIGHT_PER_WORKER = 2
"""Chunks queued per worker: one being analysed, one ready, so no worker waits."""

RECYCLE_CHUNKS = 100
"""Chunks one set of workers analyses before fresh ones are forked. A worker keeps every
new word it meets (a lexeme, a string, a tokenizer cache entry) for its life; on a long
stream of handles, hashtags and typos that grows without end. Fresh workers start from
the pipeline as the parent loaded it, so memory stays bounded on any length of input.
(spaCy's own remedy, `memory_zone`, made analysis 40% slower here.)"""

Chunk = list[tuple[int, bytes]]
"""(line number, line) pairs."""


def default_workers() -> int:
    """One worker per CPU core this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def choose_workers(requested: int | None, configured: int) -> int:
    """The worker count to use: the one asked for, else the configured one (0 in either
    means one per core)."""
    chosen = configured if requested is None else requested
    return chosen or default_workers()


@dataclass(frozen=True)
class AnalyzeJob:
    """What every chunk is analysed with."""

    analyzer: TextAnalyzer
    role: str = "customer"
    batch_size: int = 1000

    def run(self, chunk: Chunk) -> bytes:
        """The chunk's output lines (UTF-8), each ending in a newline."""
        parsed = [parse_line(number, line) for number, line in chunk if line.strip()]
        texts = [entry[2] for entry in parsed if isinstance(entry, tuple)]
        analyses = iter(
            self.analyzer.analyze(texts, role=self.role, batch_size=self.batch_size)
            if texts else ()
        )
        return b"".join(
            encode_line(entry if isinstance(entry, dict)
                        else analysis_dict(entry[1], next(analyses), role=self.role))
            for entry in parsed
        )


def analyze_stream(
    lines: Iterable[bytes], job: AnalyzeJob, *, workers: int = 1, chunk_lines: int = CHUNK_LINES,
) -> Iterator[bytes]:
    """Output (UTF-8 JSONL) for input `lines`, a chunk at a time, in input order."""
    chunks = _chunks(lines, chunk_lines)
    head = list(islice(chunks, 2))
    if len(head) < 2 or workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for chunk in chain(head, chunks):
            yield job.run(chunk)
        return
    yield from _in_workers(job, chain(head, chunks), workers)


def analysis_dict(item_id: Any, analysis: domain.Analysis, *, role: str) -> dict[str, Any]:
    """One output line of `caredesk analyze`, as the issue specifies it."""
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


def parse_line(number: int, line: bytes) -> tuple[int, Any, str] | dict[str, Any]:
    """(line number, id, text), or the error line that stands in for an unusable line."""
    try:
        item = _load(line)
    except json.JSONDecodeError as exc:
        return {"line": number, "error": f"not JSON: {exc.msg} at column {exc.colno}"}
    except RecursionError:
        return {"line": number, "error": "not JSON we can read: nested too deeply"}
    if not isinstance(item, dict):
        return {"line": number, "error": "expected an object with id and text"}
    text = item.get("text")
    if not isinstance(text, str):
        return {"line": number, "error": "text: required, a string"}
    if len(text) > MAX_TEXT_CHARS:
        return {"line": number, "error": f"text: more than {MAX_TEXT_CHARS} characters"}
    return number, item.get("id"), text


def _load(line: bytes) -> Any:
    """orjson, several times faster than json; what it refuses (invalid UTF-8, lone
    surrogates, integers beyond 64 bits) gets json's reading, and its error messages."""
    try:
        return orjson.loads(line)
    except orjson.JSONDecodeError:
        return json.loads(line.decode("utf-8", "replace"))


def encode_line(record: dict[str, Any]) -> bytes:
    """One JSONL line; json for the values orjson refuses (integers beyond 64 bits)."""
    try:
        return orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE)
    except TypeError:
        return (json.dumps(record, ensure_ascii=False) + "\n").encode()


def _chunks(lines: Iterable[bytes], size: int) -> Iterator[Chunk]:
    numbered = enumerate(lines, start=1)
    while chunk := list(islice(numbered, size)):
        yield chunk


_worker_job: AnalyzeJob | None = None


def _install_job(job: AnalyzeJob) -> None:
    """Worker start-up: forked workers inherit `job` (and its loaded pipeline) unpickled."""
    global _worker_job
    _worker_job = job


def _run_in_worker(chunk: Chunk) -> bytes:
    assert _worker_job is not None, "the worker was started without _install_job"
    return _worker_job.run(chunk)


def _in_workers(job: AnalyzeJob, chunks: Iterator[Chunk], workers: int) -> Iterator[bytes]:
    """Chunks analysed by sets of forked workers, RECYCLE_CHUNKS chunks per set."""
    chunks = iter(chunks)
    while (first := next(chunks, None)) is not None:
        yield from _one_set_of_workers(
            job, chain([first], islice(chunks, RECYCLE_CHUNKS - 1)), workers
        )


def _one_set_of_workers(
    job: AnalyzeJob, chunks: Iterator[Chunk], workers: int
) -> Iterator[bytes]:
    context = multiprocessing.get_context("fork")
    window: deque[Future[bytes]] = deque()
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_install_job,
                             initargs=(job,)) as pool:
        try:
            for chunk in chunks:
                window.append(pool.submit(_run_in_worker, chunk))
                if len(window) >= workers * IN_FLIGHT_PER_WORKER:
                    yield window.popleft().result()
            while window:
                yield window.popleft().result()
        except BrokenProcessPool:
            raise ServiceError(
                "an analysis worker process died (out of memory or killed?); "
                "run again with --workers 1 to analyse in one process"
            ) from None
        finally:
            for future in window:
                future.cancel()
