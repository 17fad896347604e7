"""An editor's forms offer and accept only their organisation's objects.

Each test posts a form a browser would send, with one of Bravo's objects put in by hand:
the form answers with an error on that field, and nothing is saved.
"""

import pytest

from events.enums import EventStatus
from events.models import Event
from reservations.enums import ReservationStatus
from sessions.models import Session, SessionSpeaker, Speaker
from tests.admin_forms import add_inline_row, admin_url, assert_rejected, get_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(login):
    return login("editor")


def test_event_organiser_choices_are_the_editors_organisations(editor, ours, theirs):
    response = editor.get(admin_url(Event, "add"))

    choices = list(response.context["adminform"].form.fields["organiser"].queryset)
    assert choices == [ours.event.organiser]


def test_event_cannot_be_handed_to_another_organisation(editor, ours, theirs):
    data = get_form(editor, admin_url(ours.event))
    data["organiser"] = str(theirs.event.organiser.pk)

    response = editor.post(admin_url(ours.event), data)

    assert_rejected(response, "organiser")
    ours.event.refresh_from_db()
    assert ours.event.organiser != theirs.event.organiser


def test_event_moderator_must_be_a_speaker_the_editor_may_choose(editor, ours, theirs):
    data = get_form(editor, admin_url(ours.event))
    row = add_inline_row(data, "moderator", speaker=theirs.speaker)

    response = editor.post(admin_url(ours.event), data)

    assert_rejected(response, f"{row}-speaker")


def test_session_cannot_be_added_to_another_organisations_event(editor, ours, theirs):
    data = get_form(editor, admin_url(Session, "add") + f"?event={ours.event.pk}")
    data.update(event=str(theirs.event.pk), code="9z", title="Inbraak", slug="inbraak")

    response = editor.post(admin_url(Session, "add"), data)

    assert_rejected(response, "event")
    assert not Session.objects.filter(slug="inbraak").exists()


def test_session_cannot_take_another_organisations_theme(editor, ours, theirs):
    data = get_form(editor, admin_url(ours.session))
    data["theme"] = str(theirs.theme.pk)

    response = editor.post(admin_url(ours.session), data)

    assert_rejected(response, "theme")


def test_session_speaker_must_be_one_the_editor_may_choose(editor, ours, theirs):
    data = get_form(editor, admin_url(ours.session))
    row = add_inline_row(data, "session_speakers", speaker=theirs.speaker, role="speaker")

    response = editor.post(admin_url(ours.session), data)

    assert_rejected(response, f"{row}-speaker")
    assert not SessionSpeaker.objects.filter(session=ours.session, speaker=theirs.speaker).exists()


def test_unchanged_forms_save_for_an_editor(editor, ours):
    """The control: the same forms, posted unchanged, are accepted."""
    for obj in (ours.event, ours.session, ours.speaker):
        response = editor.post(admin_url(obj), get_form(editor, admin_url(obj)))
        assert response.status_code == 302, obj


def test_new_speaker_is_managed_by_the_editors_organisation(editor, ours, theirs):
    data = get_form(editor, admin_url(Speaker, "add"))
    data.update(name="Nieuwe Spreker", slug="nieuwe-spreker")

    rejected = editor.post(admin_url(Speaker, "add"), data)
    data["managed_by"] = str(theirs.event.organiser.pk)
    foreign = editor.post(admin_url(Speaker, "add"), data)
    data["managed_by"] = str(ours.event.organiser.pk)
    accepted = editor.post(admin_url(Speaker, "add"), data)

    assert_rejected(rejected, "managed_by")
    assert_rejected(foreign, "managed_by")
    assert accepted.status_code == 302
    speaker = Speaker.objects.get(slug="nieuwe-spreker")
    assert editor.get(admin_url(speaker)).status_code == 200


def test_speaker_managed_elsewhere_is_read_only_for_an_editor_whose_event_has_them(
    editor, ours, theirs
):
    """Bravo manages the speaker; Alfa has them on its programme: Alfa sees, Bravo edits."""
    ours.speaker.managed_by = theirs.event.organiser
    ours.speaker.save()

    response = editor.get(admin_url(ours.speaker))
    refused = editor.post(admin_url(ours.speaker), {"name": "Anders", "slug": "anders"})

    assert response.status_code == 200 and not response.context["has_change_permission"]
    assert refused.status_code == 403


def test_reservation_status_cannot_be_changed_by_hand(editor, ours):
    """Status goes through the services (capacity, waiting list): the admin shows it only."""
    data = get_form(editor, admin_url(ours.reservation))
    data["status"] = ReservationStatus.CANCELLED
    data["name"] = "Alfa Deelnemer Gecorrigeerd"

    response = editor.post(admin_url(ours.reservation), data)

    ours.reservation.refresh_from_db()
    assert response.status_code == 302
    assert ours.reservation.name == "Alfa Deelnemer Gecorrigeerd"
    assert ours.reservation.status == ReservationStatus.CONFIRMED


def test_event_admin_links_a_draft_to_its_preview(editor, ours):
    assert ours.event.status == EventStatus.DRAFT
    page = editor.get(admin_url(ours.event)).content.decode()

    assert f"/beheer/evenementen/{ours.event.slug}/voorbeeld/" in page
