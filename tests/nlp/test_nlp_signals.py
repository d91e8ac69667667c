"""Escalation signals: regulator, churn, repeat, public PII."""

from __future__ import annotations

import pytest

from caredesk.domain import Signal
from caredesk.nlp import extensions
from caredesk.nlp.analyzer import Analyzer
from caredesk.nlp.pipeline import build_pipeline
from caredesk.nlp.signals import SignalFinder


def signals(analyzer: Analyzer, text: str) -> tuple[Signal, ...]:
    return analyzer.analyze([text])[0].signals


@pytest.mark.parametrize(
    ("signal", "text"),
    [
        (Signal.REGULATOR, "I'm reporting this to the ICO"),
        (Signal.REGULATOR, "complaint going to Ofcom"),
        (Signal.REGULATOR, "I'll take it to the ombudsman"),
        (Signal.REGULATOR, "this breaks GDPR"),
        (Signal.REGULATOR, "my solicitor will be in touch"),
        (Signal.REGULATOR, "speaking to a lawyer"),
        (Signal.REGULATOR, "I will report you"),
        (Signal.REGULATOR, "#Ofcom"),
        (Signal.REGULATOR, "I'm going to sue you"),
        (Signal.CHURN, "I'm leaving as soon as my contract ends"),
        (Signal.CHURN, "I am leaving."),
        (Signal.CHURN, "I want to cancel my contract"),
        (Signal.CHURN, "switching to giffgaff"),
        (Signal.CHURN, "please send my PAC code"),
        (Signal.CHURN, "going to port my number"),
        (Signal.CHURN, "leaving you for good"),
        (Signal.CHURN, "time to switch to a different provider"),
        (Signal.REPEAT, "this is the second time"),
        (Signal.REPEAT, "third time I've asked"),
        (Signal.REPEAT, "no signal again"),
        (Signal.REPEAT, "I keep having to explain"),
        (Signal.REPEAT, "I've called 4 times"),
        (Signal.REPEAT, "for the 5th time"),
        (Signal.REPEAT, "how many times do I have to ask"),
        (Signal.PUBLIC_PII, "call me on 07700 900123"),
        (Signal.PUBLIC_PII, "my email is jo@example.com"),
    ],
)
def test_signal_fires(analyzer: Analyzer, signal: Signal, text: str) -> None:
    assert signal in signals(analyzer, text)


@pytest.mark.parametrize(
    "text",
    [
        "I'm leaving work early today",
        "can you switch to email please",
        "switching to airplane mode fixed it",
        "I want to switch to Smart Sync",
        "Sue from the shop was lovely",
        "it happened 1 time only",
        "thanks, all sorted",
        "I'm going to a shop",
    ],
)
def test_no_signal_in_ordinary_text(analyzer: Analyzer, text: str) -> None:
    assert signals(analyzer, text) == ()


def test_signals_come_in_enum_order(analyzer: Analyzer) -> None:
    text = "Second time! I'm leaving and reporting you to Ofcom. 07700 900123"
    assert signals(analyzer, text) == (
        Signal.REGULATOR,
        Signal.CHURN,
        Signal.REPEAT,
        Signal.PUBLIC_PII,
    )


def test_public_pii_is_set_whenever_pii_is_found(analyzer: Analyzer) -> None:
    for result in analyzer.analyze(["SW1A 1AA", "acc no 12345678", "nothing here"]):
        assert (Signal.PUBLIC_PII in result.signals) == bool(result.pii)


def test_signals_are_for_customer_text_only(analyzer: Analyzer) -> None:
    result = analyzer.analyze(["Sorry this is the second time, call 07700 900123"], role="agent")[0]
    assert result.signals == ()
    assert result.pii  # PII is still reported, for the draft guard


def test_trained_source_reads_the_signals_head_from_cats() -> None:
    nlp = build_pipeline()
    finder = SignalFinder(nlp, source="trained", threshold=0.5)
    doc = nlp.make_doc("whatever the words say, the head decides")
    doc.cats.update({"regulator": 0.5, "churn": 0.9, "repeat": 0.49})
    extensions.put(doc, "pii", (("PHONE", 0, 4, "0770"),))
    assert extensions.get(finder(doc), "signals") == ("regulator", "churn", "public_pii")
    quiet = nlp.make_doc("I am reporting you to Ofcom")  # the rules would fire; no cats
    assert extensions.get(finder(quiet), "signals") == ()


def test_unknown_signal_source_is_refused() -> None:
    with pytest.raises(ValueError, match="source must be one of"):
        SignalFinder(build_pipeline(), source="magic")
