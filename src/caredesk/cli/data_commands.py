"""Commands that put data in: init, db upgrade, imports, ingest, rejects."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from caredesk.cli.output import FORMATS, emit_json, emit_table, finish_progress, progress_reporter
from caredesk.cli.root import EXIT_REJECTED, CliContext, cli
from caredesk.ingest import JsonlConnector
from caredesk.services.analysis import load_analyzer
from caredesk.services.imports import ImportReport, import_contacts, import_customers
from caredesk.services.ingest import IngestReport, ingest
from caredesk.services.records import list_rejects
from caredesk.services.schema import ready_database, upgrade_database

pass_cli = click.make_pass_decorator(CliContext)


@cli.command()
@pass_cli
def init(context: CliContext) -> None:
    """Create a new database at the newest schema (or check an existing one)."""
    state = upgrade_database(context.settings())
    verb = "created at" if state.created else "is ready at"
    click.echo(f"database {state.database} {verb} schema {state.after}")


@cli.group()
def db() -> None:
    """Database schema commands."""


@db.command()
@pass_cli
def upgrade(context: CliContext) -> None:
    """Apply any new migrations."""
    state = upgrade_database(context.settings())
    click.echo(f"{state.database}: schema {state.before or '(none)'} -> {state.after}")


@cli.group(name="import")
def import_group() -> None:
    """Import CRM files (CSV with a header row)."""


@import_group.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@pass_cli
def customers(context: CliContext, file: Path, fmt: str) -> None:
    """Customers with held data, handles and contact preferences."""
    settings = context.settings()
    database = ready_database(settings)
    _finish_import(import_customers(database, file, settings), fmt)


@import_group.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@pass_cli
def contacts(context: CliContext, file: Path, fmt: str) -> None:
    """The contact log: every call, text, email, DM and letter."""
    settings = context.settings()
    database = ready_database(settings)
    _finish_import(import_contacts(database, file, settings), fmt)


@cli.group(name="ingest")
def ingest_group() -> None:
    """Pull posts into the desk."""


@ingest_group.command()
@click.argument("file")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@pass_cli
def jsonl(context: CliContext, file: str, fmt: str) -> None:
    """Posts in the caredesk post format, one JSON object a line ('-' reads stdin)."""
    settings = context.settings()
    database = ready_database(settings)
    if file != "-" and not Path(file).is_file():
        raise click.BadParameter(f"{file}: no such file", param_hint="FILE")
    show = progress_reporter("ingest")
    show("loading the NLP pipeline")
    analyzer = load_analyzer(settings)
    report = ingest(
        database, JsonlConnector(file), analyzer, settings,
        progress=lambda r: show(f"{r.read} read, {r.added} added, {len(r.rejected)} rejected"),
    )
    finish_progress()
    _finish_ingest(report, fmt)


@cli.command()
@click.option("--source", help="Only rejects of this source (as listed).")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@pass_cli
def rejects(context: CliContext, source: str | None, fmt: str) -> None:
    """Rows and posts that could not be used, with the reason."""
    database = ready_database(context.reading_settings())
    found = list_rejects(database, source=source)
    if fmt == "json":
        emit_json(found)
        return
    emit_table(["id", "source", "where", "reason"],
               [[str(r.id), r.source, r.location, r.reason] for r in found])


def _finish_import(report: ImportReport, fmt: str) -> None:
    if fmt == "json":
        emit_json(report)
    else:
        click.echo(f"{report.source}: {report.rows} rows, {report.added} added, "
                   f"{report.updated} updated, {report.unchanged} unchanged, "
                   f"{len(report.rejected)} rejected")
    _exit_if_rejected(report.rejected)


def _finish_ingest(report: IngestReport, fmt: str) -> None:
    if fmt == "json":
        emit_json(report)
    else:
        click.echo(f"{report.source}: {report.read} read, {report.added} added, "
                   f"{report.duplicates} already held, {report.cases_opened} cases opened, "
                   f"{len(report.rejected)} rejected")
    _exit_if_rejected(report.rejected)


def _exit_if_rejected(rejected: list) -> None:
    for note in rejected:
        click.echo(f"rejected: {note.location}: {note.reason}", err=True)
    if rejected:
        click.echo("the rest was processed; 'caredesk rejects' lists what was kept aside",
                   err=True)
        sys.exit(EXIT_REJECTED)
