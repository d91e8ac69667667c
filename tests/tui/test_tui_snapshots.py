"""Screenshots of the desk on the demo data at a fixed clock.

Regenerate with `pytest tests/tui --snapshot-update` after a deliberate change
and read the HTML report before committing the new SVGs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual.pilot import Pilot

from caredesk.services.desk import Desk
from caredesk.tui.app import CaredeskApp
from caredesk.tui.widgets.queue_table import QueueTable

from .conftest import SIZE

Settle = Callable[[Pilot[None]], Awaitable[None]]


class TestSnapshots:
    """Whole screens, so layout, colours and masking regressions all show up."""

    def test_queue(self, snap_compare: Any, app: CaredeskApp, settle: Settle) -> None:
        """The queue of open demo cases, most urgent first, cursor on the first."""
        assert snap_compare(app, terminal_size=SIZE, run_before=settle)

    def test_case_with_preference_breach(
        self, snap_compare: Any, app: CaredeskApp, desk: Desk, settle: Settle
    ) -> None:
        """Sarah Okafor's case: email-only banner, masked held data, two sales calls flagged."""
        row = next(row for row in desk.list_cases() if row.customer_name == "Sarah Okafor")

        async def open_case(pilot: Pilot[None]) -> None:
            await settle(pilot)
            table = pilot.app.screen.query_one(QueueTable)
            table.move_cursor(row=table.get_row_index(str(row.case_id)))
            await pilot.press("enter")
            await settle(pilot)

        assert snap_compare(app, terminal_size=SIZE, run_before=open_case)

    def test_help(self, snap_compare: Any, app: CaredeskApp, settle: Settle) -> None:
        """The help modal over the queue."""

        async def open_help(pilot: Pilot[None]) -> None:
            await settle(pilot)
            await pilot.press("question_mark")

        assert snap_compare(app, terminal_size=SIZE, run_before=open_help)
