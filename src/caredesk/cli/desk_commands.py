"""Commands that look at and work the desk: demo, desk, cases, case show, agents."""

from __future__ import annotations

import getpass
import os
from dataclasses import replace

import click

from caredesk import domain
from caredesk.cli.output import FORMATS, emit_json, emit_table, finish_progress, progress_reporter
from caredesk.cli.root import CliContext, cli
from caredesk.cli.text_views import case_text, relative
from caredesk.config import DATABASE_URL_ENV
from caredesk.services.demo import DEFAULT_DEMO_URL, build_demo
from caredesk.services.desk import Desk, open_desk
from caredesk.services.records import add_agent, list_agents

pass_cli = click.make_pass_decorator(CliContext)


@cli.command()
@click.option("--headless", is_flag=True, help="Build the demo and print a summary; no TUI.")
@click.option("--agent", default="alex", show_default=True, help="Who sits at the demo desk.")
@pass_cli
def demo(context: CliContext, headless: bool, agent: str) -> None:
    """Build a fresh demo desk (fictional data) and open it."""
    url = context.database_url or os.environ.get(DATABASE_URL_ENV) or DEFAULT_DEMO_URL
    settings = replace(context.settings(), database_url=url)
    summary = build_demo(settings, progress=progress_reporter("demo"))
    finish_progress()
    if headless:
        emit_json(summary)
        return
    _run_tui(open_desk(settings, agent=agent))


@cli.command()
@click.option("--agent", help="Agent name (see 'caredesk agents').")
@pass_cli
def desk(context: CliContext, agent: str | None) -> None:
    """Open the desk on the configured database."""
    _run_tui(open_desk(context.reading_settings(), agent=agent))


@cli.command()
@click.option("--status", type=click.Choice([*(s.value for s in domain.CaseStatus), "all"]),
              default="open", show_default=True)
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@pass_cli
def cases(context: CliContext, status: str, fmt: str) -> None:
    """The queue: cases, most urgent first."""
    desk = open_desk(context.reading_settings())
    rows = desk.list_cases(status=None if status == "all" else domain.CaseStatus(status))
    if fmt == "json":
        emit_json(rows)
        return
    now = desk.now()
    emit_table(
        ["id", "priority", "age", "network", "vis", "customer", "tags", "queues"],
        [[str(r.case_id), r.priority.label, relative(r.opened_at, now), r.network.value,
          r.visibility.value, f"{r.customer_name} @{r.handle}" if r.handle else r.customer_name,
          ",".join(r.tags) or "-", ",".join(q.value for q in r.queues)] for r in rows],
    )


@cli.group()
def case() -> None:
    """One case."""


@case.command()
@click.argument("case_id", type=int)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@pass_cli
def show(context: CliContext, case_id: int, fmt: str) -> None:
    """The thread, the customer card (held data masked) and the contact log."""
    desk = open_desk(context.reading_settings())
    detail = desk.case_detail(case_id)
    if fmt == "json":
        emit_json(detail)
    else:
        click.echo(case_text(detail, desk.now()))


@cli.group()
def agent() -> None:
    """Agents and their roles."""


@agent.command(name="add")
@click.argument("name")
@click.option("--role", type=click.Choice([r.value for r in domain.Role]), default="agent",
              show_default=True)
@pass_cli
def agent_add(context: CliContext, name: str, role: str) -> None:
    """Add an agent who can sit at the desk."""
    desk = open_desk(context.settings())
    added = add_agent(desk.database, name, domain.Role(role), actor=getpass.getuser())
    click.echo(f"agent {added.name} added as {added.role.value}")


@cli.command()
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@pass_cli
def agents(context: CliContext, fmt: str) -> None:
    """List agents."""
    found = list_agents(open_desk(context.reading_settings()).database)
    if fmt == "json":
        emit_json(found)
        return
    emit_table(["name", "role", "active"],
               [[a.name, a.role.value, "yes" if a.active else "no"] for a in found])


def _run_tui(desk: Desk) -> None:
    from caredesk.tui.app import CaredeskApp

    CaredeskApp(desk).run()
