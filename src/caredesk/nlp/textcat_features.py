"""A bag-of-n-grams text classifier that also sees character n-grams.

spaCy's `TextCatBOW` hashes word n-grams of ORTH only; on short, noisy posts
("sooo disapointed", "#fail", "@Brand") character n-grams carry much of the
signal (they are what lifts TF-IDF + logistic regression above a word-only model).
`caredesk.TextCatCharBOW.v1` is TextCatBOW with two changes:

- word n-grams (1..`ngram_size`) of the lower-cased form (LOWER), and
- character n-grams (`char_min`..`char_max`) of the lower-cased text padded with
  a space, hashed with numpy (a polynomial hash, the same in every process).

Each text's feature counts are scaled by 1/sqrt(number of features), so long and
short posts weigh alike. Everything else (SparseLinear, the resizable output, the
softmax/logistic layer) is spaCy's own, so the `textcat` and `textcat_multilabel`
components train, save and load it like TextCatBOW.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import numpy as np
from spacy.attrs import LOWER
from spacy.ml.models.textcat import resize_and_set_ref
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import (
    Logistic,
    Model,
    NumpyOps,
    SparseLinear_v2,
    chain,
    resizable,
    softmax_activation,
)
from thinc.layers.resizable import resize_linear_weighted

from caredesk.nlp.rules import doc_text

ARCHITECTURE = "caredesk.TextCatCharBOW.v1"
NEG_VALUE = -5000
_PRIME = np.uint64(1_000_003)
_NUMPY_OPS = NumpyOps()


def char_ngram_keys(text: str, low: int, high: int) -> np.ndarray:
    """uint64 hashes of every character n-gram (low <= n <= high) of ` text `.

    The one-text case of `_batch_char_keys`, which is what the model runs."""
    return _batch_char_keys([text], low, high)[0]


def _batch_word_keys(docs: list[Doc], ngram_size: int) -> tuple[np.ndarray, np.ndarray]:
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


def _batch_char_keys(texts: list[str], low: int, high: int) -> tuple[np.ndarray, np.ndarray]:
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


def _features_forward(model: Model, docs: list[Doc], is_train: bool) -> Any:
    """Hashed features of a batch, grouped by doc, as SparseLinear takes them."""
    low, high = model.attrs["char_min"], model.attrs["char_max"]
    keys, owners = _batch_word_keys(docs, model.attrs["ngram_size"])
    if high >= low > 0 and docs:
        char_keys, char_owners = _batch_char_keys([doc_text(doc) for doc in docs], low, high)
        keys = np.concatenate([keys, char_keys])
        owners = np.concatenate([owners, char_owners])
    # SparseLinear takes each doc's features as one run, so group by doc (a stable radix
    # sort on int16). Repeated keys stay as separate entries: SparseLinear adds them up,
    # which gives the same sums as merging them into counts, without a sort by key.
    small = owners.astype(np.int16) if len(docs) < 2**15 else owners
    order = np.argsort(small, kind="stable")
    owners = owners[order]
    keys = keys[order]
    lengths = np.bincount(owners, minlength=len(docs))
    vals = (1.0 / np.sqrt(np.maximum(lengths, 1)))[owners]
    lengths = lengths.astype("int32")
    return (keys, model.ops.asarray(vals, dtype="f"), model.ops.asarray(lengths, dtype="int32")), \
        lambda d_output: []


@registry.architectures(ARCHITECTURE)
def build_char_bow_classifier(exclusive_classes: bool, ngram_size: int = 2, char_min: int = 2,
                              char_max: int = 5, length: int = 1_048_576,
                              nO: int | None = None) -> Model:
    features: Model = Model("caredesk_ngram_features", _features_forward,
                            attrs={"ngram_size": ngram_size, "char_min": char_min,
                                   "char_max": char_max})
    sparse_linear = SparseLinear_v2(nO=nO, length=2 ** (length - 1).bit_length())
    resizable_layer = resizable(sparse_linear, resize_layer=partial(
        resize_linear_weighted, fill_defaults={"b": NEG_VALUE, "W": 0}))
    output_layer = softmax_activation() if exclusive_classes else Logistic()
    model = chain(chain(features, resizable_layer), output_layer)
    if nO is not None:
        model.set_dim("nO", nO)
    model.set_ref("output_layer", sparse_linear)
    model.attrs["multi_label"] = not exclusive_classes
    model.attrs["resize_output"] = partial(resize_and_set_ref,
                                           resizable_layer=resizable_layer)
    return model
