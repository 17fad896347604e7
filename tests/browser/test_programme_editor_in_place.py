"""With its script, the programme editor adds, edits, moves and deletes sessions in place:
no page load after the first, and a save that fails keeps what was typed."""

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from common.timezone import AMSTERDAM
from sessions.models import Session
from teams.enums import Role
from tests.browser.conftest import require
from tests.browser.test_accessibility import AXE, violations
from tests.factories import (
    EventFactory,
    InitiativeFactory,
    MembershipFactory,
    SessionFactory,
    SittingFactory,
    SlotFactory,
    ThemeFactory,
    make_user,
)

pytestmark = pytest.mark.django_db(transaction=True)
DAY = dt.date(2031, 10, 20)


def at(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(DAY, dt.time(hour, minute), tzinfo=AMSTERDAM)


def loads_of(page: Page) -> list[str]:
    """The page's navigations, counted from now on."""
    loads: list[str] = []
    page.on("framenavigated", lambda frame: frame == page.main_frame and loads.append(frame.url))
    return loads


def row_of(page: Page, session) -> str:
    """The id prefix of a session's row; rows are in the order of theme and code."""
    name = page.locator(f'#sessions input[name$="-id"][value="{session.pk}"]').get_attribute("name")
    return f"#id_{name.removesuffix('-id')}"


@pytest.mark.parametrize("viewport", ["desktop"])
def test_sessions_are_added_edited_moved_and_deleted_without_a_page_load(open_page, viewport):
    event = EventFactory(starts_at=at(14), ends_at=at(18), capacity=10)
    first = SlotFactory(event=event, starts_at=at(15), ends_at=at(15, 45), title="Ronde 1")
    second = SlotFactory(event=event, starts_at=at(16), ends_at=at(16, 45), title="Ronde 2")
    ThemeFactory(event=event, number=1, title="Buurtbudgetten")
    ThemeFactory(event=event, number=2, title="Jongeren")
    held = SessionFactory(event=event, code="1a", title="Breda Begroot", theme=None)
    SittingFactory(session=held, slot=first, room="Zaal A", capacity=10)
    InitiativeFactory(name="Buurtkiep")
    user = make_user("organiser@example.org", is_staff=True)
    MembershipFactory(user=user, organisation=event.organiser, role=Role.EDITOR)

    page = open_page(user)
    page.goto(reverse("admin:events_event_programme", args=[event.pk]))
    loads = loads_of(page)
    save = page.get_by_role("button", name="Sessies opslaan")
    messages = page.locator("#programme-editor-messages")

    # Edit: a new title.
    page.fill("#id_sessions-0-title", "Breda Begroot, de tafel")
    save.click()
    expect(messages).to_contain_text("0 nieuw, 1 gewijzigd")
    assert Session.objects.get(pk=held.pk).title == "Breda Begroot, de tafel"
    # Shown beside the button too, where the organiser is after a save at the foot of the
    # page (the messages above are the live region that screen readers announce).
    beside = page.locator("#sessions [data-save-status]")
    expect(beside).to_contain_text("0 nieuw, 1 gewijzigd")
    save.scroll_into_view_if_needed()
    expect(beside).to_be_in_viewport()

    # Add: a blank row, with an initiative picked in its box.
    page.fill("#id_sessions-1-code", "2b")
    page.fill("#id_sessions-1-title", "Buurtkiep")
    page.check(f"#id_sessions-1-round_{second.pk}_in")
    page.fill(f"#id_sessions-1-round_{second.pk}_seats", "12")
    initiatives = page.locator("#id_sessions-1-initiatives")
    suggest = page.locator("#id_sessions-1-initiatives_add")
    expect(suggest).to_have_attribute("list", "programme-editor-initiatives")
    suggest.press_sequentially("Buurt")  # typed, not picked: it stays in the box
    expect(initiatives).to_have_value("")
    # What Chromium does when a suggestion of the <datalist> is picked.
    suggest.evaluate(
        """box => { box.value = "Buurtkiep";
        box.dispatchEvent(new InputEvent("input", {bubbles: true,
                                                   inputType: "insertReplacementText"})); }"""
    )
    expect(initiatives).to_have_value("Buurtkiep")
    expect(suggest).to_have_value("")
    suggest.fill("buurtkiep")
    suggest.press("Enter")  # adds the name (once), rather than sending the form
    expect(initiatives).to_have_value("Buurtkiep")
    expect(messages).not_to_contain_text("Bezig")
    save.click()
    expect(messages).to_contain_text("1 nieuw, 0 gewijzigd")
    added = Session.objects.get(code="2b")
    assert [i.name for i in added.initiatives.all()] == ["Buurtkiep"]
    # The new row came back with its id: saving again changes nothing.
    expect(page.locator("#id_sessions-1-id")).to_have_value(str(added.pk))
    save.click()
    expect(messages).to_contain_text("Er was niets veranderd.")
    assert Session.objects.count() == 2

    # Move: another theme, the second round instead of the first.
    row = row_of(page, held)
    page.select_option(f"{row}-theme", label="Thema 2. Jongeren")
    page.uncheck(f"{row}-round_{first.pk}_in")
    page.check(f"{row}-round_{second.pk}_in")
    page.fill(f"{row}-round_{second.pk}_seats", "8")
    save.click()
    expect(messages).to_contain_text("1 gewijzigd")
    assert [s.slot_id for s in held.sittings.all()] == [second.pk]
    # The warnings before publishing follow at once: the first round is empty now.
    expect(page.locator("#programme-editor-warnings")).to_contain_text(
        "‘Ronde 1’ (15.00) heeft nog geen sessies"
    )

    # Delete.
    page.check(f"{row_of(page, held)}-DELETE")
    save.click()
    expect(messages).to_contain_text("1 verwijderd")
    assert not Session.objects.filter(pk=held.pk).exists()
    expect(page.locator("#sessions")).not_to_contain_text("Breda Begroot")
    expect(page.locator("#programme-editor-overview")).not_to_contain_text("Breda Begroot")
    # The form that came back has its own "add a row" button, once, and it works.
    expect(save).to_be_focused()
    add = page.locator("#sessions .programme-editor__add")
    expect(add).to_have_count(1)
    add.click()
    expect(page.locator("#id_sessions-4-code")).to_be_focused()
    expect(page.locator("#id_sessions-TOTAL_FORMS")).to_have_value("5")

    assert loads == []


@pytest.mark.parametrize("viewport", ["desktop"])
def test_a_save_that_fails_keeps_what_was_typed(open_page, viewport):
    event = EventFactory(starts_at=at(14), ends_at=at(18))
    first = SlotFactory(event=event, starts_at=at(15), ends_at=at(15, 45), title="Ronde 1")
    held = SessionFactory(event=event, code="1a", title="Breda Begroot", theme=None)
    SittingFactory(session=held, slot=first, capacity=10)
    user = make_user("organiser@example.org", is_staff=True)
    MembershipFactory(user=user, organisation=event.organiser, role=Role.EDITOR)
    editor_url = reverse("admin:events_event_programme", args=[event.pk])

    page = open_page(user)
    page.goto(editor_url)
    loads = loads_of(page)
    save = page.get_by_role("button", name="Sessies opslaan")
    messages = page.locator("#programme-editor-messages")
    title = page.locator("#id_sessions-0-title")

    # Refused by the form: the error next to its row, everything typed still there.
    title.fill("Een titel die blijft")
    page.fill("#id_sessions-0-initiatives_add", "Bestaat niet")
    save.click()
    expect(messages).to_contain_text("Er is niets opgeslagen")
    expect(page.locator("#sessions .errorlist")).to_contain_text(
        "Onbekend initiatief: Bestaat niet."
    )
    expect(title).to_have_value("Een titel die blijft")
    page.fill("#id_sessions-0-initiatives", "")

    # No connection, then a server error: nothing replaced, and the page says so.
    for failure, said in (
        (lambda route: route.abort(), "geen verbinding"),
        (lambda route: route.fulfill(status=500, body="Serverfout"), "gaf een fout"),
        (lambda route: route.fulfill(status=403, body="CSRF"), "weigerde"),
    ):
        page.route(f"**{editor_url}", failure)
        title.fill(f"Getypt voor {said}")
        save.click()
        expect(messages).to_contain_text(said)
        expect(title).to_have_value(f"Getypt voor {said}")
        expect(page.locator("#sessions")).not_to_have_attribute("aria-busy", "true")
        page.unroute(f"**{editor_url}")
    assert Session.objects.get().title == "Breda Begroot"

    # Once the server answers again, the same save goes through.
    save.click()
    expect(messages).to_contain_text("1 gewijzigd")
    assert Session.objects.get().title == "Getypt voor weigerde"
    assert loads == []


@pytest.mark.parametrize("viewport", ["desktop"])
def test_the_editor_has_no_wcag_violations_after_a_refused_save(open_page, viewport):
    require("axe-core", AXE.exists(), "npm ci")
    event = EventFactory(starts_at=at(14), ends_at=at(18))
    first = SlotFactory(event=event, starts_at=at(15), ends_at=at(15, 45), title="Ronde 1")
    held = SessionFactory(event=event, code="1a", title="Breda Begroot", theme=None)
    SittingFactory(session=held, slot=first, capacity=10)
    InitiativeFactory(name="Buurtkiep")
    user = make_user("organiser@example.org", is_staff=True)
    MembershipFactory(user=user, organisation=event.organiser, role=Role.EDITOR)

    page = open_page(user, bypass_csp=True)  # axe is injected inline
    page.goto(reverse("admin:events_event_programme", args=[event.pk]))
    page.fill("#id_sessions-0-initiatives_add", "Bestaat niet")
    page.get_by_role("button", name="Sessies opslaan").click()
    expect(page.locator("#programme-editor-messages")).to_contain_text("niets opgeslagen")

    found = violations(page, AXE.read_text())
    assert not found, "\n".join(found)


@pytest.mark.parametrize("viewport", ["desktop"])
def test_without_javascript_the_form_saves_with_a_page_load(open_page, viewport):
    event = EventFactory(starts_at=at(14), ends_at=at(18))
    first = SlotFactory(event=event, starts_at=at(15), ends_at=at(15, 45), title="Ronde 1")
    InitiativeFactory(name="Buurtkiep")
    user = make_user("organiser@example.org", is_staff=True)
    MembershipFactory(user=user, organisation=event.organiser, role=Role.EDITOR)

    page = open_page(user, javascript=False)
    page.goto(reverse("admin:events_event_programme", args=[event.pk]))
    loads = loads_of(page)
    page.fill("#id_sessions-0-title", "Buurtkiep aan tafel")
    page.check(f"#id_sessions-0-round_{first.pk}_in")
    page.fill("#id_sessions-0-initiatives_add", "Buurtkiep")
    page.get_by_role("button", name="Sessies opslaan").click()

    expect(page.locator(".messagelist")).to_contain_text("1 nieuw")
    assert len(loads) == 1
    session = Session.objects.get()
    assert [i.name for i in session.initiatives.all()] == ["Buurtkiep"]
    expect(page.locator("#id_sessions-0-initiatives")).to_have_value("Buurtkiep")
