"""Tags of the event page's cached parts (events/event_page.py)."""

from collections.abc import Iterable

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from events import event_page
from sessions.models import SessionSpeaker, Sitting

register = template.Library()


@register.simple_tag
def seats_left_mark(sitting: Sitting) -> SafeString:
    """Where the seats left of the moment go: filled in per request."""
    return mark_safe(event_page.seats_mark(sitting))


@register.simple_tag
def places_left_mark() -> SafeString:
    """Where the event's places left of the moment go: filled in per request."""
    return mark_safe(event_page.PLACES_MARK)


@register.simple_tag
def speaker_names(roles: Iterable[SessionSpeaker]) -> SafeString:
    """ "Name (Organisation), Name": each linked to the address add_addresses() gave it."""
    return format_html_join(
        ", ",
        '<a href="{}">{}</a>{}',
        (
            (
                role.speaker.url,  # type: ignore[attr-defined]  # set by add_addresses()
                role.speaker.name,
                format_html(" ({})", role.speaker.organisation.name)
                if role.speaker.organisation
                else "",
            )
            for role in roles
        ),
    )
