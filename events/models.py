from urllib.parse import urlencode

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.capacity import places_left
from common.uploads import VerifiedImageField, upload_to
from common.validators import validate_one_line
from events.enums import ONLINE_FORMATS, VISIBLE_EVENT_STATUSES, EventFormat, EventStatus
from events.signals import event_changed
from initiatives.models import SharedRecordManager


class Series(models.Model):
    """A programme series or dossier, such as "Coöperatieven maken de stad"."""

    name = models.CharField(_("naam"), max_length=200, validators=[validate_one_line])
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("beschrijving"), blank=True, help_text=_("Markdown"))
    managed_by = models.ForeignKey(
        "initiatives.Organisation",
        verbose_name=_("beheerd door"),
        related_name="managed_series",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_(
            "De organisatie waarvan de redacteuren dit bijhouden; leeg: gedeeld, alleen "
            "beheerders wijzigen het."
        ),
    )

    objects = SharedRecordManager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("programmareeks")
        verbose_name_plural = _("programmareeksen")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("events:series", kwargs={"slug": self.slug})


class Venue(models.Model):
    name = models.CharField(_("naam"), max_length=200, validators=[validate_one_line])
    street_address = models.CharField(
        _("adres"), max_length=200, blank=True, validators=[validate_one_line]
    )
    postcode = models.CharField(
        _("postcode"), max_length=10, blank=True, validators=[validate_one_line]
    )
    city = models.CharField(_("plaats"), max_length=100, validators=[validate_one_line])
    country = models.CharField(
        _("land"), max_length=100, default="Nederland", validators=[validate_one_line]
    )
    managed_by = models.ForeignKey(
        "initiatives.Organisation",
        verbose_name=_("beheerd door"),
        related_name="managed_venues",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_(
            "De organisatie waarvan de redacteuren dit bijhouden; leeg: gedeeld, alleen "
            "beheerders wijzigen het."
        ),
    )

    objects = SharedRecordManager()

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


class EventQuerySet(models.QuerySet["Event"]):
    def published(self) -> "EventQuerySet":
        """Events the public may see, including cancelled ones (they say so)."""
        return self.filter(status__in=VISIBLE_EVENT_STATUSES)

    def upcoming(self) -> "EventQuerySet":
        return self.filter(ends_at__gte=timezone.now()).order_by("starts_at")

    def past(self) -> "EventQuerySet":
        return self.filter(ends_at__lt=timezone.now()).order_by("-starts_at")


# Hours before the start that confirmed attendees are reminded; 0 is no reminder.
DEFAULT_REMINDER_HOURS = 24
REMINDER_CHOICES = [
    (0, _("geen herinnering")),
    (2, _("2 uur")),
    (6, _("6 uur")),
    (12, _("12 uur")),
    (24, _("24 uur")),
    (48, _("2 dagen")),
    (72, _("3 dagen")),
    (168, _("een week")),
]


class Event(models.Model):
    verbose_name_article = "het"  # Dutch (common.admin_tools.DutchArticleMixin)
    title = models.CharField(_("titel"), max_length=200, validators=[validate_one_line])
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
    summary = models.CharField(
        _("samenvatting"), max_length=300, blank=True, validators=[validate_one_line]
    )
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
        validators=[validate_one_line],
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
    reminder_hours = models.PositiveSmallIntegerField(
        _("herinnering vooraf"),
        choices=REMINDER_CHOICES,
        default=DEFAULT_REMINDER_HOURS,
        help_text=_(
            "Zoveel uur voor de aanvang krijgen de bevestigde deelnemers een herinnering met "
            "hun sessies, de locatie en het agendabestand."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()
    # Who changed what and when, shown to the organisation in the admin.
    history = HistoricalRecords()
    organisation_lookup = "organiser"

    # Fields whose change other apps may act on (events.signals.event_changed).
    TRACKED_FIELDS = (
        "starts_at",
        "ends_at",
        "venue",
        "format",
        "livestream_url",
        "participation_url",
        "status",
        "capacity",
    )

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

    def save(self, *args, **kwargs) -> None:
        """Saves, then tells the apps above which TRACKED_FIELDS changed since this object
        was loaded or last saved (events.signals.event_changed), whoever saves it."""
        before = getattr(self, "_saved_values", None)
        super().save(*args, **kwargs)
        now = self._tracked_values()
        self._saved_values = now
        if before is None:
            return  # a new event: nobody has reserved yet
        changed = frozenset(name for name, value in now.items() if before.get(name, value) != value)
        if changed:
            event_changed.send(sender=Event, event=self, changed=changed)

    def get_absolute_url(self) -> str:
        return reverse("events:event", kwargs={"slug": self.slug})

    def picker_label(self) -> str:
        """How the admin's pickers name it ("Werken in de wijk, 7 okt 2025"): events of a
        series often share a title."""
        day = date_format(timezone.localtime(self.starts_at), "j b Y")
        return f"{self.title}, {day}"

    @classmethod
    def from_db(cls, db, field_names, values):
        event = super().from_db(db, field_names, values)
        event._saved_values = event._tracked_values()
        return event

    def refresh_from_db(self, *args, **kwargs) -> None:
        super().refresh_from_db(*args, **kwargs)
        self._saved_values = self._tracked_values()

    def _tracked_values(self) -> dict[str, object]:
        attnames = {
            field.name: field.attname
            for field in self._meta.concrete_fields
            if field.name in self.TRACKED_FIELDS
        }
        return {name: self.__dict__[att] for name, att in attnames.items() if att in self.__dict__}

    @property
    def places_left(self) -> int | None:
        """Free places, or None when places are not limited. Needs the `confirmed_count`
        annotation (reservations.queries.with_confirmed_count)."""
        return places_left(self.capacity, self.confirmed_count)  # type: ignore[attr-defined]  # annotated

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

    def online_links(self) -> list[tuple[str, str]]:
        """The event's online links that are set, labelled, for mails and calendar files."""
        links = [
            (gettext("Livestream"), self.livestream_url),
            (gettext("Meedoen online"), self.participation_url),
            (gettext("Online netwerken"), self.networking_url),
        ]
        return [(label, url) for label, url in links if url]

    @property
    def is_online(self) -> bool:
        return self.format in ONLINE_FORMATS


class EventFAQ(models.Model):
    event = models.ForeignKey(
        Event, verbose_name=_("evenement"), related_name="faqs", on_delete=models.CASCADE
    )
    question = models.CharField(_("vraag"), max_length=300, validators=[validate_one_line])
    answer = models.TextField(_("antwoord"), help_text=_("Markdown"))
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    organisation_lookup = "event__organiser"

    class Meta:
        ordering = ["event", "order", "id"]
        verbose_name = _("veelgestelde vraag")
        verbose_name_plural = _("veelgestelde vragen")

    def __str__(self) -> str:
        return self.question
