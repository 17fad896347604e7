"""After deleting an account, no table holds anything that points at the person: a scan of
every text column of every model, so that a model added later cannot be forgotten."""

import pytest
from allauth.account.models import EmailAddress, EmailConfirmation
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from privacy import services
from reservations.enums import ReservationStatus
from reservations.models import CalendarFeed, Reservation, SavedItem
from tests.factories import (
    PASSWORD,
    EventFactory,
    ReservationFactory,
    SeatChoiceFactory,
    UserFactory,
    make_user,
    past_event,
)
from tests.privacy.conftest import sitting_of

pytestmark = pytest.mark.django_db

# What identifies Anna: her account name, both her addresses, her names, her dietary wish.
TRACES = ["anna", "anna@example.org", "anna.werk@example.org", "Vries", "notenallergie"]


def rows_with(trace: str) -> list[str]:
    """Every row of every model in which some text column contains `trace`."""
    found = []
    for model in apps.get_models():
        columns = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, (models.CharField, models.TextField))
        ]
        if not columns:
            continue
        matches = Q()
        for column in columns:
            matches |= Q(**{f"{column}__icontains": trace})
        found += [f"{model._meta.label}: {row}" for row in model.objects.filter(matches)]
    return found


def rows_pointing_at(user_pk: int) -> list[str]:
    """Every row of every model with a foreign key to the account."""
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is get_user_model():
                rows = model.objects.filter(**{field.attname: user_pk})
                found += [f"{model._meta.label}.{field.name}: {row}" for row in rows]
    return found


@pytest.fixture
def anna_everywhere(db):
    """Anna in every place the portal can keep her: account, two addresses (one waiting for
    confirmation), a calendar feed, reservations past, coming, waiting and cancelled with
    dietary wishes and seats, saved events and sessions, and the admin's history of an organiser correcting them."""
    anna = make_user(first_name="Anna", last_name="de Vries")
    work = EmailAddress.objects.create(user=anna, email="anna.werk@example.org")
    EmailConfirmation.create(work)
    CalendarFeed.objects.create(user=anna)
    wish = {"name": "Anna de Vries", "dietary_wishes": "notenallergie", "user": anna}
    came = ReservationFactory(
        event=past_event(30, includes_meal=True), checked_in_at=timezone.now(), **wish
    )
    coming_event = EventFactory(capacity=5, includes_meal=True)
    sitting = sitting_of(coming_event)
    coming = ReservationFactory(event=coming_event, **wish)
    SavedItem.objects.create(user=anna, event=coming_event)
    SavedItem.objects.create(user=anna, session=sitting.session)
    SeatChoiceFactory(reservation=coming, sitting=sitting, slot=sitting.slot)
    waiting = ReservationFactory(
        event=EventFactory(capacity=1), status=ReservationStatus.WAITLISTED, **wish
    )
    cancelled = ReservationFactory(event=EventFactory(), status=ReservationStatus.CANCELLED, **wish)
    # Entered by an organiser in the admin, for her address but without her account.
    entered = {"user": None, "name": "A. de Vries", "email": "ANNA@example.org"}
    ReservationFactory(event=past_event(10), **entered)
    ReservationFactory(event=coming_event, **entered)  # a second one for the same event
    entered_coming = ReservationFactory(event=EventFactory(), **entered)
    organiser = UserFactory(username="beheerder", is_staff=True, is_superuser=True)
    for thing in (came, coming, waiting, cancelled, anna):
        LogEntry.objects.log_actions(
            user_id=organiser.pk, queryset=[thing], action_flag=CHANGE, change_message="[]"
        )
    bystander = ReservationFactory(event=coming_event, name="Bert Jansen")
    return anna, bystander, entered_coming


def test_the_scan_sees_anna_before_the_deletion(anna_everywhere):
    """Without this, an empty scan below could mean a scan that finds nothing at all."""
    anna, _, _ = anna_everywhere
    for trace in TRACES:
        assert rows_with(trace), trace
    pointing = " ".join(rows_pointing_at(anna.pk))
    for label in (
        "account.EmailAddress",
        "reservations.Reservation",
        "reservations.CalendarFeed",
        "reservations.SavedItem",
    ):
        assert label in pointing
    assert any("admin.LogEntry" in row for row in rows_with("Anna de Vries"))


def test_after_deleting_the_account_no_table_holds_anything_of_her(anna_everywhere):
    anna, bystander, entered_coming = anna_everywhere
    client = Client()
    client.force_login(anna)

    response = client.post(reverse("privacy:delete_account"), {"confirmation": PASSWORD})

    assert response.status_code == 302
    for trace in TRACES:
        assert rows_with(trace) == [], trace
    assert rows_pointing_at(anna.pk) == []
    # What organisers count stays: seven reservations of hers, now anonymous, and the log.
    assert Reservation.objects.filter(name="", email="", user=None).count() == 7
    entered_coming.refresh_from_db()  # cancelled like her own: the place is free again
    assert entered_coming.status == ReservationStatus.CANCELLED
    assert LogEntry.objects.count() == 5
    bystander.refresh_from_db()  # nobody else's data went with hers
    assert (bystander.name, bystander.email) == ("Bert Jansen", bystander.user.email)


def test_the_retention_command_also_clears_the_admin_history(anna_everywhere):
    past = Reservation.objects.get(event__ends_at__lt=timezone.now(), user__isnull=False)
    entry = LogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(Reservation), object_id=str(past.pk)
    )

    services.anonymise_past_participants(retention_days=7)

    entry.refresh_from_db()
    assert "Anna" not in entry.object_repr
    coming = LogEntry.objects.exclude(pk=entry.pk).filter(object_repr__contains="Anna de Vries")
    assert coming.count() == 3  # the reservations of coming events keep their history


def test_reservations_entered_for_her_verified_address_are_in_her_download(anna_everywhere):
    anna, _, _ = anna_everywhere
    ReservationFactory(user=None, name="Onbevestigd", email="anna.werk@example.org")
    ReservationFactory(user=None, name="Iemand Anders", email="iemand@example.org")
    client = Client()
    client.force_login(anna)

    names = [r["name"] for r in client.get(reverse("privacy:download")).json()["reservations"]]

    assert names.count("A. de Vries") == 3
    assert "Onbevestigd" not in names and "Iemand Anders" not in names
