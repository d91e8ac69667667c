"""Precision/recall/F1, ROC AUC and stratified folds against hand-computed cases."""

from __future__ import annotations

import numpy as np
import pytest

from caredesk.nlp.training.metrics import prf, roc_auc, span_prf, stratified_folds


@pytest.mark.parametrize(
    ("gold", "scores", "expected"),
    [
        ([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9], 1.0),  # perfect ranking
        ([0, 0, 1, 1], [0.9, 0.8, 0.2, 0.1], 0.0),  # reversed
        ([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5], 0.5),  # all tied: ties count half
        # pairs (pos, neg): (0.35 > 0.1) (0.35 < 0.4) (0.8 > 0.1) (0.8 > 0.4): 3/4
        ([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], 0.75),
        # one tie among 2x2 pairs: (0.5 vs 0.5) counts half, the other three win: 3.5/4
        ([0, 0, 1, 1], [0.2, 0.5, 0.5, 0.9], 0.875),
        # 1 positive, 3 negatives, beats two of them: 2/3
        ([0, 1, 0, 0], [0.1, 0.5, 0.7, 0.3], 2 / 3),
    ],
)
def test_roc_auc_hand_computed(gold: list[int], scores: list[float], expected: float) -> None:
    assert roc_auc(gold, scores) == pytest.approx(expected)


def test_roc_auc_needs_both_classes() -> None:
    with pytest.raises(ValueError, match="positive and one negative"):
        roc_auc([1, 1], [0.2, 0.3])


def test_prf_hand_computed() -> None:
    # tp=2 fp=1 fn=1
    score = prf([1, 1, 1, 0, 0], [1, 1, 0, 1, 0], "x")
    assert (score.precision, score.recall, score.support) == (pytest.approx(2 / 3),
                                                              pytest.approx(2 / 3), 3)
    assert score.f1 == pytest.approx(2 / 3)
    assert prf([0, 0], [0, 0]).f1 == 0.0  # undefined counts as 0, not a crash


def _by_label(gold: list, predicted: list) -> dict:
    scores, micro = span_prf(gold, predicted, ["PHONE", "EMAIL"])
    return {s.label: s for s in [*scores, micro]}


def test_span_prf_exact_match_is_a_hit() -> None:
    scores = _by_label([[("PHONE", 3, 16)], []], [[("PHONE", 3, 16)], []])
    assert (scores["PHONE"].precision, scores["PHONE"].recall, scores["PHONE"].support) == (
        1.0, 1.0, 1)
    assert scores["micro"].f1 == 1.0
    assert scores["EMAIL"].f1 == 0.0 and scores["EMAIL"].support == 0


def test_span_prf_partial_overlap_is_a_miss_and_a_false_positive() -> None:
    scores = _by_label([[("PHONE", 3, 16)]], [[("PHONE", 3, 12)]])
    assert (scores["PHONE"].precision, scores["PHONE"].recall) == (0.0, 0.0)
    assert scores["PHONE"].support == 1


def test_span_prf_label_mismatch_counts_against_both_labels() -> None:
    scores = _by_label([[("PHONE", 0, 11)]], [[("EMAIL", 0, 11)]])
    assert scores["PHONE"].recall == 0.0 and scores["PHONE"].support == 1
    assert scores["EMAIL"].precision == 0.0 and scores["EMAIL"].support == 0
    assert scores["micro"].f1 == 0.0


def test_span_prf_micro_pools_the_counts() -> None:
    # PHONE: tp=1 fn=1; EMAIL: tp=1 fp=1 -> micro tp=2 fp=1 fn=1
    gold = [[("PHONE", 0, 5), ("EMAIL", 10, 20)], [("PHONE", 1, 4)]]
    found = [[("PHONE", 0, 5), ("EMAIL", 10, 20), ("EMAIL", 30, 40)], []]
    scores = _by_label(gold, found)
    assert scores["PHONE"].recall == 0.5 and scores["EMAIL"].precision == 0.5
    assert scores["micro"].precision == pytest.approx(2 / 3)
    assert scores["micro"].recall == pytest.approx(2 / 3)
    assert scores["micro"].support == 3
    with pytest.raises(ValueError, match="differ in length"):
        span_prf([[]], [], ["PHONE"])


def test_stratified_folds_partition_and_balance() -> None:
    labels = [1] * 30 + [0] * 70
    folds = stratified_folds(labels, 10, seed=0)
    everything = np.concatenate(folds)
    assert sorted(everything.tolist()) == list(range(100))
    for fold in folds:
        assert len(fold) == 10
        assert sum(labels[i] for i in fold) == 3
    again = stratified_folds(labels, 10, seed=0)
    assert all((a == b).all() for a, b in zip(folds, again, strict=True))
    other = stratified_folds(labels, 10, seed=1)
    assert any((a != b).any() for a, b in zip(folds, other, strict=True))


def test_stratified_folds_refuse_too_few() -> None:
    with pytest.raises(ValueError, match="at least 3 examples of each class"):
        stratified_folds([1, 1, 0, 0, 0, 0], 3)
