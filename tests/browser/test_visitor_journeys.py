"""A visitor finds an event, reads its programme, opens a session, and switches language."""

import re

from playwright.sync_api import Page, expect

ZAANSTAD = "Werken in de wijk en nieuwe vormen van lokale democratie"


def test_a_visitor_finds_the_zaanstad_event_through_the_agenda_filters(page: Page, demo):
    page.goto("/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Agenda").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Agenda")

    page.get_by_label("Periode:", exact=True).select_option(label="Voorbij")
    page.get_by_label("Plaats:", exact=True).select_option("Zaandam")
    page.get_by_role("button", name="Filteren").click()

    expect(page).to_have_url(re.compile(r"period=past.*city=Zaandam"))
    page.get_by_role("link", name=ZAANSTAD).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(ZAANSTAD)
    programme = page.get_by_role("region", name="Programma", exact=True)
    expect(programme).to_be_visible()
    programme.get_by_role("link", name="Breda Begroot").first.click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Breda Begroot")
    expect(page.get_by_role("link", name=ZAANSTAD).first).to_be_visible()


def test_the_language_switch_turns_a_page_into_english_and_back(page: Page, demo):
    page.goto("/initiatieven/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_contain_text("Initiatieven")

    page.get_by_role("button", name="EN English").click()

    expect(page).to_have_url(re.compile(r"/initiatieven/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("navigation", name="Main menu")).to_contain_text("Initiatives")

    page.get_by_role("button", name="NL Nederlands").click()

    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_contain_text("Initiatieven")
