"""Saving ("Bewaar") events and sessions: the services and the form (with and without script)."""

import pytest
from django.test import Client
from django.urls import reverse

from events.enums import EventStatus
from reservations import saving
from reservations.models import SavedItem
from tests.factories import EventFactory, SessionFactory, SittingFactory, UserFactory, make_user

pytestmark = pytest.mark.django_db

SAVE_URL = reverse("reservations:save")


# Services ----------------------------------------------------------------------------------


def test_saving_twice_keeps_one_item():
    user, event = UserFactory(), EventFactory()
    first = saving.save_item(user=user, kind="event", item_id=event.pk)
    second = saving.save_item(user=user, kind="event", item_id=event.pk)
    assert first == second
    assert SavedItem.objects.filter(user=user, event=event).count() == 1


def test_a_session_is_saved_apart_from_its_event():
    user, session = UserFactory(), SessionFactory()
    saving.save_item(user=user, kind="session", item_id=session.pk)
    assert SavedItem.objects.get(user=user).session == session
    assert not SavedItem.objects.filter(user=user, event=session.event).exists()


def test_unsaving_forgets_and_is_idempotent():
    user, other, event = UserFactory(), UserFactory(), EventFactory()
    saving.save_item(user=user, kind="event", item_id=event.pk)
    saving.save_item(user=other, kind="event", item_id=event.pk)
    saving.unsave_item(user=user, kind="event", item_id=event.pk)
    saving.unsave_item(user=user, kind="event", item_id=event.pk)
    assert not SavedItem.objects.filter(user=user).exists()
    assert SavedItem.objects.filter(user=other).exists()  # only one's own


@pytest.mark.parametrize("kind", ["event", "session"])
def test_drafts_and_unknown_ids_cannot_be_saved(kind):
    user = UserFactory()
    draft_session = SessionFactory(event=EventFactory(status=EventStatus.DRAFT))
    draft = draft_session.event if kind == "event" else draft_session
    for item_id in (draft.pk, 987654):
        with pytest.raises(saving.SaveError):
            saving.save_item(user=user, kind=kind, item_id=item_id)
    assert not SavedItem.objects.exists()


def test_the_database_keeps_one_item_per_person_and_thing():
    from django.db import IntegrityError, transaction

    user, event, session = UserFactory(), EventFactory(), SessionFactory()
    SavedItem.objects.create(user=user, event=event)
    with pytest.raises(IntegrityError), transaction.atomic():
        SavedItem.objects.create(user=user, event=event)
    with pytest.raises(IntegrityError), transaction.atomic():
        SavedItem.objects.create(user=user, event=event, session=session)
    with pytest.raises(IntegrityError), transaction.atomic():
        SavedItem.objects.create(user=user)


# The form ----------------------------------------------------------------------------------


def post(client, **data):
    return client.post(SAVE_URL, data)


def test_the_form_saves_and_goes_back_to_the_page(client, user):
    event = EventFactory()
    response = post(client, kind="event", id=event.pk, save="1", next=event.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == event.get_absolute_url()
    assert SavedItem.objects.filter(user=user, event=event).exists()
    response = post(client, kind="event", id=event.pk, save="0", next=event.get_absolute_url())
    assert not SavedItem.objects.filter(user=user).exists()


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", "", "\\\\evil.example"],
)
def test_next_leads_only_to_our_own_site(client, user, target):
    event = EventFactory()
    response = post(client, kind="event", id=event.pk, save="1", next=target)
    assert response.status_code == 302
    assert response["Location"] == reverse("reservations:my_programme")


def test_the_script_gets_json(client, user):
    session = SessionFactory()
    response = client.post(
        SAVE_URL,
        {"kind": "session", "id": session.pk, "save": "1"},
        headers={"accept": "application/json"},
    )
    assert response.status_code == 200
    assert response.json() == {
        "saved": True,
        "label": "Bewaard",
        "labels": {"saved": "Bewaard", "unsaved": "Bewaar"},
    }
    response = client.post(
        SAVE_URL,
        {"kind": "session", "id": session.pk, "save": "0"},
        headers={"accept": "application/json"},
    )
    assert response.json()["saved"] is False
    assert not SavedItem.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"kind": "initiative", "id": "1", "save": "1"},
        {"kind": "event", "id": "abc", "save": "1"},
        {"kind": "event", "id": "-1", "save": "1"},
        {"kind": "event", "id": "١", "save": "1"},
        {"kind": "event", "id": "9" * 40, "save": "1"},
        {"kind": "event", "id": "1", "save": "yes"},
        {"kind": "event\x00", "id": "1", "save": "1"},
    ],
)
def test_bad_input_is_refused(client, user, data):
    assert post(client, **data).status_code == 400
    assert not SavedItem.objects.exists()


def test_unknown_and_draft_ids_are_not_found(client, user):
    draft = EventFactory(status=EventStatus.DRAFT)
    assert post(client, kind="event", id=draft.pk, save="1").status_code == 404
    assert post(client, kind="session", id="999999", save="1").status_code == 404
    assert not SavedItem.objects.exists()


def test_the_form_needs_its_csrf_token(user):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user)
    event = EventFactory()
    response = strict.post(SAVE_URL, {"kind": "event", "id": event.pk, "save": "1"})
    assert response.status_code == 403
    assert not SavedItem.objects.exists()


def test_only_post(client, user):
    assert client.get(SAVE_URL).status_code == 405


def test_anonymous_visitors_sign_in_and_come_back(client):
    event = EventFactory()
    response = client.get(event.get_absolute_url())
    # The link asks them to sign in and leads back to the page they were on.
    back = event.get_absolute_url().replace("/", "%2F")
    assert f'href="{reverse("account_login")}?next={back}"' in response.text
    assert "csrfmiddlewaretoken" not in response.text
    # A form posted after the session ended: to the sign-in, then back.
    response = post(client, kind="event", id=event.pk, save="1", next=event.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")
    assert not SavedItem.objects.exists()
    user = make_user("bewaarder@example.org", password="correct horse battery staple")
    login_page = client.get(response["Location"])
    assert login_page.status_code == 200
    response = client.post(
        response["Location"],
        {"login": user.email, "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    assert response["Location"] == event.get_absolute_url()


# The buttons -------------------------------------------------------------------------------


def test_the_event_page_shows_the_visitors_own_state(client, user):
    event = EventFactory()
    page = client.get(event.get_absolute_url()).text
    assert 'aria-pressed="false"' in page and ">Bewaar<" in page
    saving.save_item(user=user, kind="event", item_id=event.pk)
    page = client.get(event.get_absolute_url()).text
    assert 'aria-pressed="true"' in page and ">Bewaard<" in page
    assert 'name="save" value="0"' in page


def test_the_session_page_has_the_sessions_button(client, user):
    session = SittingFactory().session
    saving.save_item(user=user, kind="session", item_id=session.pk)
    page = client.get(session.get_absolute_url()).text
    assert f'name="id" value="{session.pk}"' in page
    assert 'name="kind" value="session"' in page
    assert 'aria-pressed="true"' in page


def test_the_agenda_has_a_button_per_event(client, user, django_assert_max_num_queries):
    events = EventFactory.create_batch(3)
    saving.save_item(user=user, kind="event", item_id=events[1].pk)
    page = client.get(reverse("events:agenda")).text
    assert page.count("data-save-form") == 3
    assert page.count('aria-pressed="true"') == 1


def test_the_agenda_reads_saved_state_in_one_query(client, user):
    from tests.query_counts import queries_for

    EventFactory()
    one = queries_for(client, reverse("events:agenda"))
    for event in EventFactory.create_batch(5):
        saving.save_item(user=user, kind="event", item_id=event.pk)
    assert queries_for(client, reverse("events:agenda")) == one


@pytest.mark.parametrize("page", ["event", "session", "agenda"])
def test_anonymous_pages_stay_in_the_page_cache(client, page_cache_on, page):
    session = SittingFactory().session
    url = {
        "event": session.event.get_absolute_url(),
        "session": session.get_absolute_url(),
        "agenda": reverse("events:agenda"),
    }[page]
    first = client.get(url)
    assert "Log in om te bewaren" in first.text
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)
    assert again.status_code == 200
    assert len(queries) == 0  # served from the page cache


def test_a_signed_in_session_page_reads_its_saved_state_in_one_query(client, user):
    from tests.query_counts import queries_for

    session = SittingFactory().session
    anonymous = queries_for(Client(), session.get_absolute_url())
    one = queries_for(client, session.get_absolute_url())
    saving.save_item(user=user, kind="session", item_id=session.pk)
    for other in SessionFactory.create_batch(4, event=session.event):
        saving.save_item(user=user, kind="session", item_id=other.pk)
    assert queries_for(client, session.get_absolute_url()) == one
    # Signed in: the session and user (authentication), and the saved state.
    assert one == anonymous + 3
