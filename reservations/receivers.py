"""How reservations follow changes made in the apps below them (events.signals)."""

from events.models import Event
from events.signals import event_changed
from reservations import services


def on_event_changed(*, event: Event, changed: frozenset[str], **kwargs: object) -> None:
    services.event_changed(event=event, changed=changed)


def connect() -> None:
    event_changed.connect(on_event_changed, sender=Event, dispatch_uid="reservations-event")
