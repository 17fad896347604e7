from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from common.page_cache import cache_public_page
from reservations.my_programme import is_saved
from reservations.queries import sittings_with_seats
from sessions.queries import public_sessions, speaker_with_programme


@cache_public_page(availability=True)
def session_detail(request: HttpRequest, event_slug: str, slug: str) -> HttpResponse:
    session = get_object_or_404(
        public_sessions(sittings=sittings_with_seats()), event__slug=event_slug, slug=slug
    )
    return render(
        request,
        "sessions/session_detail.html",
        {"session": session, "session_saved": is_saved(request.user, "session", session.pk)},
    )


@cache_public_page()
def speaker_detail(request: HttpRequest, slug: str) -> HttpResponse:
    speaker = get_object_or_404(speaker_with_programme(), slug=slug)
    return render(request, "sessions/speaker_detail.html", {"speaker": speaker})
