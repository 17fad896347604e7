"""Who may open which organiser page of organisation Alfa's draft event.

Roles: an editor and a host of Alfa, an editor of Bravo, staff without an organisation, an
anonymous visitor and a superuser. Pages: every admin view (changelist, add, change, delete,
history, autocomplete, duplicate, mail attendees) of events, sessions, themes, speakers and reservations, and the
participant list, its CSV, check-in and undo, and the draft preview.
"""

import pytest
from django.urls import reverse

from sessions.models import Session
from tests.factories import SessionFactory
from tests.teams.conftest import ROLES

pytestmark = pytest.mark.django_db


def admin(model: str, view: str, obj=None) -> str:
    apps = {"event": "events", "reservation": "reservations", "undeliveredmail": "reservations"}
    app = apps.get(model, "programme")
    args = [obj.pk] if obj is not None else []
    return reverse(f"admin:{app}_{model}_{view}", args=args)


def admin_pages(ours) -> dict[str, tuple[str, str]]:
    objects = {
        "event": ours.event,
        "session": ours.session,
        "theme": ours.theme,
        "speaker": ours.speaker,
        "reservation": ours.reservation,
        "undeliveredmail": ours.undelivered_mail,
    }
    pages = {}
    for model, obj in objects.items():
        pages[f"{model} changelist"] = ("get", admin(model, "changelist"))
        pages[f"{model} add"] = ("get", admin(model, "add"))
        pages[f"{model} change"] = ("get", admin(model, "change", obj))
        pages[f"{model} delete"] = ("get", admin(model, "delete", obj))
        pages[f"{model} history"] = ("get", admin(model, "history", obj))
    # A new session starts with choosing its event; this opens the form for Alfa's.
    pages["session add_for_event"] = ("get", admin("session", "add") + f"?event={ours.event.pk}")
    pages["event duplicate"] = ("get", admin("event", "duplicate", ours.event))
    pages["event mail_attendees"] = ("get", admin("event", "mail_attendees", ours.event))
    return pages


def autocomplete(app_label: str, model_name: str, field_name: str) -> str:
    return (
        f"{reverse('admin:autocomplete')}?app_label={app_label}"
        f"&model_name={model_name}&field_name={field_name}&term="
    )


AUTOCOMPLETES = {
    "autocomplete event": autocomplete("programme", "session", "event"),
    "autocomplete theme": autocomplete("programme", "session", "theme"),
    "autocomplete speaker": autocomplete("programme", "sessionspeaker", "speaker"),
    "autocomplete moderator": autocomplete("programme", "moderator", "speaker"),
}


def organiser_pages(ours) -> dict[str, tuple[str, str]]:
    slug, reservation = ours.event.slug, ours.reservation.pk
    return {
        "participants": ("get", reverse("reservations:participants", args=[slug])),
        "participants csv": ("get", reverse("reservations:participants_csv", args=[slug])),
        "check in": ("post", reverse("reservations:check_in", args=[slug, reservation])),
        "preview": ("get", reverse("events:preview", args=[slug])),
    }


EDITOR_MODELS = ["event", "session", "theme", "speaker"]


def expected_status(role: str, page: str) -> int:
    model, _, view = page.partition(" ")
    if role == "anonymous":
        return 302
    if page in ("participants", "participants csv", "preview"):
        return 200 if role in ("editor", "host", "superuser") else 404
    if page == "check in":
        return 302 if role in ("editor", "host", "superuser") else 404
    if model == "autocomplete":
        return 200 if role in ("editor", "other_editor", "superuser") else 403
    if role == "staff":
        return 403
    if model == "undeliveredmail":
        # Recorded by the mail code, kept as a record: editors of the event read and resend.
        if view in ("add", "delete") or role == "host":
            return 403
        if role == "other_editor":
            return 200 if view == "changelist" else 404
        return 200
    if model == "reservation":
        # Made on the site and removed by superusers only; hosts read the list.
        if view == "add":
            return 403
        if view == "delete":
            return 200 if role == "superuser" else 403
        if role == "other_editor":
            return 200 if view == "changelist" else 404
        return 200
    if role == "host":
        return 403
    if page == "session add" and role != "superuser":
        return 302  # their one event is chosen for them: to its add form
    if role == "other_editor":
        return 200 if view in ("changelist", "add", "add_for_event") else 404
    return 200  # editor of Alfa, superuser


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(login, ours, theirs, role):
    client = login(role)
    pages = {**admin_pages(ours), **organiser_pages(ours)}
    pages.update({name: ("get", url) for name, url in AUTOCOMPLETES.items()})

    wrong = {}
    for page, (method, url) in pages.items():
        response = getattr(client, method)(url)
        expected = expected_status(role, page)
        if response.status_code != expected:
            wrong[page] = (response.status_code, expected)
        elif expected == 302 and role == "anonymous":
            assert "login" in response["Location"], page

    assert wrong == {}


@pytest.mark.parametrize("role", ["editor", "other_editor", "host"])
def test_pages_never_show_another_organisations_objects(login, ours, theirs, role):
    """Changelists, autocomplete and the pages a role may open name only its own objects."""
    client = login(role)
    foreign = "Alfa" if role == "other_editor" else "Bravo"
    own_programme = theirs if role == "other_editor" else ours
    urls = [
        admin("event", "changelist"),
        admin("session", "changelist"),
        admin("theme", "changelist"),
        admin("speaker", "changelist"),
        admin("reservation", "changelist"),
        admin("undeliveredmail", "changelist"),
        admin("session", "add"),
        # The add form for an event, one's own or (typed in) the other organisation's.
        admin("session", "add") + f"?event={ours.event.pk}",
        admin("session", "add") + f"?event={theirs.event.pk}",
        admin("event", "add"),
        admin("event", "change", own_programme.event),
        admin("session", "change", own_programme.session),
        admin("reservation", "change", own_programme.reservation),
        reverse("admin:index"),
        *AUTOCOMPLETES.values(),
    ]
    for url in urls:
        response = client.get(url)
        if response.status_code == 200:
            assert foreign not in response.content.decode(), url


def test_autocomplete_offers_own_objects_only(login, ours, theirs):
    client = login("editor")

    found = {
        name: {result["text"] for result in client.get(url).json()["results"]}
        for name, url in AUTOCOMPLETES.items()
    }

    # Labelled with their event or organisation, as the pickers label them.
    assert found == {
        "autocomplete event": {ours.event.picker_label()},
        "autocomplete theme": {f"{ours.theme} · Alfa Conferentie"},
        "autocomplete speaker": {f"Alfa Spreker · {ours.speaker.title}, Alfa Organisatie"},
        "autocomplete moderator": {f"Alfa Spreker · {ours.speaker.title}, Alfa Organisatie"},
    }


def test_superuser_sees_both_organisations(login, ours, theirs):
    page = login("superuser").get(admin("event", "changelist")).content.decode()

    assert "Alfa Conferentie" in page and "Bravo Conferentie" in page


def test_actions_and_csv_export_skip_foreign_reservations(login, ours, theirs):
    """A foreign id slipped into a bulk action is ignored: the action sees our rows only."""
    response = login("editor").post(
        admin("reservation", "changelist"),
        {"action": "export_csv", "_selected_action": [ours.reservation.pk, theirs.reservation.pk]},
    )

    text = response.content.decode("utf-8-sig")
    assert ours.reservation.code in text and theirs.reservation.code not in text


def test_delete_action_cannot_remove_a_foreign_session(login, ours, theirs):
    """A foreign id slipped into the delete action is ignored: only our own session goes.

    theirs.session has a seat choice, which protects it from deletion by anyone (selected, it
    turns the action into the "cannot be deleted" page); the loose sessions have none, so only
    the editor's scope keeps the foreign one.
    """
    own = SessionFactory(event=ours.event, title="Alfa Losse Sessie")
    foreign = SessionFactory(event=theirs.event, title="Bravo Losse Sessie")
    client = login("editor")
    response = client.post(
        admin("session", "changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [own.pk, theirs.session.pk, foreign.pk],
            "post": "yes",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == admin("session", "changelist")
    assert not Session.objects.filter(pk=own.pk).exists()
    assert Session.objects.filter(pk=theirs.session.pk).exists()
    assert Session.objects.filter(pk=foreign.pk).exists()


def test_post_to_a_foreign_change_form_is_refused(login, ours, theirs):
    response = login("editor").post(
        admin("event", "change", theirs.event), {"title": "Overgenomen"}
    )

    theirs.event.refresh_from_db()
    assert response.status_code == 404 and theirs.event.title == "Bravo Conferentie"


def test_hosts_read_reservations_but_cannot_change_them(login, ours):
    client = login("host")
    response = client.post(
        admin("reservation", "change", ours.reservation),
        {"name": "Veranderd", "email": "x@example.org"},
    )

    ours.reservation.refresh_from_db()
    assert response.status_code == 403 and ours.reservation.name == "Alfa Deelnemer"


def test_hosts_and_outsiders_cannot_check_in(login, ours, theirs):
    """Editor of Bravo and staff without an organisation get 404 and change nothing."""
    url = reverse("reservations:check_in", args=[ours.event.slug, ours.reservation.pk])
    for role in ("other_editor", "staff"):
        assert login(role).post(url).status_code == 404
    ours.reservation.refresh_from_db()
    assert ours.reservation.checked_in_at is None

    assert login("host").post(url).status_code == 302
    ours.reservation.refresh_from_db()
    assert ours.reservation.checked_in_at is not None


def test_staff_without_organisation_sees_an_empty_admin(login, ours):
    response = login("staff").get(reverse("admin:index"))

    assert response.status_code == 200
    assert response.context["app_list"] == []


def test_hosts_admin_lists_reservations_only(login, ours):
    response = login("host").get(reverse("admin:index"))

    models = [
        model["object_name"] for app in response.context["app_list"] for model in app["models"]
    ]
    assert models == ["Reservation"]
