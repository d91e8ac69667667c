"""Ingest through the services: threading, identity, idempotence, rejects, resume."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from caredesk import domain
from caredesk.config import Settings
from caredesk.ingest import JsonlConnector
from caredesk.services.analysis import SHIPPED_MODEL, TextAnalyzer, default_model_path
from caredesk.services.desk import Desk
from caredesk.services.ingest import IngestReport, ingest
from caredesk.services.records import list_rejects
from caredesk.store import Database
from caredesk.store import cases as case_store


def post(post_id: str, text: str, *, handle: str = "jo_bloggs", author_id: str = "501",
         direction: str = "inbound", visibility: str = "public", minute: int = 0,
         **extra: Any) -> dict[str, Any]:
    return {
        "network": "x", "id": post_id, "visibility": visibility, "direction": direction,
        "author": {"id": author_id, "handle": handle, "name": handle.title(), "followers": 10},
        "text": text, "created_at": f"2026-11-20T09:{minute:02d}:00+00:00", **extra,
    }


def write_jsonl(path: Path, items: Sequence[dict[str, Any] | str]) -> Path:
    path.write_text("".join((i if isinstance(i, str) else json.dumps(i)) + "\n" for i in items),
                    encoding="utf-8")
    return path


def run(database: Database, path: Path, analyzer: TextAnalyzer, settings: Settings,
        batch_size: int = 500) -> IngestReport:
    return ingest(database, JsonlConnector(str(path), batch_size=batch_size), analyzer, settings)


THREAD = [
    post("1", "@NorthwindCare your sales team called me twice, I said email only!",
         conversation_id="1"),
    post("2", "@jo_bloggs Sorry Jo, please DM us your mobile number", handle="NorthwindCare",
         author_id="900", direction="outbound", conversation_id="1", in_reply_to="1", minute=5),
    post("3", "@NorthwindCare you already have my number!!", conversation_id="1",
         in_reply_to="2", minute=9),
]


def test_a_thread_becomes_one_case_with_a_provisional_customer(
    database: Database, settings: Settings, analyzer: TextAnalyzer, tmp_path: Path
) -> None:
    report = run(database, write_jsonl(tmp_path / "posts.jsonl", THREAD), analyzer, settings)

    assert (report.read, report.added, report.cases_opened, report.rejected) == (3, 3, 1, [])
    desk = Desk(database, settings)
    [row] = desk.list_cases()
    detail = desk.case_detail(row.case_id)
    assert [m.external_id for m in detail.messages] == ["1", "2", "3"]
    assert [m.direction for m in detail.messages] == [
        domain.Direction.INBOUND, domain.Direction.OUTBOUND, domain.Direction.INBOUND]
    assert detail.customer.provisional
    assert detail.customer.identities == ((domain.Network.X, "jo_bloggs"),)
    assert "unwanted_contact" in row.tags
    assert detail.messages[1].requests == (domain.RequestKind.PHONE,)


def test_rerunning_adds_nothing_and_a_copy_elsewhere_is_all_duplicates(
    database: Database, settings: Settings, analyzer: TextAnalyzer, tmp_path: Path
) -> None:
    first = write_jsonl(tmp_path / "posts.jsonl", THREAD)
    run(database, first, analyzer, settings)

    again = run(database, first, analyzer, settings)
    copy = run(database, write_jsonl(tmp_path / "copy.jsonl", THREAD), analyzer, settings)

    assert (again.read, again.added) == (0, 0)
    assert (copy.read, copy.added, copy.duplicates) == (3, 0, 3)
    assert sum(r.message_count for r in Desk(database, settings).list_cases()) == 3


def test_bad_lines_are_kept_with_reasons_and_the_rest_goes_on(
    database: Database, settings: Settings, analyzer: TextAnalyzer, tmp_path: Path
) -> None:
    path = write_jsonl(tmp_path / "posts.jsonl", [
        THREAD[0],
        "{not json",
        json.dumps({**THREAD[2], "created_at": "2026-11-20T09:00:00"}),
        json.dumps({**THREAD[1], "network": "myspace"}),
        THREAD[2],
    ])

    report = run(database, path, analyzer, settings)

    assert report.added == 2
    reasons = {note.location: note.reason for note in report.rejected}
    assert set(reasons) == {"line 2", "line 3", "line 4"}
    assert "not JSON" in reasons["line 2"]
    assert "timezone" in reasons["line 3"]
    assert "network" in reasons["line 4"]
    kept = list_rejects(database)
    assert [r.payload for r in kept if r.location == "line 2"] == ["{not json"]


def test_an_outbound_reply_to_nothing_held_is_rejected_not_lost(
    database: Database, settings: Settings, analyzer: TextAnalyzer, tmp_path: Path
) -> None:
    orphan = post("7", "@someone thanks for your patience", handle="NorthwindCare",
                  author_id="900", direction="outbound", in_reply_to="6")
    report = run(database, write_jsonl(tmp_path / "p.jsonl", [orphan]), analyzer, settings)

    assert report.added == 0
    [note] = report.rejected
    assert "replies to nothing caredesk holds" in note.reason
    assert json.loads(list_rejects(database)[0].payload)["id"] == "7"


def test_a_brand_account_is_never_made_a_customer(
    database: Database, settings: Settings, analyzer: TextAnalyzer, tmp_path: Path
) -> None:
    mislabelled = post("2", "@jo_bloggs we're on it", handle="NorthwindCare", author_id="900",
                       conversation_id="1", minute=3)
    run(database, write_jsonl(tmp_path / "p.jsonl", [THREAD[0], mislabelled]), analyzer,
        settings)

    [row] = Desk(database, settings).list_cases()
    detail = Desk(database, settings).case_detail(row.case_id)
    assert detail.messages[1].direction is domain.Direction.OUTBOUND
    assert detail.customer.identities == ((domain.Network.X, "jo_bloggs"),)


class _FailsOnSecondBatch:
    """The real analyzer, made to crash once on its second call, to simulate a
    process dying mid-run."""

    def __init__(self, real: TextAnalyzer) -> None:
        self.real = real
        self.version = real.version
        self.calls = 0

    def analyze(self, texts: Sequence[str], *, role: str = "customer",
                batch_size: int = 256) -> list[domain.Analysis]:
        if role == "customer":
            self.calls += 1
            if self.calls == 2:
                raise RuntimeError("simulated crash")
        return self.real.analyze(texts, role=role, batch_size=batch_size)


def test_a_crash_mid_run_loses_nothing_and_the_rerun_resumes(
    database: Database, settings: Settings, analyzer: TextAnalyzer, tmp_path: Path
) -> None:
    posts = [post(str(n), f"my signal keeps dropping, day {n}", handle=f"user{n}",
                  author_id=str(1000 + n), minute=n) for n in range(1, 7)]
    path = write_jsonl(tmp_path / "posts.jsonl", posts)

    with pytest.raises(RuntimeError, match="simulated crash"):
        run(database, path, _FailsOnSecondBatch(analyzer), settings, batch_size=2)
    assert sum(r.message_count for r in Desk(database, settings).list_cases()) == 2

    resumed = run(database, path, analyzer, settings, batch_size=2)

    assert (resumed.read, resumed.added, resumed.duplicates) == (4, 4, 0)
    assert sum(r.message_count for r in Desk(database, settings).list_cases()) == 6


def test_hostile_text_is_cleaned_and_the_raw_payload_kept(
    database: Database, settings: Settings, analyzer: TextAnalyzer, tmp_path: Path
) -> None:
    hostile = post("1", "bell\u0007 [@click=app.quit] \u009b2J end\r")
    run(database, write_jsonl(tmp_path / "p.jsonl", [hostile]), analyzer, settings)

    desk = Desk(database, settings)
    case_id = desk.list_cases()[0].case_id
    [message] = desk.case_detail(case_id).messages
    assert message.text == "bell [@click=app.quit] 2J end"
    with database.reading() as session:
        [(stored, _analysis)] = case_store.messages_of_case(case_id, session=session)
    assert json.loads(stored.raw_payload)["text"] == hostile["text"]


def test_a_regulator_threat_goes_to_the_regulatory_queue_as_urgent(
    database: Database, settings: Settings, analyzer: TextAnalyzer, tmp_path: Path
) -> None:
    threat = post("1", "@NorthwindCare you leaked my number, I'm reporting you to the ICO")
    run(database, write_jsonl(tmp_path / "p.jsonl", [threat]), analyzer, settings)

    [row] = Desk(database, settings).list_cases()
    assert domain.Queue.REGULATORY in row.queues
    assert row.priority is domain.Priority.URGENT
    assert row.sla_due is not None


def test_another_customer_replying_in_the_conversation_gets_a_case_of_their_own(
    database: Database, settings: Settings, analyzer: TextAnalyzer, tmp_path: Path
) -> None:
    bystander = post("4", "@jo_bloggs @NorthwindCare did you leak my number too??",
                     handle="ravi_c", author_id="777", conversation_id="1", in_reply_to="1",
                     minute=12)
    answer = post("5", "@ravi_c Hi Ravi, we'll check your account, nothing needed from you",
                  handle="NorthwindCare", author_id="900", direction="outbound",
                  conversation_id="1", in_reply_to="4", minute=20)
    run(database, write_jsonl(tmp_path / "p.jsonl", [*THREAD, bystander, answer]), analyzer,
        settings)

    desk = Desk(database, settings)
    threads = {desk.case_detail(r.case_id).customer.name: desk.case_detail(r.case_id)
               for r in desk.list_cases()}
    assert set(threads) == {"Jo_Bloggs", "Ravi_C"}
    assert [m.external_id for m in threads["Jo_Bloggs"].messages] == ["1", "2", "3"]
    assert [m.external_id for m in threads["Ravi_C"].messages] == ["4", "5"]


def test_ingest_analyses_with_the_shipped_trained_pipeline(
    database: Database, settings: Settings, analyzer: TextAnalyzer, tmp_path: Path
) -> None:
    """From a checkout the default analyzer is models/caredesk-triage, not the rules."""
    meta = json.loads((SHIPPED_MODEL / "meta.json").read_text(encoding="utf-8"))
    assert default_model_path() == str(SHIPPED_MODEL)
    assert analyzer.version == meta["caredesk_version"]

    run(database, write_jsonl(tmp_path / "p.jsonl", THREAD[:1]), analyzer, settings)

    with database.reading() as session:
        [case_id] = [row.case_id for row in Desk(database, settings).list_cases()]
        [(_message, stored)] = case_store.messages_of_case(case_id, session=session)
    assert stored is not None and stored.model_version == meta["caredesk_version"]
