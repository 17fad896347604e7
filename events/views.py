from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from cooperatieve_stad.page_cache import cache_public_page
from cooperatieve_stad.pagination import paginate
from events.filters import AgendaFilter
from events.models import Reservation, Series
from events.queries import (
    event_with_programme,
    featured_initiatives,
    public_events,
    public_series,
)
from events.services import why_not_reservable

AGENDA_PAGE_SIZE = 10


@cache_public_page(availability=True)
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "events/home.html",
        {
            "events": public_events().upcoming()[:6],
            "series_list": public_series(),
            "initiatives": featured_initiatives(limit=6),
        },
    )


@cache_public_page(availability=True)
def agenda(request: HttpRequest) -> HttpResponse:
    agenda_filter = AgendaFilter(request.GET, queryset=public_events())
    page = paginate(request, agenda_filter.qs, per_page=AGENDA_PAGE_SIZE)
    return render(request, "events/agenda.html", {"filter": agenda_filter, "page_obj": page})


@cache_public_page(availability=True)
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(event_with_programme(), slug=slug)
    mine = None
    if request.user.is_authenticated:
        mine = Reservation.objects.active().filter(event=event, user=request.user).first()
    return render(
        request,
        "events/event_detail.html",
        {"event": event, "reservation_problem": why_not_reservable(event), "my_reservation": mine},
    )


@cache_public_page(availability=True)
def series_detail(request: HttpRequest, slug: str) -> HttpResponse:
    series = get_object_or_404(Series, slug=slug)
    events = public_events().filter(series=series).order_by("-starts_at")
    return render(request, "events/series_detail.html", {"series": series, "events": events})
