"""The caredesk Textual app: a thin shell around the screens.

It holds the Desk, knows the app-wide keys and which screen comes first; the
screens do the work and every Desk call runs in their thread workers.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from caredesk.services.desk import Desk
from caredesk.tui.screens.help import HelpScreen
from caredesk.tui.screens.queue import QueueScreen


class CaredeskApp(App[None]):
    """The agent's desk: the queue first, a case on `enter`, help on `?`."""

    TITLE = "caredesk"
    CSS_PATH: ClassVar[list[str]] = [
        "styles/app.tcss",
        "styles/queue.tcss",
        "styles/case.tcss",
        "styles/help.tcss",
    ]
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help", key_display="?"),
    ]

    def __init__(self, desk: Desk) -> None:
        super().__init__()
        self.desk = desk
        self.sub_title = desk.agent or ""

    def get_default_screen(self) -> Screen[None]:
        return QueueScreen(self.desk)

    def action_help(self) -> None:
        """Open help, unless it is already the screen on top."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())
