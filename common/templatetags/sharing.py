from django import template

from common.links import absolute_url
from common.sharing import share_links

register = template.Library()


@register.inclusion_tag("includes/share.html")
def share(title: str, path: str) -> dict:
    """The share block of a public page: ``{% share event.title event.get_absolute_url %}``."""
    return {"title": title, "url": absolute_url(path), "links": share_links(title, path)}
