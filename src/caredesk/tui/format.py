"""Turning read-model values into short, safe display text.

Two rules live here so no screen has to remember them:

- Time is always relative to the desk's clock (`Desk.now()`), never the
  wall clock, so a case's age and SLA agree with what the services decided
  and tests with a fixed clock render the same screen every time.
- Text from outside (posts, handles, names, notes) only ever becomes a
  `Content` or `rich.text.Text` object built from the plain string, never a
  markup string, so `[@click=app.quit]` in a tweet stays a tweet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta
from enum import StrEnum

from rich.text import Text
from textual.content import Content

from caredesk.domain import (
    ContactMethod,
    Direction,
    HeldKind,
    Network,
    PiiSpan,
    Priority,
    Queue,
    Topic,
    Visibility,
    clean_text,
)
from caredesk.services.views import span

ELLIPSIS = "…"

# Rich styles for DataTable cells: the table renders Rich objects, so theme
# variables are not available there and the colours are named directly.
PRIORITY_CELL_STYLE: dict[Priority, str] = {
    Priority.URGENT: "bold red",
    Priority.HIGH: "bold dark_orange",
    Priority.NORMAL: "",
    Priority.LOW: "dim",
}

NETWORK_LABEL: dict[Network, str] = {
    Network.X: "X",
    Network.MASTODON: "Mastodon",
    Network.BLUESKY: "Bluesky",
    Network.EMAIL: "Email",
}

NETWORK_SHORT: dict[Network, str] = {
    Network.X: "X",
    Network.MASTODON: "Mast",
    Network.BLUESKY: "Bsky",
    Network.EMAIL: "Email",
}

QUEUE_LABEL: dict[Queue, str] = {
    Queue.GENERAL: "general",
    Queue.REGULATORY: "regulatory",
    Queue.PREFERENCE_BREACH: "pref-breach",
    Queue.HIGH_VISIBILITY: "high-vis",
    Queue.REPEAT_CONTACT: "repeat",
    Queue.OVERDUE: "overdue",
}

HELD_LABEL: dict[HeldKind, str] = {
    HeldKind.PHONE: "Phone",
    HeldKind.EMAIL: "Email",
    HeldKind.FULL_NAME: "Full name",
    HeldKind.ADDRESS: "Address",
    HeldKind.POSTCODE: "Postcode",
    HeldKind.DOB: "Date of birth",
    HeldKind.ACCOUNT_NUMBER: "Account no.",
    HeldKind.X_HANDLE: "X handle",
    HeldKind.MASTODON_HANDLE: "Mastodon",
    HeldKind.BLUESKY_HANDLE: "Bluesky",
}

CONTACT_LABEL: dict[ContactMethod, str] = {
    ContactMethod.EMAIL: "email",
    ContactMethod.SMS: "SMS",
    ContactMethod.CALL: "call",
    ContactMethod.DM: "DM",
    ContactMethod.POST: "post",
}


class SlaState(StrEnum):
    """How worried the agent should be about a case's response deadline."""

    NONE = "none"
    OK = "ok"
    SOON = "soon"
    OVERDUE = "overdue"


SLA_CELL_STYLE: dict[SlaState, str] = {
    SlaState.NONE: "dim",
    SlaState.OK: "",
    SlaState.SOON: "bold yellow",
    SlaState.OVERDUE: "bold red",
}

SOON = timedelta(hours=1)


def safe(text: str | None) -> str:
    """Outside text with terminal control characters removed (ingest already should)."""
    return clean_text(text or "")


def user_text(text: str | None, style: str = "") -> Content:
    """Outside text as a Content object: shown literally, never parsed as markup."""
    return Content.styled(safe(text), style) if style else Content(safe(text))


def user_cell(text: str | None, style: str = "", width: int | None = None) -> Text:
    """Outside text as a DataTable cell; a plain str cell would be parsed as markup."""
    cell = Text(safe(text).replace("\n", " "), style=style, no_wrap=True, end="")
    if width is not None:
        cell.truncate(width, overflow="ellipsis")
    return cell


def handle(value: str | None) -> str:
    """A handle with exactly one leading `@`, whatever the network stored."""
    value = safe(value).strip()
    return f"@{value.lstrip('@')}" if value else ""


def first_line(text: str | None, width: int) -> str:
    """The first non-blank line of `text`, cut to `width` characters with an ellipsis."""
    for line in safe(text).splitlines():
        line = " ".join(line.split())
        if line:
            return truncate(line, width)
    return ""


_LEADING_MENTIONS = re.compile(r"^(?:\s*@[^\s]+)+\s+")


def without_leading_mentions(text: str) -> str:
    """`@Brand @other thanks!` → `thanks!`: the mentions say who, not what.

    Text made only of mentions is kept whole, so a preview is never blank.
    """
    stripped = _LEADING_MENTIONS.sub("", text, count=1)
    return stripped if stripped.strip() else text


def truncate(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + ELLIPSIS


def age(since: datetime, now: datetime) -> str:
    """How long ago `since` was, by the desk's clock."""
    return span(now - since)


def sla(due: datetime | None, now: datetime) -> tuple[str, SlaState]:
    """Time left before the response deadline, or how far past it the case is."""
    if due is None:
        return "—", SlaState.NONE
    if due <= now:
        return f"overdue {span(now - due)}", SlaState.OVERDUE
    left = due - now
    return f"{span(left)} left", SlaState.SOON if left <= SOON else SlaState.OK


def sla_cell(due: datetime | None, now: datetime) -> Text:
    text, state = sla(due, now)
    return Text(text, style=SLA_CELL_STYLE[state], no_wrap=True, end="")


def priority_cell(priority: Priority) -> Text:
    return Text(priority.label, style=PRIORITY_CELL_STYLE[priority], no_wrap=True, end="")


def when(at: datetime, now: datetime) -> str:
    """A timestamp in the desk clock's zone, as short as it can be unambiguously."""
    local = at.astimezone(now.tzinfo) if now.tzinfo is not None else at
    if local.date() == now.date():
        return local.strftime("%H:%M")
    if local.year == now.year:
        return local.strftime("%d %b %H:%M")
    return local.strftime("%d %b %Y %H:%M")


def visibility_label(visibility: Visibility) -> str:
    return "public" if visibility is Visibility.PUBLIC else "DM"


def visibility_short(visibility: Visibility) -> str:
    return "pub" if visibility is Visibility.PUBLIC else "DM"


def direction_label(direction: Direction) -> str:
    return "◀ in" if direction is Direction.INBOUND else "▶ out"


def queue_labels(queues: Iterable[Queue], *, skip: Iterable[Queue] = ()) -> str:
    """Named queues only: every case is in the general one, so it says nothing."""
    hidden = {Queue.GENERAL, *skip}
    return ", ".join(QUEUE_LABEL[q] for q in queues if q not in hidden)


TAG_LABEL: dict[str, str] = {
    Topic.CUSTOMER_SERVICE.value: "service",
    Topic.UNWANTED_CONTACT.value: "unwanted contact",
}


def tag_labels(tags: Iterable[str]) -> str:
    """Topic tags as words; tags come from the model, so unknown ones are shown as given."""
    return ", ".join(TAG_LABEL.get(tag, safe(tag).replace("_", " ")) for tag in tags)


def highlight_pii(text: str, spans: Iterable[PiiSpan], style: str) -> Content:
    """Message text with each personal-data span styled.

    Offsets are character offsets into `text`. Spans that are out of range or
    overlap an earlier one are skipped rather than trusted: a bad offset must
    not hide or garble the message. Each piece is cleaned on its own so the
    offsets still line up if the text carried a stray control character.
    """
    parts: list[str | tuple[str, str]] = []
    position = 0
    for pii in sorted(spans, key=lambda s: (s.start, s.end)):
        if pii.start < position or not 0 <= pii.start < pii.end <= len(text):
            continue
        parts.append(safe(text[position : pii.start]))
        parts.append((safe(text[pii.start : pii.end]), style))
        position = pii.end
    parts.append(safe(text[position:]))
    return Content.assemble(*parts)
