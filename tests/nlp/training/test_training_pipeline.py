"""Training on a tiny corpus: the saved pipeline loads through Analyzer and reads its cats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from caredesk.domain import Analysis, PiiLabel, RequestKind, Signal, StatedPreference
from caredesk.nlp import Analyzer, signals
from caredesk.nlp.training.corpus import PII_LABELS, read_complaint_csv
from caredesk.nlp.training.evaluate import cross_validate, evaluate_model
from caredesk.nlp.training.readers import topic_cats
from caredesk.nlp.training.train import (
    CAREDESK_VERSION,
    RECIPE,
    head_texts,
    recipe,
    train_pipeline,
)

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
    # complaint: the 24 CSV tweets + 3 copies of the 11 customer texts in train and dev;
    # topics: those 33 customer texts + the dev tweet shared_labels.jsonl labels + the 21
    # CSV tweets it does not name; signals and preference: the 33 customer texts
    assert meta["caredesk_training"]["examples"] == {
        "complaint": 24 + 33, "topics": 33 + 1 + 21, "signals": 33, "preference": 33}
    assert analyzer.nlp.get_pipe("caredesk_signals").source == "trained"
    assert analyzer.nlp.get_pipe("caredesk_preference").source == "trained"


def test_topic_head_learns_from_train_and_dev_never_from_test(tiny_data: Path,
                                                              recipe_dir: Path) -> None:
    config = recipe(recipe_dir / RECIPE, {
        "paths.complaints": str(tiny_data / "complaints.csv"),
        "paths.customer": str(tiny_data / "corpus" / "customer.jsonl"),
        "paths.shared_labels": str(tiny_data / "corpus" / "shared_labels.jsonl")})
    pairs, weights = head_texts(config, "topics")
    csv_texts = [row.text for row in read_complaint_csv(tiny_data / "complaints.csv")]
    by_text = {text: (cats, weight) for (text, cats), weight in zip(pairs, weights, strict=True)}
    # the dev tweet with its label, at full weight
    assert by_text[csv_texts[3]] == ({**topic_cats(()), "privacy": 1.0}, 1.0)
    # the labelled test tweets stay out; unlabelled tweets are topic-free at their weight
    assert csv_texts[1] not in by_text and csv_texts[10] not in by_text
    assert by_text[csv_texts[0]] == (topic_cats(()), 0.3)
    assert weights.count(1.0) == 33 + 1


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
    # regulator, churn and repeat from the signals head; public_pii from the PII found
    for signal in (Signal.REGULATOR, Signal.CHURN, Signal.REPEAT):
        assert (signal in analysis.signals) == (doc.cats[signal.value] >= signals.THRESHOLD)
    assert Signal.PUBLIC_PII in analysis.signals
    (reported,) = analyzer.analyze(["you leaked my phone number to a sales firm, I am "
                                    "reporting you to the ICO"])
    assert Signal.REGULATOR in reported.signals
    # the stated preference from the preference head
    (stated,) = analyzer.analyze(["no signal at home since Monday, text me updates instead"])
    assert stated.preference == StatedPreference.SMS_ONLY
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
    assert "caredesk_topics" in result.pipe_names and "topics" not in result.examples
    analyzer = Analyzer.load(output)
    heads = analyzer.nlp.get_pipe("caredesk_linear_heads").heads
    assert [head.name for head in heads] == ["complaint", "signals", "preference"]
    (analysis,) = analyzer.analyze(["your shop read my address out to the whole queue"])
    assert analysis.tags["privacy"] == 0.9  # the rule tagger's STRONG score, not a probability
