"""The `caredesk` command group, its options and its error handling."""

from __future__ import annotations

import importlib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from caredesk.config import ConfigError, Settings, load_settings
from caredesk.services.errors import ServiceError

EXIT_ERROR = 1
EXIT_REJECTED = 3
"""The command finished, but some rows or posts were rejected (see `caredesk rejects`)."""


@dataclass
class CliContext:
    config_path: Path | None
    database_url: str | None

    def settings(self) -> Settings:
        return load_settings(self.config_path, database_url=self.database_url)

    def reading_settings(self) -> Settings:
        """Settings for commands that only read: they fall back to the demo
        database when no default database exists here (and say so on stderr)."""
        from caredesk.services.demo import for_reading  # the store, only for commands that read

        settings, is_demo = for_reading(self.settings())
        if is_demo:
            click.echo(f"note: no caredesk.db here; reading the demo database "
                       f"({settings.database_url})", err=True)
        return settings


COMMAND_MODULES = {
    "analyze": "analyze_commands",
    "bench": "bench_commands",
    **dict.fromkeys(("init", "db", "import", "ingest", "rejects"), "data_commands"),
    **dict.fromkeys(("demo", "desk", "cases", "case", "agent", "agents"), "desk_commands"),
    "model": "model_commands",
}
"""Which module of caredesk.cli defines each command. A command's module is imported
only when the command runs, so `caredesk analyze` does not load the database layer and
`caredesk cases` does not load spaCy."""


class CaredeskGroup(click.Group):
    """Loads commands on demand; shows expected failures as `error: ...` lines."""

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in COMMAND_MODULES:
            importlib.import_module(f"caredesk.cli.{COMMAND_MODULES[name]}")
        return super().get_command(ctx, name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        for module in sorted(set(COMMAND_MODULES.values())):
            importlib.import_module(f"caredesk.cli.{module}")
        return super().list_commands(ctx)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except _expected_errors() as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(EXIT_ERROR)


def _expected_errors() -> tuple[type[Exception], ...]:
    """The errors that are the user's to fix. A DatabaseError can only have been raised
    if the store was imported, so the store is not imported just to catch one."""
    store = sys.modules.get("caredesk.store")
    return (ConfigError, ServiceError, *((store.DatabaseError,) if store else ()))


@click.group(cls=CaredeskGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_path", type=click.Path(path_type=Path),
              help="Settings file (TOML). Default: $CAREDESK_CONFIG, else built-in defaults.")
@click.option("--db", "database_url", metavar="URL",
              help="Database URL; overrides $CAREDESK_DATABASE_URL and the settings file.")
@click.version_option(package_name="caredesk")
@click.pass_context
def cli(ctx: click.Context, config_path: Path | None, database_url: str | None) -> None:
    """caredesk: triage social-media complaints for a telecom's care team."""
    ctx.obj = CliContext(config_path=config_path, database_url=database_url)
