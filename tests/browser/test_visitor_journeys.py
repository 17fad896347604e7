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
    programme = page.get_by_role("region", name="Programma")
    expect(programme).to_be_visible()
    programme.get_by_role("link", name="Breda Begroot").first.click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Breda Begroot")
    expect(page.get_by_role("link", name=ZAANSTAD).first).to_be_visible()
