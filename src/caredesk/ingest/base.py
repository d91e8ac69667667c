"""The one small interface every connector implements."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Protocol

from caredesk.domain import Post


@dataclass(frozen=True)
class Rejected:
    """An item a connector could not turn into a Post, kept whole."""

    location: str
    reason: str
    payload: str


@dataclass(frozen=True)
class Batch:
    posts: list[Post] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    cursor: str | None = None
    """Where to resume after this batch; None when the source cannot resume."""


class Connector(Protocol):
    @property
    def source(self) -> str:
        """A stable name for the source, the key of its cursor and rejects."""
        ...

    def read(self, cursor: str | None) -> Iterator[Batch]:
        """Yield batches from just after `cursor` (None: from the start)."""
        ...
