"""The help screen: every key the desk answers to, on one page.

Written out rather than generated from the bindings so it can group keys by
screen and say what they are for in the desk's words.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Anywhere",
        (
            ("?", "this help"),
            ("q", "quit"),
            ("tab / shift+tab", "move focus"),
        ),
    ),
    (
        "Queue",
        (
            ("↑ ↓  j k", "move between cases"),
            ("enter", "open the case"),
            ("/  f", "filter by name, handle, tag, queue or text"),
            ("escape", "clear the filter"),
            ("r", "reload the queue"),
        ),
    ),
    (
        "Case",
        (
            ("↑ ↓  pgup pgdn", "scroll the focused panel"),
            ("tab", "switch between thread and customer card"),
            ("r", "reload the case"),
            ("escape", "back to the queue"),
        ),
    ),
)


def help_content() -> Content:
    lines: list[Content] = []
    for section, keys in KEYS:
        if lines:
            lines.append(Content(""))
        lines.append(Content.styled(section, "bold $text-accent"))
        lines.extend(
            Content.assemble((f"  {key:<18}", "bold"), description) for key, description in keys
        )
    return Content("\n").join(lines)


class HelpScreen(ModalScreen[None]):
    """A modal over the current screen; `escape` or `?` closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("question_mark", "close", "Close", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-panel"):
            yield Static("caredesk keys", id="help-title")
            yield Static(help_content(), id="help-keys")
            yield Static("escape or ? to close", id="help-hint")

    def on_mount(self) -> None:
        self.query_one("#help-panel").focus()

    def action_close(self) -> None:
        self.dismiss()
