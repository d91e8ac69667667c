"""The `caredesk` command: the composition root.

It reads settings, builds the database, analyzer and connectors, hands them
to the services and the TUI, and turns their errors into one-line messages
that say what to do next.
"""

from caredesk.cli.root import cli  # commands are loaded on demand (root.COMMAND_MODULES)


def main() -> None:
    cli()
