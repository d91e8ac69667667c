"""The linear heads: TF-IDF features as scikit-learn computes them, fitting, saving, loading."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import spacy
from sklearn.linear_model import LogisticRegression

from caredesk.nlp import pipeline  # noqa: F401  (registers the tokenizer and factories)
from caredesk.nlp.errors import CorpusError
from caredesk.nlp.linear_head import COMPONENT, Head, LinearHeads, Occurrences, occurrences
from caredesk.nlp.ngram_features import BlockKeys, FeatureSettings, char_ngram_keys
from caredesk.nlp.tokenizer import TOKENIZER_NAME
from caredesk.nlp.training.linear import (
    FitSettings,
    design_matrix,
    document_frequency_idf,
    fit_head,
)

TEXTS = [
    ("you rang me at 7am on a sunday to sell me a contract", [0, 1]),
    ("sales calls every evening although I opted out", [0, 1]),
    ("stop texting me offers, I said no marketing", [0, 1]),
    ("the shop read my address out to the whole queue", [1, 0]),
    ("my bill was sent to my ex with my new address on it", [1, 0]),
    ("who gave my number to a claims company", [1, 1]),
    ("no signal at home since Monday", [0, 0]),
    ("thanks for sorting my upgrade so quickly", [0, 0]),
]
LABELS = ("privacy", "unwanted_contact")
SETTINGS = FeatureSettings(ngram_size=2, char_min=2, char_max=4)
FIT = FitSettings(C=10.0, min_df=(1, 1), buckets=2**16)


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}})


@pytest.fixture(scope="module")
def head(nlp: spacy.language.Language) -> Head:
    docs = [nlp.make_doc(text) for text, _ in TEXTS]
    return fit_head("topics", docs, np.array([y for _, y in TEXTS]), LABELS, SETTINGS, FIT)


def found(word: list[list[int]], char: list[list[int]]) -> Occurrences:
    """Occurrences from each doc's word keys and character keys."""
    def block(per_doc: list[list[int]]) -> BlockKeys:
        keys = np.array([key for doc in per_doc for key in doc], dtype=np.uint64)
        return BlockKeys(keys, np.cumsum([0] + [len(doc) for doc in per_doc]))
    return Occurrences((block(word), block(char)))


def test_occurrences_are_grouped_by_doc(nlp) -> None:
    texts = ["no signal", "", "hi", "no signal at all 📵"]
    got = occurrences([nlp.make_doc(text) for text in texts], SETTINGS)
    word, char = got.blocks
    assert got.n_docs == 4
    assert word.indptr.tolist()[:4] == [0, 3, 3, 4]  # no, signal, "no signal"; none; hi
    assert char.indptr[2] - char.indptr[1] == 1  # the empty doc: only "  ", its padding
    for number, text in enumerate(texts):
        own = char.keys[char.indptr[number] : char.indptr[number + 1]]
        assert sorted(own.tolist()) == sorted(char_ngram_keys(text, 2, 4).tolist())
    assert word.owners.tolist() == [0, 0, 0, 2] + [3] * 9


def test_idf_counts_documents_not_occurrences() -> None:
    # word key 7 three times in doc 0 and once in doc 1; word key 9 once in doc 1;
    # character key 7 once in doc 1
    occ = found(word=[[7, 7, 7], [7, 9]], char=[[], [7]])
    idf = document_frequency_idf(occ, buckets=16, min_df=(1, 1))
    # scikit-learn's smooth idf: log((1 + n) / (1 + df)) + 1; unreached columns 0;
    # character buckets come after the 16 word buckets
    assert idf[7] == pytest.approx(np.log(3 / 3) + 1)
    assert idf[9] == pytest.approx(np.log(3 / 2) + 1)
    assert idf[16 + 7] == pytest.approx(np.log(3 / 2) + 1)
    assert np.count_nonzero(idf) == 3
    assert np.flatnonzero(document_frequency_idf(occ, 16, min_df=(2, 1))).tolist() == [7, 23]
    # the hashing trick: key 7 + 16 lands in bucket 7
    assert np.flatnonzero(document_frequency_idf(found([[23]], [[]]), 16, (1, 1))) == [7]


def test_each_occurrence_is_worth_its_idf_and_each_block_has_unit_length() -> None:
    idf = np.zeros(32, dtype=np.float32)
    idf[7], idf[9], idf[16 + 3] = 1.0, 2.0, 3.0
    head = Head(name="h", labels=("x",), idf=idf, coef=np.zeros((32, 1), "f"),
                intercept=np.zeros(1, "f"))
    # doc 0: word key 7 twice, 9 once, 5 (never seen in training: idf 0), character key 3;
    # doc 1: word key 9
    matrix = head.matrix(found(word=[[7, 7, 9, 5], [9]], char=[[3], []]))
    dense = matrix.toarray()
    assert dense[0, 7] == pytest.approx(2 / 6**0.5) and dense[0, 9] == pytest.approx(2 / 6**0.5)
    assert dense[0, 5] == 0.0 and dense[0, 16 + 3] == pytest.approx(1.0)
    assert dense[1, 9] == pytest.approx(1.0)


def test_head_gives_what_scikit_learn_gives_on_the_same_matrix(nlp, head) -> None:
    # Refit one label with scikit-learn on the matrix training builds: the component must
    # give the same probabilities at analysis time.
    docs = [nlp.make_doc(text) for text, _ in TEXTS]
    matrix, _used = design_matrix(head, occurrences(docs, SETTINGS))
    target = np.array([y[0] for _, y in TEXTS])
    expected = LogisticRegression(C=10.0, max_iter=3000, class_weight="balanced").fit(
        matrix, target).predict_proba(matrix)[:, 1]
    got = LinearHeads(SETTINGS, [head]).set_cats(docs)
    assert [doc.cats["privacy"] for doc in got] == pytest.approx(expected, abs=1e-5)


def test_heads_scored_together_give_each_head_its_own_product(nlp, head) -> None:
    # The component sums idf * weight and idf^2 for all heads of one size in one product;
    # each head must still get logistic(matrix @ coef + intercept) of its own matrix.
    docs = [nlp.make_doc(text) for text, _ in TEXTS] + [nlp.make_doc("")]
    rng = np.random.default_rng(0)
    binary = Head(name="complaint", labels=("complaint",), idf=head.idf[::-1].copy(),
                  coef=rng.normal(size=(len(head.idf), 1)).astype("f"),
                  intercept=np.array([0.3], "f"))
    small = Head(name="small", labels=("a", "b", "c"), idf=head.idf[: len(head.idf) // 2],
                 coef=rng.normal(size=(len(head.idf) // 2, 3)).astype("f"),
                 intercept=np.zeros(3, "f"))
    got = LinearHeads(SETTINGS, [head, binary, small]).set_cats(docs)
    for each in (head, binary, small):
        found_docs = occurrences(docs, SETTINGS)
        expected = 1 / (1 + np.exp(-(each.matrix(found_docs) @ each.coef + each.intercept)))
        for doc, row in zip(got, expected, strict=True):
            assert [doc.cats[label] for label in each.labels] == pytest.approx(row, abs=1e-5)


def test_component_scores_new_text_and_empty_text(nlp, head) -> None:
    component = LinearHeads(SETTINGS, [head])
    docs = component.set_cats([nlp.make_doc("they keep ringing me to sell me stuff"),
                               nlp.make_doc("")])
    assert set(docs[0].cats) == set(LABELS)
    assert docs[0].cats["unwanted_contact"] > docs[0].cats["privacy"]
    # no known n-gram: the intercepts alone, still a probability
    assert all(0.0 < score < 1.0 for score in docs[1].cats.values())


def test_saved_heads_load_the_same_and_save_byte_identical(nlp, head, tmp_path: Path) -> None:
    component = LinearHeads(SETTINGS, [head])
    component.to_disk(tmp_path / "a")
    component.to_disk(tmp_path / "b")
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert "heads.json" in files and sum((tmp_path / "a" / n).stat().st_size for n in files) < 1e6
    assert all((tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
               for name in files)
    loaded = LinearHeads(SETTINGS).from_disk(tmp_path / "a")
    loaded.to_disk(tmp_path / "c")  # loaded heads are kept compact; they save the same bytes
    assert all((tmp_path / "a" / name).read_bytes() == (tmp_path / "c" / name).read_bytes()
               for name in files)
    assert np.array_equal(loaded.heads[0].idf, head.idf)
    assert np.array_equal(loaded.heads[0].coef, head.coef)
    text = "who sold my details to the people who keep calling"
    assert loaded.set_cats([nlp.make_doc(text)])[0].cats == \
        component.set_cats([nlp.make_doc(text)])[0].cats


def test_pipeline_with_the_component_round_trips(nlp, head, tmp_path: Path) -> None:
    whole = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}})
    whole.add_pipe(COMPONENT, config={"char_max": 4}).heads = (head,)
    whole.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    text = "stop calling me"
    assert loaded(text).cats == pytest.approx(whole(text).cats)
    first, _second = loaded.pipe([text, "thanks"], batch_size=1)
    assert first.cats == pytest.approx(whole(text).cats)


def test_a_label_without_positives_is_a_clear_error(nlp) -> None:
    docs = [nlp.make_doc(text) for text, _ in TEXTS]
    targets = np.zeros((len(docs), 1), dtype=int)
    with pytest.raises(CorpusError, match="'blocking' needs training texts with it"):
        fit_head("topics", docs, targets, ("blocking",), SETTINGS, FIT)
