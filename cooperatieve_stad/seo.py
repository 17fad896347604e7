"""robots.txt and the sitemap: what search engines may index. Drafts never appear.

The sitemap is assembled from each app's own sitemaps.py; the shell adds the overview
pages that have no object of their own.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from common.links import absolute_url
from common.sitemaps import SiteSitemap
from events.sitemaps import SITEMAPS as EVENT_SITEMAPS
from initiatives.sitemaps import SITEMAPS as INITIATIVE_SITEMAPS
from sessions.sitemaps import SITEMAPS as PROGRAMME_SITEMAPS


@require_safe
@cache_control(max_age=86400, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /i18n/",
        "",
        f"Sitemap: {absolute_url(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


class PagesSitemap(SiteSitemap):
    """The overview pages that have no object of their own."""

    changefreq = "daily"

    def items(self) -> list[str]:
        return [
            "home",
            "events:agenda",
            "initiatives:directory",
            "initiatives:collections",
            "initiatives:documents",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {
    "pages": PagesSitemap,
    **EVENT_SITEMAPS,
    **PROGRAMME_SITEMAPS,
    **INITIATIVE_SITEMAPS,
}
