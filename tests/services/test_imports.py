"""CRM imports into a real SQLite file: customers, contacts, bad rows, re-runs, merges."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from caredesk import domain
from caredesk.config import Settings, load_settings
from caredesk.domain import HeldKind, Network
from caredesk.services.errors import InputFileError
from caredesk.services.imports import (
    CONTACT_COLUMNS,
    CUSTOMER_COLUMNS,
    ImportReport,
    import_contacts,
    import_customers,
)
from caredesk.services.records import list_rejects
from caredesk.store import Database
from caredesk.store import cases as case_store
from caredesk.store import contacts as contact_store
from caredesk.store import customers as customer_store
from caredesk.store import desk as desk_store
from caredesk.store.tables import Case

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
HEADER = [*CUSTOMER_COLUMNS, "preferred_only"]

JO = {
    "customer_id": "NW-1001", "name": "Jo Bloggs", "email": "Jo.Bloggs@Example.com",
    "phone": "07700 900123", "dob": "1985-04-12", "postcode": "sw1a1aa",
    "address": "12 Acacia Avenue, London", "account_number": "NW40218837",
    "x_handle": "@Jo_Bloggs", "mastodon_handle": "jo@social.example.com",
    "bluesky_handle": "jo.bsky.example.com", "preferred_channel": "email",
    "preferred_only": "true", "do_not_call": "false", "no_marketing": "yes",
}
SAM = {
    "customer_id": "NW-1002", "name": "Sam Patel", "email": "", "phone": "020 7946 0999",
    "dob": "", "postcode": "", "address": "", "account_number": "", "x_handle": "sam_p",
    "mastodon_handle": "", "bluesky_handle": "", "preferred_channel": "", "preferred_only": "",
    "do_not_call": "true", "no_marketing": "",
}
ALI = {**SAM, "customer_id": "NW-1003", "name": "Ali Khan", "phone": "07700 900456",
       "x_handle": "ali_k", "do_not_call": ""}


@pytest.fixture
def settings(migrated_sqlite: Callable[[str], str]) -> Settings:
    return load_settings(database_url=migrated_sqlite("imports.db"), environ={})


@pytest.fixture
def db(settings: Settings) -> Iterator[Database]:
    database = Database(settings.database_url)
    yield database
    database.dispose()


def csv_text(rows: list[dict[str, str]], header: list[str] | tuple[str, ...] = HEADER) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(header), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def customers(db: Database, settings: Settings, path: Path) -> ImportReport:
    return import_customers(db, path, settings, actor="test", clock=lambda: NOW)


def contacts(db: Database, settings: Settings, path: Path) -> ImportReport:
    return import_contacts(db, path, settings, actor="test", clock=lambda: NOW)


def counts(report: ImportReport) -> tuple[int, int, int, int, int]:
    return (report.rows, report.added, report.updated, report.unchanged, len(report.rejected))


def snapshot(db: Database) -> dict[str, int]:
    with db.reading() as session:
        rows = desk_store.count_rows(session=session)
    rows.pop("audit_event")
    return rows


def held(db: Database, ref: str) -> dict[HeldKind, list[domain.HeldDatum]]:
    with db.reading() as session:
        customer = customer_store.customer_by_ref(ref, session=session)
        assert customer is not None, ref
        found: dict[HeldKind, list[domain.HeldDatum]] = {}
        for _, datum in customer_store.held_of(customer.id or 0, session=session):
            found.setdefault(datum.kind, []).append(datum)
        return found


# --- customers --------------------------------------------------------------------------------

def test_customers_are_added_with_verified_held_data_handles_and_preferences(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    report = customers(db, settings, write(tmp_path / "c.csv", csv_text([JO, SAM])))

    assert counts(report) == (2, 2, 0, 0, 0)
    assert report.source == f"customers:{(tmp_path / 'c.csv').resolve()}"
    jo = held(db, "NW-1001")
    assert {kind: [d.value for d in data] for kind, data in jo.items()} == {
        HeldKind.FULL_NAME: ["Jo Bloggs"],
        HeldKind.EMAIL: ["jo.bloggs@example.com"],
        HeldKind.PHONE: ["+447700900123"],
        HeldKind.DOB: ["1985-04-12"],
        HeldKind.POSTCODE: ["SW1A 1AA"],
        HeldKind.ADDRESS: ["12 Acacia Avenue, London"],
        HeldKind.ACCOUNT_NUMBER: ["NW40218837"],
    }
    for data in jo.values():
        assert [(d.verified_at, d.verified_how, d.source) for d in data] == [
            (NOW, "crm import", "crm")]
    assert {k: [d.value for d in v] for k, v in held(db, "NW-1002").items()} == {
        HeldKind.FULL_NAME: ["Sam Patel"], HeldKind.PHONE: ["+442079460999"]}

    with db.reading() as session:
        jo_row = customer_store.customer_by_ref("NW-1001", session=session)
        assert jo_row is not None and jo_row.name == "Jo Bloggs" and not jo_row.provisional
        identities = customer_store.identities_of(jo_row.id or 0, session=session)
        assert sorted((i.network, i.handle) for i in identities) == [
            ("bluesky", "jo.bsky.example.com"), ("mastodon", "jo@social.example.com"),
            ("x", "jo_bloggs")]
        preference = customer_store.preference_of(jo_row.id or 0, session=session)
        assert preference is not None
        assert (preference.preferred_channel, preference.preferred_only, preference.do_not_call,
                preference.no_marketing, preference.set_by, preference.set_at) == (
            "email", True, False, True, "crm import", NOW)
        sam = customer_store.customer_by_ref("NW-1002", session=session)
        assert sam is not None
        sam_pref = customer_store.preference_of(sam.id or 0, session=session)
        assert sam_pref is not None
        assert (sam_pref.preferred_channel, sam_pref.preferred_only, sam_pref.do_not_call,
                sam_pref.no_marketing) == (None, False, True, False)
    assert list_rejects(db) == []


def test_the_import_is_audited(db: Database, settings: Settings, tmp_path: Path) -> None:
    customers(db, settings, write(tmp_path / "c.csv", csv_text([JO])))

    with db.reading() as session:
        assert desk_store.count_rows(session=session)["audit_event"] == 1


def test_reimporting_the_same_file_changes_nothing(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    path = write(tmp_path / "c.csv", csv_text([JO, SAM]))
    customers(db, settings, path)
    before = snapshot(db)

    again = import_customers(db, path, settings, clock=lambda: NOW + timedelta(days=1))

    assert counts(again) == (2, 0, 0, 2, 0)
    assert snapshot(db) == before
    assert held(db, "NW-1001")[HeldKind.PHONE][0].verified_at == NOW  # not re-verified


def test_the_same_values_written_differently_are_unchanged(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    customers(db, settings, write(tmp_path / "c.csv", csv_text([JO])))
    respelled = {**JO, "email": "JO.BLOGGS@example.COM", "phone": "+44 7700 900123",
                 "postcode": "SW1A 1AA", "x_handle": "jo_bloggs", "preferred_channel": "EMAIL",
                 "preferred_only": "1", "no_marketing": "TRUE"}

    report = customers(db, settings, write(tmp_path / "c2.csv", csv_text([respelled])))

    assert counts(report) == (1, 0, 0, 1, 0)


def test_a_changed_name_is_an_update(db: Database, settings: Settings, tmp_path: Path) -> None:
    customers(db, settings, write(tmp_path / "c.csv", csv_text([JO, SAM])))

    report = customers(db, settings, write(tmp_path / "c2.csv",
                                           csv_text([{**JO, "name": "Joanna Bloggs"}, SAM])))

    assert counts(report) == (2, 0, 1, 1, 0)
    with db.reading() as session:
        jo = customer_store.customer_by_ref("NW-1001", session=session)
        assert jo is not None and jo.name == "Joanna Bloggs"
    assert "Joanna Bloggs" in [d.value for d in held(db, "NW-1001")[HeldKind.FULL_NAME]]


@pytest.mark.parametrize(
    "change",
    [{"do_not_call": "true"}, {"preferred_channel": "sms"}, {"phone": "07700 900999"},
     {"bluesky_handle": "jo2.bsky.example.com"}],
    ids=["preference", "preferred-channel", "new-phone", "new-handle"],
)
def test_other_changes_are_updates(
    db: Database, settings: Settings, tmp_path: Path, change: dict[str, str]
) -> None:
    customers(db, settings, write(tmp_path / "c.csv", csv_text([JO])))

    report = customers(db, settings, write(tmp_path / "c2.csv", csv_text([{**JO, **change}])))

    assert counts(report) == (1, 0, 1, 0, 0)


def test_control_characters_in_cells_are_stripped(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    hostile = {**SAM, "name": "Sam\x1b[31m Patel\x07", "address": "1 High St\x9b, London"}

    customers(db, settings, write(tmp_path / "c.csv", csv_text([hostile])))

    with db.reading() as session:
        sam = customer_store.customer_by_ref("NW-1002", session=session)
        assert sam is not None and sam.name == "Sam[31m Patel"
    assert held(db, "NW-1002")[HeldKind.ADDRESS][0].value == "1 High St, London"


def test_a_byte_order_mark_and_crlf_line_ends_are_fine(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    text = "\ufeff" + csv_text([JO, SAM]).replace("\n", "\r\n")

    report = customers(db, settings, write(tmp_path / "c.csv", text))

    assert counts(report) == (2, 2, 0, 0, 0)


def test_blank_lines_are_skipped(db: Database, settings: Settings, tmp_path: Path) -> None:
    header, jo, sam = csv_text([JO, SAM]).splitlines()
    text = "\n".join([header, "", jo, ",,,,", sam, ""]) + "\n"

    report = customers(db, settings, write(tmp_path / "c.csv", text))

    assert counts(report) == (2, 2, 0, 0, 0)


def _line(row: dict[str, str]) -> str:
    """One row as CSV text; a quoted cell may hold line breaks, so no splitlines()."""
    return csv_text([row]).split("\n", 1)[1].removesuffix("\n")


BAD_ROWS: list[Any] = [
    pytest.param("NW-1009,Only Two", "2 fields, the header has 15", id="wrong-field-count"),
    pytest.param(_line({**ALI, "preferred_channel": "fax"}),
                 "preferred_channel: 'fax' is not one of email, sms, call, dm, post",
                 id="bad-enum"),
    pytest.param(_line({**ALI, "dob": "1990-13-01"}),
                 "dob: '1990-13-01' is not a date as YYYY-MM-DD", id="bad-date"),
    pytest.param(_line({**ALI, "dob": "12/04/1985"}), "dob: '12/04/1985' is not a date",
                 id="date-in-another-format"),
    pytest.param(_line({**ALI, "dob": "2099-01-01"}), "dob: 2099-01-01 is not a plausible date",
                 id="future-birthday"),
    pytest.param(_line({**ALI, "phone": "call me maybe"}), "phone: 'call me maybe' is not a phone",
                 id="bad-phone"),
    pytest.param(_line({**ALI, "phone": "07700 9004561234"}), "phone: ", id="phone-too-long"),
    pytest.param(_line({**ALI, "email": "ali@"}), "email: 'ali@' is not an email address",
                 id="bad-email"),
    pytest.param(_line({**ALI, "email": "ali khan@example.com"}), "email: ",
                 id="email-with-space"),
    pytest.param(_line({**ALI, "x_handle": "@JO_BLOGGS"}),
                 "x handle 'JO_BLOGGS' already belongs to customer NW-1001, not NW-1003",
                 id="handle-of-another-customer"),
    pytest.param(_line({**ALI, "x_handle": "way_too_long_for_x"}),
                 "x_handle: 'way_too_long_for_x' is not a x handle", id="bad-handle"),
    pytest.param(_line({**ALI, "preferred_only": "true"}),
                 "preferred_only: true needs a preferred_channel", id="only-without-channel"),
    pytest.param(_line({**ALI, "do_not_call": "maybe"}),
                 "do_not_call: 'maybe' is not true or false", id="bad-bool"),
    pytest.param(_line({**ALI, "postcode": "ZZZ"}), "postcode: 'ZZZ' is not a UK postcode",
                 id="bad-postcode"),
    pytest.param(_line({**ALI, "account_number": "NW-40"}),
                 "account_number: 'NW-40' is not alphanumeric", id="bad-account"),
    pytest.param(_line({**ALI, "name": ""}), "name: required", id="no-name"),
    pytest.param(_line({**ALI, "customer_id": ""}), "customer_id: required", id="no-id"),
    pytest.param(_line({**ALI, "customer_id": "N" * 65}), "customer_id: longer than 64",
                 id="long-id"),
    pytest.param(_line({**ALI, "address": "x" * 10_001}), "a cell is longer than 10000",
                 id="huge-cell"),
    pytest.param(_line({**ALI, "name": "Ali K\udce9han"}), "not valid UTF-8", id="not-utf8"),
]


@pytest.mark.parametrize(("bad", "reason"), BAD_ROWS)
def test_a_bad_row_is_rejected_with_line_and_reason_and_the_rest_imported(
    db: Database, settings: Settings, tmp_path: Path, bad: str, reason: str
) -> None:
    header, jo, sam = csv_text([JO, SAM]).splitlines()
    content = "\n".join([header, jo, bad, sam]) + "\n"
    path = write(tmp_path / "c.csv", content.encode("utf-8", "surrogateescape"))

    report = customers(db, settings, path)

    assert (report.added, report.updated, report.unchanged) == (2, 0, 0)
    [note] = report.rejected
    assert (note.source, note.location) == (report.source, "line 3")
    assert note.reason.startswith(reason), note.reason
    [kept] = list_rejects(db)
    assert (kept.source, kept.location, kept.reason) == (report.source, "line 3", note.reason)
    assert kept.payload == bad.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    with db.reading() as session:
        assert customer_store.customer_by_ref("NW-1001", session=session) is not None
        assert customer_store.customer_by_ref("NW-1002", session=session) is not None
        # a row that failed halfway (after its customer and held data were written) left
        # nothing behind
        assert customer_store.customer_by_ref("NW-1003", session=session) is None
    assert set(held(db, "NW-1001")) >= {HeldKind.PHONE, HeldKind.EMAIL}


def test_rejected_rows_are_kept_once_over_reimports(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    header, jo = csv_text([JO]).splitlines()
    path = write(tmp_path / "c.csv", "\n".join([header, "NW-1009,Only Two", jo]) + "\n")

    first = customers(db, settings, path)
    second = customers(db, settings, path)

    assert len(first.rejected) == len(second.rejected) == 1  # reported each time
    assert len(list_rejects(db)) == 1  # kept once


def test_a_multi_line_quoted_cell_keeps_line_numbers_right(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    header, *_ = csv_text([JO]).splitlines()
    jo = _line({**JO, "address": "12 Acacia Avenue\nLondon"})  # two physical lines
    bad = "NW-1009,Only Two"
    path = write(tmp_path / "c.csv", "\n".join([header, jo, bad]) + "\n")

    report = customers(db, settings, path)

    assert report.added == 1
    assert [(n.location, n.reason) for n in report.rejected] == [
        ("line 4", "2 fields, the header has 15")]
    assert list_rejects(db)[0].payload == bad
    assert held(db, "NW-1001")[HeldKind.ADDRESS][0].value == "12 Acacia Avenue\nLondon"


@pytest.mark.parametrize("separator", ["\u2028", "\x85", "\x0c"], ids=["LS", "NEL", "FF"])
def test_the_kept_payload_is_the_rejected_row_even_after_odd_line_breaks(
    db: Database, settings: Settings, tmp_path: Path, separator: str
) -> None:
    """A cell holding a character str.splitlines() treats as a line break (U+2028,
    U+2029, NEL, FF, RS...) must not shift the raw text kept for later rows.

    BUG: src/caredesk/services/csv_rows.py read_rows builds `lines` with
    str.splitlines(), while csv.reader's line_num counts only \\r and \\n; every raw
    payload after such a cell is taken from the wrong line. Fix: split the same way
    the reader does, `lines = io.StringIO(text, newline="").readlines()`.
    """
    header, *_ = csv_text([JO]).splitlines()
    jo = _line({**JO, "address": f"12 Acacia Avenue{separator}London"})
    bad = "NW-1009,Only Two"
    path = write(tmp_path / "c.csv", "\n".join([header, jo, bad]) + "\n")

    report = customers(db, settings, path)

    assert [(n.location, n.reason) for n in report.rejected] == [
        ("line 3", "2 fields, the header has 15")]
    assert list_rejects(db)[0].payload == bad


def test_a_missing_required_column_fails_the_whole_file(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    header = [c for c in HEADER if c not in ("phone", "no_marketing")]
    path = write(tmp_path / "c.csv", csv_text([{k: JO[k] for k in header}], header=header))

    with pytest.raises(InputFileError) as raised:
        customers(db, settings, path)

    message = str(raised.value)
    assert message.startswith(f"{path}: header lacks column(s) phone, no_marketing")
    assert "expected at least: customer_id,name,email,phone" in message
    assert snapshot(db)["customer"] == 0


def test_preferred_only_is_optional(db: Database, settings: Settings, tmp_path: Path) -> None:
    header = list(CUSTOMER_COLUMNS)
    path = write(tmp_path / "c.csv", csv_text([{k: JO[k] for k in header}], header=header))

    report = customers(db, settings, path)

    assert counts(report) == (1, 1, 0, 0, 0)
    with db.reading() as session:
        jo = customer_store.customer_by_ref("NW-1001", session=session)
        assert jo is not None
        preference = customer_store.preference_of(jo.id or 0, session=session)
        assert preference is not None and preference.preferred_only is False


@pytest.mark.parametrize("content", [b"", b"\n\n"], ids=["empty", "blank-lines"])
def test_a_file_without_a_header_fails(
    db: Database, settings: Settings, tmp_path: Path, content: bytes
) -> None:
    path = write(tmp_path / "c.csv", content)

    with pytest.raises(InputFileError, match="header"):
        customers(db, settings, path)


def test_a_missing_file_fails_with_its_name(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "absent.csv"

    with pytest.raises(InputFileError, match=f"^{path}: cannot read"):
        customers(db, settings, path)


def test_more_rows_than_a_chunk(
    db: Database, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows commit in chunks; a bad row in a later chunk is reported with its own line."""
    from caredesk.services import imports

    monkeypatch.setattr(imports, "CHUNK_ROWS", 3)
    rows = [{**SAM, "customer_id": f"NW-2{n:03d}", "x_handle": f"cust_{n}",
             "phone": f"07700 900{n:03d}"} for n in range(7)]
    header, *lines = csv_text(rows).splitlines()
    lines[4] = "NW-2999,Only Two"

    report = customers(db, settings, write(tmp_path / "c.csv", "\n".join([header, *lines])))

    assert counts(report) == (7, 6, 0, 0, 1)
    assert [n.location for n in report.rejected] == ["line 6"]
    assert snapshot(db)["customer"] == 6


# --- provisional customers ------------------------------------------------------------------

def test_a_provisional_customer_holding_the_handle_is_merged_in(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    with db.transaction() as session:
        provisional = customer_store.add_customer("Jo B", session=session, provisional=True)
        identity = customer_store.link_identity(
            provisional.id or 0, Network.X, "jo_bloggs", session=session,
            external_user_id="501", display_name="Jo B", followers=120)
        case = case_store.add_case(Case(customer_id=provisional.id or 0, network="x",
                                        visibility="public", opened_at=NOW, updated_at=NOW),
                                   session=session)
        provisional_id, identity_id, case_id = provisional.id, identity.id, case.id

    report = customers(db, settings, write(tmp_path / "c.csv", csv_text([JO])))

    assert counts(report) == (1, 1, 0, 0, 0)
    with db.reading() as session:
        jo = customer_store.customer_by_ref("NW-1001", session=session)
        assert jo is not None
        assert customer_store.get_customer(provisional_id or 0, session=session) is None
        found = customer_store.find_identity(Network.X, "jo_bloggs", session=session)
        assert found is not None
        assert (found.id, found.customer_id, found.external_user_id, found.followers) == (
            identity_id, jo.id, "501", 120)
        moved = case_store.get_case(case_id or 0, session=session)
        assert moved is not None and moved.customer_id == jo.id
        assert sum(1 for _ in customer_store.identities_of(jo.id or 0, session=session)) == 3


def test_importing_a_case_owner_retriages_their_open_cases(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    """A sales call logged against an email-only customer puts their open case in the
    preference-breach queue."""
    customers(db, settings, write(tmp_path / "c.csv", csv_text([JO])))
    with db.transaction() as session:
        jo = customer_store.customer_by_ref("NW-1001", session=session)
        assert jo is not None
        case_id = case_store.add_case(Case(customer_id=jo.id or 0, network="x",
                                           visibility="public", opened_at=NOW,
                                           updated_at=NOW), session=session).id
    call = contact_row(channel="call", direction="outbound", team="sales", purpose="sales")

    contacts(db, settings, write(tmp_path / "log.csv", csv_text([call], CONTACT_COLUMNS)))

    with db.reading() as session:
        case = case_store.get_case(case_id or 0, session=session)
        assert case is not None
        assert case.queues == [domain.Queue.PREFERENCE_BREACH.value]
        assert case.priority == domain.Priority.HIGH


# --- contacts ---------------------------------------------------------------------------------

def contact_row(**changes: str) -> dict[str, str]:
    row = {"customer_id": "NW-1001", "at": "2026-11-18T10:30:00+00:00", "channel": "call",
           "direction": "outbound", "from": "020 7946 0000", "team": "sales",
           "agent": "agent 17", "purpose": "sales", "outcome": "answered",
           "notes": "Offered a handset upgrade; asked security questions first."}
    row.update(changes)
    return row


@pytest.fixture
def with_jo(db: Database, settings: Settings, tmp_path: Path) -> None:
    customers(db, settings, write(tmp_path / "jo.csv", csv_text([JO])))


@pytest.mark.usefixtures("with_jo")
def test_contacts_are_added_and_reimports_change_nothing(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    rows = [contact_row(), contact_row(at="2026-11-19T10:30:00+00:00"),
            contact_row(channel="email", direction="inbound", purpose="", team="care",
                        **{"from": "jo.bloggs@example.com"})]
    path = write(tmp_path / "log.csv", csv_text(rows, CONTACT_COLUMNS))

    first = contacts(db, settings, path)
    second = contacts(db, settings, path)

    assert counts(first) == (3, 3, 0, 0, 0)
    assert counts(second) == (3, 0, 0, 3, 0)
    with db.reading() as session:
        jo = customer_store.customer_by_ref("NW-1001", session=session)
        assert jo is not None
        log = contact_store.contacts_of(jo.id or 0, session=session)
    assert log[0].at == datetime(2026, 11, 19, 10, 30, tzinfo=UTC)  # newest first
    assert sorted((c.at, c.channel, c.direction, c.purpose) for c in log) == [
        (datetime(2026, 11, 18, 10, 30, tzinfo=UTC), "call", "outbound", "sales"),
        (datetime(2026, 11, 18, 10, 30, tzinfo=UTC), "email", "inbound", ""),
        (datetime(2026, 11, 19, 10, 30, tzinfo=UTC), "call", "outbound", "sales"),
    ]
    assert {c.from_address for c in log} == {"020 7946 0000", "jo.bloggs@example.com"}


@pytest.mark.usefixtures("with_jo")
def test_the_same_instant_in_another_offset_is_the_same_contact(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    contacts(db, settings, write(tmp_path / "a.csv", csv_text([contact_row()], CONTACT_COLUMNS)))
    shifted = contact_row(at="2026-11-18T11:30:00+01:00")

    report = contacts(db, settings, write(tmp_path / "b.csv",
                                          csv_text([shifted], CONTACT_COLUMNS)))

    assert counts(report) == (1, 0, 0, 1, 0)


@pytest.mark.usefixtures("with_jo")
@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"customer_id": "NW-9999"},
         "customer_id: 'NW-9999' is not a known customer; import customers first"),
        ({"at": "2026-11-18T10:30:00"},
         "at: '2026-11-18T10:30:00' has no timezone; add Z or +00:00"),
        ({"at": "last tuesday"}, "at: 'last tuesday' is not an ISO 8601 timestamp"),
        ({"channel": "pigeon"}, "channel: 'pigeon' is not one of email, sms, call, dm, post"),
        ({"direction": "sideways"}, "direction: 'sideways' is not one of inbound, outbound"),
        ({"purpose": "upsell"}, "purpose: 'upsell' is not one of service, sales, marketing"),
        ({"customer_id": ""}, "customer_id: required"),
    ],
    ids=["unknown-customer", "naive-timestamp", "bad-timestamp", "bad-channel",
         "bad-direction", "bad-purpose", "no-customer"],
)
def test_a_bad_contact_is_rejected_and_the_rest_imported(
    db: Database, settings: Settings, tmp_path: Path, change: dict[str, str], reason: str
) -> None:
    rows = [contact_row(), contact_row(**change), contact_row(at="2026-11-19T10:30:00Z")]
    path = write(tmp_path / "log.csv", csv_text(rows, CONTACT_COLUMNS))

    report = contacts(db, settings, path)

    assert (report.added, report.unchanged) == (2, 0)
    assert [(n.location, n.reason) for n in report.rejected] == [("line 3", reason)]
    assert [(r.location, r.reason) for r in list_rejects(db)] == [("line 3", reason)]


def test_contacts_need_their_columns(db: Database, settings: Settings, tmp_path: Path) -> None:
    header = [c for c in CONTACT_COLUMNS if c != "direction"]
    path = write(tmp_path / "log.csv", csv_text([], header))

    with pytest.raises(InputFileError, match=r"header lacks column\(s\) direction"):
        contacts(db, settings, path)



@pytest.mark.postgres
def test_a_handle_too_long_for_its_column_is_a_rejected_row_on_postgresql(
    pg_db: Database, tmp_path: Path
) -> None:
    """The mastodon and bluesky handle patterns have no length limit, identity.handle
    is VARCHAR(200), and PostgreSQL enforces it: the row must be rejected like any
    other bad row, and the rest of the file imported.

    BUG: src/caredesk/services/imports.py `_handles` accepts any length; the DataError
    escapes the row's savepoint and aborts the whole import.
    """
    settings = load_settings(database_url=pg_db.url, environ={})
    long_handle = "a" * 240 + "@social.example.com"
    header, jo, sam = csv_text([JO, SAM]).splitlines()
    bad = _line({**ALI, "mastodon_handle": long_handle})
    path = write(tmp_path / "c.csv", "\n".join([header, jo, bad, sam]) + "\n")

    report = customers(pg_db, settings, path)

    assert report.added == 2
    assert [(n.location, n.reason.split(":")[0]) for n in report.rejected] == [
        ("line 3", "mastodon_handle")]
