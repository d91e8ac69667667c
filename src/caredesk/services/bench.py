"""Benchmarks that print figures, never pass/fail: speed belongs in numbers.

`nlp` times `caredesk analyze` as a whole process over generated posts (model
load included, as a person running it would see it), and single-post latency
inside this process.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from itertools import cycle, islice
from pathlib import Path

from caredesk.config import Settings
from caredesk.services.analysis import default_model_path, load_analyzer
from caredesk.services.demo import demo_file

LATENCY_SAMPLES = 500


@dataclass(frozen=True)
class NlpBench:
    posts: int
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
    progress: Callable[[str], None] = lambda _message: None,
) -> NlpBench:
    texts = _sample_texts()
    with tempfile.TemporaryDirectory(prefix="caredesk-bench-") as folder:
        source = Path(folder) / "posts.jsonl"
        progress(f"writing {posts} posts")
        with source.open("w", encoding="utf-8") as stream:
            for number, text in enumerate(islice(cycle(texts), posts)):
                stream.write(json.dumps({"id": number, "text": text}) + "\n")
        progress(f"timing 'caredesk analyze' over {posts} posts")
        wall, peak = _time_analyze_process(source, settings, model_path)
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
        wall_seconds=round(wall, 3),
        posts_per_second=round(posts / wall, 1),
        peak_memory_mb=round(peak, 1),
        latency_ms_p50=round(cuts[49], 3),
        latency_ms_p95=round(cuts[94], 3),
        latency_ms_p99=round(cuts[98], 3),
        model=model or f"built-in ({analyzer.version})",
        model_size_mb=_size_mb(Path(model)) if model else None,
    )


def _sample_texts() -> list[str]:
    """Tweet-length customer posts from the fictional demo data."""
    with demo_file("posts.jsonl").open(encoding="utf-8") as stream:
        posts = [json.loads(line) for line in stream if line.strip()]
    return [post["text"] for post in posts
            if post["direction"] == "inbound" and len(post["text"]) <= 400]


def _time_analyze_process(
    source: Path, settings: Settings, model_path: str | None
) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one `caredesk analyze` process."""
    command = [sys.executable, "-m", "caredesk"]
    if settings.source != "(defaults)":
        command += ["--config", settings.source]
    command.append("analyze")
    if model_path:
        command += ["--model", model_path]
    start = time.perf_counter()
    with source.open("rb") as stdin:
        subprocess.run(command, stdin=stdin, stdout=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, peak_kb / 1024


def _size_mb(path: Path) -> float | None:
    if not path.exists():
        return None
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return round(sum(f.stat().st_size for f in files) / 2**20, 2)
