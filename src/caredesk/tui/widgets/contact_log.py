"""The customer's contact log: every call, email and letter, from any team.

Agents on social care rarely see what telesales did last week; this list is
where "the call is not on the system" stops being said. Outbound contacts that
go against the customer's stated preference are marked so they stand out.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from caredesk.domain import ContactPurpose, Direction
from caredesk.services.views import ContactView
from caredesk.tui import format as fmt

_PROMOTIONAL = {ContactPurpose.SALES.value, ContactPurpose.MARKETING.value}


class ContactEntry(Static):
    """One contact: when, how, who and why on the first line, the outcome below.

    Whether it went against the customer's preference is the services' call
    (`ContactView.breach`, from the policy rules); the entry only makes it loud.
    """

    def __init__(self, contact: ContactView, now: datetime):
        problems = [contact.breach] if contact.breach else []
        super().__init__(entry_content(contact, now, problems), classes="contact-entry")
        self.set_class(bool(problems), "-breach")
        self.contact = contact


def entry_content(contact: ContactView, now: datetime, problems: list[str]) -> Content:
    arrow = "◀ in" if contact.direction is Direction.INBOUND else "▶ out"
    purpose = fmt.safe(contact.purpose)
    purpose_style = "bold $error" if purpose.lower() in _PROMOTIONAL else ""
    lines = [
        Content.assemble(
            (fmt.when(contact.at, now), "bold"),
            "  ",
            arrow,
            " ",
            (fmt.CONTACT_LABEL[contact.channel], "bold"),
            " · ",
            (purpose, purpose_style),
            " · ",
            fmt.user_text(contact.team),
            *((" · ", fmt.user_text(contact.agent, "$text-muted")) if contact.agent else ()),
        ),
        Content.assemble(
            ("from ", "$text-muted"),
            fmt.user_text(contact.from_),
            ("  outcome: ", "$text-muted"),
            fmt.user_text(contact.outcome),
        ),
    ]
    if contact.notes:
        lines.append(fmt.user_text(contact.notes, "italic $text-muted"))
    lines.extend(Content.styled(f"⚠ {problem}", "bold $text-error") for problem in problems)
    return Content("\n").join(lines)


class ContactLog(Vertical):
    """Newest contact first; an empty log says so rather than showing nothing."""

    async def show(
        self,
        contacts: Iterable[ContactView],
        now: datetime,
    ) -> int:
        """Show the log; returns how many contacts went against the preference."""
        entries = [
            ContactEntry(contact, now)
            for contact in sorted(contacts, key=lambda contact: contact.at, reverse=True)
        ]
        await self.remove_children()
        if entries:
            await self.mount_all(entries)
        else:
            await self.mount(Static("No contacts logged.", classes="empty"))
        return sum(entry.has_class("-breach") for entry in entries)


def log_title(count: int, breaches: int) -> Content:
    """`Contact log (5)`, plus a warning the agent sees before scrolling to the calls."""
    title = Content.styled(f"Contact log ({count})", "bold $text-accent")
    if not breaches:
        return title
    against = f"  ⚠ {breaches} against the customer's preference"
    return Content.assemble(title, (against, "bold $text-error"))
