"""How held data looks before an agent reveals it.

A mask keeps just enough for an agent to say "the number ending 23" to a
customer, and no more: never a whole value, never its length.
"""

from __future__ import annotations

from caredesk.domain import HeldKind
from caredesk.policy.phones import display_phone

HIDDEN = "•••"


def mask(kind: HeldKind, value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    match kind:
        case HeldKind.PHONE:
            return _keep_last_digits(display_phone(value), 2)
        case HeldKind.ACCOUNT_NUMBER:
            return HIDDEN + value[-2:] if len(value) > 4 else HIDDEN
        case HeldKind.EMAIL:
            return _mask_email(value)
        case HeldKind.POSTCODE:
            outward = value.split()[0] if " " in value else value[:-3]
            return f"{outward} {HIDDEN}" if outward else HIDDEN
        case HeldKind.FULL_NAME:
            return " ".join(word[0] + HIDDEN for word in value.split())
        case HeldKind.X_HANDLE | HeldKind.MASTODON_HANDLE | HeldKind.BLUESKY_HANDLE:
            return value
        case HeldKind.DOB | HeldKind.ADDRESS:
            return HIDDEN
    return HIDDEN


def _keep_last_digits(text: str, keep: int) -> str:
    """Replace every digit but the last `keep` with a bullet, keeping spacing."""
    digits_seen = 0
    total = sum(ch.isdigit() for ch in text)
    out = []
    for ch in text:
        if ch.isdigit():
            digits_seen += 1
            out.append(ch if digits_seen > total - keep else "•")
        else:
            out.append(ch)
    return "".join(out)


def _mask_email(value: str) -> str:
    local, _, domain = value.rpartition("@")
    if not local:
        return HIDDEN
    host, _, tld = domain.rpartition(".")
    masked_domain = f"{host[:1]}{HIDDEN}.{tld}" if host else HIDDEN
    return f"{local[:1]}{HIDDEN}@{masked_domain}"
