"""What an agent does with the desk, driven through Textual's Pilot on the demo data."""

from __future__ import annotations

import csv
from collections.abc import Awaitable, Callable
from importlib import resources

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, Static

from caredesk.services.desk import Desk
from caredesk.services.views import QueueRow
from caredesk.tui.app import CaredeskApp
from caredesk.tui.screens.case import CaseScreen
from caredesk.tui.screens.help import HelpScreen
from caredesk.tui.screens.queue import QueueScreen
from caredesk.tui.widgets.contact_log import ContactEntry
from caredesk.tui.widgets.customer_card import PreferenceBanner
from caredesk.tui.widgets.queue_table import QueueTable
from caredesk.tui.widgets.thread import MessageItem

from .conftest import FIXED_NOW, HOSTILE, HOSTILE_HANDLE, HOSTILE_NAME, SIZE

Settle = Callable[[Pilot[None]], Awaitable[None]]
ReadScreen = Callable[[App[None]], str]


def _demo_customer(name: str) -> dict[str, str]:
    """A customer's raw row from the demo CRM file: the values that must stay masked."""
    source = resources.files("caredesk.services") / "demo_data" / "customers.csv"
    with source.open(encoding="utf-8", newline="") as stream:
        return next(row for row in csv.DictReader(stream) if row["name"] == name)


def _row_for(desk: Desk, name: str) -> QueueRow:
    return next(row for row in desk.list_cases() if row.customer_name == name)


def _cell_texts(table: QueueTable, case_id: int) -> list[str]:
    return [cell.plain for cell in table.get_row(str(case_id))]


async def _open_case(pilot: Pilot[None], settle: Settle, case_id: int) -> CaseScreen:
    """Move the queue cursor to `case_id` and press enter, as an agent would."""
    table = pilot.app.screen.query_one(QueueTable)
    table.move_cursor(row=table.get_row_index(str(case_id)))
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CaseScreen)
    assert screen.case_id == case_id
    return screen


async def test_queue_shows_the_open_cases_most_urgent_first(
    app: CaredeskApp, desk: Desk, settle: Settle, read_screen: ReadScreen
) -> None:
    expected = desk.list_cases()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        table = app.screen.query_one(QueueTable)
        assert table.has_focus
        assert [key.value for key in table.rows] == [str(row.case_id) for row in expected]
        first = expected[0]
        cells = _cell_texts(table, first.case_id)
        assert cells[1] == first.priority.label
        assert first.customer_name in cells[6]
        text = read_screen(app)
        assert f"{len(expected)} open cases" in text
        assert "caredesk — alex" in text


async def test_enter_opens_the_case_and_escape_returns(
    app: CaredeskApp, desk: Desk, settle: Settle
) -> None:
    first = desk.list_cases()[0]
    detail = desk.case_detail(first.case_id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        assert screen.case_id == first.case_id
        assert len(screen.query(MessageItem)) == len(detail.messages)
        assert screen.query_one("#thread").has_focus
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, QueueScreen)
        table = app.screen.query_one(QueueTable)
        assert table.has_focus
        assert table.selected_case() == first.case_id


async def test_customer_card_shows_held_data_masked_never_raw(
    app: CaredeskApp, desk: Desk, settle: Settle, read_screen: ReadScreen
) -> None:
    raw = _demo_customer("Sarah Okafor")
    row = _row_for(desk, "Sarah Okafor")
    held = desk.case_detail(row.case_id).customer.held
    assert held, "the demo customer should have held data"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await _open_case(pilot, settle, row.case_id)
        held_text = str(screen.query_one("#held", Static).visual)
        card_text = "\n".join(
            str(widget.visual) for widget in screen.query("#card Static").results(Static)
        )
        text = read_screen(app)
        for datum in held:
            assert datum.masked in held_text
        for key in ("phone", "email", "dob", "postcode", "account_number", "address"):
            assert raw[key] not in card_text, key
            assert raw[key] not in text, key


async def test_preference_banner_and_breaching_sales_calls_stand_out(
    app: CaredeskApp, desk: Desk, settle: Settle
) -> None:
    row = _row_for(desk, "Sarah Okafor")
    preference = desk.case_detail(row.case_id).customer.preference
    assert preference is not None and preference.preferred_only
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = await _open_case(pilot, settle, row.case_id)
        banner = screen.query_one(PreferenceBanner)
        assert banner.has_class("-restricted")
        assert preference.summary.upper() in str(banner.visual)
        breaches = [entry for entry in screen.query(ContactEntry) if entry.has_class("-breach")]
        assert breaches, "the two telesales calls to an email-only customer"
        assert all(entry.contact.purpose == "sales" for entry in breaches)


async def test_help_opens_and_closes(app: CaredeskApp, settle: Settle) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")  # a second ? does not stack another help
        assert isinstance(app.screen, QueueScreen)
        await pilot.press("question_mark")
        await pilot.press("escape")
        assert isinstance(app.screen, QueueScreen)


async def test_q_quits_from_the_case_screen(app: CaredeskApp, settle: Settle) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_filter_narrows_the_queue_and_q_types_in_it(
    app: CaredeskApp, desk: Desk, settle: Settle
) -> None:
    target = _row_for(desk, "Sarah Okafor")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        filter_input = app.screen.query_one("#queue-filter", Input)
        assert filter_input.has_focus
        await pilot.press(*"okafor q")
        assert app.is_running, "q in the filter is a letter, not quit"
        assert filter_input.value == "okafor q"
        await pilot.press("backspace", "backspace")
        table = app.screen.query_one(QueueTable)
        assert str(target.case_id) in [key.value for key in table.rows]
        assert len(table.rows) < len(desk.list_cases())
        await pilot.press("enter")  # back to the table
        assert table.has_focus
        await pilot.press("escape")  # clears the filter
        assert filter_input.value == ""
        assert len(table.rows) == len(desk.list_cases())


async def test_hostile_markup_is_shown_literally_and_does_nothing(
    hostile_desk: Desk, settle: Settle, read_screen: ReadScreen
) -> None:
    """A post `[@click=app.quit] [/bold] [b]x` must neither crash, style nor act."""
    row = next(row for row in hostile_desk.list_cases() if HOSTILE in row.preview)
    app = CaredeskApp(hostile_desk)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one(QueueTable)
        cells = _cell_texts(table, row.case_id)
        assert cells[-1].startswith(HOSTILE)
        table.move_cursor(row=table.get_row_index(str(row.case_id)), animate=False)
        await pilot.pause()
        assert HOSTILE in read_screen(app)
        screen = await _open_case(pilot, settle, row.case_id)
        [message] = screen.query(MessageItem)
        text_widget = message.query_one(".message-text", Static)
        assert str(text_widget.visual).startswith(HOSTILE)
        assert f"@{HOSTILE_HANDLE}" in str(message.query_one(".message-meta", Static).visual)
        assert HOSTILE_NAME in str(message.query_one(".message-meta", Static).visual)
        screen_text = read_screen(app)
        assert HOSTILE in screen_text
        assert HOSTILE_NAME in screen_text
        await pilot.click(text_widget, offset=(2, 0))  # on the would-be @click link
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, CaseScreen)


async def test_demo_posts_with_markup_stay_literal_in_the_queue(
    app: CaredeskApp, desk: Desk, settle: Settle
) -> None:
    rows = [row for row in desk.list_cases() if "[" in row.preview or "[" in row.customer_name]
    assert rows, "the demo carries posts written as markup"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one(QueueTable)
        for row in rows:
            cells = table.get_row(str(row.case_id))
            assert all(not cell.spans for cell in cells[-1:]), "preview text gained styles"
            assert cells[-1].plain.rstrip("…") in row.preview.replace("\n", " ")


async def test_a_stale_queue_answer_is_dropped(app: CaredeskApp, settle: Settle) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QueueScreen)
        table = screen.query_one(QueueTable)
        before = table.row_count
        screen.post_message(QueueScreen.Loaded(screen._generation - 1, [], FIXED_NOW))
        await pilot.pause()
        assert table.row_count == before


async def test_a_missing_case_is_reported_not_raised(
    app: CaredeskApp, desk: Desk, settle: Settle, read_screen: ReadScreen
) -> None:
    missing = max(row.case_id for row in desk.list_cases(status=None)) + 1000
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(CaseScreen(desk, missing))
        await settle(pilot)
        assert app.is_running
        assert f"Case #{missing} no longer exists." in read_screen(app)
        await pilot.press("escape")
        assert isinstance(app.screen, QueueScreen)
