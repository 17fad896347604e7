"""The portal's time zone: every event takes place in the Netherlands.

Pages follow TIME_ZONE; what leaves the site (mails, calendar files, JSON-LD) and what
copies wall-clock times (duplication, demo data) uses this zone explicitly, so that it
never depends on the active time zone of a request or a worker.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

TZID = "Europe/Amsterdam"
AMSTERDAM = ZoneInfo(TZID)


def in_amsterdam(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment, AMSTERDAM)
