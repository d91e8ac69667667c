"""Linear classifiers over TF-IDF weighted word and character n-grams.

On short, noisy posts a logistic regression over TF-IDF n-grams generalises
better than spaCy's bag-of-words textcat (whose features are raw counts and whose
loss does not weigh rare topics up), and better than hand-written topic rules on
posts by writers the rules were not written for (models/README.md). This module
is what runs at analysis time; `caredesk.nlp.training.linear` fits the weights
with scikit-learn.

Features come in two blocks (`ngram_features`): word n-grams and character
n-grams, hashed to 64-bit keys. Each key falls in a bucket (key modulo the number
of buckets, a power of two: the hashing trick, so there is no vocabulary to look
up). Each occurrence of an n-gram is worth its bucket's idf; each doc's values in
each block are divided by the root of their sum of squares, so each block has
about unit length (exactly, when no n-gram repeats; counting repeats would need a
sort per batch). Buckets no training n-gram reached have idf 0 and weigh nothing.
Each label has its own weights and intercept, and its probability is the logistic
of the weighted sum: labels are independent (multi-label); a binary head is one label.

`LinearHeads` is the spaCy component: several heads over one pass over the
n-grams, each writing its labels' probabilities to `doc.cats`, which `Analyzer`
reads for whatever the rule components left unset.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse import hstack as sparse_hstack
from spacy.language import Language
from spacy.tokens import Doc

from caredesk.nlp.ngram_features import BlockKeys, FeatureSettings, batch_features

COMPONENT = "caredesk_linear_heads"
INDEX_FILE = "heads.json"
_TINY = 1e-12
"""The least norm divided by: a block with no known n-gram is all zeros, not NaN."""


@dataclass(frozen=True)
class Occurrences:
    """Every n-gram occurrence of a batch of docs, one `BlockKeys` per block (0 word,
    1 character), each grouped by doc."""

    blocks: tuple[BlockKeys, ...]

    @property
    def n_docs(self) -> int:
        return self.blocks[0].n_docs


def occurrences(docs: Sequence[Doc], settings: FeatureSettings) -> Occurrences:
    """The n-gram occurrences of `docs`, computed once and shared by every head."""
    return Occurrences(batch_features(docs, settings))


def bucket_columns(block: BlockKeys, buckets: int) -> np.ndarray:
    """Each occurrence's bucket: its key modulo `buckets` (a power of two)."""
    return (block.keys & np.uint64(buckets - 1)).astype(np.int64)


class Head:
    """Independent logistic regressions for `labels`.

    Built from dense arrays, as training gives them: `idf` and the rows of `coef` hold
    the word block's buckets, then the character block's (2 x buckets entries). Kept
    compact: only the columns some training n-gram reached (idf > 0; about 40% of them
    in the shipped model) with their idf and weights, so a loaded model holds no
    zeros. `idf` and `coef` give the dense arrays back when asked for."""

    def __init__(self, name: str, labels: Sequence[str], idf: np.ndarray, coef: np.ndarray,
                 intercept: np.ndarray) -> None:
        used = np.flatnonzero(idf)
        self._set(name, labels, len(idf) // 2, used, idf[used], coef[used], intercept)

    @classmethod
    def compact(cls, name: str, labels: Sequence[str], buckets: int, used: np.ndarray,
                used_idf: np.ndarray, used_coef: np.ndarray, intercept: np.ndarray) -> Head:
        """A head from its used columns (ascending) and their idf and weights."""
        head = cls.__new__(cls)
        head._set(name, labels, buckets, used, used_idf, used_coef, intercept)
        return head

    def _set(self, name: str, labels: Sequence[str], buckets: int, used: np.ndarray,
             used_idf: np.ndarray, used_coef: np.ndarray, intercept: np.ndarray) -> None:
        self.name, self.labels, self.buckets = name, tuple(labels), buckets
        self.used = np.asarray(used, dtype=np.int64)
        self.used_idf = np.asarray(used_idf, dtype=np.float32)
        coef = np.asarray(used_coef, dtype=np.float32)
        self.used_coef = coef[:, None] if coef.ndim == 1 else coef
        self.intercept = np.asarray(intercept, dtype=np.float32)

    @property
    def idf(self) -> np.ndarray:
        """float32, 2 x buckets (0 where no training n-gram fell)."""
        dense = np.zeros(2 * self.buckets, dtype=np.float32)
        dense[self.used] = self.used_idf
        return dense

    @property
    def coef(self) -> np.ndarray:
        """float32, (2 x buckets) x labels."""
        dense = np.zeros((2 * self.buckets, self.used_coef.shape[1]), dtype=np.float32)
        dense[self.used] = self.used_coef
        return dense

    def matrix(self, found: Occurrences) -> csr_matrix:
        """Docs x columns, the values as the module docstring says (repeats not merged:
        a product with the matrix sums them). Training fits on this matrix; analysis
        computes the same products without building it (`_HeadStack`)."""
        parts = []
        dense_idf = self.idf
        for number, block in enumerate(found.blocks):
            idf = dense_idf[number * self.buckets : (number + 1) * self.buckets]
            columns = bucket_columns(block, self.buckets)
            values = idf[columns].astype(np.float64)
            owners = block.owners  # derived from indptr on each access: read it once
            norms = np.sqrt(np.bincount(owners, weights=values * values, minlength=block.n_docs))
            values /= np.maximum(norms, _TINY)[owners]
            parts.append(csr_matrix((values.astype(np.float32), columns, block.indptr),
                                    shape=(block.n_docs, self.buckets)))
        return sparse_hstack(parts, format="csr")


class _HeadStack:
    """Heads of one bucket count, evaluated together for speed.

    For one block of one doc, a head's logit is sum(idf[c] * coef[c]) / sqrt(sum(idf[c]^2))
    over the doc's occurrences c, the matrix product above with the idf and the norm
    taken out of the sum. So one sparse matrix of occurrence counts, times one dense
    matrix with every head's idf * coef and idf^2 as columns, gives every head's
    numerators and squared norms at once. The dense matrix has a row only for the
    columns some head uses (`rows` maps each of the 2 x buckets columns to its row, the
    rest to a last row of zeros), so unused buckets cost no memory."""

    def __init__(self, heads: Sequence[Head]) -> None:
        self.heads = tuple(heads)
        self.buckets = heads[0].buckets
        self.widths = [len(head.labels) for head in heads]
        labels = sum(self.widths)
        used = np.unique(np.concatenate([head.used for head in heads]))
        self.rows = np.full(2 * self.buckets, len(used), dtype=np.int32)
        self.rows[used] = np.arange(len(used), dtype=np.int32)
        self.weights = np.zeros((len(used) + 1, labels + len(heads)), dtype=np.float32)
        start = 0
        for index, (head, width) in enumerate(zip(heads, self.widths, strict=True)):
            at = self.rows[head.used]
            idf = head.used_idf[:, None]
            self.weights[at, start : start + width] = idf * head.used_coef
            self.weights[at, labels + index] = head.used_idf * head.used_idf
            start += width

    def predict(self, found: Occurrences) -> list[np.ndarray]:
        """Each head's probabilities, docs x labels."""
        labels = sum(self.widths)
        logits = [np.tile(head.intercept.astype(np.float64), (found.n_docs, 1))
                  for head in self.heads]
        for number, block in enumerate(found.blocks):
            columns = bucket_columns(block, self.buckets) + number * self.buckets
            counts = csr_matrix((np.ones(len(block.keys), dtype=np.float32),
                                 self.rows[columns], block.indptr),
                                shape=(block.n_docs, len(self.weights)))
            sums = (counts @ self.weights).astype(np.float64)
            start = 0
            for index, width in enumerate(self.widths):
                norms = np.sqrt(np.maximum(sums[:, labels + index], 0.0))
                logits[index] += sums[:, start : start + width] / np.maximum(norms, _TINY)[:, None]
                start += width
        return [1.0 / (1.0 + np.exp(-logit)) for logit in logits]


class LinearHeads:
    """The spaCy component: one n-gram pass per batch, every head's labels into doc.cats."""

    def __init__(self, settings: FeatureSettings, heads: Sequence[Head] = ()) -> None:
        self.settings = settings
        self.heads = tuple(heads)

    @property
    def heads(self) -> tuple[Head, ...]:
        return self._heads

    @heads.setter
    def heads(self, heads: Sequence[Head]) -> None:
        self._heads = tuple(heads)
        sizes = sorted({head.buckets for head in self._heads})
        self._stacks = [_HeadStack([head for head in self._heads if head.buckets == size])
                        for size in sizes]
        self._labels = tuple(label for stack in self._stacks for head in stack.heads
                             for label in head.labels)

    def __call__(self, doc: Doc) -> Doc:
        return self.set_cats([doc])[0]

    def pipe(self, docs: Iterable[Doc], batch_size: int = 1000) -> Iterable[Doc]:
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self.set_cats(batch)
                batch = []
        if batch:
            yield from self.set_cats(batch)

    def set_cats(self, docs: list[Doc]) -> list[Doc]:
        if not self._heads or not docs:
            return docs
        found = occurrences(docs, self.settings)
        scores = np.hstack([part for stack in self._stacks for part in stack.predict(found)])
        labels = self._labels
        for doc, row in zip(docs, scores.tolist(), strict=True):
            doc.cats.update(zip(labels, row, strict=True))
        return docs

    def to_disk(self, path: Path, *, exclude: Iterable[str] = ()) -> None:
        """An index of heads, then per head the columns in use with their idf and weights,
        one .npy file each (an .npz would hold timestamps: a retrain must write
        byte-identical files). Unused columns (idf 0, weight 0) are not written."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        index = {head.name: {"labels": list(head.labels), "buckets": head.buckets}
                 for head in self.heads}
        (path / INDEX_FILE).write_text(json.dumps(index, indent=2) + "\n", encoding="utf-8")
        for head in self.heads:
            np.save(path / f"{head.name}.columns.npy", head.used)
            np.save(path / f"{head.name}.idf.npy", head.used_idf)
            np.save(path / f"{head.name}.coef.npy", head.used_coef)
            np.save(path / f"{head.name}.intercept.npy", head.intercept)

    def from_disk(self, path: Path, *, exclude: Iterable[str] = ()) -> LinearHeads:
        path = Path(path)
        index = json.loads((path / INDEX_FILE).read_text(encoding="utf-8"))
        self.heads = tuple(
            Head.compact(name, entry["labels"], entry["buckets"],
                         np.load(path / f"{name}.columns.npy"),
                         np.load(path / f"{name}.idf.npy"), np.load(path / f"{name}.coef.npy"),
                         np.load(path / f"{name}.intercept.npy"))
            for name, entry in index.items())
        return self


@Language.factory(COMPONENT, default_config={"ngram_size": 2, "char_min": 2, "char_max": 5})
def make_linear_heads(nlp: Language, name: str, ngram_size: int, char_min: int,
                      char_max: int) -> LinearHeads:
    return LinearHeads(FeatureSettings(ngram_size, char_min, char_max))
