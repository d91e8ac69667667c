"""Training the shipped pipeline from the recipe, reproducibly.

`models/recipe/triage.cfg` names the trained heads (complaint, topics), the data each
is fitted on and how (`training.linear`: a deterministic solver, so the same data and
recipe give byte-identical weights). The heads go into one `caredesk_linear_heads`
component, which shares one n-gram pass between them, among the rule components
(PII, signals, preference, data requests); the whole pipeline is saved with
`nlp.to_disk`. The rule complaint scorer is left out, and so is the rule topic
tagger unless the rules are asked for: the analyzer reads the complaint score and
topics from `doc.cats` when those `Doc._` attributes are unset.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.util import load_config

from caredesk.nlp import data_requests, linear_head, pii, preference, signals, topics
from caredesk.nlp import pipeline as _pipeline  # noqa: F401  (registers tokenizer, factories)
from caredesk.nlp.errors import CorpusError
from caredesk.nlp.ngram_features import FeatureSettings
from caredesk.nlp.tokenizer import TOKENIZER_NAME
from caredesk.nlp.training import readers
from caredesk.nlp.training.corpus import CUSTOMER_FILE, SHARED_LABELS_FILE
from caredesk.nlp.training.linear import FitSettings, fit_head

RECIPE = "triage.cfg"
TOPIC_SOURCES = ("trained", "rules")
"""Where the shipped pipeline's topics come from. "trained" (the default) is the topic
head: on posts by writers it never saw it scores 0.84 macro-F1 on the core three topics
where the rule tagger scores 0.69 (models/README.md); "rules" keeps the rule topic
tagger, which shows which phrase fired but misses phrasings it was not written for."""
PIPELINE_NAME = "caredesk_triage"
PIPELINE_VERSION = "2.0.0"
CAREDESK_VERSION = "triage-4"
"""Stored with each analysis the trained pipeline makes; bump it when the recipe changes."""

COMPLAINT, TOPICS, SIGNALS, PREFERENCE = "complaint", "topics", "signals", "preference"
"""The recipe's heads (models/recipe/triage.cfg)."""

Progress = Callable[[str], None]


@dataclass(frozen=True)
class TrainedPipeline:
    path: Path
    size_bytes: int
    seconds: float
    examples: dict[str, int]  # head name -> texts it was fitted on
    pipe_names: tuple[str, ...]


def recipe(path: Path, overrides: Mapping[str, Any] | None = None) -> Any:
    """The recipe config with `overrides` (dotted keys) applied and variables filled in."""
    path = Path(path)
    if not path.is_file():
        raise CorpusError(f"recipe config {path} does not exist; the recipe lives in "
                          "models/recipe/")
    return load_config(path, overrides=dict(overrides or {}), interpolate=True)


def blank() -> Language:
    """An empty pipeline with the social tokenizer."""
    return spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}})


def feature_settings(config: Any) -> FeatureSettings:
    settings = dict(config["components"][linear_head.COMPONENT])
    settings.pop("factory", None)
    return FeatureSettings(**settings)


def head_texts(config: Any, name: str) -> tuple[readers.Pairs, list[float]]:
    """The (text, cats) pairs the recipe trains head `name` on, and each one's weight."""
    train = config["heads"][name]["train"]
    splits = tuple(train["splits"])
    if name == COMPLAINT:
        pairs = readers.complaint_texts(train["complaints"], train["customer"], splits)
        return pairs, [1.0] * len(pairs)
    if name in (SIGNALS, PREFERENCE):
        read = readers.signal_texts if name == SIGNALS else readers.preference_texts
        pairs = read(train["customer"], splits)
        return pairs, [1.0] * len(pairs)
    pairs = readers.topic_texts(train["customer"], splits)
    if train.get("labelled_splits"):
        pairs += readers.labelled_tweets(train["unlabelled_tweets"], train["labelled"],
                                         tuple(train["labelled_splits"]))
    weights = [1.0] * len(pairs)
    if train.get("unlabelled_tweets"):
        tweets = readers.unlabelled_tweets(train["unlabelled_tweets"], train["labelled"])
        pairs += [(text, readers.topic_cats(())) for text in tweets]
        weights += [float(train["unlabelled_weight"])] * len(tweets)
    return pairs, weights


def fit_recipe_head(config: Any, name: str, pairs: readers.Pairs,
                    weights: list[float] | None = None) -> linear_head.Head:
    """Head `name` of the recipe fitted on `pairs` (each weighing `weights`, default 1)."""
    section = config["heads"][name]
    labels = tuple(section["labels"])
    fit = section["fit"]
    nlp = blank()
    return fit_head(
        name, [nlp.make_doc(text) for text, _cats in pairs],
        [[int(cats[label]) for label in labels] for _text, cats in pairs], labels,
        feature_settings(config),
        FitSettings(C=fit["C"], balanced=fit["balanced"],
                    min_df=(fit["min_df_word"], fit["min_df_char"]),
                    max_iter=fit["max_iter"], buckets=fit["buckets"]),
        sample_weight=weights)


def assemble(features: FeatureSettings, heads: tuple[linear_head.Head, ...],
             rule_topics: bool) -> Language:
    """The shipped pipeline: the trained heads among the rule components (the rule topic
    tagger too when asked for); the signal and preference finders read their heads when
    there are ones."""
    nlp = blank()
    nlp.add_pipe(pii.COMPONENT)
    component = nlp.add_pipe(linear_head.COMPONENT, config={
        "ngram_size": features.ngram_size, "char_min": features.char_min,
        "char_max": features.char_max})
    component.heads = heads
    if rule_topics:
        nlp.add_pipe(topics.COMPONENT)
    trained = {head.name for head in heads}
    for name, head in ((signals.COMPONENT, SIGNALS), (preference.COMPONENT, PREFERENCE)):
        nlp.add_pipe(name, config={"source": "trained" if head in trained else "rules"})
    nlp.add_pipe(data_requests.COMPONENT)
    nlp.meta.update(name=PIPELINE_NAME, version=PIPELINE_VERSION,
                    caredesk_version=CAREDESK_VERSION)
    return nlp


def train_pipeline(*, recipe_dir: Path, corpus_dir: Path, complaints_csv: Path,
                   output_dir: Path, topic_source: str = "trained",
                   overrides: Mapping[str, Any] | None = None,
                   progress: Progress | None = None) -> TrainedPipeline:
    """Fit the heads and save the whole pipeline to `output_dir` (replacing it)."""
    show = progress or (lambda _message: None)
    if topic_source not in TOPIC_SOURCES:
        raise ValueError(f"topic_source must be one of {TOPIC_SOURCES}, not {topic_source!r}")
    started = time.perf_counter()
    customer = Path(corpus_dir) / CUSTOMER_FILE
    if not customer.is_file():
        raise CorpusError(f"customer corpus {customer} does not exist; it should hold the "
                          "labelled customer texts (models/corpus/customer.jsonl)")
    config = recipe(Path(recipe_dir) / RECIPE, {
        **dict(overrides or {}), "paths.complaints": str(Path(complaints_csv)),
        "paths.customer": str(customer),
        "paths.shared_labels": str(Path(corpus_dir) / SHARED_LABELS_FILE)})
    names = ((COMPLAINT, TOPICS, SIGNALS, PREFERENCE) if topic_source == "trained"
             else (COMPLAINT, SIGNALS, PREFERENCE))
    heads, counts = [], {}
    for name in names:
        pairs, weights = head_texts(config, name)
        counts[name] = len(pairs)
        show(f"fitting the {name} head on {len(pairs)} texts")
        heads.append(fit_recipe_head(config, name, pairs, weights))
    nlp = assemble(feature_settings(config), tuple(heads), rule_topics=topic_source == "rules")
    nlp.meta["caredesk_training"] = {
        "recipe": RECIPE, "csv": Path(complaints_csv).name, "corpus": CUSTOMER_FILE,
        "examples": counts, "topics": topic_source}
    show(f"saving to {output_dir}")
    _replace_dir(Path(output_dir), nlp)
    return TrainedPipeline(
        path=Path(output_dir), size_bytes=dir_size(Path(output_dir)),
        seconds=time.perf_counter() - started, examples=counts,
        pipe_names=tuple(nlp.pipe_names))


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
