"""The queue as a DataTable: one row per case, most urgent first.

The table only displays rows it is given; loading them is the screen's job.
Every cell is a `rich.text.Text`, because DataTable parses plain `str` cells
as markup and customer text must never be markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from caredesk.domain import Queue
from caredesk.services.views import QueueRow
from caredesk.tui import format as fmt

MIN_PREVIEW = 24
SCROLLBAR_ALLOWANCE = 2

# (key, label, width): fixed widths so a refresh never makes columns jump; the
# preview column takes whatever width is left.
COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("case", "#", 4),
    ("priority", "Prio", 6),
    ("age", "Age", 3),
    ("sla", "SLA", 11),
    ("network", "Net", 4),
    ("visibility", "Vis", 3),
    ("customer", "Customer", 22),
    ("tags", "Tags", 18),
    ("queues", "Queues", 14),
)
WIDTH = dict((key, width) for key, _, width in COLUMNS)


class QueueTable(DataTable[Text]):
    """Open cases; `enter` selects the case under the cursor (RowSelected)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open case"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._rows: Sequence[QueueRow] = ()
        self._now: datetime | None = None
        self._preview_width = 0

    def show(self, rows: Sequence[QueueRow], now: datetime) -> None:
        """Replace the rows, keeping the cursor on the same case when it is still listed."""
        self._rows, self._now = rows, now
        self._rebuild()

    def on_resize(self) -> None:
        """A wider terminal shows more of each preview, so rebuild when that changes."""
        if self._now is not None and self._fit_preview() != self._preview_width:
            self._rebuild()

    def _fit_preview(self) -> int:
        fixed = sum(width + 2 * self.cell_padding for width in WIDTH.values())
        spare = self.size.width - fixed - 2 * self.cell_padding - SCROLLBAR_ALLOWANCE
        return max(spare, MIN_PREVIEW)

    def _rebuild(self) -> None:
        if self._now is None:
            return
        selected = self.selected_case()
        self._preview_width = self._fit_preview()
        self.clear(columns=True)
        for key, label, width in COLUMNS:
            self.add_column(label, key=key, width=width)
        self.add_column("Latest from the customer", key="preview", width=self._preview_width)
        for row in self._rows:
            self.add_row(*cells(row, self._now, self._preview_width), key=str(row.case_id))
        if selected is not None and str(selected) in self.rows:
            self.move_cursor(row=self.get_row_index(str(selected)), animate=False)

    def selected_case(self) -> int | None:
        """The case id under the cursor, if any row is shown."""
        if not self.row_count:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return None if row_key.value is None else int(row_key.value)


def cells(row: QueueRow, now: datetime, preview_width: int) -> tuple[Text, ...]:
    """One queue row as table cells, in COLUMNS order."""
    customer = Text(no_wrap=True, end="")
    customer.append(fmt.safe(row.customer_name), style="bold")
    customer.append(" ")
    customer.append(fmt.handle(row.handle), style="dim")
    customer.truncate(WIDTH["customer"], overflow="ellipsis")
    # The SLA column already says "overdue" in red; the cell keeps room for the rest.
    queues = fmt.queue_labels(row.queues, skip=(Queue.OVERDUE,))
    return (
        Text(str(row.case_id), style="dim", justify="right", end=""),
        fmt.priority_cell(row.priority),
        Text(fmt.age(row.opened_at, now), end=""),
        fmt.sla_cell(row.sla_due, now),
        Text(fmt.NETWORK_SHORT[row.network], end=""),
        Text(fmt.visibility_short(row.visibility), end=""),
        customer,
        fmt.user_cell(fmt.tag_labels(row.tags), style="cyan", width=WIDTH["tags"]),
        fmt.user_cell(queues, style="bold magenta", width=WIDTH["queues"]),
        fmt.user_cell(fmt.first_line(fmt.without_leading_mentions(row.preview), preview_width)),
    )


def matches(row: QueueRow, needle: str) -> bool:
    """Whether a case matches the agent's filter text (case-insensitive, any field)."""
    if not needle:
        return True
    haystack = " ".join(
        (
            str(row.case_id),
            row.priority.label,
            row.network.value,
            fmt.visibility_label(row.visibility),
            row.customer_name,
            fmt.handle(row.handle),
            fmt.tag_labels(row.tags),
            " ".join(row.tags),
            fmt.queue_labels(row.queues),
            row.assignee or "",
            row.preview,
        )
    ).casefold()
    return all(word in haystack for word in needle.casefold().split())
