"""`caredesk analyze`: the NLP as a filter from JSONL on stdin to JSONL on stdout."""

from __future__ import annotations

import gc
import sys

import click

from caredesk.cli.root import CliContext, cli
from caredesk.services.analysis import ROLES, load_analyzer
from caredesk.services.analyze_stream import AnalyzeJob, analyze_stream, choose_workers

pass_cli = click.make_pass_decorator(CliContext)


@cli.command()
@click.option("--role", type=click.Choice(ROLES), default="customer", show_default=True,
              help="customer: posts to triage; agent: drafts and replies (finds requests).")
@click.option("--model", "model_path", metavar="PATH",
              help="A saved pipeline; default: the configured one.")
@click.option("--workers", type=click.IntRange(0, 256), metavar="N",
              help="Processes to analyse in; 0: one per CPU core. Default: nlp.workers.")
@pass_cli
def analyze(context: CliContext, role: str, model_path: str | None, workers: int | None) -> None:
    """Read {"id", "text"} lines on stdin; write one analysis line each, in order.

    A line that is not JSON or has no text gives {"line": N, "error": ...} and
    the run goes on.
    """
    settings = context.settings()
    job = AnalyzeJob(load_analyzer(settings, model_path), role, settings.nlp.batch_size)
    # The pipeline lives as long as the process: keep its ~10^5 objects out of the cyclic
    # collector's full scans (and, after the fork, out of the workers' copied pages).
    gc.freeze()
    out = sys.stdout.buffer
    chosen = choose_workers(workers, settings.nlp.workers)
    for piece in analyze_stream(sys.stdin.buffer, job, workers=chosen):
        out.write(piece)
    out.flush()
