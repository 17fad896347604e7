"""Every admin page an organiser opens answers 200 with the demo data loaded."""

import io
from urllib.parse import urlencode

import pytest
from django.contrib import admin
from django.core.management import call_command

from sessions.models import Sitting
from tests.admin_forms import admin_url
from tests.factories import (
    MembershipFactory,
    ReservationFactory,
    SeatChoiceFactory,
    UndeliveredMailFactory,
)

pytestmark = pytest.mark.django_db

APP_LABELS = {"events", "programme", "reservations", "initiatives", "teams"}
MODELS = sorted(
    (model for model in admin.site._registry if model._meta.app_label in APP_LABELS),
    key=lambda model: model._meta.label,
)


@pytest.fixture
def demo_data():
    call_command("load_demo", stdout=io.StringIO())
    # The seeds hold no reservations; one with a seat shows the reservation admin at work.
    sitting = Sitting.objects.filter(slot__event__title__startswith="Demo:").first()
    reservation = ReservationFactory(event=sitting.slot.event)
    SeatChoiceFactory(sitting=sitting, reservation=reservation)
    UndeliveredMailFactory(reservation=reservation)
    MembershipFactory(organisation=sitting.slot.event.organiser)


ENDLESS_SEARCH = "zaan" + "%_x" * 20_000


def test_changelists_forms_search_and_filters_answer(admin_client, demo_data):
    """One pass over every admin of the apps (loading the demo data once costs seconds)."""
    failures = []
    for model in MODELS:
        model_admin = admin.site._registry[model]
        changelist = admin_url(model, "changelist")
        response = admin_client.get(changelist)
        urls = [changelist]
        # Reservations are made on the site (services count the places); undelivered
        # mails are recorded by the mail code: neither has an add page.
        if model_admin.has_add_permission(response.wsgi_request):
            urls.append(admin_url(model, "add"))
        urls += [
            admin_url(model, "change", pk) for pk in model.objects.values_list("pk", flat=True)[:3]
        ]
        if model_admin.search_fields:
            urls.append(f"{changelist}?q=Zaanstad")
            # Cut, not an error: SQLite refuses LIKE patterns over 50,000 bytes.
            urls.append(f"{changelist}?{urlencode({'q': ENDLESS_SEARCH})}")
        for spec in response.context["cl"].filter_specs:
            urls += [
                changelist + choice["query_string"]
                for choice in list(spec.choices(response.context["cl"]))[:4]
            ]
        failures += [
            (url, status) for url in urls if (status := admin_client.get(url).status_code) != 200
        ]

    assert failures == []
    assert len(MODELS) == 14


def test_every_app_model_has_an_admin():
    from django.apps import apps

    missing = [
        model._meta.label
        for label in APP_LABELS
        for model in apps.get_app_config(label).get_models()
        if model not in admin.site._registry
        and not model._meta.auto_created
        # django-simple-history's tables are read through their model's history page.
        and not model.__name__.startswith("Historical")
    ]
    # Edited inline with their parent: slots, FAQ, sittings, speakers of a session, memberships,
    # seats. Personal calendar tokens and saved events and sessions ("Bewaar") are their
    # owner's, not for organisers. Mailings
    # show on their event's page with their mails' counts; failed mails as undelivered mails.
    assert sorted(missing) == [
        "events.EventFAQ",
        "initiatives.CollectionMembership",
        "programme.Moderator",
        "programme.SessionSpeaker",
        "programme.Sitting",
        "programme.Slot",
        "reservations.CalendarFeed",
        "reservations.Mailing",
        "reservations.OutgoingMail",
        "reservations.SavedItem",
        "reservations.SeatChoice",
    ]


@pytest.mark.parametrize(
    ("model_name", "field_name", "term", "expected"),
    [
        ("sessionspeaker", "speaker", "Ginkel", "Jan van Ginkel"),
        ("session", "initiatives", "Breda", "Breda Begroot"),
        ("event", "organiser", "Zwijger", "Pakhuis de Zwijger · Amsterdam"),
    ],
)
def test_autocomplete_finds_demo_objects(
    admin_client, demo_data, model_name, field_name, term, expected
):
    app_label = "events" if model_name == "event" else "programme"
    response = admin_client.get(
        "/admin/autocomplete/",
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term},
    )

    assert response.status_code == 200
    # Labelled as the pickers label them: speakers with their title and organisation.
    assert any(result["text"].startswith(expected) for result in response.json()["results"]), (
        response.json()
    )
