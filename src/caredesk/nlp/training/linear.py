"""Fitting a `linear_head.Head`: TF-IDF over the training docs, one logistic regression
per label (scikit-learn, class-balanced, L-BFGS: deterministic for the same data).

The idf is counted here; the feature values come from `linear_head` itself
(`Head.matrix`), so training sees exactly the numbers the component computes at
analysis time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from spacy.tokens import Doc

from caredesk.nlp.errors import CorpusError
from caredesk.nlp.linear_head import Head, Occurrences, bucket_columns, occurrences
from caredesk.nlp.ngram_features import FeatureSettings


@dataclass(frozen=True)
class FitSettings:
    """How a head is fitted: inverse regularisation strength `C`, weighting each label's
    classes by their inverse frequency (`balanced`), and the least number of training
    docs an n-gram must occur in to be kept, per block."""

    C: float = 10.0
    balanced: bool = True
    min_df: tuple[int, int] = (1, 2)
    max_iter: int = 3000
    buckets: int = 2**19


def document_frequency_idf(found: Occurrences, buckets: int,
                           min_df: tuple[int, int]) -> np.ndarray:
    """Per column (word buckets, then character buckets), the smoothed idf of
    scikit-learn's `TfidfVectorizer`, `log((1 + n) / (1 + df)) + 1` with df the training
    docs with an n-gram in the column; 0 where df is below the block's `min_df` (such
    n-grams are ignored)."""
    idf = []
    for block, least in zip(found.blocks, min_df, strict=True):
        distinct = np.unique(block.owners * buckets + bucket_columns(block, buckets))
        df = np.bincount(distinct % buckets, minlength=buckets)  # docs per column
        smooth = np.log((1.0 + found.n_docs) / (1.0 + df)) + 1.0
        idf.append(np.where(df >= least, smooth, 0.0))
    return np.concatenate(idf).astype(np.float32)


def design_matrix(head: Head, found: Occurrences) -> tuple[csr_matrix, np.ndarray]:
    """Docs x features as the component weighs them, and the head's columns they are:
    only columns some training n-gram reached (the rest keep weight 0), so the solver
    works on the ~10^5 columns in use, not on every bucket."""
    used = np.flatnonzero(head.idf)
    return head.matrix(found)[:, used].tocsr(), used


def fit_head(name: str, docs: Sequence[Doc], targets: Any, labels: Sequence[str],
             features: FeatureSettings, fit: FitSettings,
             sample_weight: Sequence[float] | None = None) -> Head:
    """A head predicting each column of `targets` (docs x labels, 0/1) from `docs`, each
    doc counting `sample_weight` times (default once) in the loss."""
    targets = np.asarray(targets)
    if targets.shape != (len(docs), len(labels)):
        raise ValueError(f"targets should be {len(docs)} x {len(labels)}, not {targets.shape}")
    for column, label in enumerate(labels):
        if len(set(targets[:, column].tolist())) < 2:
            raise CorpusError(f"cannot train the {name} head: label {label!r} needs training "
                              "texts with it and texts without it")
    if fit.buckets < 2 or fit.buckets & (fit.buckets - 1):
        raise ValueError(f"buckets must be a power of two, not {fit.buckets}")
    found = occurrences(docs, features)
    idf = document_frequency_idf(found, fit.buckets, fit.min_df)
    unweighted = Head(name=name, labels=tuple(labels), idf=idf,
                      coef=np.zeros((len(idf), 0), dtype=np.float32),
                      intercept=np.zeros(0, dtype=np.float32))
    matrix, used = design_matrix(unweighted, found)
    coef = np.zeros((len(idf), len(labels)), dtype=np.float32)
    intercept = np.zeros(len(labels), dtype=np.float32)
    for column in range(len(labels)):
        model = LogisticRegression(C=fit.C, max_iter=fit.max_iter,
                                   class_weight="balanced" if fit.balanced else None)
        model.fit(matrix, targets[:, column], sample_weight=sample_weight)
        coef[used, column] = model.coef_[0]
        intercept[column] = model.intercept_[0]
    return Head(name=name, labels=tuple(labels), idf=idf, coef=coef, intercept=intercept)
