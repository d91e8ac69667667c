"""The caredesk post format: one JSON object per post (see README, "Post format").

Every string from outside is cleaned of control characters here, at the
boundary; the raw payload travels with the Post unchanged.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, TypeVar

from caredesk.domain import (
    Author,
    Direction,
    Network,
    Post,
    Visibility,
    clean_text,
    parse_timestamp,
)

MAX_TEXT_CHARS = 50_000
MAX_ID_CHARS = 300
MAX_AUTHOR_ID_CHARS = 100
MAX_NAME_CHARS = 200
MAX_FOLLOWERS = 2**31 - 1

_E = TypeVar("_E", Network, Visibility, Direction)


class PostFormatError(ValueError):
    """A payload that is not a valid post; the message says which field and why."""


def parse_post(payload: str) -> Post:
    """Parse one JSON object in the post format into a Post."""
    try:
        data = json.loads(payload)
    except json.JSONDecodeError as exc:
        raise PostFormatError(f"not JSON: {exc.msg} at column {exc.colno}") from None
    if not isinstance(data, dict):
        raise PostFormatError(f"expected a JSON object, got {type(data).__name__}")
    author = data.get("author")
    if not isinstance(author, dict):
        raise PostFormatError("author: must be an object with id and handle")
    return Post(
        network=_enum(Network, data, "network"),
        external_id=_ident(data, "id"),
        author=Author(
            id=_ident(author, "id", prefix="author.", max_chars=MAX_AUTHOR_ID_CHARS),
            handle=_handle(author),
            name=_optional_text(author, "name", prefix="author."),
            followers=_optional_count(author, "followers", prefix="author."),
        ),
        text=_text(data),
        created_at=_timestamp(data, "created_at"),
        visibility=_enum(Visibility, data, "visibility"),
        direction=_enum(Direction, data, "direction"),
        conversation_id=_optional_ident(data, "conversation_id"),
        in_reply_to=_optional_ident(data, "in_reply_to"),
        raw=payload,
    )


def _enum(kind: type[_E], data: dict[str, Any], key: str) -> _E:
    value = data.get(key)
    allowed = ", ".join(member.value for member in kind)
    if not isinstance(value, str):
        raise PostFormatError(f"{key}: required, one of {allowed}")
    try:
        return kind(value)
    except ValueError:
        raise PostFormatError(f"{key}: {value[:40]!r} is not one of {allowed}") from None


def _ident(data: dict[str, Any], key: str, prefix: str = "",
           max_chars: int = MAX_ID_CHARS) -> str:
    value = _optional_ident(data, key, prefix, max_chars)
    if value is None:
        raise PostFormatError(f"{prefix}{key}: required")
    return value


def _optional_ident(data: dict[str, Any], key: str, prefix: str = "",
                    max_chars: int = MAX_ID_CHARS) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise PostFormatError(f"{prefix}{key}: must be a string or number")
    text = clean_text(str(value)).strip()
    if not text:
        return None
    if len(text) > max_chars:
        raise PostFormatError(f"{prefix}{key}: longer than {max_chars} characters")
    return text


def _handle(author: dict[str, Any]) -> str:
    value = (_optional_text(author, "handle", "author.") or "").lstrip("@")
    if not value:
        raise PostFormatError("author.handle: required")
    return value


def _optional_text(data: dict[str, Any], key: str, prefix: str = "") -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise PostFormatError(f"{prefix}{key}: must be a string")
    text = clean_text(value).replace("\n", " ").strip()
    if len(text) > MAX_NAME_CHARS:
        raise PostFormatError(f"{prefix}{key}: longer than {MAX_NAME_CHARS} characters")
    return text or None


def _optional_count(data: dict[str, Any], key: str, prefix: str = "") -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_FOLLOWERS:
        raise PostFormatError(
            f"{prefix}{key}: must be a whole number of 0 or more, at most {MAX_FOLLOWERS}"
        )
    return value


def _text(data: dict[str, Any]) -> str:
    value = data.get("text")
    if not isinstance(value, str):
        raise PostFormatError("text: required, a string")
    if len(value) > MAX_TEXT_CHARS:
        raise PostFormatError(f"text: {len(value)} characters, more than {MAX_TEXT_CHARS}")
    return clean_text(value)


def _timestamp(data: dict[str, Any], key: str) -> datetime:
    value = data.get(key)
    if not isinstance(value, str):
        raise PostFormatError(f"{key}: required, an ISO 8601 timestamp with a timezone")
    try:
        return parse_timestamp(value)
    except ValueError as exc:
        raise PostFormatError(f"{key}: {exc}") from None
