"""What `events` tells the apps above it. It never imports them: they listen.

- ``event_changed``: an existing event was saved with other values in some of
  Event.TRACKED_FIELDS; ``changed`` holds their names. Sent inside the save's
  transaction, whoever saved (admin, shell, an import), so the reservations app can
  promote the waiting list and tell the attendees.
- ``event_copied``: ``duplicate_event`` made ``copy`` of ``original``; ``shift`` moves a
  moment of the original by the wall-clock distance between the two starts. The
  programme app copies its part (slots, themes, sessions, sittings, moderator).
"""

from django.dispatch import Signal

event_changed = Signal()
event_copied = Signal()
