"""The programme for other sites to frame: an event's programme, and an organisation's
upcoming events (README → "Schedule exports and embeds").

Compact pages of their own (no site header or footer, our own stylesheet, no script) that
any site may put in an ``<iframe>``: only these views loosen X-Frame-Options and the
policy's ``frame-ancestors`` (common.cross_site.frameable). Their links open in the whole
window (``target="_top"``): reserving needs our own page, with its sign-in, which a frame
on another site cannot offer (its cookies are third-party there).
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from common.cross_site import frameable
from common.links import address_maker
from common.page_cache import cache_public_page
from events.queries import organised_or_partnered_by
from initiatives.models import Organisation
from reservations.queries import public_events_with_places, recent_seat_counts
from sessions.queries import event_with_programme, link_programme

# An organisation's embed lists its next events, at most this many.
ORGANISATION_EVENTS = 12


@require_safe
@frameable
@cache_public_page(availability=True)
def event_embed(request: HttpRequest, slug: str) -> HttpResponse:
    event = link_programme(get_object_or_404(event_with_programme(), slug=slug))
    counts = recent_seat_counts(event)
    slots = event.slot_list  # type: ignore[attr-defined]  # prefetched (to_attr)
    counts.apply_to(event, (sitting for slot in slots for sitting in slot.sitting_list))
    session_url = address_maker("programme:session", event.slug)
    for session in event.session_list:  # type: ignore[attr-defined]  # prefetched (to_attr)
        session.url = session_url(session.slug)
    return render(request, "events/embed/event.html", {"event": event})


@require_safe
@frameable
@cache_public_page(availability=True)
def organisation_embed(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    events = organised_or_partnered_by(public_events_with_places().upcoming(), organisation)
    return render(
        request,
        "events/embed/organisation.html",
        {"organisation": organisation, "events": events[:ORGANISATION_EVENTS]},
    )
