"""The queue screen: every open case, most urgent first, and a filter.

The screen owns the I/O: it asks the Desk for rows in a thread worker and
gets them back as a message. Each load carries a generation number, and a
result from an older load than the newest one asked for is dropped, so a slow
refresh can never overwrite a newer one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from caredesk.services.desk import Desk
from caredesk.services.views import QueueRow
from caredesk.tui import format as fmt
from caredesk.tui.screens.case import CaseScreen
from caredesk.tui.widgets.queue_table import QueueTable, matches

REFRESH_SECONDS = 60.0
"""How often the queue reloads by itself, so ages and SLA clocks stay current."""


class QueueScreen(Screen[None]):
    """Open cases in a table; `enter` opens one, `/` filters, `r` reloads."""

    AUTO_FOCUS = "#queue-table"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "refresh", "Refresh"),
        Binding("slash", "filter", "Filter", key_display="/"),
        Binding("f", "filter", "Filter", show=False),
    ]

    @dataclass
    class Loaded(Message):
        """The Desk answered a load: rows as of `now` by the desk's clock."""

        generation: int
        rows: Sequence[QueueRow]
        now: datetime

    @dataclass
    class LoadFailed(Message):
        """The Desk could not answer a load; `error` is shown, not raised."""

        generation: int
        error: str

    def __init__(self, desk: Desk) -> None:
        super().__init__()
        self.desk = desk
        self._generation = 0
        self._rows: Sequence[QueueRow] = ()
        self._now: datetime | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Filter: name, handle, tag, queue, text…  (/)", id="queue-filter")
        yield QueueTable(id="queue-table")
        yield Static("Loading the queue…", id="queue-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(QueueTable).loading = True
        self.action_refresh()
        self.set_interval(REFRESH_SECONDS, self.action_refresh)

    def action_refresh(self) -> None:
        """Ask the Desk for the open cases again."""
        self._generation += 1
        self._load(self._generation)

    @work(thread=True, exclusive=True, group="queue-load")
    def _load(self, generation: int) -> None:
        """Runs in a thread: Desk calls may touch the database or the network."""
        try:
            rows = self.desk.list_cases()
            now = self.desk.now()
        except Exception as exc:  # shown to the agent; the app must keep running
            self.post_message(self.LoadFailed(generation, f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(self.Loaded(generation, rows, now))

    @on(Loaded)
    def _on_loaded(self, message: Loaded) -> None:
        if message.generation != self._generation:
            return  # an older load finished after a newer one was asked for
        self._rows, self._now = message.rows, message.now
        table = self.query_one(QueueTable)
        table.loading = False
        self._show()
        if self.focused is None:
            table.focus()  # AUTO_FOCUS skipped it while it was loading
        self.refresh_bindings()  # the footer hid the table's keys while it was loading

    @on(LoadFailed)
    def _on_load_failed(self, message: LoadFailed) -> None:
        if message.generation != self._generation:
            return
        self.query_one(QueueTable).loading = False
        self.query_one("#queue-status", Static).update(
            Content.assemble(("Could not load the queue: ", "bold $error"), message.error)
        )
        self.notify(message.error, title="Queue not loaded", severity="error", markup=False)

    def _show(self) -> None:
        """Render the loaded rows through the current filter."""
        if self._now is None:
            return
        needle = self.query_one("#queue-filter", Input).value.strip()
        rows = [row for row in self._rows if matches(row, needle)]
        self.query_one(QueueTable).show(rows, self._now)
        status = f"{len(self._rows)} open case{'s' if len(self._rows) != 1 else ''}"
        if needle:
            status += f" · {len(rows)} match the filter"
        status += f" · as of {fmt.when(self._now, self._now)}"
        self.query_one("#queue-status", Static).update(Content(status))

    @on(Input.Changed, "#queue-filter")
    def _on_filter_changed(self) -> None:
        self._show()

    @on(Input.Submitted, "#queue-filter")
    def _on_filter_submitted(self) -> None:
        self.query_one(QueueTable).focus()

    def action_filter(self) -> None:
        self.query_one("#queue-filter", Input).focus()

    def key_escape(self) -> None:
        """Escape in the filter clears it and goes back to the table."""
        filter_input = self.query_one("#queue-filter", Input)
        if filter_input.has_focus or filter_input.value:
            filter_input.value = ""
            self.query_one(QueueTable).focus()

    @on(DataTable.RowSelected, "#queue-table")
    def _on_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            case = CaseScreen(self.desk, int(event.row_key.value))
            self.app.push_screen(case, callback=self._on_case_closed)

    def _on_case_closed(self, _result: None) -> None:
        """Back from a case: it (or others) may have changed meanwhile, so reload."""
        self.action_refresh()
