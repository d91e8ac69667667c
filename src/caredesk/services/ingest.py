"""Ingest: connector batches into threaded, linked, analysed, triaged cases.

Each batch (its new messages, analyses, case changes, rejects and the
connector's cursor) commits in one transaction, so a crash mid-run loses
nothing and a re-run adds nothing twice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from caredesk import domain
from caredesk.config import Settings
from caredesk.ingest import Batch, Connector, Rejected
from caredesk.services.analysis import TextAnalyzer
from caredesk.services.triage import retriage
from caredesk.store import Database, Session, ingest_state
from caredesk.store import cases as case_store
from caredesk.store import customers as customer_store
from caredesk.store.tables import Case, Message


@dataclass(frozen=True)
class RejectNote:
    source: str
    location: str
    reason: str


@dataclass
class IngestReport:
    source: str
    read: int = 0
    added: int = 0
    duplicates: int = 0
    cases_opened: int = 0
    rejected: list[RejectNote] = field(default_factory=list)


@dataclass(frozen=True)
class _Stored:
    case_id: int
    opened: bool


def ingest(
    database: Database,
    connector: Connector,
    analyzer: TextAnalyzer,
    settings: Settings,
    *,
    progress: Callable[[IngestReport], None] | None = None,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> IngestReport:
    """Read the connector from its stored cursor to the end, one transaction a batch."""
    report = IngestReport(source=connector.source)
    with database.reading() as session:
        cursor = ingest_state.cursor_of(connector.source, session=session)
    for batch in connector.read(cursor):
        report.read += len(batch.posts) + len(batch.rejected)
        posts = [_as_brand_speaking(post, settings) for post in batch.posts]
        with database.reading() as session:
            candidates = _unseen(posts, session=session)
        analyses = _analyse(analyzer, candidates, settings.nlp.batch_size)
        with database.transaction() as session:
            _store_batch(batch, candidates, analyses, analyzer.version, settings, report,
                         session=session, now=clock())
        if progress is not None:
            progress(report)
    return report


def _store_batch(
    batch: Batch,
    candidates: list[domain.Post],
    analyses: dict[tuple[str, str], domain.Analysis],
    model_version: str,
    settings: Settings,
    report: IngestReport,
    *,
    session: Session,
    now: datetime,
) -> None:
    fresh = _unseen(candidates, session=session)
    report.duplicates += len(batch.posts) - len(fresh)
    rejected = list(batch.rejected)
    touched: set[int] = set()
    for post in sorted(fresh, key=lambda p: p.created_at):
        outcome = _store_post(post, analyses.get(_key(post)), model_version, session=session)
        if isinstance(outcome, Rejected):
            rejected.append(outcome)
            continue
        report.added += 1
        report.cases_opened += outcome.opened
        touched.add(outcome.case_id)
    retriage(touched, settings, session=session, now=now)
    for item in rejected:
        ingest_state.add_reject(report.source, item.location, item.reason, item.payload,
                                session=session)
        report.rejected.append(RejectNote(report.source, item.location, item.reason))
    if batch.cursor is not None:
        ingest_state.set_cursor(report.source, batch.cursor, session=session)


def _as_brand_speaking(post: domain.Post, settings: Settings) -> domain.Post:
    """A post by one of the brand's own accounts is outbound, whatever it claims,
    so the brand never turns into a (provisional) customer."""
    brand = settings.brand_accounts.get(post.network, ())
    if post.direction is domain.Direction.INBOUND and post.author.handle.lower() in brand:
        return replace(post, direction=domain.Direction.OUTBOUND)
    return post


def _unseen(posts: Sequence[domain.Post], *, session: Session) -> list[domain.Post]:
    """Posts not stored yet, each (network, id) once."""
    fresh: dict[tuple[str, str], domain.Post] = {}
    for network in {post.network for post in posts}:
        ids = [post.external_id for post in posts if post.network is network]
        known = case_store.known_external_ids(network, ids, session=session)
        for post in posts:
            if post.network is network and post.external_id not in known:
                fresh.setdefault(_key(post), post)
    return list(fresh.values())


def _analyse(
    analyzer: TextAnalyzer, posts: list[domain.Post], batch_size: int
) -> dict[tuple[str, str], domain.Analysis]:
    """Customer text and the brand's own replies are read for different things."""
    results: dict[tuple[str, str], domain.Analysis] = {}
    for direction, role in ((domain.Direction.INBOUND, "customer"),
                            (domain.Direction.OUTBOUND, "agent")):
        chosen = [post for post in posts if post.direction is direction]
        found = analyzer.analyze([post.text for post in chosen], role=role, batch_size=batch_size)
        results.update(zip((_key(post) for post in chosen), found, strict=True))
    return results


def _store_post(
    post: domain.Post, analysis: domain.Analysis | None, model_version: str, *, session: Session
) -> _Stored | Rejected:
    customer_id, identity_id = (
        _link_author(post, session=session)
        if post.direction is domain.Direction.INBOUND
        else (None, None)
    )
    conversation = _conversation_key(post)
    case_id = _thread(post, conversation, customer_id, session=session)
    opened = False
    if case_id is None:
        if customer_id is None:
            return Rejected(
                f"{post.network.value} post {post.external_id}",
                "outbound post that replies to nothing caredesk holds "
                f"(conversation {post.conversation_id}, in reply to {post.in_reply_to})",
                post.raw,
            )
        case = case_store.add_case(
            Case(
                customer_id=customer_id,
                network=post.network.value,
                visibility=post.visibility.value,
                opened_at=post.created_at,
                updated_at=post.created_at,
            ),
            session=session,
        )
        case_id, opened = case.id or 0, True
    elif post.direction is domain.Direction.INBOUND:
        _reopen(case_id, session=session)
    case_store.add_message(
        Message(
            case_id=case_id,
            network=post.network.value,
            external_id=post.external_id,
            conversation_id=conversation,
            in_reply_to=post.in_reply_to,
            direction=post.direction.value,
            visibility=post.visibility.value,
            author_identity_id=identity_id,
            author_handle=post.author.handle,
            author_name=post.author.name,
            text=post.text,
            created_at=post.created_at,
            raw_payload=post.raw,
        ),
        analysis,
        model_version,
        session=session,
    )
    return _Stored(case_id, opened)


def _link_author(post: domain.Post, *, session: Session) -> tuple[int, int]:
    """The customer behind an inbound post; unknown authors get a provisional one."""
    author = post.author
    identity = customer_store.find_identity(
        post.network, author.handle, session=session, external_user_id=author.id
    )
    if identity is None:
        customer = customer_store.add_customer(author.name or author.handle, session=session,
                                               provisional=True)
        identity = customer_store.link_identity(
            customer.id or 0, post.network, author.handle, session=session,
            external_user_id=author.id, display_name=author.name, followers=author.followers,
        )
    else:
        identity.external_user_id = identity.external_user_id or author.id
        identity.display_name = author.name or identity.display_name
        if author.followers is not None:
            identity.followers = author.followers
        session.add(identity)
    return identity.customer_id, identity.id or 0


def _conversation_key(post: domain.Post) -> str | None:
    """X-style conversation id, else one DM conversation per customer."""
    if post.conversation_id:
        return post.conversation_id
    if post.visibility is domain.Visibility.DIRECT and post.direction is domain.Direction.INBOUND:
        return f"dm:{post.author.id}"
    return None


def _thread(
    post: domain.Post, conversation: str | None, customer_id: int | None, *, session: Session
) -> int | None:
    """Reply chain, else conversation, else the customer's open case on the network.

    A customer's post joins only that customer's own cases: someone else
    replying in a public conversation gets a case (and customer card) of their
    own, so the agent answering them never sees another customer's data. The
    brand's own posts follow the reply chain wherever it leads.
    """
    if post.in_reply_to:
        found = case_store.case_of_message(post.network, post.in_reply_to, session=session,
                                           customer_id=customer_id)
        if found is not None:
            return found
    if conversation:
        found = case_store.case_of_conversation(post.network, conversation, session=session,
                                                customer_id=customer_id)
        if found is not None:
            return found
    if customer_id is not None:
        case = case_store.open_case_of(customer_id, post.network, session=session)
        if case is not None:
            return case.id
    return None


def _reopen(case_id: int, *, session: Session) -> None:
    case = case_store.get_case(case_id, session=session)
    if case is not None and case.status == domain.CaseStatus.CLOSED.value:
        case.status = domain.CaseStatus.OPEN.value
        session.add(case)


def _key(post: domain.Post) -> tuple[str, str]:
    return post.network.value, post.external_id
