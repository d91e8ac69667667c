"""Evaluating the pipeline: held-out test scores per label, and k-fold cross-validation.

`evaluate_model` runs the saved pipeline through `Analyzer` (the interface callers
use) on texts it never trained on: the test split of customer.jsonl, plus, for
topics, the tweets of shared_labels.jsonl (text read from the complaint CSV by id;
the shipped complaint head trained on that CSV, so those tweets are not used to
score the complaint label). Agent replies (agent.jsonl) score the data requests,
and pii.jsonl scores the PII spans, exact match only, together with the real tweets of
shared_pii_labels.jsonl (joined by id like the topic labels); those real tweets are
also scored on their own, since the written posts share the formats the rules were
tuned on. Without the CSV the real tweets are left out with a note.

`cross_validate` fits the recipe's complaint head k times, on the training folds of a
stratified k-fold split of the complaint CSV, and scores each held-out fold; nothing
is selected on the held-out fold.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

from caredesk.domain import Analysis, RequestKind, Signal, Topic
from caredesk.nlp.analyzer import Analyzer
from caredesk.nlp.errors import CorpusError
from caredesk.nlp.linear_head import LinearHeads
from caredesk.nlp.training.corpus import (
    AGENT_FILE,
    CUSTOMER_FILE,
    PII_FILE,
    PII_LABELS,
    SHARED_LABELS_FILE,
    SHARED_PII_FILE,
    TOPIC_LABELS,
    AgentRecord,
    ComplaintRow,
    CustomerRecord,
    PiiRecord,
    SharedLabel,
    SharedPiiLabel,
    read_agent_jsonl,
    read_complaint_csv,
    read_customer_jsonl,
    read_pii_jsonl,
    read_shared_labels,
    read_shared_pii_labels,
    shared_label_texts,
    shared_pii_records,
)
from caredesk.nlp.training.metrics import LabelScore, prf, roc_auc, span_prf, stratified_folds
from caredesk.nlp.training.readers import COMPLAINT, NOT_COMPLAINT, complaint_cats
from caredesk.nlp.training.train import RECIPE, blank, feature_settings, fit_recipe_head, recipe

CORE_TOPICS = (Topic.PRIVACY.value, Topic.UNWANTED_CONTACT.value, Topic.BLOCKING.value)
THRESHOLD = 0.5
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Evaluation:
    model: str
    complaint_examples: int
    topic_examples: int
    labels: tuple[LabelScore, ...]
    complaint_macro_f1: float
    topic_macro_f1_core: float
    """Macro-F1 over privacy, unwanted_contact and blocking."""
    topic_macro_f1_all: float
    request_examples: int = 0
    requests_micro_f1: float | None = None
    """Over every (reply, data kind) pair of agent.jsonl's split; None without replies."""
    preference_examples: int = 0
    preference_accuracy: float | None = None
    """Exact stated preference (or none) per customer post of the split."""
    pii_examples: int = 0
    pii_micro_f1: float | None = None
    """Exact (label, start, end) span matches over every PII label of pii.jsonl's split and
    the real tweets of shared_pii_labels.jsonl's; None without any such post."""
    pii_real_examples: int = 0
    pii_real_micro_f1: float | None = None
    """The same score on the real tweets alone (labels `pii-real:*`); None without them."""
    notes: tuple[str, ...] = ()
    """Labelled data that was left out of the scores, and why."""


@dataclass(frozen=True)
class CrossValidation:
    folds: int
    accuracy: float
    macro_f1: float
    complaint_f1: float
    roc_auc: float


def evaluate_model(model_dir: Path, corpus_dir: Path, complaints_csv: Path | None,
                   split: str = "test") -> Evaluation:
    """Per-label precision/recall/F1 of the saved pipeline on the `split` texts."""
    analyzer = Analyzer.load(Path(model_dir))
    tweets = _ComplaintCsv(complaints_csv)
    customer = [r for r in read_customer_jsonl(Path(corpus_dir) / CUSTOMER_FILE)
                if r.split == split]
    shared_topics = _shared_topic_items(Path(corpus_dir), split, tweets)
    topic_items = [(r.text, r.topics) for r in customer] + shared_topics
    if not topic_items:
        raise CorpusError(f"no {split!r} examples in {corpus_dir}")

    # One analysis of each customer post serves every label scored on it.
    analysed = analyzer.analyze([r.text for r in customer])
    gold = [r.complaint for r in customer]
    hits = [int(a.complaint >= THRESHOLD) for a in analysed]
    labels = [prf(gold, hits, COMPLAINT),
              prf([1 - g for g in gold], [1 - h for h in hits], NOT_COMPLAINT)]

    topic_pred = analysed + analyzer.analyze([text for text, _ in shared_topics])
    topic_scores = {}
    for name in TOPIC_LABELS:
        topic_scores[name] = prf([int(name in topics) for _, topics in topic_items],
                                 [int(a.tags.get(name, 0.0) >= THRESHOLD) for a in topic_pred],
                                 name)
    labels += topic_scores.values()
    labels += _signal_scores(customer, analysed)
    request_labels, requests_micro, replies = _request_scores(analyzer, Path(corpus_dir), split)
    labels += request_labels
    real, notes = _shared_pii_posts(Path(corpus_dir), split, tweets)
    written = _in_split(read_pii_jsonl, Path(corpus_dir) / PII_FILE, split)
    found_written = analyzer.analyze([r.text for r in written])
    found_real = analyzer.analyze([r.text for r in real])
    pii_posts = written + real
    pii_labels, pii_micro = _pii_scores(pii_posts, found_written + found_real, "pii")
    real_labels, real_micro = _pii_scores(real, found_real, "pii-real")
    labels += pii_labels + real_labels
    preference_hits = [(a.preference.value if a.preference else None) == r.preference
                       for a, r in zip(analysed, customer, strict=True)]
    return Evaluation(
        request_examples=replies,
        requests_micro_f1=requests_micro,
        preference_examples=len(customer),
        preference_accuracy=_mean(preference_hits) if customer else None,
        pii_examples=len(pii_posts),
        pii_micro_f1=pii_micro,
        pii_real_examples=len(real),
        pii_real_micro_f1=real_micro,
        notes=notes,
        model=str(model_dir), complaint_examples=len(customer), topic_examples=len(topic_items),
        labels=tuple(labels),
        complaint_macro_f1=_mean(s.f1 for s in labels[:2]),
        topic_macro_f1_core=_mean(topic_scores[n].f1 for n in CORE_TOPICS),
        topic_macro_f1_all=_mean(s.f1 for s in topic_scores.values()),
    )


def cross_validate(*, complaints_csv: Path, recipe_dir: Path, folds: int = 10, seed: int = 0,
                   overrides: Mapping[str, Any] | None = None,
                   progress: Progress | None = None) -> CrossValidation:
    """Stratified k-fold CV of the complaint recipe on the CSV; the mean over folds."""
    show = progress or (lambda _message: None)
    rows = read_complaint_csv(Path(complaints_csv))
    gold_all = [row.complaint for row in rows]
    try:
        splits = stratified_folds(gold_all, folds, seed)
    except ValueError as exc:
        raise CorpusError(f"{complaints_csv}: {exc}") from None
    config = recipe(Path(recipe_dir) / RECIPE, {**dict(overrides or {}),
                                                "paths.complaints": str(complaints_csv)})
    tokenizer = blank()
    results: dict[str, list[float]] = {"accuracy": [], "macro_f1": [], "complaint_f1": [],
                                       "roc_auc": []}
    for fold, held_out in enumerate(splits):
        show(f"fold {fold + 1}/{folds}")
        held = set(held_out)
        pairs = [(row.text, complaint_cats(row.complaint))
                 for index, row in enumerate(rows) if index not in held]
        head = fit_recipe_head(config, COMPLAINT, pairs)
        component = LinearHeads(feature_settings(config), [head])
        texts = [rows[i].text for i in held_out]
        gold = [gold_all[i] for i in held_out]
        docs = component.set_cats([tokenizer.make_doc(text) for text in texts])
        scores = [doc.cats[COMPLAINT] for doc in docs]
        predicted = [int(score >= THRESHOLD) for score in scores]
        positive = prf(gold, predicted)
        negative = prf([1 - g for g in gold], [1 - p for p in predicted])
        results["accuracy"].append(_mean(int(g == p) for g, p in zip(gold, predicted,
                                                                     strict=True)))
        results["macro_f1"].append((positive.f1 + negative.f1) / 2)
        results["complaint_f1"].append(positive.f1)
        results["roc_auc"].append(roc_auc(gold, scores))
    return CrossValidation(folds=folds, **{k: round(_mean(v), 4) for k, v in results.items()})


def _signal_scores(customer: list[CustomerRecord], found: list[Analysis]) -> list[LabelScore]:
    return [
        prf([int(signal.value in r.signals) for r in customer],
            [int(signal in a.signals) for a in found], f"signal:{signal.value}")
        for signal in Signal
    ]


def _request_scores(analyzer: Analyzer, corpus_dir: Path,
                    split: str) -> tuple[list[LabelScore], float | None, int]:
    """Per-kind scores of what agent replies ask for, micro-F1 over all kinds, and how
    many replies were scored."""
    replies = _in_split(read_agent_jsonl, corpus_dir / AGENT_FILE, split)
    if not replies:
        return [], None, 0
    found = analyzer.analyze([r.text for r in replies], role="agent")
    asked = [{request.value for request in a.requests} for a in found]
    scores = [prf([int(kind.value in r.requests) for r in replies],
                  [int(kind.value in a) for a in asked], f"request:{kind.value}")
              for kind in RequestKind]
    micro = prf([int(kind.value in r.requests) for r in replies for kind in RequestKind],
                [int(kind.value in a) for a in asked for kind in RequestKind])
    return scores, micro.f1, len(replies)


class _ComplaintCsv:
    """The complaint CSV that shared labels join on by tweet id: read on first use, once
    for both kinds of shared label, and never for a split without them (so a missing or
    broken CSV does not stop an evaluation that has no use for it)."""

    def __init__(self, path: Path | None) -> None:
        self.path = None if path is None else Path(path)
        self._rows: list[ComplaintRow] | None = None

    def missing(self) -> bool:
        return self.path is None or not self.path.is_file()

    def rows(self, labels_path: Path) -> list[ComplaintRow]:
        """Every row; an error naming the labels file when no CSV was given."""
        if self.path is None:
            raise CorpusError(f"{labels_path} labels tweets of the complaint CSV; "
                              "give its path (--data)")
        if self._rows is None:
            self._rows = read_complaint_csv(self.path)
        return self._rows


def _shared_topic_items(corpus_dir: Path, split: str,
                        tweets: _ComplaintCsv) -> list[tuple[str, tuple[str, ...]]]:
    """(text, topics) of the real tweets of shared_labels.jsonl in the split. Without the
    CSV this is an error: the topic scores would silently change meaning."""
    path = corpus_dir / SHARED_LABELS_FILE
    shared = _in_split(read_shared_labels, path, split)
    return shared_label_texts(shared, tweets.rows(path), path) if shared else []


def _shared_pii_posts(corpus_dir: Path, split: str,
                      tweets: _ComplaintCsv) -> tuple[list[PiiRecord], tuple[str, ...]]:
    """The real tweets of shared_pii_labels.jsonl in the split as PII posts, and a note
    when they are left out because the CSV is not there (the written posts of pii.jsonl
    can still be scored without it, and the note keeps the smaller figure honest)."""
    path = corpus_dir / SHARED_PII_FILE
    shared = _in_split(read_shared_pii_labels, path, split)
    if not shared:
        return [], ()
    if tweets.missing():
        where = "no complaint CSV was given" if tweets.path is None else (
            f"the complaint CSV {tweets.path} is not there")
        return [], (f"{len(shared)} real tweets of {path} were not scored for PII: {where} "
                    "(give it with --data)",)
    return shared_pii_records(shared, tweets.rows(path), path), ()


_Row = TypeVar("_Row", CustomerRecord, AgentRecord, PiiRecord, SharedLabel, SharedPiiLabel)


def _in_split(read: Callable[[Path], list[_Row]], path: Path, split: str) -> list[_Row]:
    """The records of a corpus file in `split` (none when the optional file is absent)."""
    return [r for r in read(path) if r.split == split] if path.is_file() else []


def _pii_scores(posts: list[PiiRecord], found: list[Analysis],
                prefix: str) -> tuple[list[LabelScore], float | None]:
    """Per-label exact-match scores of the PII spans `found` in `posts` (labelled
    `<prefix>:<label>`) and the micro-F1 over all labels; nothing without posts."""
    if not posts:
        return [], None
    predicted = [[(span.label.value, span.start, span.end) for span in a.pii] for a in found]
    scores, micro = span_prf([r.spans for r in posts], predicted, PII_LABELS)
    return [replace(s, label=f"{prefix}:{s.label}") for s in scores], micro.f1


def _mean(values: Any) -> float:
    values = list(values)
    return statistics.fmean(values) if values else 0.0
