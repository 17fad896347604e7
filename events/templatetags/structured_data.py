"""``{% event_json_ld event %}``: schema.org Event data for the event page's <head>."""

from django import template
from django.utils.safestring import SafeString

from events.models import Event
from events.structured_data import event_schema, json_ld_script

register = template.Library()


@register.simple_tag
def event_json_ld(event: Event) -> SafeString:
    """A JSON-LD data block; not executable, so the Content-Security-Policy allows it."""
    return json_ld_script(event_schema(event))
