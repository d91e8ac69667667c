"""Plain values every layer shares: enums and frozen dataclasses.

This module imports nothing of caredesk's and nothing outside the standard
library, so any layer may depend on it and tests can build values by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import IntEnum, StrEnum


class Network(StrEnum):
    """Where a post came from."""

    X = "x"
    MASTODON = "mastodon"
    BLUESKY = "bluesky"
    EMAIL = "email"


class Visibility(StrEnum):
    PUBLIC = "public"
    DIRECT = "direct"


class Direction(StrEnum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"


class Channel(StrEnum):
    """A concrete way to reach a customer; replies and moves name one of these."""

    X_PUBLIC = "x-public"
    X_DM = "x-dm"
    MASTODON_PUBLIC = "mastodon-public"
    MASTODON_DIRECT = "mastodon-direct"
    BLUESKY_PUBLIC = "bluesky-public"
    BLUESKY_DM = "bluesky-dm"
    EMAIL = "email"
    SMS = "sms"
    CALL = "call"
    POST = "post"


class ContactMethod(StrEnum):
    """The coarse channel a CRM records: preferences and the contact log use it."""

    EMAIL = "email"
    SMS = "sms"
    CALL = "call"
    DM = "dm"
    POST = "post"


class ContactPurpose(StrEnum):
    SERVICE = "service"
    SALES = "sales"
    MARKETING = "marketing"


class Role(StrEnum):
    AGENT = "agent"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class HeldKind(StrEnum):
    """Kinds of personal data the company may already hold about a customer."""

    PHONE = "phone"
    EMAIL = "email"
    FULL_NAME = "full_name"
    ADDRESS = "address"
    POSTCODE = "postcode"
    DOB = "dob"
    ACCOUNT_NUMBER = "account_number"
    X_HANDLE = "x_handle"
    MASTODON_HANDLE = "mastodon_handle"
    BLUESKY_HANDLE = "bluesky_handle"


class CaseStatus(StrEnum):
    OPEN = "open"
    PENDING = "pending"
    CLOSED = "closed"


class Priority(IntEnum):
    """Lower numbers are more urgent, so sorting ascending puts urgent first."""

    URGENT = 1
    HIGH = 2
    NORMAL = 3
    LOW = 4

    @property
    def label(self) -> str:
        return self.name.lower()


class Queue(StrEnum):
    """Supervisor queues a case can sit in besides the general one."""

    GENERAL = "general"
    REGULATORY = "regulatory"
    PREFERENCE_BREACH = "preference_breach"
    HIGH_VISIBILITY = "high_visibility"
    REPEAT_CONTACT = "repeat_contact"
    OVERDUE = "overdue"


class Topic(StrEnum):
    PRIVACY = "privacy"
    UNWANTED_CONTACT = "unwanted_contact"
    BLOCKING = "blocking"
    BILLING = "billing"
    NETWORK = "network"
    CUSTOMER_SERVICE = "customer_service"


class Signal(StrEnum):
    """Escalation signals found in customer text."""

    REGULATOR = "regulator"
    CHURN = "churn"
    REPEAT = "repeat"
    PUBLIC_PII = "public_pii"


class PiiLabel(StrEnum):
    PHONE = "PHONE"
    EMAIL = "EMAIL"
    POSTCODE = "POSTCODE"
    CARD = "CARD"
    DOB = "DOB"
    ACCOUNT = "ACCOUNT"


class StatedPreference(StrEnum):
    """A contact preference a customer states in their own words."""

    EMAIL_ONLY = "email_only"
    NO_CALLS = "no_calls"
    SMS_ONLY = "sms_only"
    DM_ONLY = "dm_only"
    NO_MARKETING = "no_marketing"
    POST_ONLY = "post_only"


class RequestKind(StrEnum):
    """Kinds of customer data an agent's text can ask for."""

    PHONE = "phone"
    EMAIL = "email"
    FULL_NAME = "full_name"
    ADDRESS = "address"
    POSTCODE = "postcode"
    DOB = "dob"
    ACCOUNT_NUMBER = "account_number"
    ORDER_NUMBER = "order_number"
    PASSWORD_OR_PIN = "password_or_pin"
    SECURITY_ANSWER = "security_answer"
    CARD_NUMBER = "card_number"
    OTHER_ID = "other_id"


class FindingKind(StrEnum):
    """What the draft guard can find in an agent's draft."""

    ASKS_FOR_HELD_DATA = "asks_for_held_data"
    ASKS_FOR_SECRET = "asks_for_secret"
    PERSONAL_DATA_IN_PUBLIC = "personal_data_in_public"
    CHANNEL_NOT_ALLOWED = "channel_not_allowed"
    CONTACT_TOO_FREQUENT = "contact_too_frequent"


class Severity(StrEnum):
    BLOCK = "block"
    WARN = "warn"


@dataclass(frozen=True)
class Author:
    """Who wrote a post, as the network names them."""

    id: str
    handle: str
    name: str | None = None
    followers: int | None = None


@dataclass(frozen=True)
class Post:
    """One message from any network, already cleaned of control characters.

    `raw` keeps the payload exactly as received, for audit and re-processing.
    """

    network: Network
    external_id: str
    author: Author
    text: str
    created_at: datetime
    visibility: Visibility
    direction: Direction
    conversation_id: str | None = None
    in_reply_to: str | None = None
    raw: str = ""


@dataclass(frozen=True)
class PiiSpan:
    """Personal data found in text; offsets are character offsets into it."""

    label: PiiLabel
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Analysis:
    """What NLP found in one text. Scores are probabilities in [0, 1]."""

    complaint: float
    tags: dict[str, float] = field(default_factory=dict)
    labels: tuple[str, ...] = ()
    pii: tuple[PiiSpan, ...] = ()
    preference: StatedPreference | None = None
    signals: tuple[Signal, ...] = ()
    requests: tuple[RequestKind, ...] = ()


@dataclass(frozen=True)
class HeldDatum:
    """A piece of personal data the company holds, with its provenance."""

    kind: HeldKind
    value: str
    verified_at: datetime | None = None
    verified_how: str | None = None
    source: str = "crm"


@dataclass(frozen=True)
class Preference:
    """How a customer wants to be contacted. `preferred_only` means the
    preferred method and nothing else: email only is never a call."""

    preferred: ContactMethod | None = None
    preferred_only: bool = False
    do_not_call: bool = False
    no_marketing: bool = False


@dataclass(frozen=True)
class Contact:
    """One entry of the contact log, as the rules see it."""

    at: datetime
    method: ContactMethod
    direction: Direction
    purpose: ContactPurpose | None = None
    team: str = ""


@dataclass(frozen=True)
class Finding:
    """Something the draft guard or a rule found, and how serious it is."""

    kind: FindingKind
    severity: Severity
    message: str


def parse_timestamp(value: str) -> datetime:
    """An ISO 8601 timestamp that names its timezone; ValueError says what is wrong.

    A timestamp without a zone is refused rather than guessed: SLA clocks and
    contact-log order depend on it.
    """
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value[:40]!r} is not an ISO 8601 timestamp") from None
    if parsed.tzinfo is None:
        raise ValueError(f"{value[:40]!r} has no timezone; add Z or +00:00")
    return parsed


_UNSAFE_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Strip C0 (except newline and tab), DEL and C1 control characters.

    Every piece of text from outside (posts, handles, names, CSV cells) goes
    through this at the boundary; carriage returns go too, so a line can never
    overwrite another on a terminal. Lone surrogates (JSON can carry them) become
    U+FFFD, since no database or terminal can encode them.
    """
    return _LONE_SURROGATE.sub("\ufffd", _UNSAFE_CONTROL.sub("", text))
