import secrets
from urllib.parse import urlencode

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cooperatieve_stad.uploads import VerifiedImageField, upload_to
from events.enums import (
    ACTIVE_RESERVATION_STATUSES,
    VISIBLE_EVENT_STATUSES,
    EventFormat,
    EventStatus,
    MailKind,
    ReservationStatus,
)


class Series(models.Model):
    """A programme series or dossier, such as "Coöperatieven maken de stad"."""

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("beschrijving"), blank=True, help_text=_("Markdown"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("programmareeks")
        verbose_name_plural = _("programmareeksen")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("events:series", kwargs={"slug": self.slug})


class Venue(models.Model):
    name = models.CharField(_("naam"), max_length=200)
    street_address = models.CharField(_("adres"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("plaats"), max_length=100)
    country = models.CharField(_("land"), max_length=100, default="Nederland")

    class Meta:
        ordering = ["city", "name"]
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")
        constraints = [
            models.UniqueConstraint(
                fields=["name", "city"],
                name="venue_unique_name_per_city",
                violation_error_message=_("Er is al een locatie met deze naam in deze plaats."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.city}"

    @property
    def address_line(self) -> str:
        return ", ".join(
            part for part in (self.street_address, f"{self.postcode} {self.city}".strip()) if part
        )

    @property
    def map_url(self) -> str:
        query = ", ".join(
            part for part in (self.street_address, self.postcode, self.city, self.country) if part
        )
        return "https://www.openstreetmap.org/search?" + urlencode({"query": query})


class EventQuerySet(models.QuerySet):
    def published(self) -> "EventQuerySet":
        """Events the public may see, including cancelled ones (they say so)."""
        return self.filter(status__in=VISIBLE_EVENT_STATUSES)

    def upcoming(self) -> "EventQuerySet":
        return self.filter(ends_at__gte=timezone.now()).order_by("starts_at")

    def past(self) -> "EventQuerySet":
        return self.filter(ends_at__lt=timezone.now()).order_by("-starts_at")


class Event(models.Model):
    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    series = models.ForeignKey(
        Series,
        verbose_name=_("programmareeks"),
        related_name="events",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    organiser = models.ForeignKey(
        "initiatives.Organisation",
        verbose_name=_("organisator"),
        related_name="organised_events",
        on_delete=models.PROTECT,
    )
    partners = models.ManyToManyField(
        "initiatives.Organisation",
        verbose_name=_("in samenwerking met"),
        related_name="partner_events",
        blank=True,
    )
    moderator = models.ForeignKey(
        "programme.Speaker",
        verbose_name=_("moderator"),
        related_name="moderated_events",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    summary = models.CharField(_("samenvatting"), max_length=300, blank=True)
    description = models.TextField(_("beschrijving"), blank=True, help_text=_("Markdown"))
    starts_at = models.DateTimeField(_("begint om"))
    ends_at = models.DateTimeField(_("eindigt om"))
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("locatie"),
        related_name="events",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    format = models.CharField(
        _("vorm"), max_length=10, choices=EventFormat.choices, default=EventFormat.ON_SITE
    )
    livestream_url = models.URLField(_("livestream"), blank=True)
    participation_url = models.URLField(
        _("meedoen online"),
        blank=True,
        help_text=_("Bijvoorbeeld de Zoom-link om actief mee te praten."),
    )
    networking_url = models.URLField(
        _("online netwerken"), blank=True, help_text=_("Bijvoorbeeld het online commons café.")
    )
    capacity = models.PositiveIntegerField(
        _("aantal plaatsen"),
        null=True,
        blank=True,
        help_text=_("Leeg laten als het aantal plaatsen onbeperkt is."),
    )
    reservation_required = models.BooleanField(_("reserveren verplicht"), default=True)
    includes_meal = models.BooleanField(
        _("inclusief maaltijd"),
        default=False,
        help_text=_("Dan vragen we deelnemers naar hun dieetwensen."),
    )
    included = models.CharField(
        _("inbegrepen"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: Toegang gratis, inclusief diner."),
    )
    reservations_open_at = models.DateTimeField(
        _("reserveren mogelijk vanaf"), null=True, blank=True
    )
    reservations_close_at = models.DateTimeField(
        _("reserveren mogelijk tot"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    image = VerifiedImageField(
        _("afbeelding"),
        upload_to=upload_to("events"),
        blank=True,
    )
    contact_email = models.EmailField(_("contactadres"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()
    # Who changed what and when, shown to the organisation in the admin.
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("evenement")
        verbose_name_plural = _("evenementen")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="event_ends_after_it_starts",
                violation_error_message=_("Het evenement moet eindigen nadat het begint."),
            ),
            models.CheckConstraint(
                condition=Q(reservations_open_at__isnull=True)
                | Q(reservations_close_at__isnull=True)
                | Q(reservations_close_at__gt=F("reservations_open_at")),
                name="event_reservation_window_in_order",
                violation_error_message=_("Reserveren moet sluiten nadat het opengaat."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:event", kwargs={"slug": self.slug})

    @property
    def places_left(self) -> int | None:
        """Free places, or None when places are not limited. Needs `confirmed_count` (queries.py)."""
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed_count, 0)

    @property
    def is_full(self) -> bool:
        return self.places_left == 0

    @property
    def is_public(self) -> bool:
        """Whether the public may see it: its page, sessions and calendar file exist."""
        return self.status in VISIBLE_EVENT_STATUSES

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def is_online(self) -> bool:
        return self.format in (EventFormat.LIVECAST, EventFormat.HYBRID)


class EventFAQ(models.Model):
    event = models.ForeignKey(
        Event, verbose_name=_("evenement"), related_name="faqs", on_delete=models.CASCADE
    )
    question = models.CharField(_("vraag"), max_length=300)
    answer = models.TextField(_("antwoord"), help_text=_("Markdown"))
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["event", "order", "id"]
        verbose_name = _("veelgestelde vraag")
        verbose_name_plural = _("veelgestelde vragen")

    def __str__(self) -> str:
        return self.question


# Reservation codes are read aloud and typed at the check-in desk: no 0/O or 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def new_reservation_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class ReservationQuerySet(models.QuerySet):
    def active(self) -> "ReservationQuerySet":
        return self.filter(status__in=ACTIVE_RESERVATION_STATUSES)

    def confirmed(self) -> "ReservationQuerySet":
        return self.filter(status=ReservationStatus.CONFIRMED)

    def waitlisted(self) -> "ReservationQuerySet":
        return self.filter(status=ReservationStatus.WAITLISTED).order_by("created_at", "id")


class Reservation(models.Model):
    """One person's place at one event. Personal: it cannot be handed on."""

    event = models.ForeignKey(
        Event, verbose_name=_("evenement"), related_name="reservations", on_delete=models.PROTECT
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
    # Status and check-in changes, by whom. The personal fields stay out of the history, so that
    # anonymising a reservation leaves no copy of them behind.
    history = HistoricalRecords(excluded_fields=["user", "name", "email", "dietary_wishes"])

    class Meta:
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


class UndeliveredMail(models.Model):
    """A mail to an attendee that still failed after its retries (the mail server was down).

    Kept so that organisers see who missed a message and can send it again from the admin;
    the log has the same line for whoever runs the server.
    """

    reservation = models.ForeignKey(
        Reservation,
        verbose_name=_("reservering"),
        related_name="undelivered_mails",
        on_delete=models.CASCADE,
    )
    kind = models.CharField(_("soort bericht"), max_length=20, choices=MailKind.choices)
    error = models.CharField(_("fout"), max_length=300, blank=True)
    failed_at = models.DateTimeField(_("mislukt op"), auto_now_add=True)
    sent_at = models.DateTimeField(_("alsnog verstuurd op"), null=True, blank=True)

    class Meta:
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
        verbose_name = _("persoonlijke agenda")
        verbose_name_plural = _("persoonlijke agenda's")

    def __str__(self) -> str:
        return str(self.user)
