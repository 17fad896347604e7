"""Copying an event with its programme to a new date, as a service and from the admin."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events.duplication import DuplicationError, duplicate_event, wall_clock_shift
from events.enums import EventStatus
from events.models import Event
from reservations.models import Reservation, SeatChoice
from sessions.enums import SlotKind, SpeakerRole
from sessions.models import Session, Sitting
from teams.enums import Role
from tests.factories import (
    AMSTERDAM,
    EventFactory,
    EventFAQFactory,
    InitiativeFactory,
    MembershipFactory,
    ModeratorFactory,
    OrganisationFactory,
    ReservationFactory,
    SeatChoiceFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SittingFactory,
    SlotFactory,
    SpeakerFactory,
    ThemeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

HOUR = dt.timedelta(hours=1)
# Summer time (UTC+2) until the last Sunday of October 2031, winter time (UTC+1) after it.
SUMMER_START = dt.datetime(2031, 10, 20, 14, 0, tzinfo=AMSTERDAM)
WINTER_START = dt.datetime(2031, 11, 3, 14, 0, tzinfo=AMSTERDAM)


def build_programme(event: Event, *, sessions_per_round: int = 2) -> None:
    """A plenary opening, two rounds, two themes, sessions with speakers, FAQ, reservations."""
    start = event.starts_at
    opening = SlotFactory(
        event=event, starts_at=start, ends_at=start + HOUR, kind=SlotKind.PLENARY, title="Opening"
    )
    opening.speakers.add(SpeakerFactory(name="Wethouder"))
    rounds = [
        SlotFactory(
            event=event,
            starts_at=start + HOUR * number,
            ends_at=start + HOUR * (number + 1),
            title=f"Ronde {number}",
            choice_required=number == 1,
        )
        for number in (1, 2)
    ]
    themes = [ThemeFactory(event=event, number=number) for number in (1, 2)]
    initiative = InitiativeFactory()
    for number in range(sessions_per_round):
        session = SessionFactory(
            event=event,
            code=f"{number + 1}a",
            slug=f"sessie-{number + 1}",
            theme=themes[number % 2],
        )
        session.initiatives.add(initiative)
        SessionSpeakerFactory(session=session, role=SpeakerRole.MODERATOR, order=2)
        SessionSpeakerFactory(session=session, role=SpeakerRole.SPEAKER, order=1)
        for slot in rounds:
            SittingFactory(session=session, slot=slot, room=f"Zaal {number}", capacity=8 + number)
    SessionFactory(event=event, code="", slug="livecast-talk", theme=None)  # no sitting
    EventFAQFactory(event=event, order=1)
    EventFAQFactory(event=event, order=2)
    sitting = Sitting.objects.filter(slot=rounds[0]).first()
    SeatChoiceFactory(sitting=sitting, reservation=ReservationFactory(event=event))


@pytest.fixture
def event() -> Event:
    event = EventFactory(
        title="Werkconferentie Zaanstad",
        slug="werkconferentie-zaanstad",
        starts_at=SUMMER_START,
        ends_at=SUMMER_START + 4 * HOUR,
        reservations_open_at=SUMMER_START - dt.timedelta(days=30),
        reservations_close_at=SUMMER_START - HOUR,
        status=EventStatus.PUBLISHED,
    )
    ModeratorFactory(event=event)
    event.partners.add(OrganisationFactory(), OrganisationFactory())
    build_programme(event)
    return event


def clock(event: Event, moment: dt.datetime) -> tuple[int, str]:
    """A moment as (days after the event's first day, Amsterdam wall-clock time)."""
    local = moment.astimezone(AMSTERDAM)
    return (local.date() - event.starts_at.astimezone(AMSTERDAM).date()).days, f"{local:%H:%M}"


def programme(event: Event) -> dict:
    """Everything the copy must repeat, in terms that do not depend on ids or the date."""
    event = Event.objects.get(pk=event.pk)
    return {
        "event": (
            clock(event, event.starts_at),
            clock(event, event.ends_at),
            clock(event, event.reservations_open_at) if event.reservations_open_at else None,
            event.capacity,
            event.venue_id,
            event.organiser_id,
            event.moderator.speaker_id,
            sorted(event.partners.values_list("pk", flat=True)),
        ),
        "slots": [
            (
                clock(event, slot.starts_at),
                clock(event, slot.ends_at),
                slot.title,
                slot.kind,
                slot.choice_required,
                sorted(slot.speakers.values_list("name", flat=True)),
            )
            for slot in event.slots.order_by("starts_at")
        ],
        "themes": list(event.themes.values_list("number", "title")),
        "sessions": [
            (
                session.code,
                session.slug,
                session.title,
                session.theme.number if session.theme else None,
                list(
                    session.session_speakers.order_by("order").values_list(
                        "speaker__name", "role", "order"
                    )
                ),
                sorted(session.initiatives.values_list("pk", flat=True)),
            )
            for session in Session.objects.filter(event=event).order_by("slug")
        ],
        "sittings": sorted(
            (
                sitting.session.slug,
                sitting.slot.title,
                clock(event, sitting.slot.starts_at),
                sitting.room,
                sitting.capacity,
            )
            for sitting in Sitting.objects.filter(session__event=event).select_related(
                "session", "slot"
            )
        ),
        "faqs": list(event.faqs.values_list("question", "answer", "order")),
    }


def test_the_copy_repeats_the_whole_programme_at_the_same_clock_times(event):
    before = programme(event)

    copy = duplicate_event(event_id=event.pk, starts_at=WINTER_START)

    assert programme(copy) == before
    assert len(before["sittings"]) == 4 and len(before["sessions"]) == 3
    # Across the change to winter time the clock stays at 14.00, 15.00…: not one hour early.
    assert copy.starts_at == WINTER_START
    first_round = copy.slots.get(title="Ronde 1")
    assert first_round.starts_at == dt.datetime(2031, 11, 3, 15, 0, tzinfo=AMSTERDAM)
    assert first_round.starts_at - event.slots.get(title="Ronde 1").starts_at == dt.timedelta(
        days=14, hours=1
    )


def test_the_copy_is_a_draft_without_reservations_or_seat_choices(event):
    copy = duplicate_event(event_id=event.pk, starts_at=WINTER_START, title="  Tweede editie ")

    assert copy.status == EventStatus.DRAFT
    assert copy.title == "Tweede editie"
    assert copy.slug == "tweede-editie-2031-11-03"
    assert not Reservation.objects.filter(event=copy).exists()
    assert not SeatChoice.objects.filter(slot__event=copy).exists()
    # The reservation window moved along with the event.
    assert copy.reservations_close_at == WINTER_START - HOUR


def test_the_original_is_untouched(event):
    before = programme(event)
    status, slug = event.status, event.slug

    duplicate_event(event_id=event.pk, starts_at=WINTER_START)

    event.refresh_from_db()
    assert programme(event) == before
    assert (event.status, event.slug) == (status, slug)
    assert Reservation.objects.filter(event=event).count() == 1
    assert SeatChoice.objects.filter(slot__event=event).count() == 1


def test_slugs_stay_unique_for_copies_on_the_same_day(event):
    first = duplicate_event(event_id=event.pk, starts_at=WINTER_START)
    second = duplicate_event(event_id=event.pk, starts_at=WINTER_START)
    third = duplicate_event(event_id=first.pk, starts_at=WINTER_START)

    slugs = [first.slug, second.slug, third.slug]
    assert slugs == [
        "werkconferentie-zaanstad-2031-11-03",
        "werkconferentie-zaanstad-2031-11-03-2",
        "werkconferentie-zaanstad-2031-11-03-3",
    ]


@pytest.mark.parametrize(
    "title",
    [
        "Werkconferentie Zaanstad 2027",
        "Werkconferentie Zaanstad 2027-09-15",
        "Werkconferentie Zaanstad 2030 2031-11-03",
    ],
)
def test_a_title_ending_in_a_year_or_date_gets_the_date_once(event, title):
    copy = duplicate_event(event_id=event.pk, starts_at=WINTER_START, title=title)

    assert copy.slug == "werkconferentie-zaanstad-2031-11-03"


def test_a_title_of_only_a_year_still_gives_a_slug(event):
    copy = duplicate_event(event_id=event.pk, starts_at=WINTER_START, title="2031")

    assert copy.slug == "evenement-2031-11-03"


def test_a_long_title_still_gives_a_valid_slug(event):
    copy = duplicate_event(event_id=event.pk, starts_at=WINTER_START, title="Lang " * 39)

    assert len(copy.slug) <= 200
    assert copy.slug.endswith("-2031-11-03")


def test_the_number_of_queries_does_not_grow_with_the_programme(event):
    bigger = EventFactory(starts_at=SUMMER_START, ends_at=SUMMER_START + 4 * HOUR)
    bigger.partners.add(*OrganisationFactory.create_batch(5))
    ModeratorFactory(event=bigger)
    build_programme(bigger, sessions_per_round=6)

    def queries(source: Event) -> int:
        with CaptureQueriesContext(connection) as captured:
            duplicate_event(event_id=source.pk, starts_at=WINTER_START)
        return len(captured)

    assert queries(event) == queries(bigger)
    assert Sitting.objects.filter(session__event__slug__startswith=bigger.slug).count() == 24


def test_wall_clock_shift_keeps_the_time_across_summer_time():
    shift = wall_clock_shift(
        dt.datetime(2031, 3, 20, 19, 15, tzinfo=AMSTERDAM),
        dt.datetime(2031, 4, 3, 19, 15, tzinfo=AMSTERDAM),
    )

    moved = shift(dt.datetime(2031, 3, 20, 21, 0, tzinfo=AMSTERDAM))

    assert moved.astimezone(AMSTERDAM).strftime("%Y-%m-%d %H:%M %Z") == "2031-04-03 21:00 CEST"


@pytest.mark.parametrize(
    ("starts_at", "code"),
    [
        (timezone.now() - HOUR, "past_start"),
        (dt.datetime(2031, 11, 3, 14, 0), "naive_time"),
    ],
)
def test_bad_start_times_are_refused(event, starts_at, code):
    with pytest.raises(DuplicationError) as refused:
        duplicate_event(event_id=event.pk, starts_at=starts_at)

    assert refused.value.code == code
    assert Event.objects.count() == 1


def test_an_unknown_event_is_refused():
    with pytest.raises(DuplicationError) as refused:
        duplicate_event(event_id=12345, starts_at=WINTER_START)

    assert refused.value.code == "unknown_event"


# The admin page -------------------------------------------------------------------------


def duplicate_url(event: Event) -> str:
    return reverse("admin:events_event_duplicate", args=[event.pk])


def test_the_change_page_links_to_the_copy_form(admin_client, event):
    page = admin_client.get(reverse("admin:events_event_change", args=[event.pk]))

    assert duplicate_url(event) in page.content.decode()


def test_admin_copies_the_event_and_opens_the_copy(admin_client, event):
    form = admin_client.get(duplicate_url(event))
    response = admin_client.post(
        duplicate_url(event), {"starts_at": "2031-11-03T14:00", "title": ""}
    )

    assert form.status_code == 200
    copy = Event.objects.exclude(pk=event.pk).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:events_event_change", args=[copy.pk])
    assert copy.starts_at == WINTER_START
    assert copy.status == EventStatus.DRAFT
    notes = [note.message for note in get_messages(response.wsgi_request)]
    assert len(notes) == 1 and "concept" in notes[0]


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"starts_at": ""}, "Dit veld is verplicht."),
        ({"starts_at": "morgen"}, "Voer een geldige datum/tijd in."),
        ({"starts_at": "2031-13-40T25:00"}, "Voer een geldige datum/tijd in."),
        ({"starts_at": "2020-01-01T10:00"}, "Kies een begintijd in de toekomst."),
        ({"starts_at": "2031-11-03T14:00", "title": "x" * 201}, "niet meer dan 200 tekens"),
    ],
)
def test_bad_input_on_the_form_shows_an_error_and_copies_nothing(admin_client, event, data, error):
    response = admin_client.post(duplicate_url(event), data)

    assert response.status_code == 200
    assert error in response.content.decode()
    assert Event.objects.count() == 1


def test_anonymous_visitors_are_sent_to_the_login(client, event):
    response = client.post(duplicate_url(event), {"starts_at": "2031-11-03T14:00"})

    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
    assert Event.objects.count() == 1


def test_non_staff_users_are_sent_to_the_login(client, event):
    client.force_login(UserFactory())

    response = client.post(duplicate_url(event), {"starts_at": "2031-11-03T14:00"})

    assert response.status_code == 302
    assert Event.objects.count() == 1


@pytest.mark.parametrize(
    ("role", "status"),
    [(None, 403), (Role.HOST, 403), (Role.EDITOR, 200)],
)
def test_only_editors_of_the_organisation_may_copy(client, event, role, status):
    organiser = UserFactory(is_staff=True)
    if role is not None:
        MembershipFactory(user=organiser, organisation=event.organiser, role=role)
    client.force_login(organiser)

    page = client.get(duplicate_url(event))
    client.post(duplicate_url(event), {"starts_at": "2031-11-03T14:00"})

    assert page.status_code == status
    assert Event.objects.count() == (2 if status == 200 else 1)


def test_an_unknown_event_is_not_found(admin_client):
    assert admin_client.get("/admin/events/event/12345/kopieren/").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_the_copy_passes_the_database_checks_at_commit():
    """Committed for real, so PostgreSQL also runs its deferred "event contains slots" check."""
    event = EventFactory(starts_at=SUMMER_START, ends_at=SUMMER_START + 4 * HOUR)
    build_programme(event)

    copy = duplicate_event(event_id=event.pk, starts_at=WINTER_START)

    assert Sitting.objects.filter(session__event=copy).count() == 4
