"""Query functions and column types on real SQLite and PostgreSQL databases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy.exc import IntegrityError, StatementError
from sqlmodel import select

from caredesk import domain
from caredesk.domain import ContactMethod, HeldKind, Network, Role
from caredesk.ingest.post_format import MAX_AUTHOR_ID_CHARS, MAX_ID_CHARS, MAX_NAME_CHARS
from caredesk.store import Database, ingest_state
from caredesk.store import cases as case_store
from caredesk.store import contacts as contact_store
from caredesk.store import customers as customer_store
from caredesk.store import desk as desk_store
from caredesk.store.tables import Agent, Case, ContactLog, Customer, Message, UTCDateTime

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
T0 = datetime(2026, 11, 20, 9, 15, 30, 123456, tzinfo=UTC)


@pytest.fixture(params=BACKENDS)
def db(request: pytest.FixtureRequest) -> Database:
    return request.getfixturevalue("sqlite_db" if request.param == "sqlite" else "pg_db")


def new_customer(db: Database, name: str = "Jo Bloggs", **kwargs: object) -> int:
    with db.transaction() as session:
        return customer_store.add_customer(name, session=session, **kwargs).id or 0


def new_case(db: Database, customer_id: int, network: Network = Network.X) -> int:
    with db.transaction() as session:
        case = case_store.add_case(
            Case(customer_id=customer_id, network=network.value, visibility="public",
                 opened_at=T0, updated_at=T0),
            session=session,
        )
        return case.id or 0


def message(case_id: int, external_id: str, network: Network = Network.X, **kw: object) -> Message:
    values: dict[str, object] = dict(
        case_id=case_id, network=network.value, external_id=external_id, direction="inbound",
        visibility="public", author_handle="jo_bloggs", text="my signal is gone", created_at=T0)
    values.update(kw)
    return Message(**values)


# --- UTCDateTime -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "when",
    [
        T0,
        datetime(2026, 11, 20, 14, 45, 30, 123456, tzinfo=timezone(timedelta(hours=5, minutes=30))),
        datetime(2026, 11, 20, 1, 15, tzinfo=timezone(timedelta(hours=-8))),
    ],
    ids=["utc", "plus-0530", "minus-0800"],
)
def test_utc_datetime_round_trips_aware_datetimes(db: Database, when: datetime) -> None:
    with db.transaction() as session:
        session.add(Agent(name="alex", role="agent", created_at=when))

    with db.reading() as session:
        stored = session.exec(select(Agent)).one().created_at

    assert stored == when
    assert stored.tzinfo is UTC
    assert stored.utcoffset() == timedelta(0)
    assert stored.microsecond == when.microsecond


def test_utc_datetime_rejects_naive_datetimes(db: Database) -> None:
    with pytest.raises(StatementError) as raised, db.transaction() as session:
        session.add(Agent(name="alex", role="agent", created_at=datetime(2026, 11, 20, 9, 15)))

    assert isinstance(raised.value.orig, ValueError)
    assert "timezone-aware" in str(raised.value.orig)
    with db.reading() as session:
        assert session.exec(select(Agent)).all() == []


def test_utc_datetime_type_directly() -> None:
    kind = UTCDateTime()
    plus_one = datetime(2026, 11, 20, 10, 0, tzinfo=timezone(timedelta(hours=1)))

    assert kind.process_bind_param(plus_one, None) == datetime(2026, 11, 20, 9, 0)
    assert kind.process_bind_param(None, None) is None
    assert kind.process_result_value(datetime(2026, 11, 20, 9, 0), None) == plus_one
    assert kind.process_result_value(None, None) is None
    with pytest.raises(ValueError, match="timezone-aware"):
        kind.process_bind_param(datetime(2026, 11, 20, 9, 0), None)


def test_nullable_timestamps_stay_none(db: Database) -> None:
    customer_id = new_customer(db)
    case_id = new_case(db, customer_id)

    with db.reading() as session:
        case = case_store.get_case(case_id, session=session)
        assert case is not None
        assert case.sla_due is None and case.last_inbound_at is None
        assert case.opened_at == T0


# --- messages ---------------------------------------------------------------------------------

def test_messages_are_unique_per_network_and_external_id(db: Database) -> None:
    case_id = new_case(db, new_customer(db))
    with db.transaction() as session:
        case_store.add_message(message(case_id, "1850000000000000001"), None, "v1",
                               session=session)

    with pytest.raises(IntegrityError), db.transaction() as session:
        case_store.add_message(message(case_id, "1850000000000000001"), None, "v1",
                               session=session)

    with db.transaction() as session:  # the same id on another network is another message
        case_store.add_message(message(case_id, "1850000000000000001", Network.MASTODON),
                               None, "v1", session=session)
    with db.reading() as session:
        assert case_store.known_external_ids(
            Network.X, ["1850000000000000001", "1850000000000000002"], session=session,
        ) == {"1850000000000000001"}
        assert case_store.case_of_message(Network.MASTODON, "1850000000000000001",
                                          session=session) == case_id
        assert case_store.known_external_ids(Network.BLUESKY, [], session=session) == set()


def test_known_external_ids_in_chunks(db: Database) -> None:
    case_id = new_case(db, new_customer(db))
    stored = {"0", "499", "500", "501", "999", "1000", "1199"}  # either side of each chunk
    with db.transaction() as session:
        for external_id in stored:
            case_store.add_message(message(case_id, external_id), None, "v1", session=session)

    with db.reading() as session:
        found = case_store.known_external_ids(Network.X, [str(n) for n in range(1200)],
                                              session=session)

    assert found == stored


def test_analysis_is_stored_with_the_message(db: Database) -> None:
    case_id = new_case(db, new_customer(db))
    analysis = domain.Analysis(
        complaint=0.92, tags={"privacy": 0.8}, labels=("privacy",),
        pii=(domain.PiiSpan(domain.PiiLabel.PHONE, 3, 15, "07700 900123"),),
        preference=domain.StatedPreference.EMAIL_ONLY, signals=(domain.Signal.REGULATOR,),
        requests=(domain.RequestKind.PHONE,),
    )
    with db.transaction() as session:
        case_store.add_message(message(case_id, "1"), analysis, "rules-1", session=session)

    with db.reading() as session:
        [(_, row)] = case_store.messages_of_case(case_id, session=session)
        assert row is not None
        assert case_store.analysis_from_row(row) == analysis


# --- customers --------------------------------------------------------------------------------

def test_add_held_is_idempotent(db: Database) -> None:
    customer_id = new_customer(db)
    phone = domain.HeldDatum(HeldKind.PHONE, "+447700900123", verified_at=T0,
                             verified_how="crm import")

    with db.transaction() as session:
        assert customer_store.add_held(customer_id, phone, session=session) is True
        assert customer_store.add_held(customer_id, phone, session=session) is False
    with db.transaction() as session:
        assert customer_store.add_held(customer_id, phone, session=session) is False
        other_kind = domain.HeldDatum(HeldKind.ACCOUNT_NUMBER, "+447700900123")
        assert customer_store.add_held(customer_id, other_kind, session=session) is True

    with db.reading() as session:
        held = [datum for _, datum in customer_store.held_of(customer_id, session=session)]
    assert held == [phone, domain.HeldDatum(HeldKind.ACCOUNT_NUMBER, "+447700900123")]


def test_the_same_value_may_be_held_for_two_customers(db: Database) -> None:
    first, second = new_customer(db, "Jo Bloggs"), new_customer(db, "Sam Bloggs")
    shared = domain.HeldDatum(HeldKind.ADDRESS, "12 Acacia Avenue")

    with db.transaction() as session:
        assert customer_store.add_held(first, shared, session=session)
        assert customer_store.add_held(second, shared, session=session)


def test_identities_match_by_user_id_then_by_normalised_handle(db: Database) -> None:
    customer_id = new_customer(db)
    with db.transaction() as session:
        customer_store.link_identity(customer_id, Network.X, "@Jo_Bloggs", session=session,
                                     external_user_id="42")

    with db.reading() as session:
        by_handle = customer_store.find_identity(Network.X, " @JO_BLOGGS ", session=session)
        by_id = customer_store.find_identity(Network.X, "renamed", session=session,
                                             external_user_id="42")
        other_network = customer_store.find_identity(Network.MASTODON, "jo_bloggs",
                                                     session=session)
    assert by_handle is not None and by_handle.handle == "jo_bloggs"
    assert by_id is not None and by_id.id == by_handle.id
    assert other_network is None


def test_a_handle_belongs_to_one_customer_per_network(db: Database) -> None:
    first, second = new_customer(db), new_customer(db, "Sam Bloggs")
    with db.transaction() as session:
        customer_store.link_identity(first, Network.X, "jo_bloggs", session=session)

    with pytest.raises(IntegrityError), db.transaction() as session:
        customer_store.link_identity(second, Network.X, "@JO_Bloggs", session=session)


def test_set_preference_reports_changes(db: Database) -> None:
    customer_id = new_customer(db)
    values = dict(preferred_channel=ContactMethod.EMAIL, preferred_only=True, do_not_call=False,
                  no_marketing=True, set_by="crm import", set_at=T0)

    with db.transaction() as session:
        assert customer_store.set_preference(customer_id, session=session, **values) is True
    with db.transaction() as session:
        later = {**values, "set_at": T0 + timedelta(days=1)}
        assert customer_store.set_preference(customer_id, session=session, **later) is False
        changed = {**values, "do_not_call": True, "set_by": "agent alex"}
        assert customer_store.set_preference(customer_id, session=session, **changed) is True

    with db.reading() as session:
        row = customer_store.preference_of(customer_id, session=session)
    assert row is not None
    assert (row.preferred_channel, row.preferred_only, row.do_not_call, row.no_marketing) == (
        "email", True, True, True)
    assert (row.set_by, row.set_at) == ("agent alex", T0)


def test_merge_moves_identities_and_cases_and_drops_the_provisional(db: Database) -> None:
    provisional = new_customer(db, "jo_bloggs", provisional=True)
    known = new_customer(db, "Jo Bloggs", external_ref="C1001")
    case_id = new_case(db, provisional)
    with db.transaction() as session:
        customer_store.link_identity(provisional, Network.X, "jo_bloggs", session=session)

    with db.transaction() as session:
        customer_store.merge_customer(provisional, known, session=session)

    with db.reading() as session:
        assert customer_store.get_customer(provisional, session=session) is None
        assert [i.handle for i in customer_store.identities_of(known, session=session)] == [
            "jo_bloggs"]
        case = case_store.get_case(case_id, session=session)
        assert case is not None and case.customer_id == known


def test_merge_moves_held_data_and_contacts_too(db: Database) -> None:
    provisional = new_customer(db, "jo_bloggs", provisional=True)
    known = new_customer(db, "Jo Bloggs", external_ref="C1001")
    email = domain.HeldDatum(HeldKind.EMAIL, "jo@example.com", source="dm")
    with db.transaction() as session:
        customer_store.add_held(provisional, email, session=session)
        customer_store.add_held(known, email, session=session)
        customer_store.add_held(provisional, domain.HeldDatum(HeldKind.PHONE, "+447700900001"),
                                session=session)
        contact_store.add_contact(ContactLog(fingerprint="f1", customer_id=provisional, at=T0,
                                             channel="dm", direction="inbound"), session=session)

    with db.transaction() as session:
        customer_store.merge_customer(provisional, known, session=session)

    with db.reading() as session:
        held = sorted(d.kind.value for _, d in customer_store.held_of(known, session=session))
        assert held == ["email", "phone"]
        assert len(contact_store.contacts_of(known, session=session)) == 1


def test_a_customer_from_the_crm_is_never_merged_away(db: Database) -> None:
    source = new_customer(db, "Sam Bloggs", external_ref="C1002")
    into = new_customer(db, "Jo Bloggs", external_ref="C1001")

    with pytest.raises(ValueError, match="not provisional"), db.transaction() as session:
        customer_store.merge_customer(source, into, session=session)

    with db.reading() as session:
        assert customer_store.get_customer(source, session=session) is not None


def test_external_refs_are_unique(db: Database) -> None:
    new_customer(db, external_ref="C1001")

    with pytest.raises(IntegrityError):
        new_customer(db, "Someone Else", external_ref="C1001")


# --- contact log ------------------------------------------------------------------------------

def test_add_contact_is_idempotent_on_the_fingerprint(db: Database) -> None:
    customer_id = new_customer(db)

    def entry(notes: str) -> ContactLog:
        return ContactLog(fingerprint="f" * 64, customer_id=customer_id, at=T0, channel="call",
                          direction="outbound", team="sales", purpose="sales", notes=notes)

    with db.transaction() as session:
        assert contact_store.add_contact(entry("first"), session=session) is True
    with db.transaction() as session:
        assert contact_store.add_contact(entry("second"), session=session) is False
        other = entry("other")
        other.fingerprint = "e" * 64
        other.at = T0 + timedelta(days=1)
        assert contact_store.add_contact(other, session=session) is True

    with db.reading() as session:
        log = contact_store.contacts_of(customer_id, session=session)
    assert [c.notes for c in log] == ["other", "first"]  # newest first


# --- ingest bookkeeping -----------------------------------------------------------------------

def test_add_reject_keeps_an_item_once(db: Database) -> None:
    with db.transaction() as session:
        assert ingest_state.add_reject("jsonl:/srv/a", "line 3", "not JSON", "{oops",
                                       session=session) is True
        assert ingest_state.add_reject("jsonl:/srv/a", "line 3", "not JSON again", "{oops",
                                       session=session) is False
    with db.transaction() as session:
        assert ingest_state.add_reject("jsonl:/srv/a", "line 3", "not JSON", "{oops",
                                       session=session) is False
        assert ingest_state.add_reject("jsonl:/srv/a", "line 3", "changed", "{oops2",
                                       session=session) is True
        assert ingest_state.add_reject("jsonl:/srv/b", "line 3", "not JSON", "{oops",
                                       session=session) is True
        assert ingest_state.add_reject("jsonl:/srv/a", "line 4", "not JSON", "{oops",
                                       session=session) is True

    with db.reading() as session:
        everything = ingest_state.list_rejects(session=session)
        only_a = ingest_state.list_rejects(session=session, source="jsonl:/srv/a")
    assert len(everything) == 4
    assert [(r.location, r.payload) for r in only_a] == [
        ("line 3", "{oops"), ("line 3", "{oops2"), ("line 4", "{oops")]


def test_add_reject_keeps_payloads_that_are_not_valid_unicode(sqlite_db: Database) -> None:
    """A surrogate-escaped payload gets a fingerprint instead of an exception."""
    with sqlite_db.transaction() as session:
        assert ingest_state.add_reject("csv:/a", "line 2", "not UTF-8", "caf\ufffd",
                                       session=session)


def test_cursor_round_trip(db: Database) -> None:
    with db.reading() as session:
        assert ingest_state.cursor_of("jsonl:/srv/a", session=session) is None
    with db.transaction() as session:
        ingest_state.set_cursor("jsonl:/srv/a", '{"offset": 10, "line": 1}', session=session)
    with db.transaction() as session:
        ingest_state.set_cursor("jsonl:/srv/a", '{"offset": 99, "line": 7}', session=session)

    with db.reading() as session:
        assert ingest_state.cursor_of("jsonl:/srv/a", session=session) == (
            '{"offset": 99, "line": 7}')
        assert ingest_state.cursor_of("jsonl:/srv/b", session=session) is None


# --- desk -------------------------------------------------------------------------------------

def test_agents_settings_and_audit(db: Database) -> None:
    with db.transaction() as session:
        desk_store.add_agent("sam", Role.SUPERVISOR, session=session)
        desk_store.add_agent("alex", Role.AGENT, session=session)
        desk_store.set_setting("demo", "yes", session=session)
        desk_store.set_setting("demo", "no", session=session)
        desk_store.record_audit("alex", "agent.add", "agent", "sam", session=session,
                                detail={"role": "supervisor"})

    with db.reading() as session:
        assert [a.name for a in desk_store.list_agents(session=session)] == ["alex", "sam"]
        assert desk_store.get_setting("demo", session=session) == "no"
        assert desk_store.get_setting("absent", session=session) is None
        sam = desk_store.agent_by_name("sam", session=session)
        assert sam is not None and sam.role == "supervisor"
        assert desk_store.agent_name(sam.id, session=session) == "sam"
        assert desk_store.agent_name(None, session=session) is None
        counts = desk_store.count_rows(session=session)
    assert counts["agent"] == 2 and counts["audit_event"] == 1 and counts["desk_setting"] == 1


# --- what the parser accepts must fit the columns --------------------------------------------

@pytest.mark.postgres
def test_the_longest_author_fields_parse_post_accepts_can_be_stored(pg_db: Database) -> None:
    """The longest ids, handles and names parse_post accepts fit their columns;
    PostgreSQL enforces the lengths, so one that did not would fail a whole batch."""
    long = "x" * MAX_NAME_CHARS
    long_id = "9" * MAX_ID_CHARS
    long_author_id = "8" * MAX_AUTHOR_ID_CHARS
    with pg_db.transaction() as session:
        customer = customer_store.add_customer(long, session=session, provisional=True)
        identity = customer_store.link_identity(
            customer.id or 0, Network.X, long, session=session, external_user_id=long_author_id,
            display_name=long,
        )
        case = case_store.add_case(Case(customer_id=customer.id or 0, network="x",
                                        visibility="public", opened_at=T0, updated_at=T0),
                                   session=session)
        case_store.add_message(
            message(case.id or 0, long_id, conversation_id=long_id, in_reply_to=long_id,
                    author_identity_id=identity.id, author_handle=long, author_name=long),
            None, "v1", session=session,
        )

    with pg_db.reading() as session:
        assert session.exec(select(Customer)).one().name == long
