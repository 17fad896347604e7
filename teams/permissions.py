"""Who may see and change what, per organisation: the one place that decides it.

A staff user works for organisations through a Membership with a role:
- an editor edits the organisation's events with everything in them (programme, themes,
  slots, sittings, FAQ, speakers it manages) and sees their reservations;
- a host sees the participant list of the organisation's events and checks people in.
Superusers see and change everything. Staff without a membership see nothing, whatever
model permissions they hold, so that personal data of an event stays with its organisers.

Everything else (admin, participant pages, draft preview) asks these functions.
"""

from collections.abc import Iterable

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import Model, Q, QuerySet

from events.models import Event, EventFAQ, Reservation, UndeliveredMail
from initiatives.models import Organisation
from sessions.models import SeatChoice, Session, SessionSpeaker, Sitting, Slot, Speaker, Theme
from teams.enums import EDITING_ROLES, HOSTING_ROLES
from teams.models import Membership

User = AbstractBaseUser | AnonymousUser

# The user's roles are read once per request and kept on the user object.
_CACHE_ATTRIBUTE = "_organisation_roles"


def sees_everything(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def roles_of(user: User) -> dict[int, str]:
    """Organisation id → role. Only active staff can act for an organisation."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return {}
    roles = getattr(user, _CACHE_ATTRIBUTE, None)
    if roles is None:
        roles = dict(Membership.objects.filter(user=user).values_list("organisation_id", "role"))
        setattr(user, _CACHE_ATTRIBUTE, roles)
    return roles


def organisation_ids(user: User, roles: Iterable[str] = EDITING_ROLES) -> set[int]:
    wanted = set(roles)
    return {organisation for organisation, role in roles_of(user).items() if role in wanted}


def is_editor(user: User) -> bool:
    return sees_everything(user) or bool(organisation_ids(user, EDITING_ROLES))


def is_team_member(user: User) -> bool:
    return sees_everything(user) or bool(organisation_ids(user, HOSTING_ROLES))


# How each model that belongs to one event reaches the organisation behind it. Speakers are
# shared between events and have their own rule (below); the other models (organisations,
# initiatives, series, venues, …) are reference data of the whole portal.
ORGANISATION_PATHS: dict[type[Model], str] = {
    Event: "organiser",
    EventFAQ: "event__organiser",
    Reservation: "event__organiser",
    Slot: "event__organiser",
    Theme: "event__organiser",
    Session: "event__organiser",
    Sitting: "session__event__organiser",
    SessionSpeaker: "session__event__organiser",
    SeatChoice: "reservation__event__organiser",
    UndeliveredMail: "reservation__event__organiser",
}


def bound_to_organisation(model: type[Model]) -> bool:
    return model in ORGANISATION_PATHS or model is Speaker


def scope(queryset: QuerySet, user: User, roles: Iterable[str] = EDITING_ROLES) -> QuerySet:
    """Narrow `queryset` to the objects of the user's organisations (in one of `roles`)."""
    if sees_everything(user):
        return queryset
    if queryset.model is Speaker:
        return queryset.filter(_speaker_visible(organisation_ids(user, EDITING_ROLES)))
    path = ORGANISATION_PATHS[queryset.model]
    return queryset.filter(**{f"{path}__in": organisation_ids(user, roles)})


def organisation_id_of(obj: Model, path: str) -> int | None:
    """Follow a lookup path such as "event__organiser" on a loaded object."""
    *steps, last = path.split("__")
    for step in steps:
        obj = getattr(obj, step, None)
        if obj is None:
            return None
    return getattr(obj, f"{last}_id", None)


def may_see(user: User, obj: Model, roles: Iterable[str] = EDITING_ROLES) -> bool:
    if sees_everything(user):
        return True
    if isinstance(obj, Speaker):
        return speakers_visible_to(user).filter(pk=obj.pk).exists()
    path = ORGANISATION_PATHS[type(obj)]
    return organisation_id_of(obj, path) in organisation_ids(user, roles)


def may_change(user: User, obj: Model) -> bool:
    if isinstance(obj, Speaker) and not sees_everything(user):
        return speakers_editable_by(user).filter(pk=obj.pk).exists()
    return may_see(user, obj, EDITING_ROLES)


def organisations_edited_by(user: User) -> QuerySet[Organisation]:
    if sees_everything(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=organisation_ids(user, EDITING_ROLES))


def events_editable_by(user: User) -> QuerySet[Event]:
    return scope(Event.objects.all(), user, EDITING_ROLES)


def events_hosted_by(user: User) -> QuerySet[Event]:
    """Events whose participant list, check-in and draft preview the user may open."""
    return scope(Event.objects.all(), user, HOSTING_ROLES)


def can_edit(user: User, event: Event) -> bool:
    return may_see(user, event, EDITING_ROLES)


def can_host(user: User, event: Event) -> bool:
    return may_see(user, event, HOSTING_ROLES)


def _speaks_at_events_of(ids: set[int]) -> Q:
    on_plenary = Slot.speakers.through.objects.filter(slot__event__organiser__in=ids)
    return (
        Q(pk__in=SessionSpeaker.objects.filter(session__event__organiser__in=ids).values("speaker"))
        | Q(pk__in=on_plenary.values("speaker"))
        | Q(pk__in=Event.objects.filter(organiser__in=ids).values("moderator"))
    )


def _speaker_visible(ids: set[int]) -> Q:
    return Q(managed_by__in=ids) | _speaks_at_events_of(ids)


def speakers_visible_to(user: User) -> QuerySet[Speaker]:
    """Speakers an editor may see and choose: the ones the organisation manages, and the
    ones appearing in its events (managed by someone else or by nobody)."""
    speakers = Speaker.objects.all()
    if sees_everything(user):
        return speakers
    ids = organisation_ids(user, EDITING_ROLES)
    return speakers.filter(_speaker_visible(ids))


def speakers_editable_by(user: User) -> QuerySet[Speaker]:
    """A speaker managed by another organisation is theirs to change, even when they speak
    at our event; a speaker nobody manages (the demo's, older ones) is changed by those who
    put them on their programme."""
    speakers = Speaker.objects.all()
    if sees_everything(user):
        return speakers
    ids = organisation_ids(user, EDITING_ROLES)
    return speakers.filter(
        Q(managed_by__in=ids) | (Q(managed_by__isnull=True) & _speaks_at_events_of(ids))
    )
