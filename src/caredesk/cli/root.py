"""The `caredesk` command group, its options and its error handling."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from caredesk.config import ConfigError, Settings, load_settings
from caredesk.services.demo import for_reading
from caredesk.services.errors import ServiceError
from caredesk.store import DatabaseError

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
        settings, is_demo = for_reading(self.settings())
        if is_demo:
            click.echo(f"note: no caredesk.db here; reading the demo database "
                       f"({settings.database_url})", err=True)
        return settings


class CaredeskGroup(click.Group):
    """Shows expected failures as `error: ...` lines instead of tracebacks."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (ConfigError, DatabaseError, ServiceError) as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(EXIT_ERROR)


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
