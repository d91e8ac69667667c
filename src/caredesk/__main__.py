"""`python -m caredesk` runs the command line, as the `caredesk` script does."""

from caredesk.cli.main import main

main()
