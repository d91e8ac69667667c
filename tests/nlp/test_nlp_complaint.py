"""The complaint score: transparent, bounded, and ordered the way a reader would."""

from __future__ import annotations

import pytest

from caredesk.nlp.analyzer import Analyzer
from caredesk.nlp.complaint import BIAS, squash


def score(analyzer: Analyzer, text: str) -> float:
    return analyzer.analyze([text])[0].complaint


@pytest.mark.parametrize(
    "text",
    [
        "4G STILL not working AGAIN!!! worst network ever",
        "ridiculous, third time this month. Not happy",
        "on hold for ages, rude staff, useless support",
        "My number was leaked and you won't even reply",
        "fed up of your overcharging, sort it out",
        "why is my blog blocked? it's a joke 😡",
    ],
)
def test_clear_complaints_score_high(analyzer: Analyzer, text: str) -> None:
    assert score(analyzer, text) >= 0.8


@pytest.mark.parametrize(
    "text",
    [
        "thanks for sorting my bill so quickly",
        "brilliant service today, thank you!",
        "cheers for the help 👍",
        "what time does the Leeds store open",
        "",
    ],
)
def test_praise_and_neutral_text_score_low(analyzer: Analyzer, text: str) -> None:
    assert score(analyzer, text) < 0.3


def test_cues_push_the_score_in_the_documented_direction(analyzer: Analyzer) -> None:
    base = score(analyzer, "my phone has no signal")
    assert score(analyzer, "my phone has no signal again") > base
    assert score(analyzer, "my phone has no signal!!!") > base
    assert score(analyzer, "my phone has no signal, thanks for looking") < base


def test_not_happy_is_anger_not_happiness(analyzer: Analyzer) -> None:
    assert score(analyzer, "not happy") > score(analyzer, "happy")


def test_neutral_text_sits_at_the_bias(analyzer: Analyzer) -> None:
    assert score(analyzer, "") == pytest.approx(squash(BIAS), abs=1e-3)


def test_score_stays_in_bounds_on_extreme_text(analyzer: Analyzer) -> None:
    rant = "WORST RIDICULOUS USELESS not working again!!! " * 2000
    praise = "thanks brilliant amazing excellent " * 2000
    assert 0.0 <= score(analyzer, praise) < score(analyzer, rant) <= 1.0
