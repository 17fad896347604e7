"""The ``<iframe>`` code that partners copy from the event page (events/embeds.py)."""

from django import template
from django.utils.html import escape
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def iframe_code(url: str, event_title: str) -> str:
    """The element as text to copy: escaped here, as HTML to paste must be, and once more
    by the template that shows it (a plain string, not marked safe)."""
    title = gettext("Programma van %(title)s") % {"title": event_title}
    code = '<iframe src="{}" title="{}" width="100%" height="600" loading="lazy"></iframe>'
    return code.format(escape(url), escape(title))
