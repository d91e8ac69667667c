"""Plain-text renderings for `caredesk case show` and listings."""

from __future__ import annotations

from datetime import datetime

from caredesk.services.views import CaseDetail, span


def relative(moment: datetime | None, now: datetime) -> str:
    """A compact age such as '45m', '3h' or '2d'; a moment still to come reads 'in 3h'."""
    if moment is None:
        return "-"
    return f"in {span(moment - now)}" if moment > now else span(now - moment)


def case_text(detail: CaseDetail, now: datetime) -> str:
    row, card = detail.row, detail.customer
    lines = [
        f"case {row.case_id}  {row.priority.label}  {row.status.value}  "
        f"{row.network.value} {row.visibility.value}",
        f"tags: {', '.join(row.tags) or '-'}    queues: "
        f"{', '.join(q.value for q in row.queues)}    SLA due: {relative(row.sla_due, now)}",
        "",
        f"customer: {card.name}" + (" (provisional: not in the CRM)" if card.provisional
                                    else f" ({card.external_ref})"),
        "  handles: " + (", ".join(f"{n.value} @{h}" for n, h in card.identities) or "-"),
        "  preference: " + (card.preference.summary if card.preference else "none recorded"),
        "  held (masked; reveal in the desk with a reason):",
        *(f"    {h.kind.value:<15} {h.masked}{'  verified' if h.verified else ''}"
          for h in card.held),
        "",
        "thread:",
    ]
    for message in detail.messages:
        who = "brand" if message.direction.value == "outbound" else "customer"
        labels = f"  [{', '.join(message.labels)}]" if message.labels else ""
        lines.append(f"  {message.created_at:%Y-%m-%d %H:%M} {who} @{message.author_handle} "
                     f"({message.visibility.value}){labels}")
        lines.extend(f"    {text_line}" for text_line in message.text.splitlines() or [""])
    lines += ["", "contact log:"]
    lines += [f"  {c.at:%Y-%m-%d %H:%M} {c.direction.value:<8} {c.channel.value:<5} "
              f"{c.team or '-':<10} {c.purpose or '-':<9} {c.outcome or '-'}"
              for c in card.contacts] or ["  (none)"]
    return "\n".join(lines)
