"""Triage: where a case lands, how urgent it is, and when its first answer is due."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from caredesk.config import SlaSettings
from caredesk.domain import Analysis, Priority, Queue, Signal
from caredesk.policy.triage import (
    COMPLAINT_THRESHOLD,
    CaseFacts,
    TriageRules,
    is_overdue,
    sla_due,
    triage,
)

RULES = TriageRules(high_visibility_followers=10_000, repeat_contact_cases=3)
HOURS = {p: SlaSettings().hours_for(p) for p in Priority}
T0 = datetime(2026, 11, 20, 9, 15, tzinfo=UTC)


def facts(
    *analyses: Analysis, public: bool = True, followers: int | None = 100,
    preference_breached: bool = False, recent_cases: int = 1,
) -> CaseFacts:
    return CaseFacts(analyses=list(analyses), public=public, followers=followers,
                     preference_breached=preference_breached, recent_cases=recent_cases)


def analysis(*labels: str, complaint: float = 0.9, signals: tuple[Signal, ...] = ()) -> Analysis:
    return Analysis(complaint=complaint, labels=labels, signals=signals)


def test_a_quiet_message_is_general_and_low() -> None:
    result = triage(facts(analysis(complaint=0.1)), RULES)

    assert result.queues == (Queue.GENERAL,)
    assert result.priority is Priority.LOW
    assert result.tags == ()


def test_no_analyses_at_all_is_general_and_low() -> None:
    result = triage(facts(), RULES)

    assert (result.queues, result.priority) == ((Queue.GENERAL,), Priority.LOW)


@pytest.mark.parametrize(
    ("complaint", "priority"),
    [(COMPLAINT_THRESHOLD - 0.01, Priority.LOW), (COMPLAINT_THRESHOLD, Priority.NORMAL)],
)
def test_a_complaint_without_tags_is_normal_from_the_threshold(
    complaint: float, priority: Priority
) -> None:
    assert triage(facts(analysis(complaint=complaint)), RULES).priority is priority


def test_tags_are_the_sorted_union_over_messages() -> None:
    result = triage(facts(analysis("network", "billing"), analysis("billing", "customer_service")),
                    RULES)

    assert result.tags == ("billing", "customer_service", "network")
    assert result.priority is Priority.NORMAL


def test_a_regulator_threat_is_regulatory_and_urgent() -> None:
    result = triage(facts(analysis("billing", signals=(Signal.REGULATOR,))), RULES)

    assert result.queues == (Queue.REGULATORY,)
    assert result.priority is Priority.URGENT


def test_privacy_with_personal_data_in_public_is_urgent() -> None:
    result = triage(facts(analysis("privacy", signals=(Signal.PUBLIC_PII,)), public=True), RULES)

    assert result.priority is Priority.URGENT
    assert result.queues == (Queue.GENERAL,)


def test_privacy_with_personal_data_in_a_dm_is_only_high() -> None:
    result = triage(facts(analysis("privacy", signals=(Signal.PUBLIC_PII,)), public=False), RULES)

    assert result.priority is Priority.HIGH


@pytest.mark.parametrize("tag", ["privacy", "unwanted_contact", "blocking"])
def test_risky_topics_are_high(tag: str) -> None:
    assert triage(facts(analysis(tag)), RULES).priority is Priority.HIGH


def test_personal_data_in_public_alone_is_high() -> None:
    result = triage(facts(analysis("billing", signals=(Signal.PUBLIC_PII,))), RULES)

    assert result.priority is Priority.HIGH


def test_churn_is_high() -> None:
    assert triage(facts(analysis("billing", signals=(Signal.CHURN,))), RULES).priority is (
        Priority.HIGH)


def test_a_preference_breach_has_its_own_queue_and_is_high() -> None:
    result = triage(facts(analysis(complaint=0.1), preference_breached=True), RULES)

    assert result.queues == (Queue.PREFERENCE_BREACH,)
    assert result.priority is Priority.HIGH


@pytest.mark.parametrize(
    ("public", "followers", "loud"),
    [(True, 10_000, True), (True, 9_999, False), (False, 1_000_000, False), (True, None, False)],
)
def test_high_visibility_is_public_posters_with_many_followers(
    public: bool, followers: int | None, loud: bool
) -> None:
    result = triage(facts(analysis(complaint=0.1), public=public, followers=followers), RULES)

    assert (Queue.HIGH_VISIBILITY in result.queues) is loud
    assert (result.priority is Priority.HIGH) is loud


def test_high_visibility_threshold_comes_from_the_rules() -> None:
    rules = TriageRules(high_visibility_followers=50, repeat_contact_cases=3)

    assert Queue.HIGH_VISIBILITY in triage(facts(analysis(), followers=50), rules).queues


@pytest.mark.parametrize(("recent", "repeat"), [(2, False), (3, True), (7, True)])
def test_repeat_contact_from_the_number_of_recent_cases(recent: int, repeat: bool) -> None:
    result = triage(facts(analysis("billing"), recent_cases=recent), RULES)

    assert (Queue.REPEAT_CONTACT in result.queues) is repeat
    assert result.priority is Priority.NORMAL  # repeating alone does not raise priority


def test_repeat_contact_from_what_the_customer_says() -> None:
    result = triage(facts(analysis(signals=(Signal.REPEAT,)), recent_cases=1), RULES)

    assert result.queues == (Queue.REPEAT_CONTACT,)


def test_every_queue_that_applies_is_listed_in_a_fixed_order() -> None:
    result = triage(
        facts(analysis("privacy", signals=(Signal.REGULATOR, Signal.REPEAT)),
              followers=20_000, preference_breached=True, recent_cases=5),
        RULES,
    )

    assert result.queues == (Queue.REGULATORY, Queue.PREFERENCE_BREACH, Queue.HIGH_VISIBILITY,
                             Queue.REPEAT_CONTACT)
    assert Queue.GENERAL not in result.queues
    assert result.priority is Priority.URGENT


def test_signals_in_any_message_of_the_case_count() -> None:
    result = triage(facts(analysis("billing"), analysis(complaint=0.0,
                                                        signals=(Signal.REGULATOR,))), RULES)

    assert result.priority is Priority.URGENT


@pytest.mark.parametrize("priority", list(Priority))
def test_sla_due_adds_the_hours_of_the_priority(priority: Priority) -> None:
    assert sla_due(T0, priority, HOURS) == T0 + timedelta(hours=HOURS[priority])


def test_sla_due_with_fractional_hours() -> None:
    assert sla_due(T0, Priority.URGENT, {Priority.URGENT: 0.5}) == T0 + timedelta(minutes=30)


def test_no_sla_when_nobody_is_waiting() -> None:
    assert sla_due(None, Priority.URGENT, HOURS) is None


def test_is_overdue_only_strictly_after_due() -> None:
    due = T0 + timedelta(hours=1)

    assert not is_overdue(due, due - timedelta(seconds=1))
    assert not is_overdue(due, due)
    assert is_overdue(due, due + timedelta(seconds=1))
    assert not is_overdue(None, due + timedelta(days=365))
