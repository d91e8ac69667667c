"""Training on a tiny corpus: the saved pipeline loads through Analyzer and reads its cats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from caredesk.domain import Analysis, PiiLabel, RequestKind
from caredesk.nlp import Analyzer
from caredesk.nlp.training.corpus import PII_LABELS
from caredesk.nlp.training.evaluate import cross_validate, evaluate_model
from caredesk.nlp.training.train import CAREDESK_VERSION, train_pipeline

QUICK = {"heads.topics.fit.max_iter": 200}


@pytest.fixture(scope="module")
def trained(tiny_data: Path, recipe_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("model") / "triage"
    train_pipeline(recipe_dir=recipe_dir, corpus_dir=tiny_data / "corpus",
                   complaints_csv=tiny_data / "complaints.csv", output_dir=output,
                   topic_source="trained", overrides=QUICK)
    return output


def test_saved_pipeline_loads_through_the_analyzer(trained: Path) -> None:
    analyzer = Analyzer.load(trained)
    assert analyzer.version == CAREDESK_VERSION
    names = analyzer.nlp.pipe_names
    assert "caredesk_linear_heads" in names
    # The rule topic tagger and complaint scorer are replaced by the trained heads.
    assert "caredesk_topics" not in names and "caredesk_complaint" not in names
    meta = json.loads((trained / "meta.json").read_text(encoding="utf-8"))
    # complaint: the 24 CSV tweets + 2 copies of the 11 customer texts in the train split;
    # topics: those 22 customer texts + the 22 CSV tweets shared_labels.jsonl does not name
    assert meta["caredesk_training"]["examples"] == {"complaint": 24 + 22, "topics": 22 + 22}


def test_analysis_reads_the_trained_cats(trained: Path) -> None:
    analyzer = Analyzer.load(trained)
    text = "you leaked my phone number 07700 900123 to a sales firm"
    (analysis,) = analyzer.analyze([text])
    doc = analyzer.nlp(text)
    assert isinstance(analysis, Analysis)
    assert analysis.complaint == pytest.approx(doc.cats["complaint"])
    assert set(analysis.tags) == {"privacy", "unwanted_contact", "blocking", "billing",
                                  "network", "customer_service"}
    assert analysis.tags["privacy"] == pytest.approx(doc.cats["privacy"])
    assert analysis.labels == tuple(n for n, s in analysis.tags.items() if s >= 0.5)
    assert [span.label for span in analysis.pii] == [PiiLabel.PHONE]  # rules still run
    (agent,) = analyzer.analyze(["Please DM us your mobile number"], role="agent")
    assert RequestKind.PHONE in agent.requests


def test_training_is_reproducible(trained: Path, tiny_data: Path, recipe_dir: Path,
                                  tmp_path: Path) -> None:
    again = tmp_path / "again"
    train_pipeline(recipe_dir=recipe_dir, corpus_dir=tiny_data / "corpus",
                   complaints_csv=tiny_data / "complaints.csv", output_dir=again,
                   topic_source="trained", overrides=QUICK)
    texts = ["no signal at home", "stop calling me", "thanks for the help"]
    first = Analyzer.load(trained).analyze(texts)
    second = Analyzer.load(again).analyze(texts)
    assert [(a.complaint, a.tags) for a in first] == [(b.complaint, b.tags) for b in second]


def test_evaluate_scores_every_label(trained: Path, tiny_data: Path) -> None:
    result = evaluate_model(trained, tiny_data / "corpus", tiny_data / "complaints.csv")
    labels = [score.label for score in result.labels]
    assert labels[:2] == ["complaint", "not_complaint"]
    assert set(labels[2:]) == {"privacy", "unwanted_contact", "blocking", "billing", "network",
                               "customer_service", "signal:regulator", "signal:churn",
                               "signal:repeat", "signal:public_pii", "pii:PHONE", "pii:EMAIL",
                               "pii:POSTCODE", "pii:CARD", "pii:DOB", "pii:ACCOUNT",
                               *(f"pii-real:{label}" for label in PII_LABELS)}
    assert result.complaint_examples == 11  # the test split of customer.jsonl
    assert result.topic_examples == 13  # plus the two shared tweets, joined by id
    # pii.jsonl's test post and the two tweets of shared_pii_labels.jsonl, joined by id
    assert (result.pii_examples, result.pii_micro_f1) == (3, 1.0)
    assert (result.pii_real_examples, result.pii_real_micro_f1) == (2, 1.0)
    assert result.notes == ()
    assert all(0.0 <= s.precision <= 1.0 and 0.0 <= s.f1 <= 1.0 for s in result.labels)


def test_cross_validation_on_a_tiny_csv(tiny_data: Path, recipe_dir: Path) -> None:
    result = cross_validate(complaints_csv=tiny_data / "complaints.csv", recipe_dir=recipe_dir,
                            folds=3, overrides=QUICK)
    assert result.folds == 3
    for value in (result.accuracy, result.macro_f1, result.complaint_f1, result.roc_auc):
        assert 0.0 <= value <= 1.0


def test_rule_topics_can_ship_instead_of_the_topic_head(tiny_data: Path, recipe_dir: Path,
                                                        tmp_path: Path) -> None:
    output = tmp_path / "rules"
    result = train_pipeline(recipe_dir=recipe_dir, corpus_dir=tiny_data / "corpus",
                            complaints_csv=tiny_data / "complaints.csv", output_dir=output,
                            topic_source="rules")
    assert "caredesk_topics" in result.pipe_names and result.topic_examples == 0
    analyzer = Analyzer.load(output)
    heads = analyzer.nlp.get_pipe("caredesk_linear_heads").heads
    assert [head.name for head in heads] == ["complaint"]
    (analysis,) = analyzer.analyze(["your shop read my address out to the whole queue"])
    assert analysis.tags["privacy"] == 0.9  # the rule tagger's STRONG score, not a probability
