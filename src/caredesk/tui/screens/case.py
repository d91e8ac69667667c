"""The case screen: the thread on the left, the customer card on the right.

Like the queue, it asks the Desk in a thread worker and drops a stale answer
(an `r` pressed twice must not let the first, slower answer win).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from caredesk.domain import Priority
from caredesk.services.desk import Desk
from caredesk.services.errors import CaseNotFound
from caredesk.services.views import CaseDetail, QueueRow
from caredesk.tui import format as fmt
from caredesk.tui.widgets.customer_card import CustomerCardView
from caredesk.tui.widgets.thread import ThreadView


class CaseScreen(Screen[None]):
    """One case in full; `escape` goes back to the queue."""

    AUTO_FOCUS = "#thread"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back to queue"),
        Binding("r", "refresh", "Refresh"),
    ]

    @dataclass
    class Loaded(Message):
        """The Desk's answer for load number `generation`, as of `now`."""

        generation: int
        detail: CaseDetail
        now: datetime

    @dataclass
    class LoadFailed(Message):
        """The Desk could not answer; shown on the screen, never raised."""

        generation: int
        error: str
        not_found: bool = False

    def __init__(self, desk: Desk, case_id: int) -> None:
        super().__init__()
        self.desk = desk
        self.case_id = case_id
        self.detail: CaseDetail | None = None
        self._generation = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(Content(f"Case #{self.case_id}"), id="case-summary")
        with Horizontal(id="case-body"):
            thread = ThreadView(id="thread")
            thread.border_title = "Thread"
            yield thread
            card = CustomerCardView(id="card")
            card.border_title = "Customer"
            yield card
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"case #{self.case_id}"
        self.query_one(ThreadView).loading = True
        self.query_one(CustomerCardView).loading = True
        self.action_refresh()

    def action_refresh(self) -> None:
        self._generation += 1
        self._load(self._generation)

    def action_back(self) -> None:
        self.dismiss()

    @work(thread=True, exclusive=True, group="case-load")
    def _load(self, generation: int) -> None:
        """Runs in a thread: the Desk call may touch the database."""
        try:
            detail = self.desk.case_detail(self.case_id)
            now = self.desk.now()
        except CaseNotFound:
            self.post_message(
                self.LoadFailed(generation, f"Case #{self.case_id} no longer exists.", True)
            )
            return
        except Exception as exc:  # shown to the agent; the app must keep running
            self.post_message(self.LoadFailed(generation, f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(self.Loaded(generation, detail, now))

    @on(Loaded)
    async def _on_loaded(self, message: Loaded) -> None:
        if message.generation != self._generation:
            return  # an older load finished after a newer one was asked for
        detail, now = message.detail, message.now
        self.detail = detail
        self.sub_title = f"case #{self.case_id} · {fmt.safe(detail.customer.name)}"
        self.query_one("#case-summary", Static).update(summary_content(detail.row, now))
        held = {datum.kind for datum in detail.customer.held}
        thread, card = self.query_one(ThreadView), self.query_one(CustomerCardView)
        await thread.show(detail.messages, now, held)
        await card.show(detail.customer, now)
        thread.loading = card.loading = False
        self.refresh_bindings()

    @on(LoadFailed)
    def _on_load_failed(self, message: LoadFailed) -> None:
        if message.generation != self._generation:
            return
        self.query_one(ThreadView).loading = False
        self.query_one(CustomerCardView).loading = False
        self.query_one("#case-body").display = False
        self.query_one("#case-summary", Static).update(
            Content.styled(message.error, "bold $text-error")
        )
        title = "Case not found" if message.not_found else "Case not loaded"
        self.notify(message.error, title=title, severity="error", markup=False)


def summary_content(row: QueueRow, now: datetime) -> Content:
    """The one-line header of a case: how urgent, how late, where, and why it is queued."""
    sla_text, sla_state = fmt.sla(row.sla_due, now)
    sla_style = {
        fmt.SlaState.OVERDUE: "bold $text-error",
        fmt.SlaState.SOON: "bold $text-warning",
    }.get(sla_state, "")
    priority_style = {
        Priority.URGENT: "bold $text-error",
        Priority.HIGH: "bold $text-warning",
    }.get(row.priority, "")
    parts: list[str | Content | tuple[str, str]] = [
        (f"#{row.case_id}", "bold"),
        "  ",
        (row.priority.label.upper(), priority_style),
        "  SLA ",
        (sla_text, sla_style),
        f"  {row.status.value}",
        f"  {fmt.NETWORK_LABEL[row.network]} {fmt.visibility_label(row.visibility)}",
        f"  opened {fmt.age(row.opened_at, now)} ago",
        f"  {row.message_count} message{'s' if row.message_count != 1 else ''}",
        "  ",
        ("unassigned", "$text-muted") if row.assignee is None else
        Content.assemble("assigned to ", fmt.user_text(row.assignee, "bold")),
    ]
    if row.tags:
        parts += ["  ", fmt.user_text(fmt.tag_labels(row.tags), "$text-accent")]
    queues = fmt.queue_labels(row.queues)
    if queues:
        parts += ["  ", (queues, "bold $text-secondary")]
    return Content.assemble(*parts)

