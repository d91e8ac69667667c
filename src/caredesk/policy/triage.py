"""Priority, queues and the first-response clock of a case.

The rules are deliberately readable: a supervisor should be able to predict
where a case lands from its tags and signals.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from caredesk.domain import Analysis, Priority, Queue, Signal, Topic

URGENT_TOPICS = frozenset({Topic.PRIVACY.value})
HIGH_TOPICS = frozenset({Topic.UNWANTED_CONTACT.value, Topic.BLOCKING.value})
COMPLAINT_THRESHOLD = 0.5


@dataclass(frozen=True)
class TriageRules:
    high_visibility_followers: int = 10_000
    repeat_contact_cases: int = 3


@dataclass(frozen=True)
class CaseFacts:
    """What triage needs to know about a case, gathered by the caller."""

    analyses: Sequence[Analysis]
    public: bool
    followers: int | None
    preference_breached: bool
    recent_cases: int


@dataclass(frozen=True)
class Triage:
    priority: Priority
    queues: tuple[Queue, ...]
    tags: tuple[str, ...]


def triage(facts: CaseFacts, rules: TriageRules) -> Triage:
    tags = sorted({label for analysis in facts.analyses for label in analysis.labels})
    signals = {signal for analysis in facts.analyses for signal in analysis.signals}
    complaint = max((analysis.complaint for analysis in facts.analyses), default=0.0)
    queues = _queues(facts, rules, signals)
    return Triage(_priority(tags, signals, queues, complaint, facts.public), queues, tuple(tags))


def _queues(facts: CaseFacts, rules: TriageRules, signals: set[Signal]) -> tuple[Queue, ...]:
    queues: list[Queue] = []
    if Signal.REGULATOR in signals:
        queues.append(Queue.REGULATORY)
    if facts.preference_breached:
        queues.append(Queue.PREFERENCE_BREACH)
    if facts.public and (facts.followers or 0) >= rules.high_visibility_followers:
        queues.append(Queue.HIGH_VISIBILITY)
    if facts.recent_cases >= rules.repeat_contact_cases or Signal.REPEAT in signals:
        queues.append(Queue.REPEAT_CONTACT)
    return tuple(queues) or (Queue.GENERAL,)


def _priority(
    tags: Sequence[str], signals: set[Signal], queues: Sequence[Queue], complaint: float,
    public: bool,
) -> Priority:
    exposed = public and Signal.PUBLIC_PII in signals
    if Queue.REGULATORY in queues or (URGENT_TOPICS.intersection(tags) and exposed):
        return Priority.URGENT
    if (
        URGENT_TOPICS.intersection(tags)
        or HIGH_TOPICS.intersection(tags)
        or exposed
        or Signal.CHURN in signals
        or any(q in queues for q in (Queue.PREFERENCE_BREACH, Queue.HIGH_VISIBILITY))
    ):
        return Priority.HIGH
    if tags or complaint >= COMPLAINT_THRESHOLD:
        return Priority.NORMAL
    return Priority.LOW


def sla_due(
    awaiting_since: datetime | None, priority: Priority, hours: Mapping[Priority, float]
) -> datetime | None:
    """When the first response is due; None when the customer is not waiting."""
    if awaiting_since is None:
        return None
    return awaiting_since + timedelta(hours=hours[priority])


def is_overdue(due: datetime | None, now: datetime) -> bool:
    return due is not None and now > due
