"""The one interface the rest of caredesk uses: texts in, `domain.Analysis` out.

`Analyzer.load()` builds the rule pipeline from code; `Analyzer.load(path)`
loads a saved spaCy pipeline (the trained model that will replace the rules).
Either way the docs are read the same: from the `Doc._` attributes the rule
components set, or, for what a trained pipeline leaves unset, from `doc.cats`
(`"complaint"` and one category per Topic value). So a trained pipeline can
replace any part of the rules without a change here or in callers.

Role decides what is reported: a customer's text carries a stated preference
and escalation signals; an agent's text carries the data it asks for.
Components for the other role are disabled for speed.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from caredesk.domain import Analysis, PiiLabel, PiiSpan, RequestKind, Signal, StatedPreference
from caredesk.nlp import extensions
from caredesk.nlp.errors import ModelNotFound
from caredesk.nlp.pipeline import AGENT_ONLY, CUSTOMER_ONLY, RULES_VERSION, build_pipeline
from caredesk.nlp.topics import TOPIC_NAMES

ROLES = ("customer", "agent")
LABEL_THRESHOLD = 0.5
"""A topic is in `Analysis.labels` when its score is at least this."""

# A lone surrogate (possible in JSON-decoded text) makes spaCy's string store raise. Each is
# replaced by U+FFFD, one code point for one, so offsets into the caller's text stay exact.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class Analyzer:
    """A loaded pipeline and the version string stored with each analysis it makes."""

    def __init__(self, nlp: Language, version: str) -> None:
        extensions.register()
        self.nlp = nlp
        self.version = version
        # spaCy does not promise that one pipeline may run in two threads at once (the
        # tokenizer cache is shared), and the TUI and ingest both call from worker threads.
        self._lock = threading.Lock()

    @classmethod
    def load(cls, model_path: Path | None = None) -> Analyzer:
        """The rule pipeline (no path) or the saved pipeline at `model_path`."""
        if model_path is None:
            return cls(build_pipeline(), RULES_VERSION)
        path = Path(model_path)
        if not (path / "config.cfg").is_file():
            problem = "does not exist" if not path.exists() else "is not a saved spaCy pipeline"
            raise ModelNotFound(
                f"NLP model path {path} {problem}. Point the model path at a folder written by "
                "`nlp.to_disk()` or `spacy train` (it holds config.cfg), or leave the model "
                "path unset to use the built-in rules."
            )
        nlp = spacy.load(path)
        meta = nlp.meta
        version = meta.get("caredesk_version") or f"{meta.get('name')}-{meta.get('version')}"
        return cls(nlp, str(version))

    def analyze(
        self, texts: Sequence[str], *, role: str = "customer", batch_size: int = 1000
    ) -> list[Analysis]:
        """One Analysis per text, in input order."""
        if isinstance(texts, str):
            raise TypeError("analyze() takes a sequence of texts, not one string")
        if role not in ROLES:
            raise ValueError(f"role must be one of {ROLES}, not {role!r}")
        texts = list(texts)  # a generator would be used up by the check below
        for text in texts:
            if not isinstance(text, str):
                raise TypeError(f"texts must be str, not {type(text).__name__}")
        other_role = CUSTOMER_ONLY if role == "agent" else AGENT_ONLY
        steps = [proc for name, proc in self.nlp.pipeline if name not in other_role]
        safe = [_LONE_SURROGATE.sub("\ufffd", text) for text in texts]
        with self._lock:
            return [
                to_analysis(doc, role)
                for start in range(0, len(safe), batch_size)
                for doc in self._run(steps, safe[start : start + batch_size])
            ]

    def _run(self, steps: list[Any], texts: list[str]) -> list[Doc]:
        """What `nlp.pipe(texts, disable=...)` does, one batch at a time.

        `Language.pipe` chains a generator and an error handler per component per doc;
        for these short posts that was 7% of the whole pipeline's time. A component with
        a `pipe` method (the trained classifiers) still gets the batch at once."""
        docs = [self.nlp.make_doc(text) for text in texts]
        for step in steps:
            pipe = getattr(step, "pipe", None)
            docs = list(pipe(docs, batch_size=len(docs))) if pipe else [step(doc) for doc in docs]
        return docs


class _Members(dict):
    """Value -> enum member, as `enum(value)` gives (and raises) but without its call cost."""

    def __init__(self, enum: type) -> None:
        super().__init__((member.value, member) for member in enum)
        self.enum = enum

    def __missing__(self, value: object) -> object:
        return self.enum(value)


_PII_LABELS = _Members(PiiLabel)
_SIGNALS = _Members(Signal)
_REQUESTS = _Members(RequestKind)
_PREFERENCES = _Members(StatedPreference)


def to_analysis(doc: Doc, role: str) -> Analysis:
    """Read one processed doc into the domain value (see the module docstring)."""
    pii, topics, complaint, signals, preference, requests = extensions.get_all(doc)
    if topics is None:
        topics = doc.cats
    tags = {name: float(topics.get(name, 0.0)) for name in TOPIC_NAMES}
    if complaint is None:
        complaint = doc.cats.get("complaint", 0.0)
    customer = role == "customer"
    if not customer:
        preference = None
    return Analysis(
        complaint=float(complaint),
        tags=tags,
        labels=tuple(name for name, score in tags.items() if score >= LABEL_THRESHOLD),
        pii=tuple(PiiSpan(_PII_LABELS[label], s, e, text) for label, s, e, text in pii or ()),
        preference=_PREFERENCES[preference] if preference else None,
        signals=tuple(_SIGNALS[s] for s in signals or ()) if customer else (),
        requests=() if customer else tuple(_REQUESTS[r] for r in requests or ()),
    )


_default: Analyzer | None = None
_default_lock = threading.Lock()


def default_analyzer() -> Analyzer:
    """The process-wide rule Analyzer, built on first use (thread-safe)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Analyzer.load()
        return _default


def analyze(texts: Sequence[str], *, role: str = "customer") -> list[Analysis]:
    """`Analyzer.analyze` on the process-wide default rule Analyzer."""
    return default_analyzer().analyze(texts, role=role)
