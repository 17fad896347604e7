"""The organisers' admin site (cooperatieve_stad.admin_site): Django's admin under the
portal's name, whose autocomplete labels its results as the pickers do and offers only what
the user's organisations may use."""

import pytest
from django.contrib import admin
from django.urls import reverse

from cooperatieve_stad.admin_site import CooperatieveStadAdminSite
from events.models import Event

pytestmark = pytest.mark.django_db


def autocomplete(client, model_name: str, field_name: str, term: str = ""):
    return client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "programme",
            "model_name": model_name,
            "field_name": field_name,
            "term": term,
        },
    )


def texts(response) -> set[str]:
    assert response.status_code == 200, response.status_code
    return {result["text"] for result in response.json()["results"]}


def test_every_admin_registers_on_the_portals_site():
    assert isinstance(admin.site, CooperatieveStadAdminSite)
    assert admin.site.is_registered(Event)
    # The site's own method answers /admin/autocomplete/, not a function put on the object.
    assert "autocomplete_view" not in vars(admin.site._wrapped)


def test_the_admin_carries_the_portals_name(login, ours):
    page = login("editor").get(reverse("admin:index"))

    assert page.context["site_header"] == "Coöperatieve Stad"
    assert "Coöperatieve Stad" in page.content.decode()


def test_an_editor_gets_their_own_events_and_speakers_labelled(login, ours, theirs):
    editor = login("editor")

    assert texts(autocomplete(editor, "session", "event")) == {ours.event.picker_label()}
    assert texts(autocomplete(editor, "slot", "speakers")) == {
        f"{ours.speaker.name} · {ours.speaker.title}, Alfa Organisatie"
    }


def test_an_editor_of_another_organisation_gets_only_theirs(login, ours, theirs):
    outsider = login("other_editor")

    assert texts(autocomplete(outsider, "session", "event")) == {theirs.event.picker_label()}
    assert texts(autocomplete(outsider, "session", "event", term="Alfa")) == set()
    assert "Alfa" not in autocomplete(outsider, "slot", "speakers", term="Alfa").content.decode()


@pytest.mark.parametrize("role", ["staff", "host"])
def test_staff_who_edit_no_events_are_refused(login, ours, theirs, role):
    response = autocomplete(login(role), "session", "event")

    assert response.status_code == 403
    assert "Alfa" not in response.content.decode()


def test_anonymous_visitors_are_sent_to_the_login(login, ours):
    response = autocomplete(login("anonymous"), "session", "event")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
