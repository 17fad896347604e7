"""An event's programme as data for other sites and apps: the c3voc schedule (XML and JSON)
and our own JSON (README → "Schedule exports and embeds").

Each answers anyone (``Access-Control-Allow-Origin: *``), with an ETag (a 304 when the
client has it: ConditionalGetMiddleware, or the page cache) and a public Cache-Control.
Anonymous requests are served from the page cache; programma.json holds seats left, so its
copies follow PAGE_CACHE_AVAILABILITY_SECONDS as the event page does.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from common.cross_site import open_data
from common.page_cache import cache_public_page
from events.models import Event
from reservations.queries import recent_seat_counts
from sessions import schedule_exports
from sessions.programme_json import programme_json
from sessions.queries import event_with_programme, link_programme, with_featured_initiatives

# How long a client or proxy may keep an export before asking again (with its ETag).
SCHEDULE_MAX_AGE = 300
# programma.json holds seats left: no older than the pages show them.
PROGRAMME_MAX_AGE = 5


def public_programme_of(slug: str) -> Event:
    """The public event `slug` with its whole programme (404 for a draft or an unknown
    slug), in a fixed number of queries."""
    event = link_programme(get_object_or_404(event_with_programme(), slug=slug))
    with_featured_initiatives(event.session_list)  # type: ignore[attr-defined]  # prefetched
    return event


@require_safe
@open_data(max_age=SCHEDULE_MAX_AGE)
@cache_public_page()
def schedule_xml(request: HttpRequest, slug: str) -> HttpResponse:
    schedule = schedule_exports.build_schedule(public_programme_of(slug))
    return HttpResponse(
        schedule_exports.schedule_xml(schedule), content_type=schedule_exports.XML_CONTENT_TYPE
    )


@require_safe
@open_data(max_age=SCHEDULE_MAX_AGE)
@cache_public_page()
def schedule_json(request: HttpRequest, slug: str) -> HttpResponse:
    schedule = schedule_exports.build_schedule(public_programme_of(slug))
    return HttpResponse(
        schedule_exports.schedule_json_bytes(schedule),
        content_type=schedule_exports.JSON_CONTENT_TYPE,
    )


@require_safe
@open_data(max_age=PROGRAMME_MAX_AGE)
@cache_public_page(availability=True)
def programme(request: HttpRequest, slug: str) -> HttpResponse:
    event = public_programme_of(slug)
    counts = recent_seat_counts(event)
    data = programme_json(event, taken=counts.taken, confirmed=counts.confirmed)
    return HttpResponse(
        schedule_exports.json_bytes(data), content_type=schedule_exports.JSON_CONTENT_TYPE
    )
