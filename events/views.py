"""Home, agenda, event and series pages. The event page shows the programme and places left
through the queries of the programme and reservations apps."""

from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from common.page_cache import cache_public_page
from common.pagination import paginate
from events.event_page import build_programme, public_programme, render_event_page
from events.filters import AgendaFilter
from events.models import Event, Series
from events.queries import events_hosted_by, public_series
from reservations.my_programme import is_saved, saved_ids
from reservations.queries import (
    active_reservation,
    public_events_with_places,
    recent_seat_counts,
    seat_counts,
)
from reservations.services import why_not_reservable
from sessions.queries import featured_initiatives

AGENDA_PAGE_SIZE = 10


@cache_public_page(availability=True)
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "events/home.html",
        {
            "events": public_events_with_places().upcoming()[:6],
            "series_list": public_series(),
            "initiatives": featured_initiatives(limit=6),
        },
    )


@cache_public_page(availability=True)
def agenda(request: HttpRequest) -> HttpResponse:
    agenda_filter = AgendaFilter(request.GET, queryset=public_events_with_places())
    page = paginate(request, agenda_filter.qs, per_page=AGENDA_PAGE_SIZE)
    saved = saved_ids(request.user, "event", (event.pk for event in page.object_list))
    return render(
        request,
        "events/agenda.html",
        {"filter": agenda_filter, "page_obj": page, "saved_event_ids": saved},
    )


@cache_public_page(availability=True)
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event.objects.published(), slug=slug)
    counts = recent_seat_counts(event)
    counts.apply_to(event)
    return render_event_page(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "reservation_problem": why_not_reservable(event),
            "my_reservation": active_reservation(event, request.user),
            # The visitor's own "Bewaar" beside their reservation, outside the shared programme.
            "offer_save": True,
            "event_saved": is_saved(request.user, "event", event.pk),
        },
        public_programme(event).filled(event, counts),
    )


@cache_public_page(availability=True)
def series_detail(request: HttpRequest, slug: str) -> HttpResponse:
    series = get_object_or_404(Series, slug=slug)
    events = public_events_with_places().filter(series=series).order_by("-starts_at")
    return render(request, "events/series_detail.html", {"series": series, "events": events})


@staff_member_required
@require_safe
def preview(request: HttpRequest, slug: str) -> HttpResponse:
    """The event page as the public will see it, drafts included, marked as a preview."""
    event = get_object_or_404(events_hosted_by(request.user), slug=slug)
    # Drafts are never in the shared cache: the preview renders its programme itself.
    counts = seat_counts(event)
    counts.apply_to(event)
    response = render_event_page(
        request,
        "events/event_preview.html",
        {"event": event, "reservation_problem": why_not_reservable(event), "my_reservation": None},
        build_programme(events_hosted_by(request.user), event.pk).filled(event, counts),
    )
    # Private to its organisers: no shared cache keeps it, no search engine lists it.
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
