"""Who may see and change what, per organisation: the one place that decides it.

A staff user works for organisations through a Membership with a role:
- an editor edits the organisation's events with everything in them (programme, themes,
  slots, sittings, FAQ, speakers it manages) and sees their reservations;
- a host sees the participant list of the organisation's events and checks people in.
Superusers see and change everything. Staff without a membership see nothing, whatever
model permissions they hold, so that personal data of an event stays with its organisers.

Everything else (admin, participant pages, draft preview) asks these functions.

Which organisation an object belongs to, each model says itself, so that this app names
none of the apps above it:
- `organisation_lookup`, a class attribute: the lookup from the model to its organisation,
  such as "event__organiser" (Session) or "organiser" (Event);
- or, for rows shared between organisations (speakers), a queryset method
  `for_organisations(ids, *, editing)`: the rows those organisations may see or change.
Models with neither (organisations, initiatives, series, venues, …) are reference data of
the whole portal.
"""

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as Account
from django.db.models import Model, QuerySet

from initiatives.models import Organisation
from teams.enums import EDITING_ROLES, HOSTING_ROLES
from teams.models import Membership

# Django's own user model is AUTH_USER_MODEL.
User = Account | AnonymousUser

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


def organisation_lookup(model: type[Model]) -> str | None:
    return getattr(model, "organisation_lookup", None)


def _own_rule(model: type[Model]) -> bool:
    return hasattr(model._default_manager.all(), "for_organisations")


def bound_to_organisation(model: type[Model]) -> bool:
    return organisation_lookup(model) is not None or _own_rule(model)


def scope(queryset: QuerySet, user: User, roles: Iterable[str] = EDITING_ROLES) -> QuerySet:
    """Narrow `queryset` to the objects of the user's organisations (in one of `roles`).

    Shared rows (their own rule) are seen by editors, whatever `roles` asks for."""
    if sees_everything(user):
        return queryset
    lookup = organisation_lookup(queryset.model)
    if lookup is None:
        shared: Any = queryset  # a queryset with its own rule (see the module's docstring)
        return shared.for_organisations(organisation_ids(user, EDITING_ROLES), editing=False)
    return queryset.filter(**{f"{lookup}__in": organisation_ids(user, roles)})


def organisation_id_of(obj: Model, path: str) -> int | None:
    """Follow a lookup path such as "event__organiser" on a loaded object."""
    *steps, last = path.split("__")
    current: Model | None = obj
    for step in steps:
        current = getattr(current, step, None)
        if current is None:
            return None
    return getattr(current, f"{last}_id", None)


def may_see(user: User, obj: Model, roles: Iterable[str] = EDITING_ROLES) -> bool:
    if sees_everything(user):
        return True
    lookup = organisation_lookup(type(obj))
    if lookup is None:
        return scope(type(obj)._default_manager.filter(pk=obj.pk), user, roles).exists()
    return organisation_id_of(obj, lookup) in organisation_ids(user, roles)


def may_change(user: User, obj: Model) -> bool:
    if organisation_lookup(type(obj)) is None and not sees_everything(user):
        ids = organisation_ids(user, EDITING_ROLES)
        manager: Any = type(obj)._default_manager
        rows = manager.for_organisations(ids, editing=True)
        return rows.filter(pk=obj.pk).exists()
    return may_see(user, obj, EDITING_ROLES)


def organisations_edited_by(user: User) -> QuerySet[Organisation]:
    if sees_everything(user):
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=organisation_ids(user, EDITING_ROLES))
