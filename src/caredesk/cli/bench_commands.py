"""`caredesk bench`: performance figures as JSON (targets are in the issues)."""

from __future__ import annotations

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
@click.option("--format", "fmt", type=FORMATS, default="json", show_default=True)
@pass_cli
def nlp(context: CliContext, posts: int, model_path: str | None, fmt: str) -> None:
    """Throughput of 'caredesk analyze' as a whole process, latency, memory."""
    figures = bench_nlp(context.settings(), posts=posts, model_path=model_path,
                        progress=progress_reporter("bench"))
    finish_progress()
    if fmt == "json":
        emit_json(figures)
    else:
        emit_table(["figure", "value"], [[k, str(v)] for k, v in vars(figures).items()])
