"""`caredesk model`: train, evaluate and cross-validate the trained triage pipeline."""

from __future__ import annotations

from pathlib import Path

import click

from caredesk.cli.output import FORMATS, emit_json, emit_table, finish_progress, progress_reporter
from caredesk.cli.root import cli
from caredesk.services import model as model_service

DATA_HELP = "The complaint CSV (default: ../shared/data/complaints-data.csv)."


@cli.group()
def model() -> None:
    """The trained pipeline in models/: train, evaluate, cross-validate."""


@model.command()
@click.option("--data", type=click.Path(path_type=Path), help=DATA_HELP)
@click.option("--output", type=click.Path(path_type=Path),
              help="Where to save the pipeline (default: models/caredesk-triage).")
@click.option("--corpus", type=click.Path(path_type=Path),
              help="The JSONL corpus folder (default: models/corpus).")
@click.option("--topics", type=click.Choice(["trained", "rules"]), default="trained",
              show_default=True, help="Ship the trained topic head or the rule topic tagger.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
def train(data: Path | None, output: Path | None, corpus: Path | None, topics: str,
          fmt: str) -> None:
    """Rebuild the pipeline from models/recipe/ (the same data gives the same model)."""
    try:
        report = model_service.train_model(data=data, output=output, corpus=corpus,
                                           topics=topics,
                                           progress=progress_reporter("training"))
    finally:
        finish_progress()
    if fmt == "json":
        emit_json(report)
        return
    click.echo(f"saved {report.path} ({report.size_mb} MB) in {report.seconds} s")
    click.echo("; ".join(f"{name} head: {count} texts"
                         for name, count in report.examples.items()))
    click.echo(f"components: {', '.join(report.components)}")


@model.command()
@click.option("--model", "model_dir", type=click.Path(path_type=Path),
              help="The saved pipeline (default: models/caredesk-triage).")
@click.option("--corpus", type=click.Path(path_type=Path),
              help="The JSONL corpus folder (default: models/corpus).")
@click.option("--data", type=click.Path(path_type=Path), help=DATA_HELP)
@click.option("--split", type=click.Choice(["test", "dev", "train"]), default="test",
              show_default=True,
              help="Score the held-out test split, or dev (or train, for rules) while tuning.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
def evaluate(model_dir: Path | None, corpus: Path | None, data: Path | None, split: str,
             fmt: str) -> None:
    """Per-label precision, recall and F1 on the held-out test split."""
    report = model_service.evaluate_model(model=model_dir, corpus=corpus, data=data,
                                          split=split)
    for note in report.notes:
        click.echo(f"note: {note}", err=True)
    if fmt == "json":
        emit_json(report)
        return
    emit_table(["label", "precision", "recall", "f1", "support"],
               [[s.label, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.support)]
                for s in report.labels])
    click.echo(f"complaint macro-F1 {report.complaint_macro_f1:.3f} "
               f"({report.complaint_examples} texts)")
    click.echo(f"topic macro-F1 privacy/unwanted_contact/blocking "
               f"{report.topic_macro_f1_core:.3f}, all six {report.topic_macro_f1_all:.3f} "
               f"({report.topic_examples} texts)")
    optional = [
        (report.requests_micro_f1, "requests micro-F1 {:.3f} ({} agent replies)",
         report.request_examples),
        (report.preference_accuracy, "stated preference accuracy {:.3f} ({} texts)",
         report.preference_examples),
        (report.pii_micro_f1, "PII span micro-F1 {:.3f} ({} posts; exact label, start and end)",
         report.pii_examples),
        (report.pii_real_micro_f1, "PII span micro-F1 {:.3f} on {} real tweets (rows pii-real:*)",
         report.pii_real_examples),
    ]
    for value, line, examples in optional:
        if value is not None:
            click.echo(line.format(value, examples))


@model.command()
@click.option("--data", type=click.Path(path_type=Path), required=True, help="The complaint CSV.")
@click.option("--folds", type=click.IntRange(min=2), default=10, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--format", "fmt", type=FORMATS, default="json", show_default=True)
def cv(data: Path, folds: int, seed: int, fmt: str) -> None:
    """Stratified k-fold cross-validation of the complaint classifier on a CSV."""
    try:
        report = model_service.cross_validate(data=data, folds=folds, seed=seed,
                                              progress=progress_reporter("cross-validation"))
    finally:
        finish_progress()
    if fmt == "json":
        emit_json(report)
        return
    emit_table(["folds", "accuracy", "macro_f1", "complaint_f1", "roc_auc"],
               [[str(report.folds), f"{report.accuracy:.4f}", f"{report.macro_f1:.4f}",
                 f"{report.complaint_f1:.4f}", f"{report.roc_auc:.4f}"]])
