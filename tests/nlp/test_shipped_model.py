"""The shipped pipeline (models/caredesk-triage) on the issue's hard negatives and on
plain cases of each trained label (topics, signals, stated preference): a retrained
model that gets these wrong is not fit to ship, whatever its held-out figures say."""

from __future__ import annotations

import pytest

from caredesk.domain import Signal, StatedPreference, Topic
from caredesk.nlp.analyzer import Analyzer
from caredesk.services.analysis import SHIPPED_MODEL


@pytest.fixture(scope="module")
def shipped() -> Analyzer:
    return Analyzer.load(SHIPPED_MODEL)


TOPIC_CASES = [
    ("you leaked my phone number to a marketing company", Topic.PRIVACY),
    ("stop cold calling me, I opted out of all marketing", Topic.UNWANTED_CONTACT),
    ("your adult content filter blocked a news site and I'm 40", Topic.BLOCKING),
]
NOT_TOPIC_CASES = [
    ("I blocked the spam caller myself", Topic.BLOCKING),
    ("I blocked the spam caller myself", Topic.UNWANTED_CONTACT),
    ("can you call me back please", Topic.UNWANTED_CONTACT),
    ("blocked drain again, the plumber is coming tomorrow", Topic.BLOCKING),
    ("privacy screen protector for my new phone, any recommendations?", Topic.PRIVACY),
    ("the ref blocked the shot", Topic.BLOCKING),
]
SIGNAL_CASES = [
    ("I'm reporting you to Ofcom", Signal.REGULATOR),
    ("I'm cancelling my contract and leaving for another network", Signal.CHURN),
    ("this is the third time I've asked you to fix this", Signal.REPEAT),
]
NOT_SIGNAL_CASES = [
    ("Ofcom coverage checker says 5G here", Signal.REGULATOR),
    ("ICO is my favourite cocktail bar", Signal.REGULATOR),
    ("switching my phone off and on again", Signal.CHURN),
]


@pytest.mark.parametrize(("text", "topic"), TOPIC_CASES)
def test_plain_core_topics_are_found(shipped: Analyzer, text: str, topic: Topic) -> None:
    assert topic.value in shipped.analyze([text])[0].labels


@pytest.mark.parametrize(("text", "topic"), NOT_TOPIC_CASES)
def test_hard_negatives_carry_no_core_topic(shipped: Analyzer, text: str, topic: Topic) -> None:
    assert topic.value not in shipped.analyze([text])[0].labels


@pytest.mark.parametrize(("text", "signal"), SIGNAL_CASES)
def test_trained_signals_are_found(shipped: Analyzer, text: str, signal: Signal) -> None:
    assert signal in shipped.analyze([text])[0].signals


@pytest.mark.parametrize(("text", "signal"), NOT_SIGNAL_CASES)
def test_signal_look_alikes_are_not_signals(shipped: Analyzer, text: str,
                                            signal: Signal) -> None:
    assert signal not in shipped.analyze([text])[0].signals


@pytest.mark.parametrize(("text", "stated"), [
    ("email only means email only. do not call me.", StatedPreference.EMAIL_ONLY),
    ("please stop calling me, I don't want phone calls", StatedPreference.NO_CALLS),
    ("can you call me back please", None),
])
def test_stated_preferences(shipped: Analyzer, text: str,
                            stated: StatedPreference | None) -> None:
    assert shipped.analyze([text])[0].preference == stated


def test_complaint_scores_separate_a_complaint_from_thanks(shipped: Analyzer) -> None:
    complaint, thanks = shipped.analyze(["charged twice this month and nobody will refund it",
                                         "thanks for sorting my bill so quickly"])
    assert complaint.complaint >= 0.5 > thanks.complaint
