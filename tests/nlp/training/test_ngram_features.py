"""The character n-gram keys the linear heads hash their features with."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np

from caredesk.nlp.ngram_features import char_ngram_keys


def test_counts_every_ngram_of_the_padded_text() -> None:
    assert len(char_ngram_keys("ab", 2, 2)) == 3  # " a", "ab", "b "
    assert len(char_ngram_keys("ab", 2, 3)) == 3 + 2
    assert len(char_ngram_keys("", 3, 5)) == 0
    assert len(set(char_ngram_keys("abcd", 2, 2).tolist())) == 5


def test_case_insensitive_and_size_aware() -> None:
    assert (char_ngram_keys("NoSignal", 2, 4) == char_ngram_keys("nosignal", 2, 4)).all()
    bigrams = set(char_ngram_keys("abc", 2, 2).tolist())
    trigrams = set(char_ngram_keys("abc", 3, 3).tolist())
    assert not bigrams & trigrams


def test_same_keys_in_another_process() -> None:
    """No salted str hash: a saved model must see the same features after a restart."""
    code = ("from caredesk.nlp.ngram_features import char_ngram_keys; "
            "print(char_ngram_keys('worst service 😡', 2, 5).tolist())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={"PYTHONHASHSEED": "123"})
    assert np.array_equal(np.array(json.loads(out.stdout), dtype=np.uint64),
                          char_ngram_keys("worst service 😡", 2, 5))
