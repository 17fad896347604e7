"""The participant list at the door, on an organiser's phone."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from events.models import Event
from teams.enums import Role
from tests.browser.pages import UPCOMING
from tests.factories import MembershipFactory


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_the_participant_list_fits_a_phone(open_page, demo):
    event = Event.objects.get(slug=UPCOMING)
    host = MembershipFactory(organisation=event.organiser, role=Role.EDITOR).user
    host.is_staff = True
    host.save()
    page: Page = open_page(host)

    page.goto(reverse("reservations:participants", args=[event.slug]))

    expect(page.get_by_role("heading", name="Aantallen per sessie")).to_be_visible()
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow == 0
