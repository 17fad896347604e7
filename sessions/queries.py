"""Reads of the programme, shaped once for the pages that show them."""

from django.db.models import Prefetch, QuerySet

from events.models import Event
from events.queries import sittings_with_seats
from sessions.models import Session, SessionSpeaker, Slot, Speaker


def public_sessions() -> QuerySet[Session]:
    """Sessions of published (or cancelled) events, with speakers, sittings and seats left."""
    return (
        Session.objects.filter(event__in=Event.objects.published())
        .select_related("event", "theme")
        .prefetch_related(
            Prefetch(
                "session_speakers",
                queryset=SessionSpeaker.objects.select_related("speaker__organisation"),
                to_attr="speaker_list",
            ),
            Prefetch(
                "sittings",
                queryset=sittings_with_seats().select_related("slot"),
                to_attr="sitting_list",
            ),
            Prefetch("initiatives", to_attr="initiative_list"),
        )
    )


def speaker_with_programme() -> QuerySet[Speaker]:
    """A speaker with every public session, plenary part and moderated event, newest first."""
    public = Event.objects.published()
    roles = (
        SessionSpeaker.objects.filter(session__event__in=public)
        .select_related("session__event")
        .order_by("-session__event__starts_at", "session__code")
    )
    slots = Slot.objects.filter(event__in=public).select_related("event").order_by("-starts_at")
    return Speaker.objects.select_related("organisation").prefetch_related(
        Prefetch("session_roles", queryset=roles, to_attr="role_list"),
        Prefetch("slots", queryset=slots, to_attr="slot_list"),
        Prefetch(
            "moderated_events", queryset=public.order_by("-starts_at"), to_attr="moderated_list"
        ),
    )
