"""Public pages cached for anonymous visitors: fresh after every change, never personal."""

import gzip

import pytest
from django.test import Client

from common import page_cache
from events.enums import EventStatus
from reservations import services
from tests.factories import (
    InitiativeFactory,
    SessionSpeakerFactory,
    SittingFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

BOUND = 5


@pytest.fixture(autouse=True)
def _page_cache_on(page_cache_on, settings):
    """The page cache on for every test here, with seats left at most BOUND seconds old."""
    settings.PAGE_CACHE_AVAILABILITY_SECONDS = BOUND


@pytest.fixture
def clock(monkeypatch):
    """The page cache's clock, to be moved forward by the test."""

    class Clock:
        now = 1_000_000.0

        def advance(self, seconds: float) -> None:
            self.now += seconds

    fake = Clock()
    monkeypatch.setattr(page_cache.time, "time", lambda: fake.now)
    return fake


@pytest.fixture
def sitting():
    sitting = SittingFactory(capacity=10, session__title="Buurtbudgetten")
    SessionSpeakerFactory(session=sitting.session, speaker__name="Fatima Bakker")
    return sitting


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_second_anonymous_request_is_served_from_the_cache_without_queries(
    client, sitting, django_assert_num_queries
):
    url = sitting.session.event.get_absolute_url()
    first = page(client, url)

    with django_assert_num_queries(0):
        second = page(client, url)

    assert second == first


def test_a_changed_event_shows_on_the_next_request(client, sitting):
    event = sitting.session.event
    assert event.title in page(client, event.get_absolute_url())

    event.title = "Nieuwe titel van het congres"
    event.save()

    assert "Nieuwe titel van het congres" in page(client, event.get_absolute_url())


def test_a_changed_session_shows_on_the_event_and_session_pages(client, sitting):
    session = sitting.session
    page(client, session.event.get_absolute_url())
    page(client, session.get_absolute_url())

    session.title = "Energiecoöperaties"
    session.save()

    assert "Energiecoöperaties" in page(client, session.event.get_absolute_url())
    assert "Energiecoöperaties" in page(client, session.get_absolute_url())


def test_a_renamed_speaker_shows_on_the_event_page(client, sitting):
    url = sitting.session.event.get_absolute_url()
    assert "Fatima Bakker" in page(client, url)

    speaker = sitting.session.session_speakers.get().speaker
    speaker.name = "Fatima de Boer"
    speaker.save()

    assert "Fatima de Boer" in page(client, url)


def test_an_event_set_back_to_draft_disappears_on_the_next_request(client, sitting):
    event = sitting.session.event
    page(client, event.get_absolute_url())

    event.status = EventStatus.DRAFT
    event.save()

    assert client.get(event.get_absolute_url()).status_code == 404


def test_a_new_initiative_shows_in_the_directory(client):
    page(client, "/initiatieven/")

    InitiativeFactory(name="Voedselbos Noord")

    assert "Voedselbos Noord" in page(client, "/initiatieven/")


@pytest.fixture
def reserve(committed):
    def reserve(sitting) -> None:
        with committed():
            services.reserve(
                event_id=sitting.session.event_id,
                user=UserFactory(),
                name="Deelnemer",
                email="deelnemer@example.org",
                sitting_ids=[sitting.pk],
            )

    return reserve


def test_seats_left_are_at_most_the_stated_bound_old(client, sitting, clock, reserve):
    url = sitting.session.event.get_absolute_url()
    assert "10 plaatsen vrij" in page(client, url)

    reserve(sitting)
    clock.advance(BOUND - 1)
    within_bound = page(client, url)
    clock.advance(2)
    after_bound = page(client, url)

    # Within the bound the cached copy may still be served; after it, never.
    assert "10 plaatsen vrij" in within_bound or "9 plaatsen vrij" in within_bound
    assert "9 plaatsen vrij" in after_bound


def test_a_reservation_does_not_render_the_page_anew_within_the_bound(
    client, sitting, clock, django_assert_num_queries, reserve
):
    """During a rush the page is rendered once per bound, not once per reservation."""
    url = sitting.session.event.get_absolute_url()
    page(client, url)

    reserve(sitting)  # also writes the reservation's history record
    clock.advance(BOUND - 1)

    with django_assert_num_queries(0):
        assert "10 plaatsen vrij" in page(client, url)


def test_seats_left_change_at_once_when_the_bound_is_zero(client, sitting, settings, reserve):
    settings.PAGE_CACHE_AVAILABILITY_SECONDS = 0
    url = sitting.session.get_absolute_url()
    assert "10 plaatsen vrij" in page(client, url)

    reserve(sitting)

    assert "9 plaatsen vrij" in page(client, url)


def test_a_changed_seat_choice_shows_after_the_bound(client, sitting, clock, committed):
    other = SittingFactory(
        session__event=sitting.session.event, slot=sitting.slot, session__title="Zorgcoöperaties"
    )
    user = UserFactory()
    with committed():
        reservation = services.reserve(
            event_id=sitting.session.event_id,
            user=user,
            name="Deelnemer",
            email="deelnemer@example.org",
            sitting_ids=[sitting.pk],
        )
    url = other.session.get_absolute_url()
    assert "10 plaatsen vrij" in page(client, url)

    with committed():
        services.choose_seats(reservation_id=reservation.pk, user=user, sitting_ids=[other.pk])
    clock.advance(BOUND + 1)

    assert "9 plaatsen vrij" in page(client, url)


def test_languages_are_cached_apart(client, sitting):
    url = sitting.session.event.get_absolute_url()
    dutch = page(client, url)
    client.cookies["django_language"] = "en"
    english = page(client, url)

    assert 'lang="nl"' in dutch
    assert 'lang="en"' in english
    assert "Programme" in english or "programme" in english.lower()


def test_a_logged_in_visitor_never_gets_a_cached_page_and_leaves_none(sitting):
    url = sitting.session.event.get_absolute_url()
    anonymous = Client()
    page(anonymous, url)  # now cached for anonymous visitors
    person = UserFactory()
    services.reserve(
        event_id=sitting.session.event_id,
        user=person,
        name="Deelnemer",
        email="deelnemer@example.org",
    )
    logged_in = Client()
    logged_in.force_login(person)

    response = logged_in.get(url)
    own = response.content.decode()
    again = page(anonymous, url)

    assert "Uitloggen" in own and "Je hebt een plaats gereserveerd." in own
    assert "private" in response["Cache-Control"]
    assert "Uitloggen" not in again and "Je hebt een plaats gereserveerd." not in again


def test_a_page_rendered_for_a_logged_in_visitor_is_not_stored(sitting):
    url = sitting.session.event.get_absolute_url()
    logged_in = Client()
    logged_in.force_login(UserFactory())
    page(logged_in, url)

    assert "Uitloggen" not in page(Client(), url)


def test_a_cached_page_carries_no_csrf_token_or_cookie(client, sitting):
    url = sitting.session.event.get_absolute_url()
    first = client.get(url)
    second = client.get(url)

    for response in (first, second):
        assert "csrfmiddlewaretoken" not in response.content.decode()
        assert not response.cookies
        assert "Cookie" in response["Vary"]


def test_conditional_get_answers_not_modified(client, sitting):
    url = sitting.session.event.get_absolute_url()
    response = client.get(url)

    again = client.get(url, headers={"If-None-Match": response["ETag"]})
    since = client.get(url, headers={"If-Modified-Since": response["Last-Modified"]})

    assert again.status_code == 304
    assert since.status_code == 304


def test_a_changed_page_gets_a_new_etag(client, sitting):
    event = sitting.session.event
    etag = client.get(event.get_absolute_url())["ETag"]

    event.summary = "Nieuw"
    event.save()

    assert client.get(event.get_absolute_url(), headers={"If-None-Match": etag}).status_code == 200


def test_browsers_that_accept_gzip_get_the_page_compressed(client, sitting):
    url = sitting.session.event.get_absolute_url()
    plain = client.get(url).content

    response = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})

    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content) == plain
    assert "Accept-Encoding" in response["Vary"]


def test_visitors_with_a_messages_cookie_are_not_served_from_the_cache(client, sitting):
    url = sitting.session.event.get_absolute_url()
    page(client, url)
    client.cookies["messages"] = "anything"

    response = client.get(url)

    assert "private" in response["Cache-Control"]
