"""Reads of the programme, shaped once for the pages that show them."""

from django.db.models import Prefetch, QuerySet

from events.models import Event
from sessions.models import Session, SessionSpeaker, Sitting, Speaker


def public_sessions() -> QuerySet[Session]:
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
                "sittings", queryset=Sitting.objects.select_related("slot"), to_attr="sitting_list"
            ),
            "initiatives",
        )
    )


def speaker_with_sessions() -> QuerySet[Speaker]:
    sessions = Session.objects.filter(event__in=Event.objects.published()).select_related("event")
    return Speaker.objects.select_related("organisation").prefetch_related(
        Prefetch(
            "sessions",
            queryset=sessions.order_by("-event__starts_at", "code"),
            to_attr="session_list",
        )
    )
