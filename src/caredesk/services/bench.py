"""Benchmarks that print figures, never pass/fail: speed belongs in numbers.

`nlp` times `caredesk analyze` as a whole process over tweet-length posts (model
load and its worker processes included, as a person running it would see it),
and single-post latency inside this process. The posts cycle through every
customer post of the labelled corpus and the demo (about 1,700 distinct texts),
or through the texts of a JSONL file given with `texts`. Peak memory is the
largest sum of resident memory over the analyze process and its workers
(pages the forked workers share are counted once per process, so it errs high).
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from itertools import cycle, islice
from pathlib import Path

from caredesk.config import Settings
from caredesk.services.analysis import SHIPPED_MODEL, default_model_path, load_analyzer
from caredesk.services.analyze_stream import choose_workers
from caredesk.services.demo import demo_file
from caredesk.services.errors import ServiceError

LATENCY_SAMPLES = 500


@dataclass(frozen=True)
class NlpBench:
    posts: int
    distinct_texts: int
    workers: int
    wall_seconds: float
    posts_per_second: float
    peak_memory_mb: float
    latency_ms_p50: float
    latency_ms_p95: float
    latency_ms_p99: float
    model: str
    model_size_mb: float | None


def bench_nlp(
    settings: Settings, *, posts: int, model_path: str | None = None,
    texts_path: Path | None = None, workers: int | None = None,
    progress: Callable[[str], None] = lambda _message: None,
) -> NlpBench:
    texts = read_texts(texts_path) if texts_path else _sample_texts()
    workers = choose_workers(workers, settings.nlp.workers)
    with tempfile.TemporaryDirectory(prefix="caredesk-bench-") as folder:
        source = Path(folder) / "posts.jsonl"
        progress(f"writing {posts} posts")
        with source.open("w", encoding="utf-8") as stream:
            for number, text in enumerate(islice(cycle(texts), posts)):
                stream.write(json.dumps({"id": number, "text": text}) + "\n")
        progress(f"timing 'caredesk analyze' over {posts} posts")
        wall, peak = _time_analyze_process(source, settings, model_path, workers)
    progress("measuring single-post latency")
    analyzer = load_analyzer(settings, model_path)
    latencies = []
    for text in islice(cycle(texts), LATENCY_SAMPLES):
        start = time.perf_counter()
        analyzer.analyze([text])
        latencies.append((time.perf_counter() - start) * 1000)
    cuts = statistics.quantiles(latencies, n=100)
    model = model_path or settings.nlp.model_path or default_model_path()
    return NlpBench(
        posts=posts,
        distinct_texts=len(set(texts)),
        workers=workers,
        wall_seconds=round(wall, 3),
        posts_per_second=round(posts / wall, 1),
        peak_memory_mb=round(peak, 1),
        latency_ms_p50=round(cuts[49], 3),
        latency_ms_p95=round(cuts[94], 3),
        latency_ms_p99=round(cuts[98], 3),
        model=model or f"built-in ({analyzer.version})",
        model_size_mb=_size_mb(Path(model)) if model else None,
    )


def read_texts(path: Path) -> list[str]:
    """The `text` of every line of a JSONL file (lines without one are skipped)."""
    try:
        with path.open(encoding="utf-8") as stream:
            items = [json.loads(line) for line in stream if line.strip()]
    except (OSError, ValueError) as exc:
        raise ServiceError(f"{path}: cannot read texts to time ({exc})") from None
    texts = [item["text"] for item in items
             if isinstance(item, dict) and isinstance(item.get("text"), str)]
    if not texts:
        raise ServiceError(f"{path}: no line has a \"text\" string; give JSONL like "
                           '{"id": 1, "text": "..."}')
    return texts


def _sample_texts() -> list[str]:
    """Tweet-length customer posts: the labelled corpus (when models/ is there) and the demo."""
    with demo_file("posts.jsonl").open(encoding="utf-8") as stream:
        posts = [json.loads(line) for line in stream if line.strip()]
    texts = [post["text"] for post in posts if post["direction"] == "inbound"]
    corpus = SHIPPED_MODEL.parent / "corpus" / "customer.jsonl"
    if corpus.is_file():
        texts += read_texts(corpus)
    return [text for text in texts if len(text) <= 400]


def _time_analyze_process(
    source: Path, settings: Settings, model_path: str | None, workers: int
) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one `caredesk analyze` run."""
    command = [sys.executable, "-m", "caredesk"]
    if settings.source != "(defaults)":
        command += ["--config", settings.source]
    command += ["analyze", "--workers", str(workers)]
    if model_path:
        command += ["--model", model_path]
    start = time.perf_counter()
    with source.open("rb") as stdin:
        process = subprocess.Popen(command, stdin=stdin, stdout=subprocess.DEVNULL)
        peak = _PeakMemory(process.pid)
        returncode = process.wait()
        peak.stop()
    wall = time.perf_counter() - start
    if returncode:
        raise ServiceError(f"'caredesk analyze' exited with status {returncode}")
    fallback = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return wall, max(peak.megabytes, fallback)


class _PeakMemory:
    """Samples the resident memory of a process and its descendants (Linux /proc)."""

    INTERVAL = 0.02

    def __init__(self, pid: int) -> None:
        self.pid, self.megabytes = pid, 0.0
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._done.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._done.wait(self.INTERVAL):
            total = sum(_rss_kb(pid) for pid in _tree(self.pid))
            self.megabytes = max(self.megabytes, total / 1024)


def _tree(pid: int) -> list[int]:
    """`pid` and the descendants /proc lists for it (just `pid` where it lists none)."""
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text()
        except OSError:
            continue
        queue.extend(int(child) for child in children.split())
    return found


def _rss_kb(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    line = next((line for line in status.splitlines() if line.startswith("VmRSS:")), "")
    return int(line.split()[1]) if line else 0


def _size_mb(path: Path) -> float | None:
    if not path.exists():
        return None
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return round(sum(f.stat().st_size for f in files) / 2**20, 2)
