"""Organisers at the door: the participant list, its CSV and check-in on a phone.

Editors and hosts of the event's organisation (and superusers) only: teams.permissions
decides, and any other event answers 404, so nobody learns another organisation's drafts
or participants.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from common.ratelimits import limit
from events.models import Event
from events.queries import events_hosted_by
from reservations import services
from reservations.participants import participants_csv
from reservations.queries import participants, sitting_counts


def organiser_event(request: HttpRequest, slug: str) -> Event:
    return get_object_or_404(events_hosted_by(request.user), slug=slug)


def door_search(data: QueryDict) -> str:
    """The search typed at the door. NUL is dropped: PostgreSQL refuses it in a query, and
    nobody types one (tests/fuzz/test_filters.py found it)."""
    return data.get("q", "").replace("\x00", "")[:100]


@staff_member_required
@require_safe
def participant_list(request: HttpRequest, slug: str) -> HttpResponse:
    event = organiser_event(request, slug)
    search = door_search(request.GET)
    return render(
        request,
        "reservations/participants.html",
        {
            "event": event,
            "participants": participants(event, search),
            "search": search,
            "sittings": sitting_counts(event),
        },
    )


@staff_member_required
@require_safe
def participant_csv(request: HttpRequest, slug: str) -> HttpResponse:
    event = organiser_event(request, slug)
    return participants_csv(participants(event), filename=f"deelnemers-{event.slug}.csv")


@staff_member_required
@require_POST
@limit("check_in")
def check_in(request: HttpRequest, slug: str, reservation_id: int) -> HttpResponse:
    event = organiser_event(request, slug)
    undo = request.POST.get("undo") == "1"
    try:
        if undo:
            reservation = services.undo_check_in(reservation_id=reservation_id, event_id=event.pk)
            messages.success(request, _("%(name)s is afgemeld.") % {"name": reservation.name})
        else:
            reservation = services.check_in(reservation_id=reservation_id, event_id=event.pk)
            messages.success(request, _("%(name)s is aangemeld.") % {"name": reservation.name})
    except services.ReservationError as error:
        messages.error(request, error.message)
    target = reverse("reservations:participants", args=[event.slug])
    search = door_search(request.POST)
    return redirect(f"{target}?{urlencode({'q': search})}" if search else target)
