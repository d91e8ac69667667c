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
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from spacy.language import Language
from spacy.tokens import Doc

from caredesk.nlp.ngram_features import FeatureSettings, batch_features

COMPONENT = "caredesk_linear_heads"
INDEX_FILE = "heads.json"


@dataclass(frozen=True)
class Occurrences:
    """Every n-gram occurrence of a batch of docs, grouped by doc (`indptr`, as in a
    CSR matrix): its key and its block (0 word, 1 character)."""

    keys: np.ndarray  # uint64
    blocks: np.ndarray  # int64, 0 or 1
    owners: np.ndarray  # int64, index of the doc, ascending
    indptr: np.ndarray  # int64, n_docs + 1
    _columns: dict[int, np.ndarray] = field(default_factory=dict, repr=False, compare=False)

    @property
    def n_docs(self) -> int:
        return len(self.indptr) - 1

    def columns(self, buckets: int) -> np.ndarray:
        """The column of each occurrence: its key's bucket, after the word block's
        `buckets` columns when it is a character n-gram. Kept per bucket count, so heads
        of the same size share it."""
        if buckets not in self._columns:
            bucket = (self.keys & np.uint64(buckets - 1)).astype(np.int64)
            self._columns[buckets] = bucket + self.blocks * buckets
        return self._columns[buckets]


def occurrences(docs: Sequence[Doc], settings: FeatureSettings) -> Occurrences:
    """The n-gram occurrences of `docs`, computed once and shared by every head."""
    word, char = batch_features(docs, settings)
    keys = np.concatenate([word.keys, char.keys])
    owners = np.concatenate([word.owners, char.owners])
    blocks = np.concatenate([np.zeros(len(word.keys), np.int64), np.ones(len(char.keys), np.int64)])
    # a stable sort on a small integer type is a radix sort: cheap
    small = owners.astype(np.int16 if len(docs) < 2**15 else np.int64)
    order = np.argsort(small, kind="stable")
    counts = np.bincount(owners, minlength=len(docs))
    indptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    return Occurrences(keys=keys[order], blocks=blocks[order], owners=owners[order],
                       indptr=indptr)


@dataclass(frozen=True)
class Head:
    """Independent logistic regressions for `labels`.

    `idf` and the rows of `coef` hold the word block's buckets, then the character
    block's: 2 x buckets entries."""

    name: str
    labels: tuple[str, ...]
    idf: np.ndarray  # float32, 2 x buckets
    coef: np.ndarray  # float32, (2 x buckets) x labels
    intercept: np.ndarray  # float32, one per label

    @property
    def buckets(self) -> int:
        return len(self.idf) // 2

    def matrix(self, found: Occurrences) -> csr_matrix:
        """Docs x columns, the values as the module docstring says (repeats not merged:
        a product with the matrix sums them)."""
        columns = found.columns(self.buckets)
        values = self.idf[columns].astype(np.float64)
        slots = found.owners * 2 + found.blocks
        norms = np.sqrt(np.bincount(slots, weights=values * values, minlength=2 * found.n_docs))
        values /= np.maximum(norms, 1e-12)[slots]
        return csr_matrix((values.astype(np.float32), columns, found.indptr),
                          shape=(found.n_docs, len(self.idf)))

    def predict(self, found: Occurrences) -> np.ndarray:
        """Probabilities, docs x labels."""
        logits = self.matrix(found) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-logits.astype(np.float64)))


class LinearHeads:
    """The spaCy component: one n-gram pass per batch, every head's labels into doc.cats."""

    def __init__(self, settings: FeatureSettings, heads: Sequence[Head] = ()) -> None:
        self.settings = settings
        self.heads = tuple(heads)

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
        if not self.heads or not docs:
            return docs
        found = occurrences(docs, self.settings)
        for head in self.heads:
            rows = head.predict(found).tolist()
            for doc, row in zip(docs, rows, strict=True):
                doc.cats.update(zip(head.labels, row, strict=True))
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
            used = np.flatnonzero(head.idf)
            np.save(path / f"{head.name}.columns.npy", used)
            np.save(path / f"{head.name}.idf.npy", head.idf[used])
            np.save(path / f"{head.name}.coef.npy", head.coef[used])
            np.save(path / f"{head.name}.intercept.npy", head.intercept)

    def from_disk(self, path: Path, *, exclude: Iterable[str] = ()) -> LinearHeads:
        path = Path(path)
        index = json.loads((path / INDEX_FILE).read_text(encoding="utf-8"))
        heads = []
        for name, entry in index.items():
            used = np.load(path / f"{name}.columns.npy")
            idf = np.zeros(2 * entry["buckets"], dtype=np.float32)
            coef = np.zeros((len(idf), len(entry["labels"])), dtype=np.float32)
            idf[used] = np.load(path / f"{name}.idf.npy")
            coef[used] = np.load(path / f"{name}.coef.npy")
            heads.append(Head(name=name, labels=tuple(entry["labels"]), idf=idf, coef=coef,
                              intercept=np.load(path / f"{name}.intercept.npy")))
        self.heads = tuple(heads)
        return self


@Language.factory(COMPONENT, default_config={"ngram_size": 2, "char_min": 2, "char_max": 5})
def make_linear_heads(nlp: Language, name: str, ngram_size: int, char_min: int,
                      char_max: int) -> LinearHeads:
    return LinearHeads(FeatureSettings(ngram_size, char_min, char_max))
