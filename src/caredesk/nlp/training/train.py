"""Training the shipped pipeline from the recipe configs, reproducibly.

Each head is trained on its own by spaCy's training loop from its config
(`complaint.cfg`, `topics.cfg`), with `[system] seed` fixed, then the two heads
and the rule components (PII, signals, preference, data requests) are put into
one pipeline saved with `nlp.to_disk`. The rule complaint scorer is left out, and so
is the rule topic tagger when the trained topic head is shipped: the analyzer reads
the complaint score and topics from `doc.cats` when those `Doc._` attributes are unset.
"""

from __future__ import annotations

import io
import shutil
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.training.initialize import init_nlp
from spacy.training.loop import train as spacy_train
from spacy.util import fix_random_seed, load_config, load_model_from_config

from caredesk.nlp import data_requests, pii, preference, signals, topics
from caredesk.nlp import pipeline as _pipeline  # noqa: F401  (registers tokenizer, factories)
from caredesk.nlp.errors import CorpusError
from caredesk.nlp.tokenizer import TOKENIZER_NAME
from caredesk.nlp.training import readers
from caredesk.nlp.training.corpus import CUSTOMER_FILE

COMPLAINT_CONFIG = "complaint.cfg"
TOPICS_CONFIG = "topics.cfg"
TOPIC_SOURCES = ("rules", "trained")
"""Where the shipped pipeline's topics come from. "rules" (the default) keeps the rule
topic tagger: on the dev split it beats the topic head trained on ~200 hand-written
post families (see models/README.md); "trained" ships the textcat_multilabel head."""
PIPELINE_NAME = "caredesk_triage"
PIPELINE_VERSION = "1.0.0"
CAREDESK_VERSION = "triage-1"
"""Stored with each analysis the trained pipeline makes; bump it when the recipe changes."""

Progress = Callable[[str], None]


@dataclass(frozen=True)
class TrainedPipeline:
    path: Path
    size_bytes: int
    seconds: float
    complaint_examples: int
    topic_examples: int
    pipe_names: tuple[str, ...]


def recipe(path: Path, overrides: Mapping[str, Any] | None = None) -> Any:
    """A recipe config with `overrides` (dotted keys) applied, not yet interpolated."""
    path = Path(path)
    if not path.is_file():
        raise CorpusError(f"recipe config {path} does not exist; the recipe lives in "
                          "models/recipe/")
    return load_config(path, overrides=dict(overrides or {}), interpolate=False)


def train_head(config: Any) -> Language:
    """One component trained by spaCy's loop from `config`; the averaged final weights."""
    filled = load_model_from_config(config, auto_fill=True, validate=True).config
    nlp = init_nlp(filled)
    nlp, _ = spacy_train(nlp, None, stdout=io.StringIO(), stderr=io.StringIO())
    return nlp


def assemble(complaint_nlp: Language, topic_nlp: Language | None) -> Language:
    """The shipped pipeline: the trained heads sourced into the rule components
    (the rule topic tagger stands in when there is no trained topic head)."""
    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}})
    nlp.add_pipe(pii.COMPONENT)
    nlp.add_pipe("textcat", source=complaint_nlp)
    if topic_nlp is None:
        nlp.add_pipe(topics.COMPONENT)
    else:
        nlp.add_pipe("textcat_multilabel", source=topic_nlp)
    for name in (signals.COMPONENT, preference.COMPONENT, data_requests.COMPONENT):
        nlp.add_pipe(name)
    nlp.meta.update(name=PIPELINE_NAME, version=PIPELINE_VERSION,
                    caredesk_version=CAREDESK_VERSION)
    return nlp


def train_pipeline(*, recipe_dir: Path, corpus_dir: Path, complaints_csv: Path,
                   output_dir: Path, seed: int = 0, topic_source: str = "rules",
                   overrides: Mapping[str, Any] | None = None,
                   progress: Progress | None = None) -> TrainedPipeline:
    """Train both heads and save the whole pipeline to `output_dir` (replacing it)."""
    show = progress or (lambda _message: None)
    if topic_source not in TOPIC_SOURCES:
        raise ValueError(f"topic_source must be one of {TOPIC_SOURCES}, not {topic_source!r}")
    started = time.perf_counter()
    customer = Path(corpus_dir) / CUSTOMER_FILE
    if not customer.is_file():
        raise CorpusError(f"customer corpus {customer} does not exist; it should hold the "
                          "labelled customer texts (models/corpus/customer.jsonl)")
    complaints_csv = Path(complaints_csv)
    common = {"system.seed": seed, **dict(overrides or {})}
    complaint_config = recipe(Path(recipe_dir) / COMPLAINT_CONFIG, {
        **common, "paths.complaints": str(complaints_csv), "paths.customer": str(customer)})
    topic_config = recipe(Path(recipe_dir) / TOPICS_CONFIG,
                          {**common, "paths.customer": str(customer)})
    complaint_count = len(readers.complaint_texts(str(complaints_csv), str(customer), "train"))
    topic_count = len(readers.topic_texts(str(customer), "train"))

    show(f"training the complaint head on {complaint_count} texts")
    fix_random_seed(seed)
    complaint_nlp = train_head(complaint_config)
    topic_nlp = None
    if topic_source == "trained":
        show(f"training the topic head on {topic_count} texts")
        fix_random_seed(seed)
        topic_nlp = train_head(topic_config)
    nlp = assemble(complaint_nlp, topic_nlp)
    nlp.meta["caredesk_training"] = {
        "seed": seed,
        "complaint": {"config": COMPLAINT_CONFIG, "csv": complaints_csv.name,
                      "examples": complaint_count},
        "topics": ({"source": "trained", "config": TOPICS_CONFIG, "corpus": CUSTOMER_FILE,
                    "examples": topic_count} if topic_nlp else {"source": "rules"}),
    }
    show(f"saving to {output_dir}")
    _replace_dir(Path(output_dir), nlp)
    return TrainedPipeline(
        path=Path(output_dir), size_bytes=dir_size(Path(output_dir)),
        seconds=time.perf_counter() - started, complaint_examples=complaint_count,
        topic_examples=topic_count if topic_nlp else 0, pipe_names=tuple(nlp.pipe_names))


def _replace_dir(output: Path, nlp: Language) -> None:
    """Write to a sibling folder, then swap it in, so a failure leaves the old model."""
    if output.exists() and any(output.iterdir()) and not (output / "config.cfg").is_file():
        raise CorpusError(f"{output} is not empty and not a saved pipeline; "
                          "choose another --output folder")
    staging = output.with_name(output.name + ".new")
    if staging.exists():
        shutil.rmtree(staging)
    nlp.to_disk(staging)
    if output.exists():
        shutil.rmtree(output)
    staging.rename(output)


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())
