"""The social tokenizer keeps handles, hashtags, URLs and emoji whole."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from caredesk.nlp.tokenizer import TOKENIZER_NAME


def tokens(nlp: Language, text: str) -> list[str]:
    doc = nlp.make_doc(text)
    assert doc.text == text
    return [t.text for t in doc]


def test_default_spacy_splits_what_we_keep() -> None:
    """Guards the reason the custom tokenizer exists."""
    blank = spacy.blank("en")
    assert "#NoSignal" not in tokens(blank, "why #NoSignal again")
    assert "👍🏽" not in tokens(blank, "great 👍🏽")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("@VodafoneUK why", ["@VodafoneUK", "why"]),
        ("@o2's signal", ["@o2", "'s", "signal"]),
        ("hi @jo_bloggs:", ["hi", "@jo_bloggs", ":"]),
        ("@jo@mastodon.social hi", ["@jo@mastodon.social", "hi"]),
        ("@jo.bsky.social.", ["@jo.bsky.social", "."]),
        ("#NoSignal again", ["#NoSignal", "again"]),
        ("(#NoSignal!!)", ["(", "#NoSignal", "!", "!", ")"]),
        ("#5G-fail", ["#5G", "-", "fail"]),
        ("see https://example.com/a?b=c.", ["see", "https://example.com/a?b=c", "."]),
        ("(www.example.com/x)", ["(", "www.example.com/x", ")"]),
        ("great👍🏽!", ["great", "👍🏽", "!"]),
        ("😡😡", ["😡", "😡"]),
        ("👨‍👩‍👧 family", ["👨‍👩‍👧", "family"]),
        ("🇬🇧 flag", ["🇬🇧", "flag"]),
        ("❤️ it", ["❤️", "it"]),
        ("1️⃣ first", ["1️⃣", "first"]),
        ("melting🫠", ["melting", "🫠"]),
    ],
)
def test_social_tokens_stay_whole(nlp: Language, text: str, expected: list[str]) -> None:
    assert tokens(nlp, text) == expected


def test_contractions_still_split(nlp: Language) -> None:
    assert tokens(nlp, "don't call") == ["do", "n't", "call"]


@pytest.mark.parametrize(
    "text",
    ["", " ", "\x00\x1b[31m", "[@click=app.quit]", "[/", "a\u202eb", pytest.param("x" * 5000)],
)
def test_hostile_text_round_trips(nlp: Language, text: str) -> None:
    assert nlp.make_doc(text).text == text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("!" * 100_000, id="bangs"),
        pytest.param("😡" * 20_000, id="emoji"),
        pytest.param("(" * 50_000 + "x", id="parens"),
        pytest.param("ok " * 1000 + "#" * 5000 + " end", id="mixed"),
    ],
)
def test_long_runs_without_spaces_take_linear_time(nlp: Language, text: str) -> None:
    """spaCy alone needs seconds for 4,000 '!' and grows quadratically."""
    started = time.process_time()
    assert nlp.make_doc(text).text == text
    assert time.process_time() - started < 2.0


def test_a_long_url_is_still_one_token(nlp: Language) -> None:
    url = "https://example.com/" + "a" * 250
    assert tokens(nlp, f"see {url} now") == ["see", url, "now"]


def test_tokenizer_is_registered_for_saved_pipelines(nlp: Language) -> None:
    assert nlp.config["nlp"]["tokenizer"]["@tokenizers"] == TOKENIZER_NAME


def test_a_saved_pipeline_tokenizes_as_the_code_says(nlp: Language, tmp_path: Path) -> None:
    """The tokenizer is defined by code; a saved pipeline stores nothing of it."""
    nlp.to_disk(tmp_path / "model")
    loaded = spacy.load(tmp_path / "model")
    text = "@NorthwindCare #NoSignal again 😡👍🏽 can't call 07700 900123 https://example.com/x?y=1"
    assert [t.text for t in loaded(text)] == [t.text for t in nlp(text)]
    assert loaded.tokenizer.to_bytes() == b""


def test_new_words_get_the_attributes_the_components_read(nlp: Language) -> None:
    """New words skip spaCy's other lexical attributes (shape, like_num...) for speed; the
    ones the components read are still right."""
    doc = nlp.make_doc("Qwzxv9 ZÜRICHFOO … ¡ \u2003")
    word, shouty, ellipsis, bang, space = doc
    assert (word.lower_, word.norm_, word.is_alpha, word.is_punct) == ("qwzxv9", "qwzxv9",
                                                                       False, False)
    assert (shouty.lower_, shouty.is_alpha) == ("zürichfoo", True)
    assert (ellipsis.norm_, ellipsis.is_punct) == ("...", True)
    assert bang.is_punct and space.is_space
    assert word.shape_ == ""  # not computed
