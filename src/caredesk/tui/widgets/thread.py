"""A case's conversation, oldest message first.

Each message shows who wrote it, where, whether it was public, the text with
personal data highlighted (so an agent sees at a glance that a customer put
their number in a public post), and what the analysis found. When one of our
own messages asks the customer for something we already hold, it says so: the
desk exists to stop "please DM us your number" to a customer whose number is
on file.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import datetime

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from caredesk.domain import Direction, HeldKind, Visibility
from caredesk.services.views import MessageView
from caredesk.tui import format as fmt

PII_STYLE = "bold reverse $warning"


class MessageItem(Vertical):
    """One message: a meta line, the text, and a line of what NLP found."""

    def __init__(self, message: MessageView, now: datetime, held: Collection[HeldKind]) -> None:
        classes = f"{message.direction.value} {message.visibility.value}"
        super().__init__(classes=classes)
        self.message = message
        self._now = now
        self._held = held

    def compose(self) -> ComposeResult:
        yield Static(meta_line(self.message, self._now), classes="message-meta")
        yield Static(
            fmt.highlight_pii(self.message.text, self.message.pii, PII_STYLE),
            classes="message-text",
        )
        findings = findings_line(self.message, self._held)
        if findings:
            yield Static(findings, classes="message-findings")


class ThreadView(VerticalScroll):
    """The scrollable list of a case's messages; focus it to scroll with the keys."""

    async def show(
        self, messages: Iterable[MessageView], now: datetime, held: Collection[HeldKind]
    ) -> None:
        """Replace the thread with `messages` and scroll to the newest one."""
        children: list[Widget] = [MessageItem(message, now, held) for message in messages]
        await self.remove_children()
        await self.mount_all(children or [Static("No messages in this case.", classes="empty")])
        # Anchored, the view stays on the newest message while the layout settles,
        # until the agent scrolls up to read back.
        self.anchor()


def meta_line(message: MessageView, now: datetime) -> Content:
    """`09:12  ◀ in · public · X  @handle Name`: the fixed-width facts first, so a
    long display name is what gets cut, never whether the message was public."""
    direction_style = "bold $accent" if message.direction is Direction.INBOUND else "bold $success"
    visibility_style = "bold $warning" if message.visibility is Visibility.PUBLIC else "$text-muted"
    parts: list[str | Content | tuple[str, str]] = [
        (fmt.when(message.created_at, now), "$text-muted"),
        "  ",
        (fmt.direction_label(message.direction), direction_style),
        " · ",
        (fmt.visibility_label(message.visibility), visibility_style),
        " · ",
        fmt.NETWORK_LABEL[message.network],
        "  ",
        (fmt.handle(message.author_handle), "bold"),
    ]
    if message.author_name:
        parts += [" ", fmt.user_text(message.author_name, "$text-muted")]
    return Content.assemble(*parts)


def findings_line(message: MessageView, held: Collection[HeldKind]) -> Content:
    """What the analysis found in one message; empty Content when nothing."""
    parts: list[Content] = []
    if message.complaint is not None and message.direction is Direction.INBOUND:
        style = "$error" if message.complaint >= 0.5 else "$text-muted"
        parts.append(Content.styled(f"complaint {message.complaint:.2f}", style))
    if message.labels:
        parts.append(fmt.user_text(", ".join(message.labels).replace("_", " "), "$accent"))
    if message.signals:
        signals = ", ".join(signal.value.replace("_", " ") for signal in message.signals)
        parts.append(Content.styled(f"signals: {signals}", "bold $error"))
    if message.pii:
        labels = ", ".join(dict.fromkeys(pii.label.value for pii in message.pii))
        where = "in public" if message.visibility is Visibility.PUBLIC else "in DM"
        parts.append(Content.styled(f"personal data {where}: {labels}", "$warning"))
    if message.requests:
        parts.append(requests_part(message, held))
    return Content(" · ").join(parts)


def requests_part(message: MessageView, held: Collection[HeldKind]) -> Content:
    """The data a message asks for, flagging what the customer card already holds."""
    held_values = {kind.value for kind in held}
    asked = [request.value.replace("_", " ") for request in message.requests]
    already = [
        request.value.replace("_", " ")
        for request in message.requests
        if request.value in held_values
    ]
    content = Content.styled(f"asks for: {', '.join(asked)}", "$text-warning")
    if already and message.direction is Direction.OUTBOUND:
        content = Content.assemble(
            content, ("  ⚠ already held: " + ", ".join(already), "bold $text-error")
        )
    return content
