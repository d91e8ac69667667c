"""The `Doc._` attributes the rule components write and `Analyzer` reads.

Values are plain strings, numbers, tuples and dicts, not domain objects, so a
Doc still serialises (DocBin, `nlp.pipe(n_process=2)` sends docs as msgpack);
`analyzer.to_analysis` turns them into domain values. A trained pipeline may
fill some of them from its own components or leave them unset (None); the
analyzer then falls back to `doc.cats`.
"""

from __future__ import annotations

from spacy.tokens import Doc

NAMES = (
    "pii",  # tuple[(PiiLabel value, start, end, text), ...]
    "topics",  # dict[str, float], a score for every Topic value
    "complaint",  # float in [0, 1]
    "signals",  # tuple[Signal value, ...]
    "preference",  # StatedPreference value | None
    "requests",  # tuple[RequestKind value, ...]
)


def register() -> None:
    """Declare the attributes once per process; components call this when built."""
    for name in NAMES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
