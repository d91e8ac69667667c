"""Training, evaluating and cross-validating the trained triage pipeline.

Thin: paths are resolved here, the work is done by `caredesk.nlp.training` (imported
only when a command runs, since it loads spaCy), and its errors become ServiceErrors.
Default paths are relative to the project folder (the one holding models/recipe/).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from caredesk.services.errors import ServiceError

MODEL_DIR = Path("models/caredesk-triage")
RECIPE_DIR = Path("models/recipe")
CORPUS_DIR = Path("models/corpus")
COMPLAINTS_CSV = Path("../shared/data/complaints-data.csv")

Progress = Callable[[str], None]


@dataclass(frozen=True)
class TrainReport:
    path: str
    size_mb: float
    seconds: float
    examples: dict[str, int]  # head name -> texts it was fitted on
    components: tuple[str, ...]


@dataclass(frozen=True)
class LabelReport:
    label: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class EvaluationReport:
    model: str
    complaint_examples: int
    topic_examples: int
    labels: tuple[LabelReport, ...]
    complaint_macro_f1: float
    topic_macro_f1_core: float
    topic_macro_f1_all: float
    request_examples: int
    requests_micro_f1: float | None
    preference_examples: int
    preference_accuracy: float | None
    pii_examples: int
    pii_micro_f1: float | None
    pii_real_examples: int
    pii_real_micro_f1: float | None
    """On the real tweets of shared_pii_labels.jsonl alone (also in pii_micro_f1)."""
    notes: tuple[str, ...]
    """Labelled data left out of the scores, and why (e.g. real tweets without the CSV)."""


@dataclass(frozen=True)
class CvReport:
    folds: int
    accuracy: float
    macro_f1: float
    complaint_f1: float
    roc_auc: float


def project_root() -> Path:
    """The current folder if it holds the recipe, else the source checkout's root."""
    here = Path.cwd()
    if (here / RECIPE_DIR).is_dir():
        return here
    checkout = Path(__file__).resolve().parents[3]
    return checkout if (checkout / RECIPE_DIR).is_dir() else here


def _path(given: Path | None, default: Path) -> Path:
    return Path(given) if given is not None else project_root() / default


def _run(work: Callable[[], Any]) -> Any:
    from caredesk.nlp.errors import CorpusError, ModelNotFound

    try:
        return work()
    except (CorpusError, ModelNotFound) as exc:
        raise ServiceError(str(exc)) from None


def train_model(*, data: Path | None = None, output: Path | None = None,
                corpus: Path | None = None, recipe: Path | None = None,
                topics: str = "trained", overrides: dict[str, Any] | None = None,
                progress: Progress | None = None) -> TrainReport:
    """Rebuild the shipped pipeline from the recipe (same data and recipe: same model)."""
    from caredesk.nlp.training.train import train_pipeline

    result = _run(lambda: train_pipeline(
        recipe_dir=_path(recipe, RECIPE_DIR), corpus_dir=_path(corpus, CORPUS_DIR),
        complaints_csv=_path(data, COMPLAINTS_CSV), output_dir=_path(output, MODEL_DIR),
        topic_source=topics, overrides=overrides, progress=progress))
    return TrainReport(path=str(result.path), size_mb=round(result.size_bytes / 1e6, 2),
                       seconds=round(result.seconds, 1),
                       examples=result.examples, components=result.pipe_names)


def evaluate_model(*, model: Path | None = None, corpus: Path | None = None,
                   data: Path | None = None, split: str = "test") -> EvaluationReport:
    """Per-label scores of the saved pipeline on a split (the held-out test split, or dev
    for tuning; `model=None` and a missing default model folder is an error)."""
    from caredesk.nlp.training.evaluate import evaluate_model as evaluate

    result = _run(lambda: evaluate(_path(model, MODEL_DIR), _path(corpus, CORPUS_DIR),
                                   _path(data, COMPLAINTS_CSV), split))
    return EvaluationReport(
        model=result.model, complaint_examples=result.complaint_examples,
        topic_examples=result.topic_examples,
        labels=tuple(LabelReport(s.label, round(s.precision, 4), round(s.recall, 4),
                                 round(s.f1, 4), s.support) for s in result.labels),
        complaint_macro_f1=round(result.complaint_macro_f1, 4),
        topic_macro_f1_core=round(result.topic_macro_f1_core, 4),
        topic_macro_f1_all=round(result.topic_macro_f1_all, 4),
        request_examples=result.request_examples,
        requests_micro_f1=_rounded(result.requests_micro_f1),
        preference_examples=result.preference_examples,
        preference_accuracy=_rounded(result.preference_accuracy),
        pii_examples=result.pii_examples, pii_micro_f1=_rounded(result.pii_micro_f1),
        pii_real_examples=result.pii_real_examples,
        pii_real_micro_f1=_rounded(result.pii_real_micro_f1), notes=result.notes)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def cross_validate(*, data: Path, folds: int = 10, seed: int = 0, recipe: Path | None = None,
                   overrides: dict[str, Any] | None = None,
                   progress: Progress | None = None) -> CvReport:
    """Stratified k-fold cross-validation of the complaint recipe on `data`."""
    from caredesk.nlp.training.evaluate import cross_validate as run_cv

    if folds < 2:
        raise ServiceError(f"--folds must be at least 2, not {folds}")
    result = _run(lambda: run_cv(complaints_csv=Path(data),
                                 recipe_dir=_path(recipe, RECIPE_DIR), folds=folds, seed=seed,
                                 overrides=overrides, progress=progress))
    return CvReport(folds=result.folds, accuracy=result.accuracy, macro_f1=result.macro_f1,
                    complaint_f1=result.complaint_f1, roc_auc=result.roc_auc)
