"""The admin's messages in Dutch: "het evenement", not "de evenement"."""

import pytest

from events.models import Event
from tests.factories import DomainFactory, EventFactory, SeriesFactory

pytestmark = pytest.mark.django_db


def messages_after(client, url, data) -> list[str]:
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    return [str(message) for message in response.context["messages"]]


def test_a_deleted_event_is_het_evenement(admin_client):
    event = EventFactory(title="Werkconferentie Zaanstad")

    said = messages_after(admin_client, f"/admin/events/event/{event.pk}/delete/", {"post": "yes"})

    assert said == ["Het evenement ‘Werkconferentie Zaanstad’ is met succes verwijderd."]
    assert not Event.objects.filter(pk=event.pk).exists()


def test_a_changed_domain_is_het_domein_and_de_reeks_stays_de(admin_client):
    domain = DomainFactory(name="Energie", slug="energie")
    series = SeriesFactory(name="Reeks A", slug="reeks-a")

    domain_said = messages_after(
        admin_client,
        f"/admin/initiatives/domain/{domain.pk}/change/",
        {"name": "Energie", "slug": "energie", "_continue": "1"},
    )
    series_said = messages_after(
        admin_client,
        f"/admin/events/series/{series.pk}/delete/",
        {"post": "yes"},
    )

    link = f'<a href="/admin/initiatives/domain/{domain.pk}/change/">Energie</a>'
    assert domain_said == [
        f"Het domein ‘{link}’ is met succes gewijzigd. U kunt het hieronder nogmaals bewerken."
    ]
    assert series_said == ["De programmareeks ‘Reeks A’ is met succes verwijderd."]


def test_english_admin_messages_are_untouched(admin_client):
    admin_client.cookies["django_language"] = "en"
    event = EventFactory(title="Werkconferentie Zaanstad")

    said = messages_after(admin_client, f"/admin/events/event/{event.pk}/delete/", {"post": "yes"})

    assert said == ["The event “Werkconferentie Zaanstad” was deleted successfully."]
