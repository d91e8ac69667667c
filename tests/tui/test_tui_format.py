"""The display helpers: relative times, SLA text, and text that stays literal."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from caredesk.domain import PiiLabel, PiiSpan, Queue
from caredesk.tui import format as fmt

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
HOSTILE = "[@click=app.quit] [/bold] [b]x"


@pytest.mark.parametrize(
    ("delta", "expected"),
    [
        (timedelta(seconds=30), "<1m"),
        (timedelta(minutes=45), "45m"),
        (timedelta(hours=3, minutes=59), "3h"),
        (timedelta(days=2, hours=5), "2d"),
        (timedelta(minutes=-5), "<1m"),  # a clock skew never shows a negative age
    ],
)
def test_span_uses_the_largest_unit(delta: timedelta, expected: str) -> None:
    assert fmt.span(delta) == expected


def test_age_is_measured_against_the_given_clock() -> None:
    assert fmt.age(NOW - timedelta(hours=3), NOW) == "3h"


def test_sla_says_how_long_is_left_or_how_overdue() -> None:
    assert fmt.sla(None, NOW) == ("—", fmt.SlaState.NONE)
    assert fmt.sla(NOW + timedelta(hours=5), NOW) == ("5h left", fmt.SlaState.OK)
    assert fmt.sla(NOW + timedelta(minutes=20), NOW) == ("20m left", fmt.SlaState.SOON)
    assert fmt.sla(NOW - timedelta(hours=2), NOW) == ("overdue 2h", fmt.SlaState.OVERDUE)


def test_when_is_as_short_as_it_can_be() -> None:
    assert fmt.when(NOW - timedelta(hours=1), NOW) == "08:00"
    assert fmt.when(NOW - timedelta(days=1), NOW) == "22 Nov 09:00"
    assert fmt.when(NOW - timedelta(days=400), NOW) == "19 Oct 2025 09:00"


def test_first_line_skips_blank_lines_and_truncates() -> None:
    assert fmt.first_line("\n  \n  first   line  \nsecond", 40) == "first line"
    assert fmt.first_line("abcdefghij", 5) == "abcd…"


def test_handle_has_exactly_one_at_sign() -> None:
    assert fmt.handle("@@sarah") == "@sarah"
    assert fmt.handle("tom@social.example.com") == "@tom@social.example.com"
    assert fmt.handle("") == ""


def test_general_queue_is_not_listed() -> None:
    assert fmt.queue_labels((Queue.GENERAL, Queue.REGULATORY)) == "regulatory"


def test_user_text_is_never_markup() -> None:
    assert fmt.user_text(HOSTILE).plain == HOSTILE
    assert fmt.user_text(HOSTILE).spans == []
    cell = fmt.user_cell(HOSTILE)
    assert cell.plain == HOSTILE
    assert cell.spans == []


def test_control_characters_are_removed() -> None:
    assert fmt.user_text("a\x1b[31mb\x07\x85c").plain == "a[31mbc"


def test_pii_spans_are_styled_at_their_offsets() -> None:
    text = "call me on 07700 900123 please"
    start = text.index("07700")
    content = fmt.highlight_pii(
        text, [PiiSpan(PiiLabel.PHONE, start, start + 12, "07700 900123")], "bold"
    )
    assert content.plain == text
    [span] = content.spans
    assert text[span.start : span.end] == "07700 900123"


def test_bad_pii_offsets_never_hide_the_text() -> None:
    text = f"{HOSTILE} tail"
    spans = [
        PiiSpan(PiiLabel.PHONE, 0, 5, "x"),
        PiiSpan(PiiLabel.PHONE, 3, 8, "x"),  # overlaps the first
        PiiSpan(PiiLabel.EMAIL, 10, 900, "x"),  # past the end
        PiiSpan(PiiLabel.EMAIL, 6, 6, "x"),  # empty
    ]
    content = fmt.highlight_pii(text, spans, "bold")
    assert content.plain == text
    assert [(span.start, span.end) for span in content.spans] == [(0, 5)]


def test_leading_mentions_are_dropped_from_previews() -> None:
    assert fmt.without_leading_mentions("@NorthwindCare @bob  thanks!") == "thanks!"
    assert fmt.without_leading_mentions("thanks @NorthwindCare") == "thanks @NorthwindCare"
    assert fmt.without_leading_mentions("@NorthwindCare") == "@NorthwindCare"
