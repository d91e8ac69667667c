"""The `caredesk` command: the composition root.

It reads settings, builds the database, analyzer and connectors, hands them
to the services and the TUI, and turns their errors into one-line messages
that say what to do next.
"""

from caredesk.cli import (  # noqa: F401  (importing registers the commands)
    analyze_commands,
    bench_commands,
    data_commands,
    desk_commands,
    model_commands,
)
from caredesk.cli.root import cli


def main() -> None:
    cli()
