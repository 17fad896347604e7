"""Attendees: reserve, see and change their reservations, cancel, and their private feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST, require_safe

from common.http import AuthenticatedRequest, uncompressed
from common.links import absolute_url, webcal_url
from common.ratelimits import limit
from events.calendars import CONTENT_TYPE
from events.event_page import public_rounds
from events.models import Event
from reservations import services
from reservations.enums import ReservationStatus
from reservations.forms import ReservationForm, SessionChoiceForm
from reservations.models import CalendarFeed, Reservation
from reservations.my_programme import programme_calendar
from reservations.queries import (
    SeatCounts,
    active_reservation,
    forget_seat_counts,
    recent_seat_counts,
    reservations_of,
    seat_counts,
)
from sessions.models import Slot

MY_RESERVATIONS = "reservations:my_reservations"


def rounds_with_seats(event: Event, counts: SeatCounts) -> list[Slot]:
    """The event's break-out rounds as cached for the forms, with the seats of `counts`;
    the event gets its places left."""
    rounds = public_rounds(event)
    counts.apply_to(event, (sitting for round_ in rounds for sitting in round_.sitting_list))  # type: ignore[attr-defined]  # as prefetched (to_attr)
    return rounds


def reservation_form(
    request: AuthenticatedRequest, event: Event, counts: SeatCounts, *, offer_waiting_list: bool
) -> ReservationForm:
    return ReservationForm(
        request.POST or None,
        event=event,
        rounds=rounds_with_seats(event, counts),
        initial={"name": request.user.get_full_name()},
        offer_waiting_list=offer_waiting_list,
    )


@login_required
@limit("reserve")
def reserve(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event.objects.published(), slug=slug)
    problem = services.why_not_reservable(event)
    existing = active_reservation(event, request.user)
    if problem or existing:
        messages.info(
            request,
            problem.message if problem else _("Je hebt al een reservering voor dit evenement."),
        )
        return redirect(MY_RESERVATIONS if existing else event.get_absolute_url())
    form = reservation_form(
        request,
        event,
        recent_seat_counts(event),
        offer_waiting_list=ReservationForm.WAIT_FIELD in request.POST,
    )
    if request.method == "POST" and form.is_valid():
        try:
            reservation = services.reserve(
                event_id=event.pk,
                user=request.user,
                name=form.cleaned_data["name"],
                email=request.user.email,
                dietary_wishes=form.cleaned_data.get("dietary_wishes", ""),
                sitting_ids=form.sitting_ids(),
                wait_for_full_sittings=form.wait_for_full_sittings(),
            )
        except services.SittingFullError as error:
            # The form again, with the seats as they are now and what was filled in, the
            # full session marked and the waiting list for it offered. The next pages
            # count anew too, rather than show the session free for a few more seconds.
            forget_seat_counts(event)
            form = reservation_form(request, event, seat_counts(event), offer_waiting_list=True)
            form.is_valid()
            form.refuse_full(error.sittings)
        except services.ReservationError as error:
            form.add_error(None, error.message)
        else:
            if reservation.status == ReservationStatus.CONFIRMED:
                messages.success(
                    request, _("Je plaats is gereserveerd. Je krijgt een bevestiging per e-mail.")
                )
            elif not event.is_full:
                messages.info(
                    request,
                    _(
                        "Je staat op de wachtlijst voor je gekozen sessie. We mailen je zodra er een plaats vrijkomt."
                    ),
                )
            else:
                messages.info(
                    request,
                    _(
                        "Het evenement is vol: je staat op de wachtlijst. We mailen je zodra er een plaats vrijkomt."
                    ),
                )
            return redirect(MY_RESERVATIONS)
    return render(request, "reservations/reserve.html", {"event": event, "form": form})


@login_required
@require_safe
@uncompressed  # holds the calendar-feed token (README → Signed-in pages)
def my_reservations(request: AuthenticatedRequest) -> HttpResponse:
    feed = CalendarFeed.objects.filter(user=request.user).first()
    feed_url = (
        absolute_url(reverse("reservations:personal_feed", args=[feed.token])) if feed else ""
    )
    return render(
        request,
        "reservations/my_reservations.html",
        {
            "reservations": reservations_of(request.user),
            "feed": feed,
            "feed_url": feed_url,
            "feed_subscribe_url": webcal_url(feed_url) if feed else "",
        },
    )


def refuse_nul(key: str) -> None:
    """No code or token holds NUL, and PostgreSQL refuses it in a query (found by fuzzing)."""
    if "\x00" in key:
        raise Http404


def own_reservation(request: AuthenticatedRequest, code: str) -> Reservation:
    """The visitor's own reservation by its code; anybody else's does not exist for them."""
    refuse_nul(code)
    return get_object_or_404(Reservation, code=code.upper(), user=request.user)


@login_required
@limit("change_sessions")
def change_sessions(request: AuthenticatedRequest, code: str) -> HttpResponse:
    reservation = own_reservation(request, code)
    if reservation.status == ReservationStatus.CANCELLED or reservation.event.is_past:
        raise Http404
    # An event turned back into a draft has no public programme to choose from.
    event = get_object_or_404(Event.objects.published(), pk=reservation.event_id)
    chosen = dict(reservation.seat_choices.values_list("slot_id", "sitting_id"))
    rounds = rounds_with_seats(event, recent_seat_counts(event))
    form = SessionChoiceForm(request.POST or None, rounds=rounds, chosen=chosen)
    if request.method == "POST" and form.is_valid():
        try:
            services.choose_seats(
                reservation_id=reservation.pk, user=request.user, sitting_ids=form.sitting_ids()
            )
        except services.ReservationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Je sessiekeuze is opgeslagen."))
            return redirect(MY_RESERVATIONS)
    return render(
        request,
        "reservations/change_sessions.html",
        {"reservation": reservation, "event": event, "form": form},
    )


@login_required
@limit("cancel")
def cancel(request: AuthenticatedRequest, code: str) -> HttpResponse:
    reservation = own_reservation(request, code)
    if request.method == "POST":
        try:
            services.cancel(reservation_id=reservation.pk, user=request.user)
        except services.ReservationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Je reservering is geannuleerd."))
        return redirect(MY_RESERVATIONS)
    if reservation.status == ReservationStatus.CANCELLED:
        messages.info(request, _("Deze reservering was al geannuleerd."))
        return redirect(MY_RESERVATIONS)
    return render(request, "reservations/cancel.html", {"reservation": reservation})


@login_required
@require_POST
def renew_feed(request: AuthenticatedRequest) -> HttpResponse:
    services.renew_calendar_feed(user=request.user)
    messages.success(
        request, _("Je persoonlijke agenda heeft een nieuwe link. De oude werkt niet meer.")
    )
    return redirect(MY_RESERVATIONS)


@require_safe
@cache_control(private=True, no_store=True)
@uncompressed  # holds its own token, like every response that does
def personal_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The events someone holds an active reservation for, with their sessions, and what
    they saved ("Mijn programma"); the token is the only key."""
    refuse_nul(token)
    feed = get_object_or_404(CalendarFeed, token=token)
    calendar = programme_calendar(feed.user_id, feed_url=request.build_absolute_uri(request.path))
    return HttpResponse(calendar.to_ical(), content_type=CONTENT_TYPE)
