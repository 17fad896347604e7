"""A person's place at an event and their seats in its break-out rounds.

The tables keep the names they had when these models lived in `events` and `programme`
(migration reservations 0001 moved them without touching the data).
"""

import secrets

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from reservations.enums import (
    ACTIVE_RESERVATION_STATUSES,
    MailKind,
    MailStatus,
    ReservationStatus,
)

# Reservation codes are read aloud and typed at the check-in desk: no 0/O or 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def new_reservation_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


# The order of a waiting list: who reserved first, and on the same instant the lower id.
# Promotion follows it, and so do the positions shown on the page and in mails.
WAITLIST_ORDER = ("created_at", "id")


class ReservationQuerySet(models.QuerySet):
    def active(self) -> "ReservationQuerySet":
        return self.filter(status__in=ACTIVE_RESERVATION_STATUSES)

    def confirmed(self) -> "ReservationQuerySet":
        return self.filter(status=ReservationStatus.CONFIRMED)

    def waitlisted(self) -> "ReservationQuerySet":
        return self.filter(status=ReservationStatus.WAITLISTED).order_by(*WAITLIST_ORDER)


class Reservation(models.Model):
    """One person's place at one event. Personal: it cannot be handed on."""

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("evenement"),
        related_name="reservations",
        on_delete=models.PROTECT,
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        related_name="reservations",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    name = models.CharField(_("naam op de deelnemerslijst"), max_length=200)
    email = models.EmailField(_("e-mailadres"))
    dietary_wishes = models.CharField(_("dieetwensen"), max_length=300, blank=True)
    # The language the person reserved in; mails sent to many (a change, a reminder) are
    # written in it.
    language = models.CharField(
        _("taal"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ReservationStatus.choices,
        default=ReservationStatus.CONFIRMED,
    )
    code = models.CharField(
        _("reserveringscode"), max_length=CODE_LENGTH, unique=True, default=new_reservation_code
    )
    created_at = models.DateTimeField(_("gereserveerd op"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    cancelled_at = models.DateTimeField(_("geannuleerd op"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("aangemeld op"), null=True, blank=True)

    objects = ReservationQuerySet.as_manager()
    organisation_lookup = "event__organiser"

    # Status and check-in changes, by whom. The personal fields stay out of the history, so that
    # anonymising a reservation leaves no copy of them behind.
    history = HistoricalRecords(
        excluded_fields=["user", "name", "email", "dietary_wishes"],
        table_name="events_historicalreservation",
    )

    class Meta:
        db_table = "events_reservation"
        ordering = ["event", "created_at", "id"]
        verbose_name = _("reservering")
        verbose_name_plural = _("reserveringen")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(status__in=ACTIVE_RESERVATION_STATUSES),
                name="one_active_reservation_per_user_per_event",
                violation_error_message=_(
                    "Deze persoon heeft al een reservering voor dit evenement."
                ),
            ),
            models.CheckConstraint(
                condition=Q(checked_in_at__isnull=True) | Q(status=ReservationStatus.CONFIRMED),
                name="reservation_checked_in_only_when_confirmed",
                violation_error_message=_(
                    "Alleen een bevestigde reservering kan worden aangemeld."
                ),
            ),
        ]
        indexes = [models.Index(fields=["event", "status"], name="reservation_event_status")]

    def __str__(self) -> str:
        return f"{self.name} · {self.event}"


class Mailing(models.Model):
    """One message to many attendees of an event: an organiser's own message, the news that
    the event changed or was cancelled, or the reminders before it. Its mails are the
    OutgoingMail rows that point here; the event's admin page shows how far they got."""

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("evenement"),
        related_name="mailings",
        on_delete=models.CASCADE,
    )
    kind = models.CharField(_("soort bericht"), max_length=20, choices=MailKind.choices)
    # An organiser's message, stored so that the worker and its retries send this text.
    subject = models.CharField(_("onderwerp"), max_length=150, blank=True)
    message = models.TextField(_("bericht"), blank=True)
    greeting = models.BooleanField(_("met aanhef"), default=True)
    # Reminders: the start they announce. A moved event gets a new reminder mailing.
    starts_at = models.DateTimeField(_("aanvang"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        related_name="+",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    # When the worker queued a delivery task per mail (reservations/tasks.py).
    dispatched_at = models.DateTimeField(null=True, blank=True, editable=False)

    organisation_lookup = "event__organiser"

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("verzending")
        verbose_name_plural = _("verzendingen")
        constraints = [
            # Reminders for one start of one event are made once, however many workers run.
            models.UniqueConstraint(
                fields=["event", "starts_at"],
                condition=Q(kind=MailKind.REMINDER),
                name="one_reminder_mailing_per_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.event}"


class OutgoingMail(models.Model):
    """One mail to one attendee, from the moment it is queued (in the transaction of the
    change that causes it) until a worker delivered it, gave up on it or found it no longer
    true. The row is what makes delivery safe: a worker claims it before sending and marks
    it sent right after the mail server accepted it (reservations/outbox.py)."""

    reservation = models.ForeignKey(
        Reservation,
        verbose_name=_("reservering"),
        related_name="outgoing_mails",
        on_delete=models.CASCADE,
    )
    mailing = models.ForeignKey(
        Mailing,
        verbose_name=_("verzending"),
        related_name="mails",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    kind = models.CharField(_("soort bericht"), max_length=20, choices=MailKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=MailStatus.choices, default=MailStatus.QUEUED
    )
    # The language the mail is written in: the page's for the attendee's own change, the
    # reservation's for a mailing.
    language = models.CharField(max_length=10, default=settings.LANGUAGE_CODE)
    # For a promotion: the sittings taken off (full by then); for a place on the waiting
    # list: the chosen sittings that were full. Lists of ids.
    details = models.JSONField(default=dict, blank=True)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    # The delivery task queued for it, and when that task may run (later for a retry).
    task_id = models.CharField(max_length=64, blank=True, editable=False)
    due_at = models.DateTimeField(default=timezone.now, editable=False)
    # Set by the worker sending it; a claim that ran out belongs to a worker that died.
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)
    error = models.CharField(_("fout"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("in de wachtrij gezet op"), auto_now_add=True)
    sent_at = models.DateTimeField(_("verstuurd op"), null=True, blank=True)

    organisation_lookup = "reservation__event__organiser"

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        constraints = [
            # One mail of a mailing per reservation, also when two workers add reminders.
            models.UniqueConstraint(
                fields=["mailing", "reservation"], name="one_mail_per_mailing_and_reservation"
            ),
        ]
        indexes = [
            # The recovery job looks among the queued mails only.
            models.Index(
                fields=["due_at"],
                condition=Q(status=MailStatus.QUEUED),
                name="outgoingmail_queued_claims",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.reservation.code}"


class UndeliveredMail(models.Model):
    """A mail to an attendee that still failed after its retries (the mail server was down)
    or could not be written (a template error).

    Kept so that organisers see who missed a message and can send it again from the admin;
    the log has the same line for whoever runs the server. `mail` is the OutgoingMail that
    failed (empty for failures recorded before mails were queued).
    """

    reservation = models.ForeignKey(
        Reservation,
        verbose_name=_("reservering"),
        related_name="undelivered_mails",
        on_delete=models.CASCADE,
    )
    mail = models.ForeignKey(
        OutgoingMail,
        verbose_name=_("e-mail"),
        related_name="undelivered",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    kind = models.CharField(_("soort bericht"), max_length=20, choices=MailKind.choices)
    error = models.CharField(_("fout"), max_length=300, blank=True)
    failed_at = models.DateTimeField(_("mislukt op"), auto_now_add=True)
    sent_at = models.DateTimeField(_("alsnog verstuurd op"), null=True, blank=True)

    organisation_lookup = "reservation__event__organiser"

    class Meta:
        db_table = "events_undeliveredmail"
        ordering = ["-failed_at", "-id"]
        verbose_name = _("niet verstuurde e-mail")
        verbose_name_plural = _("niet verstuurde e-mails")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.reservation.code}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """A person's private calendar feed of their reservations, behind an unguessable token."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        related_name="calendar_feed",
        on_delete=models.CASCADE,
    )
    token = models.CharField(_("sleutel"), max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "events_calendarfeed"
        verbose_name = _("persoonlijke agenda")
        verbose_name_plural = _("persoonlijke agenda's")

    def __str__(self) -> str:
        return str(self.user)


class SeatChoice(models.Model):
    """A reservation's seat in one sitting; at most one per break-out round."""

    reservation = models.ForeignKey(
        Reservation,
        verbose_name=_("reservering"),
        related_name="seat_choices",
        on_delete=models.CASCADE,
    )
    sitting = models.ForeignKey(
        "programme.Sitting",
        verbose_name=_("sessie"),
        related_name="seat_choices",
        on_delete=models.RESTRICT,
    )
    # Copied from the sitting so that the database can keep one choice per round.
    slot = models.ForeignKey(
        "programme.Slot",
        verbose_name=_("ronde"),
        related_name="seat_choices",
        on_delete=models.RESTRICT,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    organisation_lookup = "reservation__event__organiser"

    class Meta:
        db_table = "programme_seatchoice"
        ordering = ["reservation", "slot__starts_at"]
        verbose_name = _("sessiekeuze")
        verbose_name_plural = _("sessiekeuzes")
        constraints = [
            models.UniqueConstraint(
                fields=["reservation", "slot"],
                name="one_seat_choice_per_reservation_per_slot",
                violation_error_message=_("Er is al een sessie gekozen in deze ronde."),
            ),
        ]

    def __str__(self) -> str:
        return str(self.sitting)

    def save(self, *args, **kwargs) -> None:
        if self.sitting_id and not self.slot_id:
            self.slot_id = self.sitting.slot_id
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        try:
            sitting, reservation = self.sitting, self.reservation
        except ObjectDoesNotExist:
            return
        if sitting.slot.event_id != reservation.event_id:
            raise ValidationError(
                {"sitting": _("Kies een sessie van het evenement van deze reservering.")},
                code="sitting_of_other_event",
            )


class SavedItem(models.Model):
    """An event or a session someone keeps in "Mijn programma" ("Bewaar"); personal data
    like a reservation, though it holds no seat and promises nothing."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        related_name="saved_items",
        on_delete=models.CASCADE,
    )
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("evenement"),
        related_name="saved_items",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    session = models.ForeignKey(
        "programme.Session",
        verbose_name=_("sessie"),
        related_name="saved_items",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("bewaard item")
        verbose_name_plural = _("bewaarde items")
        constraints = [
            models.CheckConstraint(
                condition=Q(event__isnull=False, session__isnull=True)
                | Q(event__isnull=True, session__isnull=False),
                name="saved_item_is_an_event_or_a_session",
            ),
            models.UniqueConstraint(
                fields=["user", "event"],
                condition=Q(event__isnull=False),
                name="one_saved_item_per_person_per_event",
            ),
            models.UniqueConstraint(
                fields=["user", "session"],
                condition=Q(session__isnull=False),
                name="one_saved_item_per_person_per_session",
            ),
        ]

    def __str__(self) -> str:
        return str(self.event or self.session)
