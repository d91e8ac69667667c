"""The n-grams the linear heads see, hashed to 64-bit keys that are the same in every process.

Two blocks per text:

- word 1..`ngram_size`-grams of the lower-cased tokens (spaCy's LOWER hashes, joined
  by thinc's `ops.ngrams`), and
- character `char_min`..`char_max`-grams of the lower-cased text padded with a space
  (a polynomial hash in numpy): on short, noisy posts ("sooo disapointed", "#fail")
  they carry much of the signal.

Both are computed for a whole batch at once, so the per-post cost is a few numpy passes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from spacy.attrs import LOWER
from spacy.tokens import Doc
from thinc.api import NumpyOps

from caredesk.nlp.rules import doc_text

_PRIME = np.uint64(1_000_003)
_NUMPY_OPS = NumpyOps()


@dataclass(frozen=True)
class FeatureSettings:
    ngram_size: int = 2
    char_min: int = 2
    char_max: int = 5


@dataclass(frozen=True)
class BlockKeys:
    """Every n-gram occurrence of one block in a batch: its key and the index of its doc."""

    keys: np.ndarray  # uint64
    owners: np.ndarray  # int64, index into the batch


def batch_features(docs: Sequence[Doc], settings: FeatureSettings) -> tuple[BlockKeys, BlockKeys]:
    """The word and character n-gram occurrences of a batch of docs, in that order."""
    word = BlockKeys(*batch_word_keys(list(docs), settings.ngram_size))
    char = BlockKeys(*batch_char_keys([doc_text(doc) for doc in docs],
                                      settings.char_min, settings.char_max))
    return word, char


def char_ngram_keys(text: str, low: int, high: int) -> np.ndarray:
    """uint64 hashes of every character n-gram (low <= n <= high) of ` text `.

    The one-text case of `batch_char_keys`, which is what the model runs."""
    return batch_char_keys([text], low, high)[0]


def batch_word_keys(docs: list[Doc], ngram_size: int) -> tuple[np.ndarray, np.ndarray]:
    """Word 1..`ngram_size`-gram keys of every doc's LOWER: (keys, index of each key's doc).

    thinc's `ops.ngrams` hashes n consecutive keys; run once over all docs joined, it
    gives each doc's own n-grams plus ones that span two docs, which are dropped."""
    arrays = [doc.to_array(LOWER) for doc in docs]
    unigrams = np.concatenate([*arrays, np.zeros(0, dtype=np.uint64)]).astype(np.uint64)
    owner = np.repeat(np.arange(len(docs), dtype=np.int64), [len(array) for array in arrays])
    keys, owners = [unigrams], [owner]
    for n in range(2, ngram_size + 1):
        if len(unigrams) < n:
            break
        grams = _NUMPY_OPS.ngrams(n, unigrams)
        inside = owner[: len(grams)] == owner[n - 1 :]
        keys.append(grams[inside])
        owners.append(owner[: len(grams)][inside])
    return np.concatenate(keys), np.concatenate(owners)


def batch_char_keys(texts: list[str], low: int, high: int) -> tuple[np.ndarray, np.ndarray]:
    """`char_ngram_keys` of every text at once: (keys, index of the text of each key).

    The padded texts are joined with a separator and hashed in one numpy pass per n;
    n-grams that would cross from one text into the next are dropped."""
    padded = [f" {text.lower()} " for text in texts]
    codes = np.frombuffer("\x00".join(padded).encode("utf-32-le"), dtype=np.uint32)
    codes = codes.astype(np.uint64)
    owner = np.repeat(np.arange(len(padded), dtype=np.int64),
                      [len(text) + 1 for text in padded])[: len(codes)]
    owner[np.cumsum([len(text) + 1 for text in padded])[:-1] - 1] = -1  # the separators
    keys, owners = [], []
    for n in range(low, high + 1):
        count = len(codes) - n + 1
        if count <= 0:
            continue
        hashed = np.full(count, np.uint64(n), dtype=np.uint64)
        for offset in range(n):
            hashed = hashed * _PRIME + codes[offset : offset + count]
        first, last = owner[:count], owner[n - 1 :]
        inside = (first == last) & (first >= 0)
        keys.append(hashed[inside])
        owners.append(first[inside])
    if not keys:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    return np.concatenate(keys), np.concatenate(owners)
