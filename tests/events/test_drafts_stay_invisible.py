"""A draft event stays invisible on every public surface; a cancelled one stays visible as off.

One world for every test: a published event, a draft event with its own programme (slot,
theme, session, sitting, speakers who appear only there, a featured initiative and domain,
a venue in a city of its own) and a draft in the past. Everything the drafts carry has
"xyzzy" in its title, slug or city, so one lowercase search of a response finds any leak:
a title, a link, a calendar line or a JSON-LD value. Each public page is also checked for
the published event, so a page that shows nothing at all cannot pass by accident.

Things without a draft state of their own (speakers, initiatives, series, domains) keep
their pages; what they must not do is reveal the draft they belong to.
"""

import datetime as dt
import json
import re
from dataclasses import dataclass
from urllib.parse import quote, quote_plus, urlencode

import pytest
from django.urls import reverse
from django.utils.html import escape

from events.enums import EventFormat, EventStatus
from events.models import Event, Series
from initiatives.models import Domain, Initiative
from reservations.enums import ReservationStatus
from reservations.models import CalendarFeed, Reservation
from sessions.enums import SlotKind
from sessions.models import Session, Speaker
from tests.conftest import SITE
from tests.factories import (
    DomainFactory,
    EventFactory,
    InitiativeFactory,
    ModeratorFactory,
    OrganisationFactory,
    ReservationFactory,
    SeatChoiceFactory,
    SeriesFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SittingFactory,
    SlotFactory,
    SpeakerFactory,
    ThemeFactory,
    UserFactory,
    VenueFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_url")]

MARKER = "xyzzy"
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


@dataclass
class World:
    published: Event
    published_session: Session
    draft: Event
    draft_session: Session
    past_draft: Event
    shared_speaker: Speaker
    draft_only_speakers: list[Speaker]
    shared_initiative: Initiative
    draft_only_initiative: Initiative
    draft_only_domain: Domain
    organiser_slug: str
    partner_slug: str
    shared_series_slug: str
    draft_series: Series


@pytest.fixture
def world() -> World:
    organiser = OrganisationFactory()
    shared_series = SeriesFactory(name="Coöperatieven maken de stad")
    published = EventFactory(
        title="Openbare werkconferentie",
        slug="openbare-werkconferentie",
        organiser=organiser,
        series=shared_series,
    )
    published_session = SittingFactory(
        session__event=published, session__title="Openbare tafelsessie"
    ).session
    shared_speaker = SpeakerFactory(name="Gedeelde Spreker")
    SessionSpeakerFactory(session=published_session, speaker=shared_speaker)
    shared_initiative = InitiativeFactory(name="Gedeeld initiatief")
    published_session.initiatives.add(shared_initiative)

    draft_series = SeriesFactory(name="Reeks van het concept")
    draft = EventFactory(
        title="Xyzzy-conferentie",
        slug="xyzzy-conferentie",
        summary="Xyzzy-samenvatting",
        organiser=organiser,
        series=draft_series,
        venue=VenueFactory(name="Xyzzy-zaal", city="Xyzzystad"),
        format=EventFormat.HYBRID,
        capacity=None,
        status=EventStatus.DRAFT,
    )
    partner = OrganisationFactory()
    draft.partners.add(partner)
    theme = ThemeFactory(event=draft, title="Xyzzy-thema")
    draft_session = SittingFactory(
        session__event=draft,
        session__theme=theme,
        session__title="Xyzzy-tafelsessie",
        session__slug="xyzzy-tafelsessie",
        slot__title="Xyzzy-ronde",
        room="Xyzzy-kamer",
    ).session
    session_speaker = SpeakerFactory(name="Alleen Inhetconcept")
    SessionSpeakerFactory(session=draft_session, speaker=session_speaker)
    SessionSpeakerFactory(session=draft_session, speaker=shared_speaker)
    stage_speaker = SpeakerFactory(name="Podium Inhetconcept")
    SlotFactory(
        event=draft,
        title="Xyzzy-opening",
        kind=SlotKind.PLENARY,
        starts_at=draft.starts_at,
        ends_at=draft.starts_at + dt.timedelta(minutes=30),
    ).speakers.add(stage_speaker, shared_speaker)
    draft_moderator = ModeratorFactory(event=draft, speaker__name="Moderator Inhetconcept").speaker
    draft_only_domain = DomainFactory(name="Domein van het concept")
    draft_only_initiative = InitiativeFactory(name="Initiatief van het concept")
    draft_only_initiative.domains.add(draft_only_domain)
    draft_session.initiatives.add(draft_only_initiative, shared_initiative)

    past_draft = EventFactory(
        title="Voorbije xyzzy-dag",
        slug="voorbije-xyzzy-dag",
        starts_at=published.starts_at - dt.timedelta(days=400),
        ends_at=published.ends_at - dt.timedelta(days=400),
        series=shared_series,
        venue=published.venue,
        status=EventStatus.DRAFT,
    )
    past_draft.partners.add(organiser)
    SessionFactory(event=past_draft, title="Voorbije xyzzy-sessie", slug="voorbije-xyzzy")

    return World(
        published=published,
        published_session=published_session,
        draft=draft,
        draft_session=draft_session,
        past_draft=past_draft,
        shared_speaker=shared_speaker,
        draft_only_speakers=[session_speaker, stage_speaker, draft_moderator],
        shared_initiative=shared_initiative,
        draft_only_initiative=draft_only_initiative,
        draft_only_domain=draft_only_domain,
        organiser_slug=organiser.slug,
        partner_slug=partner.slug,
        shared_series_slug=shared_series.slug,
        draft_series=draft_series,
    )


def body(response) -> str:
    assert response.status_code == 200, response
    # iCalendar folds long lines with CRLF + space; unfold so no title is split in two.
    return response.content.decode().replace("\r\n ", "")


def assert_no_draft(text: str, where: str) -> None:
    assert MARKER not in text.lower(), f"a draft leaks on {where}"


def without_echo(text: str, *typed: str) -> str:
    """The page without what the visitor typed, which the search box and links repeat."""
    text = text.lower()
    for value in typed:
        for form in (value, quote_plus(value), quote(value), escape(value)):
            text = text.replace(form.lower(), "")
    return text


def json_ld_blocks(html: str) -> list:
    return [json.loads(block) for block in JSON_LD.findall(html)]


def agenda_url(**params) -> str:
    return reverse("events:agenda") + "?" + urlencode(params)


def public_pages(world: World) -> list[str]:
    """Every public HTML page that could show something of an event."""
    return [
        reverse("home"),
        reverse("events:agenda"),
        world.published.get_absolute_url(),
        world.published_session.get_absolute_url(),
        world.shared_speaker.get_absolute_url(),
        *(speaker.get_absolute_url() for speaker in world.draft_only_speakers),
        reverse("initiatives:organisation", args=[world.organiser_slug]),
        reverse("initiatives:organisation", args=[world.partner_slug]),
        reverse("events:series", args=[world.shared_series_slug]),
        world.draft_series.get_absolute_url(),
        reverse("initiatives:directory"),
        world.shared_initiative.get_absolute_url(),
        world.draft_only_initiative.get_absolute_url(),
    ]


AGENDA_FILTERS = [
    {},
    {"period": "upcoming"},
    {"period": "month"},
    {"period": "quarter"},
    {"period": "past"},
    {"period": "all"},
    {"period": "all", "format": EventFormat.HYBRID},
    {"period": "all", "places_left": "on"},
    {"period": "all", "page": "2"},
]


@pytest.mark.parametrize("params", AGENDA_FILTERS)
def test_agenda_filters_never_show_a_draft(client, world, params):
    assert_no_draft(body(client.get(agenda_url(**params))), f"the agenda {params}")


def test_agenda_filters_on_what_only_a_draft_has_find_nothing(client, world):
    page = body(client.get(agenda_url(period="all", domain=world.draft_only_domain.slug)))

    assert "Geen evenementen gevonden met deze filters." in page
    assert_no_draft(page, "the agenda filtered on a domain only a draft features")


def test_the_series_filter_shows_the_published_event_of_a_series_and_not_its_draft(client, world):
    page = body(client.get(agenda_url(period="all", series=world.shared_series_slug)))

    assert world.published.title in page
    assert_no_draft(page, "the agenda filtered on a series")


def test_a_series_holding_only_drafts_is_not_announced(client, world):
    # A series has no draft state, so its name would give the draft away: it is left out
    # of the lists and the sitemap until an event in it is published. Its page stays empty.
    home = body(client.get(reverse("home")))
    agenda = body(client.get(reverse("events:agenda")))
    sitemap = body(client.get(reverse("sitemap")))
    page = body(client.get(world.draft_series.get_absolute_url()))

    assert "Coöperatieven maken de stad" in home and "Coöperatieven maken de stad" in agenda
    for where, text in (("home", home), ("agenda", agenda)):
        assert world.draft_series.name not in text, where
    assert world.draft_series.get_absolute_url() not in sitemap
    assert "Nog geen evenementen in deze reeks." in page
    assert_no_draft(page, "the page of a series holding only drafts")


def test_filtering_on_the_draft_city_shows_no_draft(client, world):
    page = body(client.get(agenda_url(period="all", city="Xyzzystad")))

    assert_no_draft(without_echo(page, "Xyzzystad"), "the agenda filtered on its city")


@pytest.mark.parametrize(
    "query",
    [
        "Xyzzy-conferentie",  # the draft's exact title
        "Xyzzy-samenvatting",
        "Xyzzystad",
        "Xyzzy-tafelsessie",
        "Xyzzy-thema",
        "Alleen Inhetconcept",
        "Voorbije xyzzy-dag",
    ],
)
def test_searching_for_a_draft_finds_nothing(client, world, query):
    for period in ("upcoming", "past", "all"):
        page = body(client.get(agenda_url(q=query, period=period)))
        assert "Geen evenementen gevonden met deze filters." in page
        assert_no_draft(without_echo(page, query), f"search {query}")


@pytest.mark.parametrize(
    "query",
    [
        "Xyzzy-conferentie",
        "Xyzzy-samenvatting",
        "Xyzzystad",
        "Xyzzy-zaal",
        "Xyzzy-tafelsessie",
        "Xyzzy-thema",
        "Xyzzy-ronde",
        "Voorbije xyzzy-dag",
        "xyzzy",
        "Inhetconcept",  # the speakers who appear only in the draft
        "Reeks van het concept",
    ],
)
def test_the_one_search_finds_nothing_of_a_draft(client, world, query):
    page = body(client.get(reverse("search") + "?" + urlencode({"q": query})))

    assert "Niets gevonden voor" in page
    assert_no_draft(without_echo(page, query), f"the one search for {query}")
    for speaker in world.draft_only_speakers:
        assert speaker.get_absolute_url() not in page


def test_the_one_search_finds_the_published_side_of_what_a_draft_shares(client, world):
    speaker = body(client.get(reverse("search") + "?q=Gedeelde+Spreker"))
    session = body(client.get(reverse("search") + "?q=tafelsessie"))

    assert world.shared_speaker.get_absolute_url() in speaker
    assert world.published_session.get_absolute_url() in session
    for page in (speaker, session):
        assert_no_draft(page, "the one search")


def test_a_search_matching_both_finds_only_the_published_event(client, world):
    # The shared speaker talks at both events.
    page = body(client.get(agenda_url(q="Gedeelde Spreker", period="all")))

    assert world.published.title in page
    assert_no_draft(page, "the agenda search")


def test_the_agenda_offers_no_city_that_only_a_draft_is_in(client, world):
    page = body(client.get(reverse("events:agenda")))

    assert "Zaandam" in page  # the published event's city is offered
    assert_no_draft(page, "the city filter")


def test_public_pages_show_the_published_event_and_no_draft(client, world):
    for url in public_pages(world):
        assert_no_draft(body(client.get(url)), url)

    for url in (reverse("home"), reverse("events:agenda"), world.shared_speaker.get_absolute_url()):
        assert world.published.title in body(client.get(url)), url


@pytest.mark.parametrize(
    "url",
    [
        "/evenementen/xyzzy-conferentie/",
        "/evenementen/xyzzy-conferentie/sessies/xyzzy-tafelsessie/",
        "/evenementen/voorbije-xyzzy-dag/",
        "/evenementen/voorbije-xyzzy-dag/sessies/voorbije-xyzzy/",
        "/evenementen/xyzzy-conferentie/agenda.ics",
        "/evenementen/voorbije-xyzzy-dag/agenda.ics",
        "/evenementen/xyzzy-conferentie/schedule.xml",
        "/evenementen/xyzzy-conferentie/schedule.json",
        "/evenementen/xyzzy-conferentie/programma.json",
        "/evenementen/xyzzy-conferentie/embed/",
    ],
)
def test_pages_and_calendar_files_of_drafts_are_not_found(client, world, url):
    response = client.get(url)

    assert response.status_code == 404
    # The 404 page may repeat the address typed, never what the draft holds.
    assert "Xyzzy" not in response.content.decode()


def test_exports_and_embeds_of_the_published_event_and_its_organisers_show_no_draft(client, world):
    published = world.published.slug
    for url in (
        f"/evenementen/{published}/schedule.xml",
        f"/evenementen/{published}/schedule.json",
        f"/evenementen/{published}/programma.json",
        f"/evenementen/{published}/embed/",
        f"/organisaties/{world.organiser_slug}/embed/",
        f"/organisaties/{world.partner_slug}/embed/",
    ):
        text = body(client.get(url))
        assert_no_draft(text, url)
        if "/organisaties/" not in url or world.organiser_slug in url:
            assert world.published.title in text, url


def test_the_draft_session_does_not_exist_under_a_published_event_either(client, world):
    url = reverse(
        "programme:session",
        kwargs={"event_slug": world.published.slug, "slug": world.draft_session.slug},
    )

    assert client.get(url).status_code == 404


def test_speakers_only_in_a_draft_keep_a_page_that_shows_no_programme(client, world):
    # A speaker has no draft state: the page answers (organisation pages link to it), but
    # it must not announce the draft's line-up, nor count the draft as a programme.
    for speaker in world.draft_only_speakers:
        page = body(client.get(speaker.get_absolute_url()))
        assert speaker.name in page
        assert "nog niet op een programma" in page
        assert_no_draft(page, speaker.name)


def test_a_speaker_at_both_events_shows_only_the_published_one(client, world):
    page = body(client.get(world.shared_speaker.get_absolute_url()))

    assert world.published_session.title in page
    assert_no_draft(page, "the shared speaker's page")


def test_initiative_pages_list_only_published_sessions(client, world):
    shared = body(client.get(world.shared_initiative.get_absolute_url()))
    draft_only = body(client.get(world.draft_only_initiative.get_absolute_url()))

    assert world.published_session.title in shared
    assert world.draft_only_initiative.name in draft_only
    assert_no_draft(shared, "the shared initiative")
    assert_no_draft(draft_only, "an initiative only a draft features")


def test_the_home_page_features_no_initiative_only_a_draft_features(client, world):
    page = body(client.get(reverse("home")))

    assert world.shared_initiative.name in page
    assert world.draft_only_initiative.name not in page


def test_json_ld_on_every_page_names_no_draft(client, world):
    found = []
    for url in public_pages(world):
        blocks = json_ld_blocks(body(client.get(url)))
        found.extend(blocks)
        assert_no_draft(json.dumps(blocks, ensure_ascii=False), f"JSON-LD on {url}")

    names = [block.get("name") for block in found]
    assert world.published.title in names  # the event page has its block, so this can fail
    performers = [person["name"] for block in found for person in block.get("performer", [])]
    assert world.shared_speaker.name in performers
    assert not {speaker.name for speaker in world.draft_only_speakers} & set(performers)


def test_the_sitemap_lists_no_draft_nor_what_only_a_draft_shows(client, world):
    sitemap = body(client.get(reverse("sitemap")))

    assert SITE + world.published.get_absolute_url() in sitemap
    assert_no_draft(sitemap, "the sitemap")
    for speaker in world.draft_only_speakers:
        assert speaker.get_absolute_url() not in sitemap, speaker
    assert world.shared_speaker.get_absolute_url() in sitemap


def test_the_public_calendar_feed_leaves_drafts_out(client, world):
    feed = body(client.get(reverse("events:feed")))

    assert world.published.title in feed
    assert_no_draft(feed, "agenda.ics")


def test_the_published_event_calendar_file_shows_no_draft(client, world):
    calendar = body(client.get(reverse("events:event_ics", args=[world.published.slug])))

    assert world.published.title in calendar
    assert_no_draft(calendar, "the published event's .ics")


@pytest.fixture
def attendee_of_a_withdrawn_event(world):
    """Someone who reserved while the event was public, before it was turned back into a draft."""
    user = UserFactory()
    ReservationFactory(event=world.published, user=user)
    world.draft.status = EventStatus.PUBLISHED
    world.draft.save()
    reservation = SeatChoiceFactory(
        sitting=world.draft_session.sittings.get(),
        reservation=ReservationFactory(event=world.draft, user=user),
    ).reservation
    world.draft.status = EventStatus.DRAFT
    world.draft.save()
    return user, reservation


def test_a_personal_feed_leaves_out_an_event_turned_back_into_a_draft(
    client, world, attendee_of_a_withdrawn_event
):
    user, _reservation = attendee_of_a_withdrawn_event
    feed = CalendarFeed.objects.create(user=user)

    calendar = body(client.get(reverse("reservations:personal_feed", args=[feed.token])))

    assert world.published.title in calendar
    assert_no_draft(calendar, "the personal feed")


def test_my_reservations_keeps_the_reservation_but_links_to_nothing_of_the_draft(
    client, world, attendee_of_a_withdrawn_event
):
    # The attendee's own data: they still hold the reservation and may cancel it, but the
    # event, its sessions and the session choice are not public, so no link leads there.
    user, reservation = attendee_of_a_withdrawn_event
    client.force_login(user)

    page = body(client.get(reverse("reservations:my_reservations")))

    assert world.draft.title in page
    assert reverse("reservations:cancel", args=[reservation.code]) in page
    assert world.draft.get_absolute_url() not in page
    assert world.draft_session.get_absolute_url() not in page
    assert reverse("reservations:change_sessions", args=[reservation.code]) not in page
    assert world.published.get_absolute_url() in page


def test_a_reservation_on_a_draft_can_be_cancelled_but_not_changed_or_made(
    client, world, attendee_of_a_withdrawn_event
):
    user, reservation = attendee_of_a_withdrawn_event
    client.force_login(user)

    change = client.get(reverse("reservations:change_sessions", args=[reservation.code]))
    reserve = client.get(reverse("reservations:reserve", args=[world.draft.slug]))
    cancel = client.post(reverse("reservations:cancel", args=[reservation.code]))

    assert change.status_code == 404
    assert reserve.status_code == 404
    assert cancel.status_code == 302
    reservation.refresh_from_db()
    assert reservation.status == ReservationStatus.CANCELLED


# A cancelled event is public on purpose: people who planned to come must learn it is off.


@pytest.fixture
def cancelled() -> Event:
    event = EventFactory(title="Afgelaste buurtdag", status=EventStatus.CANCELLED, capacity=None)
    SittingFactory(session__event=event, session__title="Afgelaste tafelsessie")
    return event


def test_a_cancelled_event_stays_listed_and_says_it_is_off(client, cancelled):
    agenda = body(client.get(reverse("events:agenda")))
    page = body(client.get(cancelled.get_absolute_url()))
    session = body(client.get(cancelled.sessions.get().get_absolute_url()))

    assert cancelled.title in agenda and "Geannuleerd" in agenda
    assert "Dit evenement is geannuleerd" in page
    assert "Dit evenement is geannuleerd" in session


def test_a_cancelled_event_has_no_places_left_to_offer(client, cancelled):
    # Unlimited places, yet nothing to reserve: the "places left" filter must not list it.
    page = body(client.get(agenda_url(places_left="on")))

    assert cancelled.title not in page


def test_a_cancelled_event_tells_search_engines_and_calendars_it_is_off(client, cancelled):
    (schema,) = json_ld_blocks(body(client.get(cancelled.get_absolute_url())))
    feed = body(client.get(reverse("events:feed")))
    sitemap = body(client.get(reverse("sitemap")))

    assert schema["eventStatus"] == "https://schema.org/EventCancelled"
    assert "SUMMARY:Geannuleerd: Afgelaste buurtdag" in feed
    assert "STATUS:CANCELLED" in feed
    assert SITE + cancelled.get_absolute_url() in sitemap


def test_a_cancelled_event_cannot_be_reserved(client, cancelled):
    client.force_login(UserFactory())

    response = client.post(reverse("reservations:reserve", args=[cancelled.slug]), {"name": "Anna"})

    assert response.status_code == 302
    assert not Reservation.objects.exists()
