"""The `Doc._` attributes the rule components write and `Analyzer` reads.

Values are plain strings, numbers, tuples and dicts, not domain objects, so a
Doc still serialises (DocBin, `nlp.pipe(n_process=2)` sends docs as msgpack);
`analyzer.to_analysis` turns them into domain values. A trained pipeline may
fill some of them from its own components or leave them unset (None); the
analyzer then falls back to `doc.cats`.

`put` and `get` read and write them without `doc._`: each `doc._` access
builds a proxy object, which at six attributes a post was a measurable share
of the pipeline's time. spaCy keeps a plain attribute (a default, no getter,
setter or method, as `register` declares them) of a Doc in `doc.user_data`
under `("._.", name, None, None)`; `tests/nlp` checks that `doc._` sees what
`put` wrote, so a spaCy release that stores them elsewhere fails a test.
"""

from __future__ import annotations

from typing import Any

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


_KEYS = {name: ("._.", name, None, None) for name in NAMES}


def put(doc: Doc, name: str, value: Any) -> None:
    """`doc._.<name> = value`."""
    doc.user_data[_KEYS[name]] = value


def get(doc: Doc, name: str) -> Any:
    """`doc._.<name>` (None when unset)."""
    return doc.user_data.get(_KEYS[name])


def get_all(doc: Doc) -> tuple[Any, ...]:
    """Every attribute, in the order of NAMES (None when unset)."""
    data = doc.user_data
    return tuple(data.get(key) for key in _KEYS.values())
