from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from events.models import Series
from events.queries import event_with_programme, public_events


def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(event_with_programme(), slug=slug)
    return render(request, "events/event_detail.html", {"event": event})


def series_detail(request: HttpRequest, slug: str) -> HttpResponse:
    series = get_object_or_404(Series, slug=slug)
    events = public_events().filter(series=series).order_by("-starts_at")
    return render(request, "events/series_detail.html", {"series": series, "events": events})
