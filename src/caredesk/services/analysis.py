"""Loading the NLP analyzer the settings ask for, once per process.

`caredesk.nlp` is imported only when an analyzer is needed: importing spaCy
takes about a second, and commands that only read cases should not pay it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Protocol

from caredesk import domain
from caredesk.config import Settings
from caredesk.services.errors import ServiceError


class TextAnalyzer(Protocol):
    """What the services need of an analyzer (caredesk.nlp.Analyzer is one)."""

    version: str

    def analyze(
        self, texts: Sequence[str], *, role: str = "customer", batch_size: int = 256
    ) -> list[domain.Analysis]: ...


def load_analyzer(settings: Settings) -> TextAnalyzer:
    """The configured pipeline; with no model path, the built-in one."""
    return _load(settings.nlp.model_path or None)


@cache
def _load(model_path: str | None) -> TextAnalyzer:
    from caredesk import nlp

    try:
        return nlp.Analyzer.load(Path(model_path) if model_path else None)
    except nlp.ModelNotFound as exc:
        raise ServiceError(str(exc)) from None
