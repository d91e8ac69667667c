"""`caredesk bench`: performance figures as JSON (targets are in the issues)."""

from __future__ import annotations

from pathlib import Path

import click

from caredesk.cli.output import FORMATS, emit_json, emit_table, finish_progress, progress_reporter
from caredesk.cli.root import CliContext, cli
from caredesk.services.bench import bench_nlp

pass_cli = click.make_pass_decorator(CliContext)


@cli.group()
def bench() -> None:
    """Measure speed and memory; prints figures, never pass/fail."""


@bench.command()
@click.option("--posts", type=click.IntRange(1, 10_000_000), default=200_000, show_default=True,
              help="How many tweet-length posts 'caredesk analyze' reads.")
@click.option("--model", "model_path", metavar="PATH", help="A saved pipeline to measure.")
@click.option("--texts", "texts_path", type=click.Path(dir_okay=False, path_type=Path),
              help="JSONL with a \"text\" per line to cycle through (default: the corpus "
                   "and demo posts).")
@click.option("--workers", type=click.IntRange(1, 256), metavar="N",
              help="Processes 'caredesk analyze' runs in (default: as it would choose).")
@click.option("--format", "fmt", type=FORMATS, default="json", show_default=True)
@pass_cli
def nlp(context: CliContext, posts: int, model_path: str | None, texts_path: Path | None,
        workers: int | None, fmt: str) -> None:
    """Throughput of 'caredesk analyze' as a whole process, latency, memory."""
    figures = bench_nlp(context.settings(), posts=posts, model_path=model_path,
                        texts_path=texts_path, workers=workers,
                        progress=progress_reporter("bench"))
    finish_progress()
    if fmt == "json":
        emit_json(figures)
    else:
        emit_table(["figure", "value"], [[k, str(v)] for k, v in vars(figures).items()])
