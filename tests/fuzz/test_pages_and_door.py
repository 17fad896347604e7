"""Random and hostile input where the other fuzz files do not reach: the waiting list, stray
query parameters on every page (public and the attendee's own), the data download, the
admin login and check-in at the door. Never a 500; what is not accepted changes nothing."""

import os

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from reservations.enums import ReservationStatus
from reservations.models import CalendarFeed, Reservation
from tests.factories import (
    CollectionMembershipFactory,
    DocumentFactory,
    EventFactory,
    InitiativeFactory,
    OrganisationFactory,
    ReservationFactory,
    SeriesFactory,
    SessionFactory,
    SessionSpeakerFactory,
    UserFactory,
)
from tests.fuzz.hostile import (
    assert_answered,
    assert_no_nul_stored,
    assert_unchanged_unless_accepted,
    form_data,
    fuzz,
    hostile_text,
    hostile_value,
    isolated,
    logged_in,
    snapshot,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:Generating overly large repr"),
]

ADMIN_PASSWORD = "Beheer-van-de-Stad-2025"


@pytest.fixture
def full_event(db):
    event = EventFactory(capacity=1, includes_meal=True)
    return event, ReservationFactory(event=event)


@fuzz
@given(
    post=form_data(
        {
            "name": st.sampled_from(["Anna de Vries", "Bert"]),
            "dietary_wishes": st.sampled_from(["", "halal"]),
        }
    )
)
def test_joining_the_waiting_list_of_a_full_event(full_event, fuzzer, post):
    event, holder = full_event
    with isolated():
        before = snapshot()
        response = logged_in(fuzzer).post(reverse("reservations:reserve", args=[event.slug]), post)
        assert_unchanged_unless_accepted(response, before)
        assert_no_nul_stored()
        mine = Reservation.objects.filter(user=fuzzer)
        if response.status_code == 302:
            assert mine.get().status == ReservationStatus.WAITLISTED
        else:
            assert not mine.exists()
        holder.refresh_from_db()
        assert holder.status == ReservationStatus.CONFIRMED


@pytest.fixture
def site(fuzzer):
    """One of everything a page can show, and a reservation with a calendar feed."""
    series = SeriesFactory()
    event = EventFactory(series=series)
    session = SessionFactory(event=event)
    speaker = SessionSpeakerFactory(session=session).speaker
    membership = CollectionMembershipFactory(initiative=InitiativeFactory())
    document = DocumentFactory(collection=membership.collection)
    reservation = ReservationFactory(event=event, user=fuzzer, dietary_wishes="vegan")
    feed = CalendarFeed.objects.create(user=fuzzer)
    other = EventFactory()
    initiative = InitiativeFactory(organisation=OrganisationFactory())
    return {
        "home": reverse("home"),
        "healthz": reverse("healthz"),
        "robots": reverse("robots_txt"),
        "sitemap": reverse("sitemap"),
        "search": reverse("search"),
        "agenda_feed": reverse("events:feed"),
        "event": event.get_absolute_url(),
        "event_ics": reverse("events:event_ics", args=[event.slug]),
        "schedule_xml": reverse("events:schedule_xml", args=[event.slug]),
        "schedule_json": reverse("events:schedule_json", args=[event.slug]),
        "programme_json": reverse("events:programme_json", args=[event.slug]),
        "event_embed": reverse("events:embed", args=[event.slug]),
        "organisation_embed": reverse("events:organisation_embed", args=[event.organiser.slug]),
        "series": reverse("events:series", args=[series.slug]),
        "session": reverse("programme:session", args=[event.slug, session.slug]),
        "speaker": reverse("programme:speaker", args=[speaker.slug]),
        "initiative": reverse("initiatives:initiative", args=[initiative.slug]),
        "organisation": reverse("initiatives:organisation", args=[initiative.organisation.slug]),
        "collection": reverse("initiatives:collection", args=[membership.collection.slug]),
        "document": reverse("initiatives:document", args=[document.slug]),
        "reserve": reverse("reservations:reserve", args=[other.slug]),
        "my_reservations": reverse("reservations:my_reservations"),
        "change_sessions": reverse("reservations:change_sessions", args=[reservation.code]),
        "cancel": reverse("reservations:cancel", args=[reservation.code]),
        "personal_feed": reverse("reservations:personal_feed", args=[feed.token]),
        "my_data": reverse("privacy:my_data"),
        "download": reverse("privacy:download"),
        "delete_account": reverse("privacy:delete_account"),
    }


PAGES = [
    "home",
    "healthz",
    "robots",
    "sitemap",
    "search",
    "agenda_feed",
    "event",
    "event_ics",
    "schedule_xml",
    "schedule_json",
    "programme_json",
    "event_embed",
    "organisation_embed",
    "series",
    "session",
    "speaker",
    "initiative",
    "organisation",
    "collection",
    "document",
    "reserve",
    "my_reservations",
    "change_sessions",
    "cancel",
    "personal_feed",
    "my_data",
    "download",
    "delete_account",
]
# Many pages, each with a few examples: together as long as one form's fuzz test.
few = settings(fuzz, max_examples=max(3, int(os.environ.get("FUZZ_EXAMPLES", "25")) // 5))


@pytest.mark.parametrize("page", PAGES)
@few
@given(params=form_data({"page": st.sampled_from(["1", "2", "0"])}), anonymous=st.booleans())
def test_stray_query_parameters_on_every_page(site, fuzzer, page, params, anonymous):
    """Pages that take no parameters ignore them; reading a page never writes."""
    with isolated():
        client = Client() if anonymous else logged_in(fuzzer)
        before = snapshot()
        response = client.get(site[page], params)
        assert_answered(response)
        assert snapshot() == before


def test_the_page_list_is_complete(site):
    """A new page in `site` must be fuzzed too."""
    assert sorted(PAGES) == sorted(site)


@pytest.fixture
def stranger(db):
    person = UserFactory(username="vreemde", email="vreemde@example.org")
    ReservationFactory(user=person, name="Vreemde", dietary_wishes="geheim-dieet")
    return person


@fuzz
@given(params=form_data({"format": st.sampled_from(["json", "csv"])}))
def test_the_data_download_is_always_the_own_data(site, stranger, fuzzer, params):
    with isolated():
        response = logged_in(fuzzer).get(site["download"], params)
        assert response.status_code == 200
        body = response.content.decode()
        assert "fuzzer@example.org" in body and "vegan" in body
        assert "vreemde" not in body.lower() and "geheim-dieet" not in body


@pytest.fixture
def organiser(db):
    return UserFactory(
        username="beheerder", password=ADMIN_PASSWORD, is_staff=True, is_superuser=True
    )


@fuzz
@given(
    post=form_data(
        {
            "username": st.sampled_from(["beheerder", "BEHEERDER", "fuzzer"]),
            "password": st.sampled_from([ADMIN_PASSWORD, "Fietsen-door-de-Wijk-2025", ""]),
            "next": hostile_text,
        }
    )
)
def test_the_admin_login(organiser, fuzzer, post):
    with isolated():
        client = Client()
        before = snapshot()
        response = client.post(reverse("admin:login"), post)
        assert_answered(response)
        assert snapshot() == before
        logged_in_now = client.session.get("_auth_user_id")
        if logged_in_now:
            assert logged_in_now == str(organiser.pk)
            assert post.get("username") == "beheerder" and post.get("password") == ADMIN_PASSWORD


def door_state() -> list[tuple]:
    return list(
        Reservation.objects.order_by("pk").values_list("pk", "status", "checked_in_at", "name")
    )


@pytest.fixture
def door(db):
    event = EventFactory()
    return event, {
        "confirmed": ReservationFactory(event=event, name="Anna"),
        "waitlisted": ReservationFactory(event=event, status=ReservationStatus.WAITLISTED),
        "cancelled": ReservationFactory(event=event, status=ReservationStatus.CANCELLED),
        "elsewhere": ReservationFactory(),
    }


@fuzz
@given(
    target=st.sampled_from(["confirmed", "waitlisted", "cancelled", "elsewhere", "missing"]),
    post=form_data({"undo": st.sampled_from(["0", "1"]), "q": st.just("Anna")}),
    q=hostile_value,
)
def test_checking_in_at_the_door(door, organiser, target, post, q):
    event, reservations = door
    reservation_id = reservations[target].pk if target in reservations else 999_999
    url = reverse("reservations:check_in", args=[event.slug, reservation_id])
    with isolated():
        before = door_state()
        response = logged_in(organiser).post(url, {**post, "q": q})
        assert_answered(response)
        if target != "confirmed":
            assert door_state() == before
        else:
            # Only that one reservation's check-in may change.
            changed = {row[0] for row in set(door_state()) ^ set(before)}
            assert changed <= {reservation_id}


@fuzz
@given(post=form_data({"q": st.just("Anna")}))
def test_the_door_refuses_attendees(door, fuzzer, post):
    event, reservations = door
    reservation = reservations["confirmed"]
    with isolated():
        before = door_state()
        response = logged_in(fuzzer).post(
            reverse("reservations:check_in", args=[event.slug, reservation.pk]), post
        )
        assert response.status_code == 302 and "admin/login" in response["Location"]
        assert door_state() == before


def test_assert_unchanged_unless_accepted_can_fail(fuzzer):
    """The rule the fuzz tests rely on notices a change that came with a page, not a redirect."""
    before = snapshot()
    fuzzer.email = "ander@example.org"
    fuzzer.save()

    class Page:
        status_code = 200

    with pytest.raises(AssertionError):
        assert_unchanged_unless_accepted(Page(), before)
