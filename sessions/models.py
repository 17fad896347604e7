from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.capacity import places_left
from common.uploads import VerifiedImageField, upload_to
from common.validators import validate_one_line
from events.enums import VISIBLE_EVENT_STATUSES
from sessions.enums import SessionFormat, SlotKind, SpeakerRole


class Slot(models.Model):
    """A block of an event's timeline, such as "19.15–20.15 Break-out ronde I".

    Slots of one event do not overlap, except those that run alongside the main timeline.
    The rules that span rows are enforced by database triggers (sessions/triggers.py)
    and, with readable messages, by the admin's slot formset (sessions/forms.py).
    """

    verbose_name_article = "het"  # Dutch (common.admin_tools.DutchArticleMixin)

    event = models.ForeignKey(
        "events.Event", verbose_name=_("evenement"), related_name="slots", on_delete=models.CASCADE
    )
    starts_at = models.DateTimeField(_("begint om"))
    ends_at = models.DateTimeField(_("eindigt om"))
    title = models.CharField(_("titel"), max_length=200, validators=[validate_one_line])
    kind = models.CharField(_("soort"), max_length=10, choices=SlotKind.choices)
    description = models.TextField(_("beschrijving"), blank=True, help_text=_("Markdown"))
    location = models.CharField(
        _("zaal"), max_length=100, blank=True, validators=[validate_one_line]
    )
    choice_required = models.BooleanField(
        _("keuze verplicht"),
        default=False,
        help_text=_(
            "Voor een break-outronde: deelnemers moeten bij het reserveren een sessie kiezen."
        ),
    )
    speakers: "models.ManyToManyField[Speaker, Any]" = models.ManyToManyField(
        "Speaker",
        verbose_name=_("sprekers"),
        related_name="slots",
        blank=True,
        help_text=_("Voor plenaire onderdelen; sprekers van sessies staan bij de sessie."),
    )

    organisation_lookup = "event__organiser"
    picker_related = ("event",)  # what picker_label reads
    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "starts_at", "ends_at"]
        verbose_name = _("programmaonderdeel")
        verbose_name_plural = _("programmaonderdelen")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="slot_ends_after_it_starts",
                violation_error_message=_("Een programmaonderdeel moet eindigen nadat het begint."),
            ),
        ]

    def __str__(self) -> str:
        start = time_format(timezone.localtime(self.starts_at), "H.i")
        end = time_format(timezone.localtime(self.ends_at), "H.i")
        return f"{start}–{end} {self.title}"

    def picker_label(self) -> str:
        """How the admin's pickers name it: "Ronde 1 tafelsessies (15.00–15.45) · Werken in
        de wijk, 7 okt 2025". Rounds of different events often share their title and times."""
        start = time_format(timezone.localtime(self.starts_at), "H.i")
        end = time_format(timezone.localtime(self.ends_at), "H.i")
        return f"{self.title} ({start}–{end}) · {self.event.picker_label()}"

    @property
    def is_round(self) -> bool:
        return self.kind == SlotKind.ROUND

    @property
    def may_overlap(self) -> bool:
        return self.kind == SlotKind.ALONGSIDE

    def overlaps(self, other: "Slot") -> bool:
        return self.starts_at < other.ends_at and other.starts_at < self.ends_at


class Theme(models.Model):
    """Groups the sessions of one event: "Thema 1. Buurtbudgetten"."""

    verbose_name_article = "het"  # Dutch (common.admin_tools.DutchArticleMixin)

    event = models.ForeignKey(
        "events.Event", verbose_name=_("evenement"), related_name="themes", on_delete=models.CASCADE
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    title = models.CharField(_("titel"), max_length=200, validators=[validate_one_line])
    description = models.TextField(_("beschrijving"), blank=True, help_text=_("Markdown"))

    organisation_lookup = "event__organiser"
    picker_related = ("event",)  # what picker_label reads

    class Meta:
        ordering = ["event", "number"]
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "number"],
                name="theme_number_unique_per_event",
                violation_error_message=_("Dit evenement heeft al een thema met dit nummer."),
            ),
        ]

    def __str__(self) -> str:
        return _("Thema %(number)s. %(title)s") % {"number": self.number, "title": self.title}

    def picker_label(self) -> str:
        """ "Thema 1. Buurtbudgetten · Werken in de wijk": every event has its "Thema 1"."""
        return f"{self} · {self.event.title}"


class SpeakerQuerySet(models.QuerySet):
    """Speakers are shared between events, so they have their own rule of who may see and
    change them (teams.permissions asks ``for_organisations``)."""

    @staticmethod
    def _appearing_at_events_of_or_public(ids: set[int]) -> Q:
        """On a stage, in a session or moderating at an event of `ids` or a public one."""

        def events(prefix: str) -> Q:
            return Q(**{f"{prefix}__organiser__in": ids}) | Q(
                **{f"{prefix}__status__in": VISIBLE_EVENT_STATUSES}
            )

        on_stage = Slot.speakers.through.objects.filter(events("slot__event"))
        in_session = SessionSpeaker.objects.filter(events("session__event"))
        moderating = Moderator.objects.filter(events("event"))
        return (
            Q(pk__in=in_session.values("speaker"))
            | Q(pk__in=on_stage.values("speaker"))
            | Q(pk__in=moderating.values("speaker"))
        )

    def for_organisations(self, ids: Iterable[int], *, editing: bool) -> "SpeakerQuerySet":
        """Editors change only the speakers their organisation manages: a speaker's title
        and bio show on every event they appear at, so one organisation answers for them.
        They see and pick, besides those, the speakers nobody manages, the ones appearing
        in their own events and the ones on a public programme; another organisation's
        speaker who is on none of these stays private to it."""
        ids = set(ids)
        if not ids:
            return self.none()  # not an editor anywhere: staff without a team see nothing
        if editing:
            return self.filter(managed_by__in=ids)
        return self.filter(
            Q(managed_by__in=ids)
            | Q(managed_by__isnull=True)
            | self._appearing_at_events_of_or_public(ids)
        )


class Speaker(models.Model):
    name = models.CharField(_("naam"), max_length=200, validators=[validate_one_line])
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    title = models.CharField(
        _("functie"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: wethouder, wijkmanager, onderzoeker."),
        validators=[validate_one_line],
    )
    organisation = models.ForeignKey(
        "initiatives.Organisation",
        verbose_name=_("organisatie"),
        related_name="speakers",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    bio = models.TextField(_("biografie"), blank=True, help_text=_("Markdown"))
    photo = VerifiedImageField(_("foto"), upload_to=upload_to("speakers"), blank=True)
    website = models.URLField(_("website"), blank=True)
    managed_by = models.ForeignKey(
        "initiatives.Organisation",
        verbose_name=_("beheerd door"),
        related_name="managed_speakers",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        help_text=_("De organisatie waarvan de redacteuren deze spreker bijhouden."),
    )

    objects = SpeakerQuerySet.as_manager()
    picker_related = ("organisation",)  # what picker_label reads

    class Meta:
        ordering = ["name"]
        verbose_name = _("spreker")
        verbose_name_plural = _("sprekers")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programme:speaker", kwargs={"slug": self.slug})

    def picker_label(self) -> str:
        """ "Jan de Vries · wethouder, Gemeente Zaanstad": two speakers may share a name."""
        details = ", ".join(
            part
            for part in (self.title, self.organisation.name if self.organisation else "")
            if part
        )
        return f"{self.name} · {details}" if details else self.name


class Session(models.Model):
    """What is discussed; held in one or more break-out rounds as sittings."""

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("evenement"),
        related_name="sessions",
        on_delete=models.CASCADE,
    )
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("thema"),
        related_name="sessions",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    code = models.CharField(
        _("code"),
        max_length=10,
        blank=True,
        help_text=_("Bijvoorbeeld 1a."),
        validators=[validate_one_line],
    )
    title = models.CharField(_("titel"), max_length=300, validators=[validate_one_line])
    slug = models.SlugField(_("slug"), max_length=200)
    summary = models.CharField(
        _("samenvatting"), max_length=300, blank=True, validators=[validate_one_line]
    )
    description = models.TextField(_("beschrijving"), blank=True, help_text=_("Markdown"))
    format = models.CharField(
        _("vorm"), max_length=12, choices=SessionFormat.choices, default=SessionFormat.TABLE
    )
    speakers: "models.ManyToManyField[Speaker, SessionSpeaker]" = models.ManyToManyField(
        Speaker,
        verbose_name=_("sprekers"),
        through="SessionSpeaker",
        related_name="sessions",
        blank=True,
    )
    initiatives = models.ManyToManyField(
        "initiatives.Initiative",
        verbose_name=_("uitgelichte initiatieven"),
        related_name="sessions",
        blank=True,
    )

    organisation_lookup = "event__organiser"
    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "theme__number", "code", "title"]
        verbose_name = _("sessie")
        verbose_name_plural = _("sessies")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "slug"],
                name="session_slug_unique_per_event",
                violation_error_message=_("Dit evenement heeft al een sessie met deze slug."),
            ),
            models.UniqueConstraint(
                fields=["event", "code"],
                condition=~Q(code=""),
                name="session_code_unique_per_event",
                violation_error_message=_("Dit evenement heeft al een sessie met deze code."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()

    def get_absolute_url(self) -> str:
        return reverse(
            "programme:session", kwargs={"event_slug": self.event.slug, "slug": self.slug}
        )

    def clean(self) -> None:
        super().clean()
        if self.theme and self.event_id and self.theme.event_id != self.event_id:
            raise ValidationError(
                {"theme": _("Kies een thema van hetzelfde evenement.")}, code="theme_of_other_event"
            )


class SessionSpeaker(models.Model):
    session = models.ForeignKey(
        Session, verbose_name=_("sessie"), related_name="session_speakers", on_delete=models.CASCADE
    )
    speaker = models.ForeignKey(
        Speaker, verbose_name=_("spreker"), related_name="session_roles", on_delete=models.CASCADE
    )
    role = models.CharField(
        _("rol"), max_length=10, choices=SpeakerRole.choices, default=SpeakerRole.SPEAKER
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    organisation_lookup = "session__event__organiser"

    class Meta:
        ordering = ["session", "order", "id"]
        verbose_name = _("spreker van een sessie")
        verbose_name_plural = _("sprekers")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "speaker"],
                name="speaker_once_per_session",
                violation_error_message=_("Deze spreker staat al bij deze sessie."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.speaker} ({self.get_role_display()})"


class Sitting(models.Model):
    """A session held in one break-out round, with its own room and seats."""

    session = models.ForeignKey(
        Session, verbose_name=_("sessie"), related_name="sittings", on_delete=models.CASCADE
    )
    # RESTRICT, not PROTECT: a round with sittings cannot be deleted on its own, but deleting
    # the whole event (which takes its sessions and their sittings along) is allowed.
    slot = models.ForeignKey(
        Slot, verbose_name=_("ronde"), related_name="sittings", on_delete=models.RESTRICT
    )
    room = models.CharField(
        _("zaal of tafel"), max_length=100, blank=True, validators=[validate_one_line]
    )
    capacity = models.PositiveIntegerField(
        _("aantal plaatsen"),
        null=True,
        blank=True,
        help_text=_("Leeg laten als het aantal plaatsen onbeperkt is."),
    )

    organisation_lookup = "session__event__organiser"
    history = HistoricalRecords()

    class Meta:
        ordering = ["slot__starts_at", "session__theme__number", "session__code"]
        verbose_name = _("sessie in een ronde")
        verbose_name_plural = _("sessies in rondes")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "slot"],
                name="sitting_once_per_session_per_slot",
                violation_error_message=_("Deze sessie staat al in deze ronde."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session} · {self.slot}"

    @property
    def seats_left(self) -> int | None:
        """Free seats, or None when seats are not limited. Needs the `seats_taken`
        annotation (reservations.queries.sittings_with_seats)."""
        return places_left(self.capacity, self.seats_taken)  # type: ignore[attr-defined]  # annotated

    @property
    def is_full(self) -> bool:
        return self.seats_left == 0

    def clean(self) -> None:
        super().clean()
        try:
            session, slot = self.session, self.slot
        except ObjectDoesNotExist:
            return  # the missing field has its own "required" error
        if slot.kind != SlotKind.ROUND:
            raise ValidationError({"slot": _("Kies een break-outronde.")}, code="slot_not_a_round")
        if slot.event_id != session.event_id:
            raise ValidationError(
                {"slot": _("Kies een ronde van hetzelfde evenement als de sessie.")},
                code="slot_of_other_event",
            )
        if self.pk and self.seat_choices.exclude(slot=slot).exists():
            raise ValidationError(
                {
                    "slot": _(
                        "Er zijn al plaatsen gereserveerd voor deze sessie in deze ronde; verplaats haar niet naar een andere ronde."
                    )
                },
                code="sitting_has_seat_choices",
            )


class Moderator(models.Model):
    """Who leads an event's plenary parts. Kept on the programme side, so that `events`
    needs no relation to speakers."""

    event = models.OneToOneField(
        "events.Event",
        verbose_name=_("evenement"),
        related_name="moderator",
        on_delete=models.CASCADE,
        primary_key=True,
    )
    speaker = models.ForeignKey(
        Speaker,
        verbose_name=_("moderator"),
        related_name="moderated_events",
        on_delete=models.CASCADE,
    )

    organisation_lookup = "event__organiser"

    class Meta:
        verbose_name = _("moderator")
        verbose_name_plural = _("moderator")

    def __str__(self) -> str:
        return str(self.speaker)
