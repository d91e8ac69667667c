"""Scores for classifiers, numpy only: precision/recall/F1, ROC AUC, stratified folds,
and exact-match span scores for the PII labels."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class LabelScore:
    label: str
    precision: float
    recall: float
    f1: float
    support: int
    """How many gold positives the label has in the evaluated set."""


def prf(gold: Sequence[int], predicted: Sequence[int], label: str = "") -> LabelScore:
    """Precision, recall and F1 of the positive class (0.0 where undefined)."""
    y = np.asarray(gold, dtype=bool)
    p = np.asarray(predicted, dtype=bool)
    if y.shape != p.shape:
        raise ValueError("gold and predicted differ in length")
    return _from_counts(label, int(np.sum(y & p)), int(np.sum(~y & p)), int(np.sum(y & ~p)))


Span = tuple[str, int, int]
"""(label, start, end): character offsets into the text."""


def span_prf(gold: Sequence[Iterable[Span]], predicted: Sequence[Iterable[Span]],
             labels: Sequence[str]) -> tuple[list[LabelScore], LabelScore]:
    """Per-label scores of predicted spans against gold spans, one collection of each per
    text, and the micro-average over all labels (label "micro").

    Only an exact match of label, start and end is a hit. A span that overlaps a gold one
    but is cut short, runs on, or has another label counts as a false positive *and* a
    miss: masking that leaves half a card number showing has not masked it."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted differ in length")
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for gold_spans, found_spans in zip(gold, predicted, strict=True):
        expected, found = set(gold_spans), set(found_spans)
        tp.update(label for label, _, _ in expected & found)
        fp.update(label for label, _, _ in found - expected)
        fn.update(label for label, _, _ in expected - found)
    scores = [_from_counts(label, tp[label], fp[label], fn[label]) for label in labels]
    micro = _from_counts("micro", tp.total(), fp.total(), fn.total())
    return scores, micro


def _from_counts(label: str, tp: int, fp: int, fn: int) -> LabelScore:
    """Precision, recall and F1 from counts; 0.0 where a ratio is undefined."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return LabelScore(label, precision, recall, f1, tp + fn)


def roc_auc(gold: Sequence[int], scores: Sequence[float]) -> float:
    """Area under the ROC curve: the chance a random positive outscores a random negative
    (ties count half), by the Mann-Whitney rank sum with average ranks for ties."""
    y = np.asarray(gold, dtype=bool)
    s = np.asarray(scores, dtype=float)
    if y.shape != s.shape:
        raise ValueError("gold and scores differ in length")
    n_pos = int(y.sum())
    n_neg = len(y) - n_pos
    if n_pos == 0 or n_neg == 0:
        raise ValueError("ROC AUC needs at least one positive and one negative example")
    order = np.argsort(s, kind="mergesort")
    sorted_scores = s[order]
    ranks = np.empty(len(s), dtype=float)
    # Average rank (1-based) over each run of tied scores.
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_scores)) + 1]
    ends = np.r_[starts[1:], len(s)]
    for start, end in zip(starts, ends, strict=True):
        ranks[order[start:end]] = (start + 1 + end) / 2
    rank_sum = ranks[y].sum()
    return float((rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def stratified_folds(labels: Sequence[int], k: int, seed: int = 0) -> list[np.ndarray]:
    """`k` disjoint index arrays covering every example, each class spread evenly.

    Within each class the indices are shuffled with `seed`, then dealt out in turn,
    continuing the deal across classes so fold sizes differ by at most one."""
    y = np.asarray(labels)
    if k < 2:
        raise ValueError("cross-validation needs at least 2 folds")
    classes, counts = np.unique(y, return_counts=True)
    if len(y) < k or counts.min() < k:
        raise ValueError(f"{k} folds need at least {k} examples of each class "
                         f"(the smallest class has {int(counts.min())})")
    rng = np.random.default_rng(seed)
    members: list[list[int]] = [[] for _ in range(k)]
    dealt = 0
    for cls in classes:
        indices = rng.permutation(np.flatnonzero(y == cls))
        for index in indices:
            members[dealt % k].append(int(index))
            dealt += 1
    return [np.sort(np.asarray(fold, dtype=int)) for fold in members]
