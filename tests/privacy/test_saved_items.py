"""Saved events and sessions are personal data: in the download, gone with the account."""

import pytest
from django.urls import reverse

from events.enums import EventStatus
from reservations.models import SavedItem
from tests.factories import PASSWORD, EventFactory, SessionFactory, make_user
from tests.privacy.test_export import DOWNLOAD, download
from tests.query_counts import queries_for

pytestmark = pytest.mark.django_db


def test_the_download_lists_what_was_saved(client, person, site_url):
    event = EventFactory(title="Werken in de wijk")
    session = SessionFactory(event=event, code="1a", title="Buurtbudgetten")
    # Saved before the organiser turned it back into a draft: still hers to see.
    hidden = EventFactory(title="Nog geheim", status=EventStatus.DRAFT)
    SavedItem.objects.create(user=person, event=event)
    SavedItem.objects.create(user=person, session=session)
    SavedItem.objects.create(user=person, event=hidden)
    SavedItem.objects.create(
        user=make_user("bert@example.org"), event=EventFactory(title="Van Bert")
    )

    saved = download(client)["saved"]

    assert [(item["kind"], item["title"], item["event"]) for item in saved] == [
        ("event", "Werken in de wijk", "Werken in de wijk"),
        ("session", "1a Buurtbudgetten", "Werken in de wijk"),
        ("event", "Nog geheim", "Nog geheim"),
    ]
    assert saved[1]["url"] == site_url + session.get_absolute_url()
    assert all(item["saved_at"] for item in saved)


def test_the_download_reads_saved_items_in_one_query(client, person):
    SavedItem.objects.create(user=person, event=EventFactory())
    one = queries_for(client, DOWNLOAD)
    for session in SessionFactory.create_batch(3):
        SavedItem.objects.create(user=person, session=session)
    SavedItem.objects.create(user=person, event=EventFactory())
    assert queries_for(client, DOWNLOAD) == one


def test_deleting_the_account_deletes_what_it_saved(client, person):
    bert = make_user("bert@example.org")
    event = EventFactory()
    SavedItem.objects.create(user=person, event=event)
    SavedItem.objects.create(user=person, session=SessionFactory())
    SavedItem.objects.create(user=bert, event=event)

    response = client.post(reverse("privacy:delete_account"), {"confirmation": PASSWORD})

    assert response.status_code == 302
    assert list(SavedItem.objects.values_list("user", flat=True)) == [bert.pk]
