"""The `Doc._` attributes the rule components write and `Analyzer` reads.

A trained pipeline may fill some of them from its own components or leave them
unset (None); the analyzer then falls back to `doc.cats` (see analyzer.py).
"""

from __future__ import annotations

from spacy.tokens import Doc

NAMES = (
    "pii",  # tuple[PiiSpan, ...]
    "topics",  # dict[str, float], a score for every Topic value
    "complaint",  # float in [0, 1]
    "signals",  # tuple[Signal, ...]
    "preference",  # StatedPreference | None
    "requests",  # tuple[RequestKind, ...]
)


def register() -> None:
    """Declare the attributes once per process; components call this when built."""
    for name in NAMES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
