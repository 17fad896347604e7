"""load_demo turns the five seed documents into data, faithfully, and is idempotent."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.core import serializers
from django.core.management import call_command
from django.utils import timezone

from events.enums import EventFormat, EventStatus
from events.models import Event
from initiatives.models import Collection, Initiative
from sessions.enums import SlotKind
from sessions.models import Session

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
ZAANSTAD = "werken-in-de-wijk-en-nieuwe-vormen-van-lokale-democratie"


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def snapshot() -> str:
    from django.apps import apps

    models = [
        model
        for label in ("events", "programme", "initiatives")
        for model in apps.get_app_config(label).get_models()
    ]
    return serializers.serialize(
        "json", [obj for model in models for obj in model.objects.order_by("pk")]
    )


def local(value: dt.datetime) -> str:
    return value.astimezone(AMSTERDAM).strftime("%Y-%m-%d %H:%M")


@pytest.fixture
def demo() -> None:
    load_demo()


def test_running_twice_changes_nothing():
    assert "created" in load_demo()
    before = snapshot()

    assert load_demo() == "Demo data: nothing to do, everything was already there.\n"
    assert snapshot() == before


def test_an_organisers_edit_survives_a_rerun(demo):
    Event.objects.filter(slug=ZAANSTAD).update(title="Werken in de wijk (bewerkt)")
    Session.objects.filter(event__slug=ZAANSTAD, code="1a").delete()

    load_demo()

    assert Event.objects.get(slug=ZAANSTAD).title == "Werken in de wijk (bewerkt)"
    assert Session.objects.filter(event__slug=ZAANSTAD, code="1a").exists()


def test_zaanstad_programme_is_complete(demo):
    event = Event.objects.get(slug=ZAANSTAD)

    assert (local(event.starts_at), local(event.ends_at)) == (
        "2016-10-31 14:00",
        "2016-10-31 18:00",
    )
    assert (
        event.venue.name,
        event.venue.street_address,
        event.venue.postcode,
        event.venue.city,
    ) == (
        "Gemeente Zaanstad",
        "Stadhuisplein 100",
        "1506 MZ",
        "Zaandam",
    )
    assert event.moderator.speaker.name == "Natasja van den Berg"
    assert event.contact_email == "info@omooc.nl"
    assert [(local(slot.starts_at)[-5:], slot.kind) for slot in event.slots.all()] == [
        ("14:00", SlotKind.RECEPTION),
        ("14:30", SlotKind.PLENARY),
        ("15:00", SlotKind.ROUND),
        ("16:00", SlotKind.ROUND),
        ("16:45", SlotKind.RECEPTION),
    ]
    assert event.themes.count() == 8
    codes = sorted(event.sessions.values_list("code", flat=True))
    assert codes == sorted(
        ["1a", "1b", "2a", "2b", "3a", "3b", "3c", "4", "5a", "5b", "6", "7", "8"]
    )
    assert event.faqs.count() == 4
    assert "deelnemerslijst" in event.faqs.get(question__startswith="Moet ik mijn ticket").answer


@pytest.mark.parametrize(
    ("code", "rounds", "speakers"),
    [
        ("1a", ["ronde 1 tafelsessies"], ["Suzanne van Eerden"]),
        ("1b", ["ronde 2 tafelsessies"], ["Sander Siegmann", "Herbert Koops"]),
        ("3c", ["ronde 2 tafelsessies"], ["Simon Franssen", "Peter Noten"]),
        ("6", ["ronde 1 tafelsessies", "ronde 2 tafelsessies"], ["Jan van Ginkel"]),
        (
            "7",
            ["ronde 1 tafelsessies", "ronde 2 tafelsessies"],
            ["Jornt van Zuylen", "Hans Kessens"],
        ),
        ("8", ["ronde 1 tafelsessies", "ronde 2 tafelsessies"], ["Niels Hoogwerf", "Amina Hiba"]),
    ],
)
def test_zaanstad_sessions_have_their_rounds_and_speakers(demo, code, rounds, speakers):
    session = Session.objects.get(event__slug=ZAANSTAD, code=code)

    assert [
        sitting.slot.title for sitting in session.sittings.order_by("slot__starts_at")
    ] == rounds
    assert [role.speaker.name for role in session.session_speakers.all()] == speakers


def test_breda_begroot_is_featured_with_its_speaker_and_organisation(demo):
    session = Session.objects.get(event__slug=ZAANSTAD, code="1a")

    assert session.title == "Breda Begroot"
    assert session.theme.number == 1
    assert session.description.startswith("Breda Begroot is een experiment")
    assert list(session.initiatives.values_list("name", flat=True)) == ["Breda Begroot"]
    assert session.speakers.get().organisation.name == "Gemeente Breda"


def test_january_2022_edition_is_a_livecast_with_its_links(demo):
    event = Event.objects.get(slug="cooperatieven-maken-de-stad-2022")

    assert event.format == EventFormat.LIVECAST
    assert local(event.starts_at) == "2022-01-17 16:00"
    assert all([event.livestream_url, event.participation_url, event.networking_url])
    assert event.series.name == "Coöperatieven maken de stad"
    assert event.moderator.speaker.name == "Natasja van den Berg"
    featured = Initiative.objects.filter(sessions__event=event).values_list("name", flat=True)
    assert sorted(featured) == ["Aanpak Binnenstad", "Zero Waste Lab Plein ’40-’45"]


def test_november_2021_timeline_with_walking_dinner_and_two_rounds(demo):
    event = Event.objects.get(slug="cooperatieven-maken-de-stad-2021")

    assert event.includes_meal and event.reservation_required
    timeline = [
        (local(slot.starts_at)[-5:], local(slot.ends_at)[-5:], slot.kind)
        for slot in event.slots.all()
    ]
    assert timeline == [
        ("16:00", "17:00", SlotKind.PLENARY),
        ("17:00", "21:30", SlotKind.ALONGSIDE),
        ("17:30", "18:30", SlotKind.PLENARY),
        ("18:30", "19:15", SlotKind.MEAL),
        ("19:15", "20:15", SlotKind.ROUND),
        ("20:30", "21:30", SlotKind.ROUND),
        ("21:30", "22:00", SlotKind.PLENARY),
    ]
    assert event.slots.get(kind=SlotKind.ALONGSIDE).title == "De Kamer van de Commons"
    assert event.sessions.filter(sittings__slot__title="Break-out ronde II").count() == 4


def test_the_congress_page_shows_no_internal_note(demo, client):
    page = client.get("/evenementen/congres-plekken-van-hoop-en-verandering/").content.decode()

    assert "Plekken van hoop en verandering" in page
    assert "aanname" not in page
    assert "De aankondiging noemt" not in page


def test_collections_and_knowledge_network(demo):
    incubator = Collection.objects.get(slug="pilot-incubatorprogramma-amsterdoen-meentcoop")
    members = set(incubator.initiatives.values_list("name", flat=True))
    assert {"NoordOogst", "Zorgen voor Morgen", "The Clothing Loop", "Groene Hub"} <= members
    assert len(members) == 6

    book = Collection.objects.get(slug="plekken-van-hoop-en-verandering")
    assert set(book.initiatives.values_list("name", flat=True)) == {
        "Buurtvoorziening De Evenaar",
        "De Blauwe Wijkeconomie",
        "De Voedseltuin",
        "Zorgvrijstaat",
        "Wijkacademies Opvoeden",
    }
    congress = Event.objects.get(slug="congres-plekken-van-hoop-en-verandering")
    assert local(congress.starts_at).startswith("2019-09-19")
    assert congress.organiser.name == "Platform Stad en Wijk"

    samen030 = Collection.objects.get(slug="kennisnetwerk-samen030")
    assert sorted(samen030.documents.values_list("kind", flat=True)) == [
        "funding",
        "pilot_idea",
        "project_plan",
        "statutes",
    ]


def test_every_initiative_the_seeds_name_exists(demo):
    names = set(Initiative.objects.values_list("name", flat=True))

    assert {
        "Zero Waste Lab Plein ’40-’45",
        "Aanpak Binnenstad",
        "NoordOogst",
        "Zorgen voor Morgen",
        "The Clothing Loop",
        "Groene Hub",
        "Buurtvoorziening De Evenaar",
        "De Blauwe Wijkeconomie",
        "De Voedseltuin",
        "Zorgvrijstaat",
        "Wijkacademies Opvoeden",
        "Breda Begroot",
        "Indische Buurt Community",
        "BewonersBedrijven Zaanstad",
        "Buurtkiep",
    } <= names


def test_upcoming_demo_events_can_be_reserved(demo):
    demo_events = Event.objects.filter(title__startswith="Demo:").upcoming()

    assert demo_events.count() == 3
    for event in demo_events:
        assert event.status == EventStatus.PUBLISHED
        assert event.starts_at > timezone.now()
        assert event.capacity and event.reservation_required
        assert event.reservations_open_at <= timezone.now() < event.reservations_close_at
        rounds = event.slots.filter(kind=SlotKind.ROUND)
        assert rounds.exists()
        for round_ in rounds:
            assert round_.sittings.count() >= 3
            assert all(sitting.capacity for sitting in round_.sittings.all())
