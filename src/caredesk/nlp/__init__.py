"""Text analysis for caredesk: the only package that imports spaCy.

    from caredesk.nlp import Analyzer, analyze, ModelNotFound

    analyzer = Analyzer.load()            # the rule pipeline, built from code
    analyzer = Analyzer.load(model_dir)   # a saved/trained spaCy pipeline
    analyzer.analyze(texts, role="customer")  # -> list[domain.Analysis]
    analyze(texts, role="agent")          # a process-wide default Analyzer, built lazily

Importing this package is cheap: spaCy (about a second to import) loads only
when `Analyzer` or `analyze` is first used, so layers that merely pass an
Analyzer around do not pay for it, and `ModelNotFound` can be caught without it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from caredesk.nlp.errors import ModelNotFound

if TYPE_CHECKING:
    from caredesk.domain import Analysis
    from caredesk.nlp.analyzer import Analyzer

__all__ = ["Analyzer", "ModelNotFound", "analyze"]


def analyze(texts: Sequence[str], *, role: str = "customer") -> list[Analysis]:
    """Analyse `texts` with the process-wide default rule Analyzer (built on first call)."""
    from caredesk.nlp import analyzer

    return analyzer.analyze(texts, role=role)


def __getattr__(name: str) -> Any:
    if name == "Analyzer":
        from caredesk.nlp.analyzer import Analyzer

        return Analyzer
    raise AttributeError(f"module 'caredesk.nlp' has no attribute {name!r}")
