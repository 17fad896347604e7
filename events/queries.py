"""Reads of events, series and venues, shaped once for the pages, feeds and filters.

Only this app's own models: the programme (sessions.queries) and places left
(reservations.queries) add their parts to these querysets.
"""

from typing import TypeVar

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from events.models import Event, EventQuerySet, Series
from initiatives.models import Organisation
from teams import permissions
from teams.enums import EDITING_ROLES, HOSTING_ROLES
from teams.permissions import User

# Any queryset of events, kept as it came (an EventQuerySet keeps upcoming() and past()).
Events = TypeVar("Events", bound=QuerySet[Event])


def with_event_details(events: Events) -> Events:
    """`events` with their series, organiser and venue."""
    return events.select_related("series", "organiser", "venue")


def public_events() -> EventQuerySet:
    """Published and cancelled events with their series, organiser and venue."""
    return with_event_details(Event.objects.published())


def public_series() -> QuerySet[Series]:
    """Series with at least one public event, by name.

    A series has no draft state of its own; one that so far holds only drafts would
    announce them by its name, so lists and the sitemap leave it out until an event is
    published (its page still answers, empty).
    """
    events = Event.objects.published().filter(series=OuterRef("pk"))
    return Series.objects.filter(Exists(events)).order_by("name")


def with_public_events(organisations: QuerySet[Organisation]) -> QuerySet[Organisation]:
    """Organisations with the public events they organise (`organised_list`) and partner
    on (`partner_list`), newest first."""
    events = Event.objects.published().select_related("venue").order_by("-starts_at")
    return organisations.prefetch_related(
        Prefetch("organised_events", queryset=events, to_attr="organised_list"),
        Prefetch("partner_events", queryset=events, to_attr="partner_list"),
    )


def events_editable_by(user: User) -> QuerySet[Event]:
    """Events whose page, programme and reservations the user may edit."""
    return permissions.scope(Event.objects.all(), user, EDITING_ROLES)


def events_hosted_by(user: User) -> QuerySet[Event]:
    """Events whose participant list, check-in and draft preview the user may open."""
    return permissions.scope(Event.objects.all(), user, HOSTING_ROLES)


def organised_or_partnered_by(events: Events, organisation: Organisation) -> Events:
    """`events` that `organisation` organises or is a partner of (each once)."""
    partnered = Event.partners.through.objects.filter(
        event=OuterRef("pk"), organisation=organisation
    )
    return events.filter(Q(organiser=organisation) | Q(Exists(partnered)))
