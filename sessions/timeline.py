"""When a slot typed as times only takes place: the one rule for every form that asks for a
slot's times without its date (the programme editor's timeline, the event page's slots).

The date is the event's, in Europe/Amsterdam whatever zone the browser is in. An event
that runs past midnight takes a time before its start for the next day, and a slot that
ends at or before its start time ends the next day (23.30–00.30). An event that lasts
longer than a day cannot be read from times alone: there the form must ask for the day,
and a slot without one is refused.
"""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.timezone import AMSTERDAM, in_amsterdam

MIDNIGHT = dt.time(0, 0)

# A browser's own time input: no date, no time zone, and none of the admin's clock and
# "u ligt 1 uur achter" warnings (those come with the admin's AdminTimeWidget).
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def spans_several_days(event) -> bool:
    """Whether a time of day alone is ambiguous: the event lasts longer than a day."""
    start = in_amsterdam(event.starts_at)
    next_day = dt.datetime.combine(start.date() + dt.timedelta(days=1), start.time(), AMSTERDAM)
    return event.ends_at > next_day


def event_days(event) -> list[dt.date]:
    """The days (in Amsterdam) on which the event takes place; the day it ends at midnight
    does not count."""
    first, last = in_amsterdam(event.starts_at), in_amsterdam(event.ends_at)
    end = last.date()
    if last.time() == MIDNIGHT and end > first.date():
        end -= dt.timedelta(days=1)
    return [first.date() + dt.timedelta(days=n) for n in range((end - first.date()).days + 1)]


def day_field() -> forms.TypedChoiceField:
    """The day of a slot of an event that lasts several days; its choices: `day_choices`."""
    return forms.TypedChoiceField(
        label=gettext_lazy("dag"), required=False, coerce=dt.date.fromisoformat, empty_value=None
    )


def day_choices(event) -> list[tuple[str, str]]:
    """The event's days ("ma 6 okt"), none while the event has no times yet."""
    if event.starts_at is None or event.ends_at is None:
        return [("", "---------")]
    return [("", "---------")] + [
        (day.isoformat(), date_format(day, "D j M")) for day in event_days(event)
    ]


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, AMSTERDAM)


def slot_moments(
    event, starts: dt.time, ends: dt.time, day: dt.date | None = None
) -> tuple[dt.datetime, dt.datetime]:
    """The start and end of a slot of `event` typed as times (and, for an event of several
    days, the `day` it starts on).

    Raises a ValidationError (keyed "ends" for an end before the start, else for the whole
    row) when the slot ends before it starts, needs a day, or falls outside the event.
    """
    if day is None:
        if spans_several_days(event):
            raise ValidationError(
                _("Dit evenement duurt meer dan een dag: kies de dag van dit onderdeel.")
            )
        first_day = in_amsterdam(event.starts_at).date()
        start = _at(first_day, starts)
        if start < event.starts_at:  # a time before the event's start: after midnight
            start = _at(first_day + dt.timedelta(days=1), starts)
    else:
        start = _at(day, starts)
    end = _at(start.date(), ends)
    if end <= start:
        next_day = start.date() + dt.timedelta(days=1)
        if event.ends_at < _at(next_day, MIDNIGHT):
            raise ValidationError({"ends": _("Een onderdeel moet eindigen nadat het begint.")})
        end = _at(next_day, ends)
    if start < event.starts_at or end > event.ends_at:
        raise ValidationError(
            _("Dit onderdeel valt buiten de tijden van het evenement (%(start)s–%(end)s).")
            % {"start": _moment(event, event.starts_at), "end": _moment(event, event.ends_at)}
        )
    return start, end


def _moment(event, moment: dt.datetime) -> str:
    """ "15.00", or "8 okt 15.00" when the event runs on several days."""
    several = len(event_days(event)) > 1
    return date_format(in_amsterdam(moment), "j M H.i" if several else "H.i")
