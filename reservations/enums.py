from django.db import models
from django.utils.translation import gettext_lazy as _


class ReservationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("bevestigd")
    WAITLISTED = "waitlisted", _("wachtlijst")
    CANCELLED = "cancelled", _("geannuleerd")


# A person holds at most one reservation in these states per event.
ACTIVE_RESERVATION_STATUSES = (ReservationStatus.CONFIRMED, ReservationStatus.WAITLISTED)


class MailAudience(models.TextChoices):
    """Whom an organiser's message goes to; checked-in people are also confirmed."""

    CONFIRMED = "confirmed", _("bevestigde deelnemers")
    WAITLISTED = "waitlisted", _("deelnemers op de wachtlijst")
    CHECKED_IN = "checked_in", _("aangemelde (aanwezige) deelnemers")


class MailKind(models.TextChoices):
    """What a mail is about; the value is the name of its templates.

    CONFIRMED, WAITLISTED and CANCELLED equal ReservationStatus values, because services
    pass a reservation's new status as the kind.
    """

    CONFIRMED = "confirmed", _("reservering bevestigd")
    WAITLISTED = "waitlisted", _("op de wachtlijst")
    PROMOTED = "promoted", _("van de wachtlijst bevestigd")
    CANCELLED = "cancelled", _("reservering geannuleerd")  # by the attendee
    EVENT_CHANGED = "event_changed", _("evenement gewijzigd")  # by the organiser
    EVENT_CANCELLED = "event_cancelled", _("evenement geannuleerd")  # by the organiser
    ORGANISER_MESSAGE = "organiser_message", _("bericht van de organisatie")
    REMINDER = "reminder", _("herinnering")  # before the event


class MailStatus(models.TextChoices):
    """Where one mail is in its life: queued until a worker delivered it or gave up."""

    QUEUED = "queued", _("in de wachtrij")
    SENT = "sent", _("verstuurd")
    FAILED = "failed", _("mislukt")
    # No longer true when its turn came (a confirmation for a reservation cancelled since).
    SKIPPED = "skipped", _("vervallen")
