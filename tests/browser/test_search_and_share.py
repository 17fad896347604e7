"""A visitor searches from the header and shares what they found: the copy button copies the
page's address (our own script), and without JavaScript the plain share links remain."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import SITE
from tests.factories import EventFactory, InitiativeFactory, OrganisationFactory

TITLE = 'Oogstfeest & "buurtmaaltijd"'


@pytest.fixture
def content(transactional_db, site_url):
    legal_body = OrganisationFactory(name="Stichting Stadsboeren Noord")
    initiative = InitiativeFactory(name="NoordOogst", slug="noordoogst", organisation=legal_body)
    event = EventFactory(title=TITLE, slug="oogstfeest")
    return {"initiative": initiative, "event": event}


def test_the_header_search_finds_an_initiative_and_its_organisation(open_page, content):
    page: Page = open_page()
    page.goto("/agenda/")

    page.get_by_role("searchbox", name="Zoek op het hele platform").fill("NoordOo")
    page.get_by_role("searchbox", name="Zoek op het hele platform").press("Enter")

    expect(page).to_have_url(re.compile(r"/zoeken/\?q=NoordOo$"))
    expect(page.get_by_role("status").first).to_contain_text("2 resultaten voor “NoordOo”")
    expect(page.get_by_role("region", name="Initiatieven")).to_contain_text("NoordOogst")
    expect(page.get_by_role("region", name="Organisaties")).to_contain_text(
        "Stichting Stadsboeren Noord"
    )
    page.get_by_role("link", name="NoordOogst").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("NoordOogst")


def test_the_copy_button_copies_the_address_of_the_page(open_page, content):
    page: Page = open_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto("/evenementen/oogstfeest/")

    share = page.get_by_role("region", name="Delen")
    share.get_by_role("button", name="Kopieer link").click()

    expect(share.get_by_role("status")).to_have_text("De link is gekopieerd.")
    assert page.evaluate("navigator.clipboard.readText()") == f"{SITE}/evenementen/oogstfeest/"
    # The browser's own share sheet is offered only where the browser has one.
    has_share_sheet = page.evaluate("typeof navigator.share === 'function'")
    expect(share.get_by_role("button", name="Delen via…")).to_be_visible(visible=has_share_sheet)


def test_without_javascript_the_share_links_are_there_and_the_buttons_are_not(open_page, content):
    page: Page = open_page(javascript=False)
    page.goto("/initiatieven/noordoogst/")

    share = page.get_by_role("region", name="Delen")
    for name in ("E-mail", "WhatsApp", "LinkedIn", "Bluesky"):
        expect(share.get_by_role("link", name=name)).to_be_visible()
    expect(share.get_by_role("link", name="E-mail")).to_have_attribute(
        "href", re.compile(r"^mailto:\?subject=NoordOogst&body=")
    )
    expect(share.get_by_role("button")).to_have_count(0)
