"""An organiser changes a session in the admin; visitors see the change at once."""

from django.urls import reverse
from playwright.sync_api import Page, expect

from sessions.models import Session
from teams.enums import Role
from tests.browser.pages import UPCOMING
from tests.factories import MembershipFactory


def test_a_title_edited_in_the_admin_shows_on_the_public_pages(open_page, demo, page_cache_on):
    session = Session.objects.get(event__slug=UPCOMING, title="Buurtbegroten")
    visitor: Page = open_page()
    # Seen once before the change, so that a page cached for visitors would be stale.
    visitor.goto(session.get_absolute_url())
    expect(visitor.get_by_role("heading", level=1)).to_contain_text("Buurtbegroten")
    visitor.goto(f"/evenementen/{UPCOMING}/")
    expect(visitor.get_by_role("link", name="Buurtbegroten").first).to_be_visible()

    editor = MembershipFactory(organisation=session.event.organiser, role=Role.EDITOR).user
    organiser = open_page(editor)
    organiser.goto(reverse(f"admin:{Session._meta.app_label}_session_change", args=[session.pk]))
    organiser.get_by_label("Titel:").fill("Buurtbegroten in de praktijk")
    organiser.get_by_role("button", name="Opslaan", exact=True).first.click()
    expect(organiser.locator(".messagelist")).to_contain_text("Buurtbegroten in de praktijk")

    visitor.goto(f"/evenementen/{UPCOMING}/")
    expect(visitor.get_by_role("link", name="Buurtbegroten in de praktijk").first).to_be_visible()
    visitor.goto(session.get_absolute_url())
    expect(visitor.get_by_role("heading", level=1)).to_contain_text("Buurtbegroten in de praktijk")
