"""The admin's "view on site" shortcut (/admin/r/<content type>/<id>/) follows the admin's
rules: another organisation's object is a 404, one's own draft leads to its preview."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from events.enums import EventStatus

pytestmark = pytest.mark.django_db


def shortcut(obj, object_id=None) -> str:
    content_type = ContentType.objects.get_for_model(obj)
    return reverse(
        "admin:view_on_site",
        kwargs={"content_type_id": content_type.pk, "object_id": object_id or obj.pk},
    )


@pytest.mark.parametrize("role", ["other_editor", "staff"])
def test_another_organisations_draft_is_not_found(login, ours, role):
    response = login(role).get(shortcut(ours.event))

    assert response.status_code == 404
    assert ours.event.slug not in response.get("Location", "")
    assert ours.event.title not in response.content.decode()


def test_another_organisations_session_is_not_found(login, ours, theirs):
    assert login("editor").get(shortcut(theirs.session)).status_code == 404


@pytest.mark.parametrize("role", ["editor", "superuser"])
def test_an_own_draft_leads_to_its_preview(login, ours, role):
    response = login(role).get(shortcut(ours.event))

    assert response.status_code == 302
    assert response["Location"] == reverse("events:preview", args=[ours.event.slug])


def test_an_own_published_event_leads_to_its_page(login, ours):
    ours.event.status = EventStatus.PUBLISHED
    ours.event.save()

    response = login("editor").get(shortcut(ours.event))

    assert response.status_code == 302
    assert response["Location"] == ours.event.get_absolute_url()


def test_an_own_object_with_a_page_leads_there(login, ours):
    response = login("editor").get(shortcut(ours.speaker))

    assert response.status_code == 302
    assert response["Location"] == ours.speaker.get_absolute_url()


@pytest.mark.parametrize("object_id", ["999999", "abc"])
def test_unknown_ids_and_types_are_not_found(login, ours, object_id):
    client = login("superuser")

    assert client.get(shortcut(ours.event, object_id)).status_code == 404
    unknown_type = reverse(
        "admin:view_on_site", kwargs={"content_type_id": 999999, "object_id": ours.event.pk}
    )
    assert client.get(unknown_type).status_code == 404


def test_anonymous_visitors_are_sent_to_the_login(client, ours):
    response = client.get(shortcut(ours.event))

    assert response.status_code == 302 and "login" in response["Location"]
