"""The embeds: an event's programme and an organisation's upcoming events, for partners'
sites to frame; only these pages may be framed."""

import datetime as dt
import html
import re

import pytest
from django.utils import timezone

from events.enums import EventStatus
from sessions.enums import SlotKind
from tests.factories import (
    EventFactory,
    OrganisationFactory,
    ReservationFactory,
    SeatChoiceFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SittingFactory,
    SlotFactory,
    ThemeFactory,
    past_event,
)
from tests.query_counts import queries_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_url")]


def csp(response) -> dict[str, list[str]]:
    return {
        directive.split()[0]: directive.split()[1:]
        for directive in response["Content-Security-Policy"].split(";")
        if directive.strip()
    }


@pytest.fixture
def event():
    event = EventFactory(title="Werken in de wijk", slug="werken-in-de-wijk", capacity=40)
    round_ = SlotFactory(event=event, title="Ronde 1 tafelsessies")
    SlotFactory(
        event=event,
        kind=SlotKind.PLENARY,
        title="Opening",
        starts_at=event.starts_at,
        ends_at=round_.starts_at,
    )
    theme = ThemeFactory(event=event, number=1, title="Buurtbudgetten")
    session = SessionFactory(
        event=event, code="1a", title="Wijkbudget", slug="wijkbudget", theme=theme
    )
    sitting = SittingFactory(session=session, slot=round_, room="Zaal 2", capacity=10)
    SeatChoiceFactory(sitting=sitting, reservation=ReservationFactory(event=event))
    return event


def test_the_event_embed_shows_the_programme_with_seats_left(client, event):
    response = client.get("/evenementen/werken-in-de-wijk/embed/")

    assert response.status_code == 200
    text = response.text
    assert "Werken in de wijk" in text
    assert "Opening" in text and "Ronde 1 tafelsessies" in text
    assert "1a Wijkbudget" in text
    assert "Thema 1. Buurtbudgetten · Zaal 2 · 9 plaatsen vrij" in re.sub(r"\s+", " ", text)
    assert "39 plaatsen vrij" in text
    # Compact and self-contained: our own stylesheet, no site header or footer, no script.
    assert "/static/css/embed.css" in text
    assert "site-header" not in text and "site-footer" not in text
    assert "<script" not in text
    assert 'name="viewport"' in text


def test_every_link_of_the_embed_opens_in_the_whole_window(client, event):
    text = client.get("/evenementen/werken-in-de-wijk/embed/").text

    links = re.findall(r"<a [^>]*>", text)
    assert links
    assert all('target="_top"' in link for link in links), links
    assert 'href="/evenementen/werken-in-de-wijk/#reserveren" target="_top"' in text
    assert 'href="/evenementen/werken-in-de-wijk/sessies/wijkbudget/"' in text


def test_the_embed_may_be_framed_by_any_site(client, event):
    response = client.get("/evenementen/werken-in-de-wijk/embed/")

    assert "X-Frame-Options" not in response
    policy = csp(response)
    assert policy["frame-ancestors"] == ["*"]
    # The rest of the policy stays as strict as everywhere.
    assert policy["default-src"] == ["'none'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/agenda/",
        "/evenementen/werken-in-de-wijk/",
        "/evenementen/werken-in-de-wijk/sessies/wijkbudget/",
        "/evenementen/werken-in-de-wijk/schedule.json",
    ],
)
def test_every_other_page_still_refuses_to_be_framed(client, event, url):
    response = client.get(url)

    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert csp(response)["frame-ancestors"] == ["'none'"]


def test_a_cancelled_event_embed_says_so_and_offers_no_reserving(client):
    EventFactory(slug="afgelast", status=EventStatus.CANCELLED)

    text = client.get("/evenementen/afgelast/embed/").text

    assert "Dit evenement is geannuleerd." in text
    assert "Reserveer een plaats" not in text


def test_a_past_event_embed_offers_no_reserving(client):
    past_event(slug="voorbij")

    text = client.get("/evenementen/voorbij/embed/").text

    assert "Dit evenement is voorbij." in text
    assert "Reserveer een plaats" not in text


def test_a_full_event_offers_the_waiting_list(client, event):
    event.capacity = 1
    event.save()

    text = client.get("/evenementen/werken-in-de-wijk/embed/").text

    assert "Zet me op de wachtlijst" in text


@pytest.mark.parametrize("slug", ["concept", "bestaat-niet"])
def test_the_embed_of_a_draft_or_unknown_event_answers_404(client, slug):
    EventFactory(slug="concept", status=EventStatus.DRAFT)

    assert client.get(f"/evenementen/{slug}/embed/").status_code == 404


def test_the_embed_takes_no_writes(client, event):
    assert client.post("/evenementen/werken-in-de-wijk/embed/").status_code == 405


def test_the_embed_is_in_english_with_the_language_cookie(client, event):
    client.cookies["django_language"] = "en"

    response = client.get("/evenementen/werken-in-de-wijk/embed/")

    assert '<html lang="en">' in response.text
    assert "9 places left" in response.text
    assert "Reserve a place" in response.text


def embedded_event(sittings: int):
    event = EventFactory()
    round_ = SlotFactory(event=event)
    for _ in range(sittings):
        session = SessionFactory(event=event, theme=ThemeFactory(event=event))
        SittingFactory(session=session, slot=round_)
        SessionSpeakerFactory.create_batch(2, session=session)
    return event


def test_the_event_embed_runs_as_many_queries_for_one_sitting_as_for_thirty(client):
    one = embedded_event(1)
    many = embedded_event(30)

    assert queries_for(client, f"/evenementen/{one.slug}/embed/") == queries_for(
        client, f"/evenementen/{many.slug}/embed/"
    )


# The organisation's embed -----------------------------------------------------------------


def test_the_organisation_embed_lists_its_upcoming_public_events(client):
    organisation = OrganisationFactory(name="Gemeente Zaanstad", slug="gemeente-zaanstad")
    soon = EventFactory(title="Organiseert", organiser=organisation)
    later = EventFactory(
        title="Partner van",
        starts_at=soon.starts_at + dt.timedelta(days=7),
        ends_at=soon.ends_at + dt.timedelta(days=7),
    )
    later.partners.add(organisation, OrganisationFactory())
    EventFactory(title="Geannuleerd", organiser=organisation, status=EventStatus.CANCELLED)
    EventFactory(title="Concept", organiser=organisation, status=EventStatus.DRAFT)
    past_event(title="Voorbij", organiser=organisation)
    EventFactory(title="Van een ander")

    response = client.get("/organisaties/gemeente-zaanstad/embed/")

    assert response.status_code == 200
    text = response.text
    assert "Evenementen van Gemeente Zaanstad" in text
    titles = re.findall(r'target="_top">([^<]+)</a>', text)
    assert titles[:3] == ["Organiseert", "Geannuleerd", "Partner van"]  # by date, each once
    assert "Concept" not in text and "Voorbij" not in text and "Van een ander" not in text
    assert "geannuleerd" in text
    assert "X-Frame-Options" not in response
    assert csp(response)["frame-ancestors"] == ["*"]


def test_the_organisation_embed_without_events_says_so(client):
    OrganisationFactory(slug="stil")

    text = client.get("/organisaties/stil/embed/").text

    assert "Er staan nu geen evenementen op de agenda." in text


def test_the_organisation_embed_of_an_unknown_organisation_answers_404(client):
    assert client.get("/organisaties/bestaat-niet/embed/").status_code == 404


def organisation_with(events: int):
    organisation = OrganisationFactory()
    for number in range(events):
        start = timezone.now() + dt.timedelta(days=10 + number)
        event = EventFactory(starts_at=start, ends_at=start + dt.timedelta(hours=3))
        event.partners.add(organisation)
    return organisation


def test_the_organisation_embed_runs_as_many_queries_for_one_event_as_for_many(client):
    one = organisation_with(1)
    many = organisation_with(12)

    assert queries_for(client, f"/organisaties/{one.slug}/embed/") == queries_for(
        client, f"/organisaties/{many.slug}/embed/"
    )


# With the page cache on, as in production -------------------------------------------------


def test_a_cached_embed_may_still_be_framed(client, event, public_caches_on):
    first = client.get("/evenementen/werken-in-de-wijk/embed/")

    cached = client.get("/evenementen/werken-in-de-wijk/embed/")

    assert cached.content == first.content
    assert "X-Frame-Options" not in cached
    assert csp(cached)["frame-ancestors"] == ["*"]
    other = client.get("/evenementen/werken-in-de-wijk/")
    assert client.get("/evenementen/werken-in-de-wijk/")["X-Frame-Options"] == "DENY"
    assert other.status_code == 200


# The event page offers them ---------------------------------------------------------------


def test_the_event_page_links_the_exports_and_offers_the_iframe_code(client, event):
    event.title = 'Werken in de "wijk" & <stad>'
    event.save()

    text = client.get("/evenementen/werken-in-de-wijk/").text

    for name, kind in [
        ("schedule.xml", "application/xml"),
        ("schedule.json", "application/json"),
        ("programma.json", "application/json"),
    ]:
        assert f'<link rel="alternate" type="{kind}"' in text
        assert f'href="/evenementen/werken-in-de-wijk/{name}"' in text
    code = re.search(r"<textarea[^>]*readonly>(.*?)</textarea>", text, re.S)[1]
    # What the visitor copies, once the page's own escaping is undone: HTML to paste, with
    # the title escaped for its attribute.
    assert html.unescape(code) == (
        '<iframe src="https://coopstad.example/evenementen/werken-in-de-wijk/embed/" '
        'title="Programma van Werken in de &quot;wijk&quot; &amp; &lt;stad&gt;" '
        'width="100%" height="600" loading="lazy"></iframe>'
    )
    assert "<iframe" not in text  # shown as text, never as a frame on our own page


def test_the_preview_of_a_draft_links_no_exports(client, django_user_model):
    from tests.factories import MembershipFactory

    event = EventFactory(slug="concept", status=EventStatus.DRAFT)
    staff = django_user_model.objects.create_user("redacteur", is_staff=True)
    MembershipFactory(user=staff, organisation=event.organiser)
    client.force_login(staff)

    response = client.get("/beheer/evenementen/concept/voorbeeld/")

    assert response.status_code == 200
    assert "schedule.xml" not in response.text
    assert "/embed/" not in response.text
