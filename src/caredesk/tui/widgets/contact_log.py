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

from caredesk.domain import ContactMethod, ContactPurpose, Direction
from caredesk.services.views import ContactView, PreferenceView
from caredesk.tui import format as fmt

_PROMOTIONAL = {ContactPurpose.SALES.value, ContactPurpose.MARKETING.value}


def conflicts(contact: ContactView, preference: PreferenceView | None) -> list[str]:
    """Why an outbound contact goes against the customer's current preference.

    Display only, so the agent notices; deciding that a case is a preference
    breach (and queueing it) is the policy layer's job, not the screen's. The
    contact is not compared with `preference.set_at`: a CRM import records
    when it ran, not when the customer asked, so that date cannot clear a call.
    """
    if preference is None or contact.direction is not Direction.OUTBOUND:
        return []
    found: list[str] = []
    channel = fmt.CONTACT_LABEL[contact.channel]
    if preference.do_not_call and contact.channel is ContactMethod.CALL:
        found.append("call to a do-not-call customer")
    if (
        preference.preferred_only
        and preference.preferred is not None
        and contact.channel is not preference.preferred
    ):
        found.append(f"{channel}, but {fmt.CONTACT_LABEL[preference.preferred]} only")
    if preference.no_marketing and contact.purpose.lower() in _PROMOTIONAL:
        found.append(f"{contact.purpose.lower()} contact, but no marketing")
    return found


class ContactEntry(Static):
    """One contact: when, how, who and why on the first line, the outcome below."""

    def __init__(self, contact: ContactView, now: datetime, preference: PreferenceView | None):
        problems = conflicts(contact, preference)
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
            sender(contact),
            ("  outcome: ", "$text-muted"),
            fmt.user_text(contact.outcome),
        ),
    ]
    if contact.notes:
        lines.append(fmt.user_text(contact.notes, "italic $text-muted"))
    lines.extend(Content.styled(f"⚠ {problem}", "bold $text-error") for problem in problems)
    return Content("\n").join(lines)


def sender(contact: ContactView) -> Content:
    """Who the contact came from, never a raw customer address.

    For an outbound contact `from_` is our own number or mailbox, and showing
    it is the point (a customer quoting "your" calling number is right). For
    an inbound one it is the customer's own phone or email, which the card
    only ever shows masked, so it is not shown here.
    """
    if contact.direction is Direction.INBOUND:
        return Content.styled("the customer", "italic")
    return fmt.user_text(contact.from_)


class ContactLog(Vertical):
    """Newest contact first; an empty log says so rather than showing nothing."""

    async def show(
        self,
        contacts: Iterable[ContactView],
        now: datetime,
        preference: PreferenceView | None,
    ) -> int:
        """Show the log; returns how many contacts went against the preference."""
        entries = [
            ContactEntry(contact, now, preference)
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
