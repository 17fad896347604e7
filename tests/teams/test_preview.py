"""Organisers preview a draft event on the site; nobody else can, and the public page stays 404."""

import pytest
from django.urls import reverse

from events.enums import EventStatus
from tests.factories import SessionFactory, SittingFactory
from tests.query_counts import queries_for

pytestmark = pytest.mark.django_db


def preview_url(programme) -> str:
    return reverse("events:preview", args=[programme.event.slug])


@pytest.mark.parametrize("role", ["editor", "host", "superuser"])
def test_organisers_preview_a_draft_marked_as_such(login, ours, role):
    response = login(role).get(preview_url(ours))
    page = response.content.decode()

    assert response.status_code == 200
    assert "Voorbeeld van een concept" in page and "Alfa Tafel" in page
    assert response["X-Robots-Tag"].startswith("noindex")
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control


@pytest.mark.parametrize("role", ["other_editor", "staff"])
def test_others_get_not_found(login, ours, theirs, role):
    assert login(role).get(preview_url(ours)).status_code == 404


def test_anonymous_visitors_are_sent_to_the_login(client, ours):
    response = client.get(preview_url(ours))

    assert response.status_code == 302 and "login" in response["Location"]


def test_the_public_page_of_a_draft_stays_not_found_for_its_editor(login, ours):
    assert login("editor").get(ours.event.get_absolute_url()).status_code == 404


def test_preview_queries_do_not_grow_with_the_programme(login, ours):
    client = login("editor")
    url = preview_url(ours)
    one = queries_for(client, url)
    for number in range(2):
        session = SessionFactory(event=ours.event, theme=ours.theme, title=f"Extra {number}")
        SittingFactory(session=session, slot=ours.slot)

    assert queries_for(client, url) == one


def test_a_draft_preview_neither_denies_the_event_nor_offers_a_dead_calendar_link(login, ours):
    client = login("editor")
    page = client.get(preview_url(ours)).content.decode()
    calendar_url = reverse("events:event_ics", args=[ours.event.slug])

    assert "bestaat niet" not in page
    assert calendar_url not in page
    assert "zodra het evenement is gepubliceerd" in page


def test_the_preview_of_a_published_event_offers_its_calendar(login, ours):
    ours.event.status = EventStatus.PUBLISHED
    ours.event.save()
    client = login("editor")
    calendar_url = reverse("events:event_ics", args=[ours.event.slug])

    assert calendar_url in client.get(preview_url(ours)).content.decode()
    assert client.get(calendar_url).status_code == 200
