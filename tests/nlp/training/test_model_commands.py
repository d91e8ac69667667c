"""`caredesk model train|evaluate|cv` through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from caredesk.cli.main import cli
from caredesk.config import CONFIG_ENV, DATABASE_URL_ENV
from caredesk.services.analysis import SHIPPED_MODEL


def run(*args: str) -> Result:
    runner = CliRunner(env={CONFIG_ENV: None, DATABASE_URL_ENV: None})
    return runner.invoke(cli, list(args), catch_exceptions=True)


def test_cv_prints_the_scores_as_json(tiny_data: Path) -> None:
    result = run("model", "cv", "--data", str(tiny_data / "complaints.csv"), "--folds", "3")
    assert result.exit_code == 0, (result.output, result.exception)
    scores = json.loads(result.stdout)
    assert set(scores) == {"folds", "accuracy", "macro_f1", "complaint_f1", "roc_auc"}
    assert scores["folds"] == 3
    assert all(0.0 <= scores[k] <= 1.0 for k in ("accuracy", "macro_f1", "roc_auc"))
    assert result.stderr == ""  # no progress when stderr is not a terminal


def test_train_then_evaluate(tiny_data: Path, tmp_path: Path) -> None:
    output = tmp_path / "triage"
    result = run("model", "train", "--data", str(tiny_data / "complaints.csv"), "--corpus",
                 str(tiny_data / "corpus"), "--output", str(output), "--format", "json")
    assert result.exit_code == 0, (result.output, result.exception)
    report = json.loads(result.stdout)
    assert report["path"] == str(output) and (output / "config.cfg").is_file()
    assert report["size_mb"] < 50
    # By default both trained heads ship; the rule scorers they replace do not.
    assert "caredesk_linear_heads" in report["components"]
    assert "caredesk_topics" not in report["components"]
    assert "caredesk_complaint" not in report["components"]
    result = run("model", "evaluate", "--model", str(output), "--corpus",
                 str(tiny_data / "corpus"), "--data", str(tiny_data / "complaints.csv"))
    assert result.exit_code == 0, (result.output, result.exception)
    assert "PRECISION" in result.stdout and "privacy" in result.stdout
    assert "topic macro-F1 privacy/unwanted_contact/blocking" in result.stdout
    assert "PII span micro-F1 1.000 (3 posts" in result.stdout  # 1 written + 2 real tweets
    assert "PII span micro-F1 1.000 on 2 real tweets" in result.stdout
    assert result.stderr == ""


def test_missing_data_is_an_error_line(tmp_path: Path) -> None:
    result = run("model", "cv", "--data", str(tmp_path / "missing.csv"), "--folds", "3")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: complaint CSV ")
    assert "missing.csv does not exist" in result.stderr
    assert "Traceback" not in result.output


def test_broken_csv_row_is_reported_with_its_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.csv"
    broken.write_text('1,"fine",0,x\n2,"unterminated,1,x\n', encoding="utf-8")
    result = run("model", "cv", "--data", str(broken), "--folds", "3")
    assert result.exit_code == 1
    assert f"error: {broken}, line " in result.stderr


def test_evaluate_without_a_model_says_what_to_do(tmp_path: Path) -> None:
    result = run("model", "evaluate", "--model", str(tmp_path / "none"))
    assert result.exit_code == 1
    assert "error: NLP model path" in result.stderr


def test_evaluate_notes_real_tweets_it_cannot_score(tiny_data: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("customer.jsonl", "pii.jsonl", "shared_pii_labels.jsonl"):
        (corpus / name).write_bytes((tiny_data / "corpus" / name).read_bytes())
    result = run("model", "evaluate", "--model", str(SHIPPED_MODEL), "--corpus", str(corpus),
                 "--data", str(tmp_path / "missing.csv"), "--format", "json")
    assert result.exit_code == 0, (result.output, result.exception)
    assert result.stderr.startswith("note: 2 real tweets of ")
    assert "missing.csv is not there" in result.stderr
    report = json.loads(result.stdout)
    assert (report["pii_examples"], report["pii_real_examples"]) == (1, 0)
    assert report["pii_real_micro_f1"] is None and len(report["notes"]) == 1
