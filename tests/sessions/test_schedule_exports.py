"""The programme as data: schedule.xml and schedule.json in the c3voc schedule format, checked
against the format's own schemas (copies in schedule_format/, see its README), and our own
programma.json."""

import copy
import datetime as dt
import json
import re
import uuid
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from jsonschema import Draft6Validator, FormatChecker
from lxml import etree

from events.enums import EventStatus
from sessions.enums import SessionFormat, SlotKind, SpeakerRole
from tests.factories import (
    EventFactory,
    InitiativeFactory,
    ModeratorFactory,
    ReservationFactory,
    SeatChoiceFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SittingFactory,
    SlotFactory,
    SpeakerFactory,
    ThemeFactory,
)
from tests.query_counts import queries_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_url")]

FORMAT = Path(__file__).parent / "schedule_format"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
XSD = etree.XMLSchema(etree.parse(str(FORMAT / "schedule.xml.xsd")))


def json_validator() -> Draft6Validator:
    schema = json.loads((FORMAT / "schema.json").read_text())
    # The one documented departure (schedule_format/README.md): `start` is "HH:MM", as the
    # XML Schema has it, and the full date and time is in `date`.
    schema = copy.deepcopy(schema)
    schema["definitions"]["Event"]["properties"]["start"] = {
        "type": "string",
        "pattern": "^[0-2][0-9]:[0-5][0-9]$",
    }
    checker = FormatChecker()  # date and uuid built in; the others strictly here

    @checker.checks("date-time", raises=ValueError)
    def is_date_time(value: object) -> bool:
        if not isinstance(value, str):
            return True
        return "T" in value and dt.datetime.fromisoformat(value).tzinfo is not None

    @checker.checks("uri", raises=ValueError)
    def is_uri(value: object) -> bool:
        if not isinstance(value, str):
            return True
        parts = urlsplit(value)
        return parts.scheme in ("http", "https") and bool(parts.netloc)

    return Draft6Validator(schema, format_checker=checker)


def json_errors(data: dict) -> list[str]:
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in json_validator().iter_errors(data)
    ]


def at(hour: int, minute: int = 0, day: dt.date = dt.date(2026, 3, 26)) -> dt.datetime:
    """A time on a day in winter time (+01:00) unless given another day."""
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=AMSTERDAM)


@pytest.fixture
def programme():
    """An evening like Zaanstad's: a plenary opening with a speaker, two break-out rounds
    (one session held in both, once without a room), a dinner, themes, a moderator."""
    event = EventFactory(
        title="Werken in de wijk",
        slug="werken-in-de-wijk",
        starts_at=at(15),
        ends_at=at(21),
        venue__name="Stadhuis Zaanstad",
    )
    opening = SlotFactory(
        event=event,
        kind=SlotKind.PLENARY,
        title="Opening & interview",
        starts_at=at(15),
        ends_at=at(15, 30),
        location="Raadzaal",
    )
    opening.speakers.add(SpeakerFactory(name="Jan de Vries"))
    first = SlotFactory(event=event, title="Ronde 1", starts_at=at(15, 30), ends_at=at(16, 15))
    dinner = SlotFactory(
        event=event, kind=SlotKind.MEAL, title="Diner", starts_at=at(16, 15), ends_at=at(17, 45)
    )
    second = SlotFactory(event=event, title="Ronde 2", starts_at=at(17, 45), ends_at=at(18, 30))
    budgets = ThemeFactory(event=event, number=1, title="Buurtbudgetten")
    care = ThemeFactory(event=event, number=2, title="Zorg")
    twice = SessionFactory(
        event=event,
        code="1a",
        title="Wijkbudget in Poelenburg",
        slug="wijkbudget",
        theme=budgets,
        summary="Hoe bewoners zelf beslissen.",
    )
    once = SessionFactory(
        event=event,
        code="2a",
        title="Zorgcoöperatie",
        slug="zorgcooperatie",
        theme=care,
        format=SessionFormat.WORKSHOP,
    )
    SittingFactory(session=twice, slot=first, room="Zaal 1", capacity=12)
    SittingFactory(session=twice, slot=second, room="", capacity=12)
    SittingFactory(session=once, slot=first, room="Zaal 2", capacity=None)
    moderator = SpeakerFactory(name="Suzanne van Eerden")
    SessionSpeakerFactory(session=twice, speaker=moderator, role=SpeakerRole.MODERATOR)
    SessionSpeakerFactory(session=twice, speaker=SpeakerFactory(name="Piet Bakker"))
    twice.initiatives.add(InitiativeFactory(name="NoordOogst", slug="noordoogst"))
    ModeratorFactory(event=event, speaker=SpeakerFactory(name="Jan van Ginkel"))
    return {"event": event, "opening": opening, "dinner": dinner, "first": first, "second": second}


def events_of(data: dict) -> list[dict]:
    return [
        entry
        for day in data["schedule"]["conference"]["days"]
        for entries in day["rooms"].values()
        for entry in entries
    ]


# schedule.xml -----------------------------------------------------------------------------


def test_schedule_xml_is_valid_against_the_formats_xml_schema(client, programme):
    response = client.get("/evenementen/werken-in-de-wijk/schedule.xml")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    document = etree.fromstring(response.content)
    XSD.assertValid(document)


def test_schedule_xml_holds_the_day_rooms_and_events(client, programme):
    document = etree.fromstring(client.get("/evenementen/werken-in-de-wijk/schedule.xml").content)

    assert document.findtext("conference/title") == "Werken in de wijk"
    assert document.findtext("conference/acronym") == "werken_in_de_wijk"
    assert document.findtext("conference/time_zone_name") == "Europe/Amsterdam"
    (day,) = document.findall("day")
    assert day.get("date") == "2026-03-26"
    assert day.get("start") == "2026-03-26T15:00:00+01:00"
    assert day.get("end") == "2026-03-26T21:00:00+01:00"
    rooms = {room.get("name"): [e.findtext("title") for e in room] for room in day}
    assert rooms == {
        "Raadzaal": ["Opening & interview"],
        "Zaal 1": ["1a Wijkbudget in Poelenburg"],
        "Zaal 2": ["2a Zorgcoöperatie"],
        # A venue's name for a slot without a location; a round's title for a sitting
        # without a room.
        "Stadhuis Zaanstad": ["Diner"],
        "Ronde 2": ["1a Wijkbudget in Poelenburg"],
    }
    opening = day.find("room[@name='Raadzaal']/event")
    assert opening.findtext("start") == "15:00"
    assert opening.findtext("duration") == "00:30"
    assert opening.findtext("date") == "2026-03-26T15:00:00+01:00"
    assert opening.findtext("type") == "talk"
    assert [p.text for p in opening.findall("persons/person")] == ["Jan de Vries"]
    table = day.find("room[@name='Zaal 1']/event")
    assert table.findtext("track") == "Thema 1. Buurtbudgetten"
    assert table.findtext("subtitle") == "Ronde 1"
    assert table.findtext("abstract") == "Hoe bewoners zelf beslissen."
    assert table.findtext("type") == "discussion"
    assert table.findtext("language") == "nl"
    assert (
        table.findtext("url")
        == "https://coopstad.example/evenementen/werken-in-de-wijk/sessies/wijkbudget/"
    )
    assert [p.text for p in table.findall("persons/person")] == [
        "Suzanne van Eerden",
        "Piet Bakker",
    ]
    (link,) = table.findall("links/link")
    assert (link.text, link.get("href")) == (
        "NoordOogst",
        "https://coopstad.example/initiatieven/noordoogst/",
    )


def test_a_session_in_two_rounds_is_two_events_with_their_own_ids_and_guids(client, programme):
    document = etree.fromstring(client.get("/evenementen/werken-in-de-wijk/schedule.xml").content)

    twice = [
        event
        for event in document.iter("event")
        if event.findtext("title") == "1a Wijkbudget in Poelenburg"
    ]
    assert [(e.findtext("start"), e.findtext("room")) for e in twice] == [
        ("15:30", "Zaal 1"),
        ("17:45", "Ronde 2"),
    ]
    assert len({e.get("id") for e in twice}) == 2
    assert len({e.get("guid") for e in twice}) == 2
    assert len({e.findtext("slug") for e in twice}) == 2


def test_guids_are_stable_and_differ_per_site(client, programme, settings):
    first = client.get("/evenementen/werken-in-de-wijk/schedule.xml").content
    again = client.get("/evenementen/werken-in-de-wijk/schedule.xml").content
    settings.SITE_URL = "https://elders.example"
    elsewhere = client.get("/evenementen/werken-in-de-wijk/schedule.xml").content

    def guids(content: bytes) -> list[str]:
        return [event.get("guid") for event in etree.fromstring(content).iter("event")]

    assert guids(first) == guids(again)
    assert all(uuid.UUID(value).version == 5 for value in guids(first))
    assert not set(guids(first)) & set(guids(elsewhere))


def test_times_carry_the_summer_offset_in_summer(client):
    day = dt.date(2026, 6, 11)
    event = EventFactory(slug="zomer", starts_at=at(19, day=day), ends_at=at(22, day=day))
    SlotFactory(
        event=event, kind=SlotKind.PLENARY, starts_at=at(19, day=day), ends_at=at(21, 5, day=day)
    )

    document = etree.fromstring(client.get("/evenementen/zomer/schedule.xml").content)

    (event_element,) = document.iter("event")
    assert event_element.findtext("date") == "2026-06-11T19:00:00+02:00"
    assert event_element.findtext("start") == "19:00"
    assert event_element.findtext("duration") == "02:05"


def test_text_that_xml_cannot_hold_is_left_out(client, programme):
    programme["dinner"].description = "Walking dinner\x0b met \x1fsoep"
    programme["dinner"].save()

    response = client.get("/evenementen/werken-in-de-wijk/schedule.xml")

    XSD.assertValid(etree.fromstring(response.content))
    assert b"Walking dinner met soep" in response.content


def test_an_event_over_two_days_has_two_days(client):
    event = EventFactory(
        slug="tweedaags", starts_at=at(10), ends_at=at(16, day=dt.date(2026, 3, 27))
    )
    SlotFactory(event=event, kind=SlotKind.PLENARY, starts_at=at(10), ends_at=at(11))
    SlotFactory(
        event=event,
        kind=SlotKind.PLENARY,
        starts_at=at(10, day=dt.date(2026, 3, 27)),
        ends_at=at(11, day=dt.date(2026, 3, 27)),
    )

    response = client.get("/evenementen/tweedaags/schedule.xml")

    document = etree.fromstring(response.content)
    XSD.assertValid(document)
    assert [(d.get("index"), d.get("date")) for d in document.findall("day")] == [
        ("1", "2026-03-26"),
        ("2", "2026-03-27"),
    ]
    assert [len(list(d.iter("event"))) for d in document.findall("day")] == [1, 1]
    assert document.findtext("conference/days") == "2"


# schedule.json ----------------------------------------------------------------------------


def test_schedule_json_is_valid_against_the_formats_json_schema(client, programme):
    response = client.get("/evenementen/werken-in-de-wijk/schedule.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert json_errors(data) == []
    assert data["$schema"] == "https://c3voc.de/schedule/schema.json"


def test_the_json_validator_does_catch_a_broken_schedule(client, programme):
    data = client.get("/evenementen/werken-in-de-wijk/schedule.json").json()
    entry = events_of(data)[0]
    entry["duration"] = "90 minutes"
    entry["date"] = "2026-03-26 15:00"  # no offset
    entry["persons"].append({"id": 3, "public_name": "Twee soorten", "name": "tegelijk"})

    errors = json_errors(data)

    assert len(errors) == 3, errors


def test_schedule_json_values(client, programme):
    data = client.get("/evenementen/werken-in-de-wijk/schedule.json").json()

    conference = data["schedule"]["conference"]
    assert conference["start"] == conference["end"] == "2026-03-26"
    assert conference["daysCount"] == 1
    assert conference["url"] == "https://coopstad.example/evenementen/werken-in-de-wijk/"
    assert [track["name"] for track in conference["tracks"]] == [
        "Thema 1. Buurtbudgetten",
        "Thema 2. Zorg",
    ]
    assert [room["name"] for room in conference["rooms"]] == [
        "Raadzaal",
        "Zaal 1",
        "Zaal 2",
        "Stadhuis Zaanstad",
        "Ronde 2",
    ]
    (day,) = conference["days"]
    assert (day["day_start"], day["day_end"]) == (
        "2026-03-26T15:00:00+01:00",
        "2026-03-26T21:00:00+01:00",
    )
    entries = events_of(data)
    assert len(entries) == 5  # 2 slots outside the rounds and 3 sittings; no round itself
    dinner = day["rooms"]["Stadhuis Zaanstad"][0]
    assert (dinner["start"], dinner["duration"], dinner["type"]) == ("16:15", "01:30", "other")
    assert dinner["track"] is None
    (table,) = day["rooms"]["Zaal 1"]
    assert [person["name"] for person in table["persons"]] == ["Suzanne van Eerden", "Piet Bakker"]
    assert table["links"] == [
        {
            "title": "NoordOogst",
            "url": "https://coopstad.example/initiatieven/noordoogst/",
            "type": "related",
        }
    ]
    assert all(re.fullmatch(r"[a-z0-9_-]+[a-z0-9]", entry["slug"]) for entry in entries)


def test_the_xml_and_the_json_describe_the_same_events(client, programme):
    document = etree.fromstring(client.get("/evenementen/werken-in-de-wijk/schedule.xml").content)
    data = client.get("/evenementen/werken-in-de-wijk/schedule.json").json()

    from_xml = {
        (int(e.get("id")), e.get("guid"), e.findtext("date"), e.findtext("room"))
        for e in document.iter("event")
    }
    from_json = {(e["id"], e["guid"], e["date"], e["room"]) for e in events_of(data)}
    assert from_xml == from_json
    assert document.findtext("version") == data["schedule"]["version"]


def test_the_version_changes_with_the_programme(client, programme):
    before = client.get("/evenementen/werken-in-de-wijk/schedule.json").json()
    programme["dinner"].title = "Walking dinner"
    programme["dinner"].save()
    after = client.get("/evenementen/werken-in-de-wijk/schedule.json").json()

    assert before["schedule"]["version"] != after["schedule"]["version"]


def test_an_event_without_a_programme_is_a_valid_schedule_of_its_day(client):
    EventFactory(slug="nog-leeg", starts_at=at(14), ends_at=at(17))

    xml = client.get("/evenementen/nog-leeg/schedule.xml")
    data = client.get("/evenementen/nog-leeg/schedule.json").json()

    XSD.assertValid(etree.fromstring(xml.content))
    assert json_errors(data) == []
    assert [day["rooms"] for day in data["schedule"]["conference"]["days"]] == [{}]


def test_a_short_slug_still_makes_a_valid_acronym(client):
    EventFactory(slug="ab", starts_at=at(14), ends_at=at(17))

    data = client.get("/evenementen/ab/schedule.json").json()

    assert data["schedule"]["conference"]["acronym"] == "ab__"
    assert json_errors(data) == []


# programma.json ---------------------------------------------------------------------------


def test_programme_json_holds_the_whole_programme_with_seats_left(client, programme):
    event = programme["event"]
    sitting = programme["first"].sittings.get(room="Zaal 1")
    SeatChoiceFactory(sitting=sitting, reservation=ReservationFactory(event=event))
    ReservationFactory(event=event)

    response = client.get("/evenementen/werken-in-de-wijk/programma.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["event"]["title"] == "Werken in de wijk"
    assert data["event"]["starts_at"] == "2026-03-26T15:00:00+01:00"
    assert data["event"]["places_left"] == 48
    assert [slot["kind"] for slot in data["slots"]] == ["plenary", "round", "meal", "round"]
    assert [r["slot"] for r in data["rounds"]] == [programme["first"].pk, programme["second"].pk]
    assert [theme["name"] for theme in data["themes"]] == [
        "Thema 1. Buurtbudgetten",
        "Thema 2. Zorg",
    ]
    sittings = {s["id"]: s for s in data["sittings"]}
    assert sittings[sitting.pk]["seats_left"] == 11
    assert sittings[sitting.pk]["round"] == programme["first"].pk
    unlimited = next(s for s in data["sittings"] if s["room"] == "Zaal 2")
    assert unlimited["seats_left"] is None
    session = next(s for s in data["sessions"] if s["code"] == "1a")
    assert len(session["sittings"]) == 2
    speakers = {speaker["id"]: speaker for speaker in data["speakers"]}
    roles = [(speakers[r["speaker"]]["name"], r["role"]) for r in session["speakers"]]
    assert roles == [("Suzanne van Eerden", "moderator"), ("Piet Bakker", "speaker")]
    suzanne = next(s for s in data["speakers"] if s["name"] == "Suzanne van Eerden")
    assert suzanne["title"] == "wijkmanager"
    assert suzanne["organisation"]["url"].startswith("https://coopstad.example/organisaties/")
    assert speakers[data["event"]["moderator"]]["name"] == "Jan van Ginkel"
    assert data["initiatives"] == [
        {
            "id": session["initiatives"][0],
            "name": "NoordOogst",
            "url": "https://coopstad.example/initiatieven/noordoogst/",
        }
    ]


# What every export shares -----------------------------------------------------------------

EXPORTS = ["schedule.xml", "schedule.json", "programma.json"]


@pytest.mark.parametrize("name", EXPORTS)
def test_exports_are_open_to_every_origin_with_an_etag_and_public_caching(client, programme, name):
    response = client.get(
        f"/evenementen/werken-in-de-wijk/{name}", HTTP_ORIGIN="https://partner.example"
    )

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "public" in response["Cache-Control"]
    assert "max-age=" in response["Cache-Control"]
    assert response["ETag"]
    again = client.get(
        f"/evenementen/werken-in-de-wijk/{name}", HTTP_IF_NONE_MATCH=response["ETag"]
    )
    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.parametrize("name", EXPORTS)
def test_exports_of_a_draft_answer_404(client, name):
    EventFactory(slug="concept", status=EventStatus.DRAFT)

    assert client.get(f"/evenementen/concept/{name}").status_code == 404


@pytest.mark.parametrize("name", EXPORTS)
def test_exports_of_a_cancelled_event_answer(client, name):
    EventFactory(slug="afgelast", status=EventStatus.CANCELLED)

    response = client.get(f"/evenementen/afgelast/{name}")

    assert response.status_code == 200


@pytest.mark.parametrize("name", EXPORTS)
@pytest.mark.parametrize("slug", ["bestaat-niet", "geen%20slug", "..%2F.."])
def test_exports_of_unknown_or_bad_slugs_answer_404(client, name, slug):
    assert client.get(f"/evenementen/{slug}/{name}").status_code == 404


@pytest.mark.parametrize("name", EXPORTS)
def test_exports_take_no_writes(client, programme, name):
    assert client.post(f"/evenementen/werken-in-de-wijk/{name}").status_code == 405


@pytest.mark.parametrize("name", EXPORTS)
def test_signed_in_visitors_get_exports_kept_out_of_shared_caches(client, user, programme, name):
    client.force_login(user)

    response = client.get(f"/evenementen/werken-in-de-wijk/{name}")

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def sized_programme(sessions: int):
    event = EventFactory()
    round_ = SlotFactory(event=event)
    plenary = SlotFactory(
        event=event, kind=SlotKind.PLENARY, starts_at=event.starts_at, ends_at=round_.starts_at
    )
    plenary.speakers.set(SpeakerFactory.create_batch(sessions))
    second = SlotFactory(
        event=event, starts_at=round_.ends_at, ends_at=round_.ends_at + dt.timedelta(minutes=45)
    )
    for _ in range(sessions):
        session = SessionFactory(event=event, theme=ThemeFactory(event=event))
        SittingFactory(session=session, slot=round_)
        SittingFactory(session=session, slot=second)
        SessionSpeakerFactory.create_batch(2, session=session)
        session.initiatives.add(InitiativeFactory())
    ModeratorFactory(event=event)
    return event


@pytest.mark.parametrize("name", EXPORTS)
def test_exports_run_as_many_queries_for_one_session_as_for_thirty(client, name):
    one = sized_programme(1)
    many = sized_programme(30)

    assert queries_for(client, f"/evenementen/{one.slug}/{name}") == queries_for(
        client, f"/evenementen/{many.slug}/{name}"
    )


# With the page cache on, as in production -------------------------------------------------


@pytest.mark.parametrize("name", EXPORTS)
def test_a_copy_from_the_page_cache_keeps_the_export_headers(
    client, programme, public_caches_on, name
):
    url = f"/evenementen/werken-in-de-wijk/{name}"
    first = client.get(url)

    cached = client.get(url)

    assert cached.content == first.content
    assert cached["Access-Control-Allow-Origin"] == "*"
    assert "public" in cached["Cache-Control"]
    assert cached["Content-Type"] == first["Content-Type"]
    assert client.get(url, HTTP_IF_NONE_MATCH=cached["ETag"]).status_code == 304
