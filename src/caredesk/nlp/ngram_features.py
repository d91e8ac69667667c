"""The n-grams the linear heads see, hashed to 64-bit keys that are the same in every process.

Two blocks per text:

- word 1..`ngram_size`-grams of the lower-cased tokens (spaCy's LOWER hashes, joined
  by thinc's `ops.ngrams`), and
- character `char_min`..`char_max`-grams of the lower-cased text padded with a space
  (a polynomial hash in numpy): on short, noisy posts ("sooo disapointed", "#fail")
  they carry much of the signal.

Both are computed for a whole batch at once, so the per-post cost is a few numpy
passes, and come out grouped by doc, as the rows of a CSR matrix are: the heads
build their matrices from them without a sort.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc
from thinc.api import NumpyOps

from caredesk.nlp.rules import doc_attrs, doc_text

_PRIME = np.uint64(1_000_003)
_NUMPY_OPS = NumpyOps()


@dataclass(frozen=True)
class FeatureSettings:
    ngram_size: int = 2
    char_min: int = 2
    char_max: int = 5


@dataclass(frozen=True)
class BlockKeys:
    """Every n-gram occurrence of one block in a batch, grouped by doc: doc i's keys are
    `keys[indptr[i]:indptr[i + 1]]`."""

    keys: np.ndarray  # uint64
    indptr: np.ndarray  # int64, one more than there are docs

    @property
    def n_docs(self) -> int:
        return len(self.indptr) - 1

    @property
    def owners(self) -> np.ndarray:
        """The index of each key's doc (ascending)."""
        return np.repeat(np.arange(self.n_docs, dtype=np.int64), np.diff(self.indptr))


def batch_features(docs: Sequence[Doc], settings: FeatureSettings) -> tuple[BlockKeys, BlockKeys]:
    """The word and character n-gram occurrences of a batch of docs, in that order."""
    word = batch_word_keys(list(docs), settings.ngram_size)
    char = batch_char_keys([doc_text(doc) for doc in docs], settings.char_min, settings.char_max)
    return word, char


def char_ngram_keys(text: str, low: int, high: int) -> np.ndarray:
    """uint64 hashes of every character n-gram (low <= n <= high) of ` text `.

    The one-text case of `batch_char_keys`, which is what the model runs."""
    return batch_char_keys([text], low, high).keys


def batch_word_keys(docs: list[Doc], ngram_size: int) -> BlockKeys:
    """Word 1..`ngram_size`-gram keys of every doc's LOWER (`rules.doc_attrs`).

    thinc's `ops.ngrams` hashes n consecutive keys; run once over all docs joined, it
    gives each doc's own n-grams plus ones that span two docs, which are dropped."""
    arrays = [doc_attrs(doc)[:, 0] for doc in docs]
    unigrams = np.concatenate([*arrays, np.zeros(0, dtype=np.uint64)]).astype(np.uint64)
    lengths = np.array([len(array) for array in arrays], dtype=np.int64)
    grams = np.zeros((len(unigrams), ngram_size), dtype=np.uint64)
    grams[:, 0] = unigrams
    for n in range(2, min(ngram_size, len(unigrams)) + 1):
        grams[: len(unigrams) - n + 1, n - 1] = _NUMPY_OPS.ngrams(n, unigrams)
    return _grouped(grams, lengths, low=1)


def batch_char_keys(texts: list[str], low: int, high: int) -> BlockKeys:
    """`char_ngram_keys` of every text at once.

    The padded texts are joined with a separator and hashed in one numpy pass per n,
    each n's hashes from the last's: h(n+1)[p] = h(n)[p] * P + P^(n+1) + code[p + n],
    which equals hashing the n+1 codes from the seed n+1. n-grams that would cross
    from one text into the next are dropped."""
    padded = [f" {text.lower()} " for text in texts]
    codes = np.frombuffer("\x00".join(padded).encode("utf-32-le"), dtype=np.uint32)
    codes = codes.astype(np.uint64)
    lengths = np.array([len(text) for text in padded], dtype=np.int64)
    grams = np.zeros((len(codes) + 1, max(high - low + 1, 0)), dtype=np.uint64)
    if low <= len(codes) and high >= low:
        hashed = np.full(len(codes) - low + 1, np.uint64(low), dtype=np.uint64)
        for offset in range(low):
            hashed = hashed * _PRIME + codes[offset : offset + len(hashed)]
        grams[: len(hashed), 0] = hashed
        for n in range(low + 1, min(high, len(codes)) + 1):
            power = np.uint64(pow(int(_PRIME), n, 2**64))  # wraps as uint64 arithmetic does
            hashed = hashed[:-1] * _PRIME + power + codes[n - 1 :]
            grams[: len(hashed), n - low] = hashed
    # the separator after each text stands where the next text's n-grams would start
    return _grouped(grams, lengths, low=low, gap=1)


def _grouped(grams: np.ndarray, lengths: np.ndarray, *, low: int, gap: int = 0) -> BlockKeys:
    """The valid n-grams of `grams` (position x size, sizes low, low+1, ...) in position
    order, which is doc order: the n-gram of size n at a position is valid when n
    units remain in its doc from there. Docs are `lengths` units long, `gap` apart."""
    sizes = np.arange(low, low + grams.shape[1], dtype=np.int64)
    if not len(lengths):
        return BlockKeys(np.zeros(0, dtype=np.uint64), np.zeros(1, dtype=np.int64))
    ends = np.repeat(np.cumsum(lengths + gap) - gap, lengths + gap)  # each unit's doc end
    remaining = ends - np.arange(len(ends), dtype=np.int64)
    valid = remaining[:, None] >= sizes[None, :]
    counts = np.maximum(lengths[:, None] - sizes[None, :] + 1, 0).sum(axis=1)
    indptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    return BlockKeys(grams[: len(ends)][valid], indptr)
