"""`caredesk analyze` as a filter and `caredesk bench nlp`, run as real processes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

CAREDESK = str(Path(sys.executable).with_name("caredesk"))


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([CAREDESK, *args], input=stdin, capture_output=True, text=True,
                          timeout=120, check=False)


def test_analyze_answers_every_line_in_order_and_reports_bad_lines() -> None:
    lines = [
        json.dumps({"id": "a", "text": "you leaked my number 07700 900123, I'm telling the ICO"}),
        "{broken",
        json.dumps({"id": "b"}),
        "",
        json.dumps({"id": "c", "text": "[@click=app.quit] my 4G has been dead for 3 days"}),
    ]

    result = run("analyze", stdin="\n".join(lines) + "\n")

    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o.get("id", o.get("line")) for o in out] == ["a", 2, 3, "c"]
    first = out[0]
    assert set(first) == {"id", "complaint", "tags", "labels", "pii", "preference", "signals",
                          "requests"}
    assert first["labels"] == [tag for tag, score in first["tags"].items() if score >= 0.5]
    assert max(first["tags"], key=first["tags"].get) == "privacy"
    assert "regulator" in first["signals"]
    [phone] = first["pii"]
    text = json.loads(lines[0])["text"]
    assert text[phone["start"]:phone["end"]] == phone["text"] == "07700 900123"
    assert out[1]["error"].startswith("not JSON") and "text" in out[2]["error"]
    assert "network" in out[3]["labels"] and first["requests"] == []


def test_analyze_as_agent_finds_what_a_reply_asks_for() -> None:
    lines = [json.dumps({"id": 1, "text": "Please DM us your full name and postcode"}),
             json.dumps({"id": 2, "text": "We will never ask for your PIN"})]

    result = run("analyze", "--role", "agent", stdin="\n".join(lines))

    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["requests"] for o in out] == [["full_name", "postcode"], []]


def test_analyze_with_a_missing_model_says_what_to_do() -> None:
    result = run("analyze", "--model", "/nonexistent/model", stdin="{}\n")

    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and "Traceback" not in result.stderr


def test_bench_nlp_prints_figures_as_json() -> None:
    result = run("bench", "nlp", "--posts", "300")

    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["posts"] == 300
    assert figures["posts_per_second"] > 0 and figures["peak_memory_mb"] > 0
    assert 0 < figures["latency_ms_p50"] <= figures["latency_ms_p95"] <= figures["latency_ms_p99"]


def test_analyze_in_worker_processes_keeps_every_line_in_order() -> None:
    lines = [json.dumps({"id": n, "text": f"my 4G has been dead for {n} days"})
             for n in range(2500)]

    result = run("analyze", "--workers", "2", stdin="\n".join(lines) + "\n")

    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == list(range(2500))
    assert all("network" in o["labels"] for o in out)


def test_bench_nlp_times_the_texts_of_a_given_file(tmp_path: Path) -> None:
    texts = tmp_path / "texts.jsonl"
    texts.write_text("\n".join(json.dumps({"id": n, "text": f"post {n}"}) for n in range(7)))

    result = run("bench", "nlp", "--posts", "20", "--texts", str(texts), "--workers", "1")

    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert (figures["posts"], figures["distinct_texts"], figures["workers"]) == (20, 7, 1)


def test_bench_nlp_with_a_file_without_texts_says_what_to_give(tmp_path: Path) -> None:
    texts = tmp_path / "texts.jsonl"
    texts.write_text('{"id": 1}\n')

    result = run("bench", "nlp", "--posts", "20", "--texts", str(texts))

    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and "no line has a \"text\"" in result.stderr
