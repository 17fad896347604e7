from django.db import models
from django.utils.translation import gettext_lazy as _


class EventFormat(models.TextChoices):
    ON_SITE = "on_site", _("op locatie")
    LIVECAST = "livecast", _("livecast")
    HYBRID = "hybrid", _("hybride")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("concept")
    PUBLISHED = "published", _("gepubliceerd")
    CANCELLED = "cancelled", _("geannuleerd")


# Events the public may see: a cancelled event stays visible so that people learn it is off.
VISIBLE_EVENT_STATUSES = (EventStatus.PUBLISHED, EventStatus.CANCELLED)

# Formats with an online part: the event's livestream and participation links apply.
ONLINE_FORMATS = (EventFormat.LIVECAST, EventFormat.HYBRID)
