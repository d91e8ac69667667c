"""Contact preferences customers state in their own words."""

from __future__ import annotations

import pytest

from caredesk.domain import StatedPreference
from caredesk.nlp import extensions
from caredesk.nlp.analyzer import Analyzer
from caredesk.nlp.pipeline import build_pipeline
from caredesk.nlp.preference import PreferenceFinder


def preference(analyzer: Analyzer, text: str) -> StatedPreference | None:
    return analyzer.analyze([text])[0].preference


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("email only please", StatedPreference.EMAIL_ONLY),
        ("I told you email only", StatedPreference.EMAIL_ONLY),
        ("only contact me by email", StatedPreference.EMAIL_ONLY),
        ("please just email me", StatedPreference.EMAIL_ONLY),
        ("my preferred contact method is email", StatedPreference.EMAIL_ONLY),
        ("stop calling me, email only!", StatedPreference.EMAIL_ONLY),
        ("don't call me", StatedPreference.NO_CALLS),
        ("Don’t call me again", StatedPreference.NO_CALLS),
        ("do not call me", StatedPreference.NO_CALLS),
        ("stop calling", StatedPreference.NO_CALLS),
        ("never call me", StatedPreference.NO_CALLS),
        ("text only", StatedPreference.SMS_ONLY),
        ("just text me", StatedPreference.SMS_ONLY),
        ("only contact me by SMS", StatedPreference.SMS_ONLY),
        ("DM only please", StatedPreference.DM_ONLY),
        ("only contact me via DM", StatedPreference.DM_ONLY),
        ("no marketing", StatedPreference.NO_MARKETING),
        ("unsubscribe me", StatedPreference.NO_MARKETING),
        ("please stop sending me offers", StatedPreference.NO_MARKETING),
        ("by letter only", StatedPreference.POST_ONLY),
        ("by post only please", StatedPreference.POST_ONLY),
        ("only contact me in writing", StatedPreference.POST_ONLY),
    ],
)
def test_stated_preferences(analyzer: Analyzer, text: str, expected: StatedPreference) -> None:
    assert preference(analyzer, text) is expected


@pytest.mark.parametrize(
    "text",
    [
        "can you call me back please",
        "why didn't you call me back",
        "you never call me back",
        "you didn't call me when you said",
        "I only got an email yesterday",
        "I'd prefer you didn't text me at 6am",
        "no signal",
        "",
    ],
)
def test_no_preference(analyzer: Analyzer, text: str) -> None:
    assert preference(analyzer, text) is None


def test_preference_is_for_customer_text_only(analyzer: Analyzer) -> None:
    assert analyzer.analyze(["email only"], role="agent")[0].preference is None


def test_trained_source_takes_the_likeliest_preference_over_the_threshold() -> None:
    nlp = build_pipeline()
    finder = PreferenceFinder(nlp, source="trained", threshold=0.4)
    doc = nlp.make_doc("whatever the words say, the head decides")
    doc.cats.update({"email_only": 0.45, "no_calls": 0.8, "no_marketing": 0.1})
    assert extensions.get(finder(doc), "preference") == "no_calls"
    unsure = nlp.make_doc("email only please")  # the rules would say email_only; no cats
    unsure.cats.update({"email_only": 0.39})
    assert extensions.get(finder(unsure), "preference") is None


def test_unknown_preference_source_is_refused() -> None:
    with pytest.raises(ValueError, match="source must be one of"):
        PreferenceFinder(build_pipeline(), source="magic")
