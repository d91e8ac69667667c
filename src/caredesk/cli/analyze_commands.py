"""`caredesk analyze`: the NLP as a filter from JSONL on stdin to JSONL on stdout."""

from __future__ import annotations

import json
import sys

import click

from caredesk.cli.root import CliContext, cli
from caredesk.services.analysis import ROLES, analyze_lines, load_analyzer

pass_cli = click.make_pass_decorator(CliContext)


@cli.command()
@click.option("--role", type=click.Choice(ROLES), default="customer", show_default=True,
              help="customer: posts to triage; agent: drafts and replies (finds requests).")
@click.option("--model", "model_path", metavar="PATH",
              help="A saved pipeline; default: the configured one.")
@pass_cli
def analyze(context: CliContext, role: str, model_path: str | None) -> None:
    """Read {"id", "text"} lines on stdin; write one analysis line each, in order.

    A line that is not JSON or has no text gives {"line": N, "error": ...} and
    the run goes on.
    """
    settings = context.settings()
    analyzer = load_analyzer(settings, model_path)
    stdin = (line.decode("utf-8", "replace") for line in sys.stdin.buffer)
    out = sys.stdout
    # One encoder for the run: json.dumps(..., ensure_ascii=False) builds a new one per call.
    encode = json.JSONEncoder(ensure_ascii=False).encode
    for result in analyze_lines(stdin, analyzer, role=role, batch_size=settings.nlp.batch_size):
        out.write(encode(result) + "\n")
    out.flush()
