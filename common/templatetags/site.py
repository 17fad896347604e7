from django import template
from django.db.models.fields.files import ImageFieldFile
from django.template import Context
from django.utils.safestring import SafeString, mark_safe

from common.images import resized_url
from common.links import absolute_url
from common.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    return mark_safe(render_markdown(text))


@register.simple_tag
def resized(image: ImageFieldFile | None, width: int) -> str:
    return resized_url(image, int(width))


@register.simple_tag(takes_context=True)
def absolute_uri(context: Context, path: str = "") -> str:
    """An absolute URL on the public site, for canonical, Open Graph and feeds."""
    request = context.get("request")  # absent on the 500 page, which renders without context
    return absolute_url(path or (request.path if request else "/"))
