"""Deleting an account and anonymising participant lists (AVG/GDPR).

Reservations are never deleted: organisers' counts of who came, who cancelled and who
checked in stay right. What identifies a person is blanked instead (account, name, e-mail
address, dietary wishes). The reservation code stays, so that the row keeps its identity
for the check-in history; without the name and address it no longer points at anybody.
The admin's history keeps what organisers did, but no longer the name it showed for it.
"""

import datetime as dt
from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from common.errors import ServiceError
from privacy.queries import reservations_of_person
from reservations import services as reservation_services
from reservations.enums import ACTIVE_RESERVATION_STATUSES
from reservations.models import Reservation

# A reservation in this state has nothing personal left; anonymising it again changes nothing.
ANONYMOUS = Q(user__isnull=True, name="", email="", dietary_wishes="")


class PrivacyError(ServiceError):
    """A request about personal data that cannot be carried out; the message is for the person."""


@dataclass(frozen=True)
class DeletedAccount:
    cancelled: int
    anonymised: int
    sessions_ended: int


@dataclass(frozen=True)
class Retention:
    cutoff: dt.datetime
    events: int
    reservations: int


def forget_in_admin_history(objects: QuerySet) -> int:
    """Replace the name under which the admin's history lists these objects.

    Django's log stores each changed object's str(): 'Anna de Vries · Werkconferentie' for a
    reservation, the username for an account. What was done and when stays; who it was
    about goes. (The change messages hold field names only, nothing personal.)
    """
    keys = objects.annotate(log_key=Cast("pk", output_field=CharField())).values("log_key")
    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(objects.model), object_id__in=keys
    ).update(object_repr=_("(geanonimiseerd)"))


def anonymise(reservations: QuerySet[Reservation]) -> int:
    """Blank the personal fields of these reservations; status, code and check-in are kept."""
    due = reservations.exclude(ANONYMOUS)
    forget_in_admin_history(due)
    return due.update(user=None, name="", email="", dietary_wishes="", updated_at=timezone.now())


def claim_entered_reservations(user: User) -> None:
    """Link to the account the reservations an organiser entered for one of its addresses,
    so that coming ones are cancelled like the person's own (and the waiting list moves up).

    One active reservation per person per event stays the rule: a second active one for the
    same event stays unlinked; it is anonymised all the same.
    """
    taken = set(Reservation.objects.active().filter(user=user).values_list("event_id", flat=True))
    entered = reservations_of_person(user).filter(user__isnull=True).order_by("created_at", "pk")
    for reservation in entered:
        if reservation.status in ACTIVE_RESERVATION_STATUSES:
            if reservation.event_id in taken:
                continue
            taken.add(reservation.event_id)
        Reservation.objects.filter(pk=reservation.pk).update(user=user)


def end_sessions(user: User) -> int:
    """Delete the person's stored sessions (other browsers, a pending login code).

    Stored sessions cannot be searched by user, so the live ones are read one by one; this
    happens once per deleted account. With a cache-only session engine they cannot be
    listed at all: they then just stop working, because their account no longer exists.
    """
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store, "get_model_class"):
        return 0
    model = store.get_model_class()
    ended = 0
    for session in model.objects.filter(expire_date__gt=timezone.now()).iterator():
        if store().decode(session.session_data).get("_auth_user_id") == str(user.pk):
            store(session_key=session.session_key).delete()
            ended += 1
    return ended


@transaction.atomic
def delete_account(*, user: User) -> DeletedAccount:
    """Remove a person's account and everything personal the portal holds about them.

    Reservations of events still to come are cancelled as the person would cancel them
    (so the waiting list moves up); all their reservations, also those an organiser entered
    for one of their verified addresses, are then anonymised. The
    account row goes, and with it the e-mail addresses, the calendar feed and the saved events
    and sessions (cascade).
    """
    if user.is_staff:
        raise PrivacyError(
            _("Een account van een organisator verwijdert de beheerder van het portaal."),
            code="staff",
        )
    # Two deletions of one account (two tabs) queue here instead of racing.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    upcoming = (
        Reservation.objects.active()
        .filter(user=user, event__starts_at__gt=timezone.now())
        .order_by("event_id")  # services lock events; a fixed order avoids deadlocks
        .values_list("pk", flat=True)
    )
    claim_entered_reservations(user)
    cancelled = 0
    for reservation_id in list(upcoming):
        reservation_services.cancel(reservation_id=reservation_id, user=user)
        cancelled += 1
    anonymised = anonymise(reservations_of_person(user))
    sessions_ended = end_sessions(user)
    forget_in_admin_history(get_user_model().objects.filter(pk=user.pk))
    user.delete()
    return DeletedAccount(cancelled=cancelled, anonymised=anonymised, sessions_ended=sessions_ended)


def anonymise_past_participants(*, retention_days: int, dry_run: bool = False) -> Retention:
    """Anonymise the participant lists of events that ended more than `retention_days` ago."""
    if retention_days < 0:
        raise PrivacyError(_("De bewaartermijn kan niet negatief zijn."), code="negative")
    cutoff = timezone.now() - dt.timedelta(days=retention_days)
    due = Reservation.objects.filter(event__ends_at__lt=cutoff).exclude(ANONYMOUS)
    with transaction.atomic():
        events = due.order_by().values("event").distinct().count()
        reservations = due.count() if dry_run else anonymise(due)
    return Retention(cutoff=cutoff, events=events, reservations=reservations)
