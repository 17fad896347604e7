"""Saving ("Bewaar") events and sessions in one's own programme, and forgetting them.

Both are idempotent: saving what is saved, or forgetting what is not, changes nothing, so
a double click or the script's request followed by the form's does no harm. Only what the
public sees can be saved: a draft (or a session of a draft) is as unknown as a wrong id.
"""

from typing import Literal

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from common.errors import ServiceError
from events.models import Event
from reservations.models import SavedItem
from sessions.models import Session

Kind = Literal["event", "session"]
KINDS: tuple[Kind, ...] = ("event", "session")


class SaveError(ServiceError):
    pass


def _saveable(kind: Kind, item_id: int) -> Event | Session:
    if kind == "event":
        found: Event | Session | None = Event.objects.published().filter(pk=item_id).first()
    else:
        found = (
            Session.objects.filter(pk=item_id, event__in=Event.objects.published())
            .select_related("event")
            .first()
        )
    if found is None:
        raise SaveError(_("Dit bestaat niet (meer)."), code="unknown")
    return found


def save_item(*, user: User, kind: Kind, item_id: int) -> SavedItem:
    """Keeps the published event or session in the person's programme (once)."""
    with transaction.atomic():
        item = _saveable(kind, item_id)
        if isinstance(item, Event):
            saved, _created = SavedItem.objects.get_or_create(user=user, event=item)
        else:
            saved, _created = SavedItem.objects.get_or_create(user=user, session=item)
    return saved


def unsave_item(*, user: User, kind: Kind, item_id: int) -> None:
    """Takes the event or session out of the person's programme, whatever its state now."""
    with transaction.atomic():
        SavedItem.objects.filter(user=user, **{f"{kind}_id": item_id}).delete()
