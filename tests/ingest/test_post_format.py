"""The caredesk post format: what parse_post accepts, and how it says what is wrong."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from caredesk.domain import Author, Direction, Network, Post, Visibility
from caredesk.ingest import MAX_TEXT_CHARS, PostFormatError, parse_post
from caredesk.ingest.post_format import MAX_ID_CHARS, MAX_NAME_CHARS

README_EXAMPLE = (
    '{"network": "x", "id": "1850000000000000001", "conversation_id": "1850000000000000001",'
    ' "in_reply_to": null, "visibility": "public", "direction": "inbound",'
    ' "author": {"id": "42", "handle": "jo_bloggs", "name": "Jo", "followers": 120},'
    ' "text": "@NorthwindCare why did your sales team call me twice? I said email only",'
    ' "created_at": "2026-11-20T09:15:00+00:00"}'
)


def payload(**changes: Any) -> dict[str, Any]:
    """A valid post as a dict; `author_<key>` changes the author, None removes a key."""
    data: dict[str, Any] = json.loads(README_EXAMPLE)
    for key, value in changes.items():
        target, name = (data["author"], key[7:]) if key.startswith("author_") else (data, key)
        if value is None:
            target.pop(name, None)
        else:
            target[name] = value
    return data


def parse(**changes: Any) -> Post:
    return parse_post(json.dumps(payload(**changes)))


def test_the_documented_example_parses() -> None:
    post = parse_post(README_EXAMPLE)

    assert post == Post(
        network=Network.X,
        external_id="1850000000000000001",
        author=Author(id="42", handle="jo_bloggs", name="Jo", followers=120),
        text="@NorthwindCare why did your sales team call me twice? I said email only",
        created_at=datetime(2026, 11, 20, 9, 15, tzinfo=UTC),
        visibility=Visibility.PUBLIC,
        direction=Direction.INBOUND,
        conversation_id="1850000000000000001",
        in_reply_to=None,
        raw=README_EXAMPLE,
    )


def test_only_the_required_fields() -> None:
    post = parse(conversation_id=None, in_reply_to=None, author_name=None, author_followers=None)

    assert post.conversation_id is None and post.in_reply_to is None
    assert post.author.name is None and post.author.followers is None


@pytest.mark.parametrize("network", list(Network))
@pytest.mark.parametrize("visibility", list(Visibility))
@pytest.mark.parametrize("direction", list(Direction))
def test_every_network_visibility_and_direction(
    network: Network, visibility: Visibility, direction: Direction
) -> None:
    post = parse(network=network.value, visibility=visibility.value, direction=direction.value)

    assert (post.network, post.visibility, post.direction) == (network, visibility, direction)


def test_numeric_ids_become_strings() -> None:
    post = parse(id=1850000000000000002, author_id=42, in_reply_to=1850000000000000001)

    assert post.external_id == "1850000000000000002"
    assert post.author.id == "42"
    assert post.in_reply_to == "1850000000000000001"


def test_handle_loses_its_at_sign() -> None:
    assert parse(author_handle="@Jo_Bloggs").author.handle == "Jo_Bloggs"


def test_timestamp_offsets_are_kept_and_z_is_utc() -> None:
    assert parse(created_at="2026-11-20T09:15:00Z").created_at == datetime(
        2026, 11, 20, 9, 15, tzinfo=UTC)
    later = parse(created_at="2026-11-20T10:15:00+01:00").created_at
    assert later.utcoffset() == timedelta(hours=1)
    assert later == datetime(2026, 11, 20, 9, 15, tzinfo=UTC)
    assert later.tzinfo == timezone(timedelta(hours=1))


def test_text_may_hold_up_to_the_limit() -> None:
    assert len(parse(text="x" * MAX_TEXT_CHARS).text) == MAX_TEXT_CHARS


def test_unknown_keys_are_ignored() -> None:
    assert parse(lang="en", entities={"urls": []}).external_id == "1850000000000000001"


def test_blank_optional_ids_are_none() -> None:
    post = parse(conversation_id="   ", in_reply_to="\x00")

    assert post.conversation_id is None and post.in_reply_to is None


def test_zero_followers_is_fine() -> None:
    assert parse(author_followers=0).author.followers == 0


def test_control_characters_are_stripped_but_raw_keeps_the_payload() -> None:
    raw = json.dumps(payload(
        text="refund\x1b[2J please\r\nnow\x07\x9b\tthanks 📱",
        author_handle="@jo\x00_bloggs\x7f",
        author_name="Jo\x1b]0;pwned\x07 Bloggs\nSecond line",
        id="185\x0000",
    ))

    post = parse_post(raw)

    assert post.text == "refund[2J please\nnow\tthanks 📱"
    assert post.author.handle == "jo_bloggs"
    assert post.author.name == "Jo]0;pwned Bloggs Second line"
    assert post.external_id == "18500"
    assert post.raw == raw
    assert json.loads(post.raw)["text"] == "refund\x1b[2J please\r\nnow\x07\x9b\tthanks 📱"


def test_markup_in_text_is_kept_as_text() -> None:
    """Stripping is only for control characters; markup is the renderer's problem."""
    assert parse(text="[@click=app.quit]hi[/]").text == "[@click=app.quit]hi[/]"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        pytest.param("{not json", "not JSON: ", id="bad-json"),
        pytest.param("", "not JSON: ", id="empty"),
        pytest.param("[1, 2]", "expected a JSON object, got list", id="array"),
        pytest.param('"a string"', "expected a JSON object, got str", id="string"),
        pytest.param("null", "expected a JSON object, got NoneType", id="null"),
    ],
)
def test_not_an_object(raw: str, message: str) -> None:
    with pytest.raises(PostFormatError, match="^" + message):
        parse_post(raw)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        pytest.param({"author": None}, "author: must be an object", id="missing-author"),
        pytest.param({"author": "jo_bloggs"}, "author: must be an object", id="author-string"),
        pytest.param({"network": None}, "network: required, one of x, mastodon", id="no-network"),
        pytest.param({"network": "facebook"}, "network: 'facebook' is not one of x, mastodon",
                     id="bad-network"),
        pytest.param({"network": "X"}, "network: 'X' is not one of", id="network-case"),
        pytest.param({"network": 1}, "network: required", id="network-number"),
        pytest.param({"visibility": "private"}, "visibility: 'private' is not one of public",
                     id="bad-visibility"),
        pytest.param({"direction": None}, "direction: required, one of inbound, outbound",
                     id="no-direction"),
        pytest.param({"id": None}, "id: required", id="no-id"),
        pytest.param({"id": "  "}, "id: required", id="blank-id"),
        pytest.param({"id": True}, "id: must be a string or number", id="bool-id"),
        pytest.param({"id": 1.5}, "id: must be a string or number", id="float-id"),
        pytest.param({"id": "9" * (MAX_ID_CHARS + 1)}, f"id: longer than {MAX_ID_CHARS}",
                     id="long-id"),
        pytest.param({"conversation_id": ["1"]}, "conversation_id: must be a string or number",
                     id="list-conversation"),
        pytest.param({"author_id": None}, "author.id: required", id="no-author-id"),
        pytest.param({"author_handle": None}, "author.handle: required", id="no-handle"),
        pytest.param({"author_handle": "  \x07 "}, "author.handle: required",
                     id="handle-only-controls"),
        pytest.param({"author_handle": 42}, "author.handle: must be a string",
                     id="handle-number"),
        pytest.param({"author_name": "n" * (MAX_NAME_CHARS + 1)},
                     f"author.name: longer than {MAX_NAME_CHARS}", id="long-name"),
        pytest.param({"author_followers": -1}, "author.followers: must be a whole number of 0",
                     id="negative-followers"),
        pytest.param({"author_followers": "120"}, "author.followers: must be a whole number",
                     id="string-followers"),
        pytest.param({"author_followers": 1.5}, "author.followers: must be a whole number",
                     id="float-followers"),
        pytest.param({"author_followers": True}, "author.followers: must be a whole number",
                     id="bool-followers"),
        pytest.param({"text": None}, "text: required, a string", id="no-text"),
        pytest.param({"text": 5}, "text: required, a string", id="number-text"),
        pytest.param({"text": "x" * (MAX_TEXT_CHARS + 1)},
                     f"text: {MAX_TEXT_CHARS + 1} characters, more than {MAX_TEXT_CHARS}",
                     id="text-too-long"),
        pytest.param({"created_at": None}, "created_at: required, an ISO 8601 timestamp",
                     id="no-timestamp"),
        pytest.param({"created_at": 1732094100}, "created_at: required", id="epoch-timestamp"),
        pytest.param({"created_at": "yesterday"}, "created_at: 'yesterday' is not an ISO 8601",
                     id="bad-timestamp"),
        pytest.param({"created_at": "2026-11-20T09:15:00"}, "created_at: '2026-11-20T09:15:00' "
                     "has no timezone; add Z or +00:00", id="naive-timestamp"),
        pytest.param({"created_at": "2026-11-20"}, "created_at: '2026-11-20' has no timezone",
                     id="date-only"),
    ],
)
def test_malformed_posts_name_the_field(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(PostFormatError) as raised:
        parse(**changes)

    assert str(raised.value).startswith(message), str(raised.value)


def test_post_format_error_is_a_value_error() -> None:
    assert issubclass(PostFormatError, ValueError)


def test_a_bare_at_sign_is_no_handle() -> None:
    """BUG: `_short_text(...)` checks for emptiness before `.lstrip("@")`, so a handle
    of "@" (or "@@") is accepted as the empty handle."""
    with pytest.raises(PostFormatError, match=r"^author\.handle: required"):
        parse(author_handle="@")


def test_text_with_a_lone_surrogate_is_not_accepted_as_is() -> None:
    """JSON can spell a lone surrogate ("\\ud800"); such a string cannot be written as
    UTF-8 to SQLite or PostgreSQL. The parser must reject the post (or replace the
    character), never hand on text that cannot be stored.

    BUG: parse_post accepts it and Post.text holds '\\ud800'.
    """
    raw = json.dumps(payload(text="refund \ud800 please"))

    try:
        post = parse_post(raw)
    except PostFormatError as exc:
        assert str(exc).startswith("text:")
    else:
        lone = [ch for ch in post.text if "\ud800" <= ch <= "\udfff"]
        assert lone == [], f"lone surrogate(s) passed through: {lone!r}"


def test_followers_beyond_any_integer_column_are_rejected() -> None:
    """BUG: `_optional_count` has no upper bound; 10**19 does not fit SQLite's 64-bit
    INTEGER (OverflowError) nor PostgreSQL's INTEGER, so one hostile post fails the
    whole ingest batch instead of being rejected on its own."""
    with pytest.raises(PostFormatError, match=r"^author\.followers:"):
        parse(author_followers=10**19)
