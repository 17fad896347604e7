"""Reads of events, shaped once for the pages that show them."""

from django.db.models import Prefetch, QuerySet

from events.models import Event
from sessions.models import Session, SessionSpeaker, Sitting, Slot


def public_events() -> QuerySet[Event]:
    return Event.objects.published().select_related("series", "organiser", "venue", "moderator")


def event_with_programme() -> QuerySet[Event]:
    speakers = SessionSpeaker.objects.select_related("speaker__organisation")
    sessions = Session.objects.select_related("theme").prefetch_related(
        Prefetch("session_speakers", queryset=speakers, to_attr="speaker_list")
    )
    sittings = Sitting.objects.select_related("session").prefetch_related(
        Prefetch("session__session_speakers", queryset=speakers, to_attr="speaker_list")
    )
    slots = Slot.objects.prefetch_related(
        "speakers", Prefetch("sittings", queryset=sittings, to_attr="sitting_list")
    )
    return public_events().prefetch_related(
        "partners",
        "faqs",
        Prefetch("slots", queryset=slots, to_attr="slot_list"),
        Prefetch("sessions", queryset=sessions, to_attr="session_list"),
    )
