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
        self, texts: Sequence[str], *, role: str = "customer", batch_size: int = 1000
    ) -> list[domain.Analysis]: ...


SHIPPED_MODEL = Path(__file__).resolve().parents[3] / "models" / "caredesk-triage"
"""The trained pipeline in a source checkout (see models/README.md)."""


def load_analyzer(settings: Settings, model_path: str | None = None) -> TextAnalyzer:
    """The pipeline at `model_path`, else the configured one, else the shipped
    trained one, else (an install without models/) the built-in rules."""
    return _load(model_path or settings.nlp.model_path or default_model_path())


def default_model_path() -> str | None:
    return str(SHIPPED_MODEL) if (SHIPPED_MODEL / "config.cfg").is_file() else None


@cache
def _load(model_path: str | None) -> TextAnalyzer:
    from caredesk import nlp

    try:
        return nlp.Analyzer.load(Path(model_path) if model_path else None)
    except nlp.ModelNotFound as exc:
        raise ServiceError(str(exc)) from None


ROLES = ("customer", "agent")
