"""clean_text: the one gate every outside string passes through."""

from __future__ import annotations

import pytest

from caredesk.domain import Priority, clean_text

C0_STRIPPED = [chr(code) for code in range(0x20) if chr(code) not in "\n\t"]
C1 = [chr(code) for code in range(0x80, 0xA0)]


@pytest.mark.parametrize("char", C0_STRIPPED, ids=[f"U+{ord(c):04X}" for c in C0_STRIPPED])
def test_c0_controls_are_stripped(char: str) -> None:
    assert clean_text(f"call{char}me") == "callme"


@pytest.mark.parametrize("char", C1, ids=[f"U+{ord(c):04X}" for c in C1])
def test_c1_controls_are_stripped(char: str) -> None:
    assert clean_text(f"call{char}me") == "callme"


def test_del_and_carriage_return_are_stripped() -> None:
    assert clean_text("line one\r\nline two\x7f") == "line one\nline two"
    assert clean_text("overwrite\rme") == "overwriteme"


def test_newline_and_tab_are_kept() -> None:
    assert clean_text("a\tb\nc") == "a\tb\nc"


def test_terminal_escape_sequences_lose_their_escape() -> None:
    assert clean_text("\x1b[2J\x1b[31mred\x9b0m") == "[2J[31mred0m"


@pytest.mark.parametrize(
    "text",
    [
        "my phone 📱 is broken 😡",
        "Привет, связь пропала",
        "電波が届かない",
        "الشبكة لا تعمل",
        "नेटवर्क नहीं है",
        "café ñ ü ß",
        "e\u0301 combining accent",
        "non\u00a0breaking space",  # U+00A0 is the first character after C1
        "👩\u200d👩\u200d👧 family emoji with joiners",
    ],
)
def test_printable_text_in_any_script_is_kept(text: str) -> None:
    assert clean_text(text) == text


def test_clean_text_of_only_controls_is_empty() -> None:
    assert clean_text("".join(C0_STRIPPED) + "\x7f" + "".join(C1)) == ""


def test_priority_sorts_urgent_first_and_has_labels() -> None:
    assert sorted([Priority.LOW, Priority.URGENT, Priority.NORMAL, Priority.HIGH]) == [
        Priority.URGENT, Priority.HIGH, Priority.NORMAL, Priority.LOW,
    ]
    assert [p.label for p in Priority] == ["urgent", "high", "normal", "low"]
