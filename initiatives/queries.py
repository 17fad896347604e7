"""Reads of initiatives, organisations and collections, shaped once for their pages."""

from django.db.models import Prefetch, QuerySet

from events.models import Event
from initiatives.models import Collection, CollectionMembership, Initiative, Organisation
from sessions.models import Session


def public_initiatives() -> QuerySet[Initiative]:
    sessions = Session.objects.filter(event__in=Event.objects.published()).select_related("event")
    return Initiative.objects.select_related("organisation").prefetch_related(
        "domains",
        "documents",
        Prefetch("memberships", queryset=CollectionMembership.objects.select_related("collection")),
        Prefetch(
            "sessions", queryset=sessions.order_by("-event__starts_at"), to_attr="session_list"
        ),
    )


def organisation_with_relations() -> QuerySet[Organisation]:
    events = Event.objects.published().order_by("-starts_at")
    return Organisation.objects.prefetch_related(
        "speakers",
        "initiatives",
        Prefetch("organised_events", queryset=events, to_attr="organised_list"),
        Prefetch("partner_events", queryset=events, to_attr="partner_list"),
    )


def collection_with_members() -> QuerySet[Collection]:
    return Collection.objects.prefetch_related(
        "organisations",
        "documents",
        Prefetch("memberships", queryset=CollectionMembership.objects.select_related("initiative")),
    )
