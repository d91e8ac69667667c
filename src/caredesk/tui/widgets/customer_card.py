"""Everything already known about the customer, beside the thread.

The card exists so nobody asks a customer again for what the company holds:
the preference banner first (how they want to be contacted), then who they
are on each network, then the held data — masked, because the read model
only carries the masked form — and finally the contact log.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from caredesk.services.views import CustomerCard, HeldView, PreferenceView
from caredesk.tui import format as fmt
from caredesk.tui.widgets.contact_log import ContactLog, log_title


class PreferenceBanner(Static):
    """How the customer wants to be contacted, loud enough not to be missed."""

    def show(self, preference: PreferenceView | None, now: datetime) -> None:
        restricted = preference is not None and (
            preference.preferred_only or preference.do_not_call or preference.no_marketing
        )
        self.set_class(preference is None, "-none")
        self.set_class(restricted, "-restricted")
        self.update(preference_content(preference, now))


def preference_content(preference: PreferenceView | None, now: datetime) -> Content:
    if preference is None:
        return Content("No contact preference recorded")
    flags: list[str] = []
    if preference.do_not_call:
        flags.append("DO NOT CALL")
    if preference.no_marketing:
        flags.append("NO MARKETING")
    if preference.preferred is not None:
        only = " only" if preference.preferred_only else ""
        flags.append(f"preferred: {fmt.CONTACT_LABEL[preference.preferred]}{only}")
    lines = [fmt.user_text(preference.summary.upper(), "bold")]
    if flags:
        lines.append(Content.styled(" · ".join(flags), "bold"))
    lines.append(
        Content.assemble(
            "set by ", fmt.user_text(preference.set_by), " · ", fmt.when(preference.set_at, now)
        )
    )
    return Content("\n").join(lines)


def identity_content(card: CustomerCard) -> Content:
    """Name, provisional flag, CRM reference and the handle on each network."""
    title: list[str | Content | tuple[str, str]] = [fmt.user_text(card.name, "bold")]
    if card.provisional:
        title += ["  ", (" PROVISIONAL ", "bold $text-warning on $warning-muted")]
    if card.external_ref:
        title += ["  ", fmt.user_text(card.external_ref, "$text-muted")]
    lines = [Content.assemble(*title)]
    if card.provisional:
        lines.append(Content.styled("Linked by handle only; not yet matched to an account.",
                                    "$text-warning"))
    for network, handle in card.identities:
        lines.append(
            Content.assemble((f"{fmt.NETWORK_LABEL[network]:<9}", "$text-muted"),
                             fmt.handle(handle))
        )
    return Content("\n").join(lines)


def held_content(held: Iterable[HeldView]) -> Content:
    """Held data, masked, with whether and how it was verified and where it came from."""
    lines: list[Content] = []
    for datum in held:
        if datum.verified:
            how = fmt.safe(datum.verified_how) if datum.verified_how else "verified"
            verified = Content.styled(f"✓ {how}", "$text-success")
        else:
            verified = Content.styled("unverified", "$text-muted")
        lines.append(
            Content.assemble(
                (f"{fmt.HELD_LABEL[datum.kind]:<13} ", "$text-muted"),
                fmt.user_text(datum.masked, "bold"),
                "  ",
                verified,
                (" · ", "$text-muted"),
                fmt.user_text(datum.source, "$text-muted"),
            )
        )
    return Content("\n").join(lines) if lines else Content.styled("Nothing held.", "$text-muted")


class CustomerCardView(VerticalScroll):
    """The right-hand panel of the case screen."""

    def compose(self) -> ComposeResult:
        yield PreferenceBanner(id="preference")
        yield Static(id="identity")
        yield Static("Already on file — don't ask again", classes="section-title")
        yield Static(id="held")
        yield Static("Contact log", id="contacts-title", classes="section-title")
        yield ContactLog(id="contacts")

    async def show(self, card: CustomerCard, now: datetime) -> None:
        self.query_one(PreferenceBanner).show(card.preference, now)
        self.query_one("#identity", Static).update(identity_content(card))
        self.query_one("#held", Static).update(held_content(card.held))
        breaches = await self.query_one(ContactLog).show(card.contacts, now)
        self.query_one("#contacts-title", Static).update(log_title(len(card.contacts), breaches))
