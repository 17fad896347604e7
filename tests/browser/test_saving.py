"""Saving ("Bewaar") a session and an event in a real browser, with the script (no page
load) and without it (a plain form and a redirect back), and finding both on Mijn programma;
a visitor who is not signed in is asked to and comes back to the same page."""

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from tests.factories import (
    PASSWORD,
    EventFactory,
    SessionFactory,
    SittingFactory,
    SlotFactory,
    make_user,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def programme(transactional_db):
    event = EventFactory(title="Werken in de wijk")
    session = SessionFactory(event=event, code="1a", title="Buurtbudgetten")
    SittingFactory(session=session, room="Raadzaal")
    return event, session


def save_on(page: Page, url: str, *, javascript: bool) -> None:
    page.goto(url)
    actions = page.locator(".actions").first
    button = actions.get_by_role("button", name="Bewaar", exact=True)
    expect(button).to_have_attribute("aria-pressed", "false")
    if javascript:
        page.evaluate("window.stillTheSamePage = true")
    button.click()
    saved = actions.get_by_role("button", name="Bewaard", exact=True)
    expect(saved).to_have_attribute("aria-pressed", "true")
    if javascript:
        assert page.evaluate("window.stillTheSamePage") is True  # no page load
    else:
        expect(page.get_by_text("Bewaard in Mijn programma.")).to_be_visible()
        assert page.url.endswith(url)


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
def test_save_a_session_and_an_event_and_find_them(open_page, programme, javascript):
    event, session = programme
    page = open_page(make_user(), javascript=javascript)

    save_on(page, session.get_absolute_url(), javascript=javascript)
    save_on(page, event.get_absolute_url(), javascript=javascript)

    page.get_by_role("link", name="Mijn programma").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn programma")
    section = page.locator(".my-programme__event")
    expect(section.get_by_role("heading", name="Werken in de wijk")).to_be_visible()
    expect(section.get_by_role("link", name="1a Buurtbudgetten")).to_be_visible()
    expect(section.get_by_text("Raadzaal")).to_be_visible()


def test_unsaving_with_the_script_turns_the_button_back(open_page, programme):
    event, _ = programme
    page = open_page(make_user())
    save_on(page, event.get_absolute_url(), javascript=True)
    actions = page.locator(".actions").first
    actions.get_by_role("button", name="Bewaard", exact=True).click()
    expect(actions.get_by_role("button", name="Bewaar", exact=True)).to_have_attribute(
        "aria-pressed", "false"
    )
    page.reload()
    expect(actions.get_by_role("button", name="Bewaar", exact=True)).to_be_visible()


def test_unsaving_a_session_held_twice_turns_both_its_buttons_back(open_page, programme):
    """On Mijn programma a session held in two rounds stands there twice."""
    event, session = programme
    later = event.starts_at + dt.timedelta(hours=2)
    SittingFactory(session=session, room="Zaal 2", slot=SlotFactory(event=event, starts_at=later))
    page = open_page(make_user())
    save_on(page, session.get_absolute_url(), javascript=True)
    page.goto("/mijn-programma/")
    buttons = page.locator(".my-programme__event").get_by_role("button", name="Bewaard")
    expect(buttons).to_have_count(2)

    buttons.first.click()

    unsaved = page.locator(".my-programme__event").get_by_role("button", name="Bewaar")
    expect(unsaved).to_have_count(2)
    for index in range(2):
        expect(unsaved.nth(index)).to_have_attribute("aria-pressed", "false")


def test_a_visitor_signs_in_and_comes_back_to_save(open_page, programme):
    _, session = programme
    make_user("anna@example.org")
    page = open_page(javascript=False)
    page.goto(session.get_absolute_url())
    page.get_by_role("link", name="Log in om te bewaren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Aanmelden"))
    page.get_by_label("E-mailadres:").fill("anna@example.org")
    page.get_by_label("Wachtwoord:", exact=True).fill(PASSWORD)
    page.locator("form:has(#id_login) button[type=submit]").click()
    expect(page).to_have_url(re.compile(re.escape(session.get_absolute_url()) + "$"))
    save_on(page, session.get_absolute_url(), javascript=False)


@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_mijn_programma_prints_one_a4_per_event(open_page, programme):
    _, session = programme
    person = make_user()
    for title in ("Energie in de buurt", "Wonen in de wijk"):
        EventFactory(title=title).saved_items.create(user=person)
    session.saved_items.create(user=person)
    page = open_page(person)
    page.goto("/mijn-programma/")
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 3  # one page per event
