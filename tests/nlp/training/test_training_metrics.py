"""Precision/recall/F1, ROC AUC and stratified folds against hand-computed cases."""

from __future__ import annotations

import numpy as np
import pytest

from caredesk.nlp.training.metrics import prf, roc_auc, stratified_folds


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
