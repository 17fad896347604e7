"""Apply a programme spreadsheet to an event: all of it, in one transaction, or nothing."""

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from common.errors import ServiceError
from events.models import Event
from sessions.models import Session, SessionSpeaker, Sitting, Theme
from sessions.programme_import.checking import Plan, SessionPlan, check_rows
from sessions.programme_import.reading import Row


class ImportRejected(ServiceError):
    def __init__(self, message: str, *, code: str, plan: Plan | None = None) -> None:
        super().__init__(message, code=code)
        self.plan = plan


def import_programme(*, event_id: int, rows: list[Row]) -> Plan:
    """Check `rows` again against the event as it is now, then create and change what the
    preview showed. New speakers and organisations are managed by the event's organiser
    (sessions/speaker_entry.py)."""
    with transaction.atomic():
        # Two imports of one event at once would both create the same new sessions.
        event = Event.objects.select_for_update().filter(pk=event_id).first()
        if event is None:
            raise ImportRejected(_("Dit evenement bestaat niet meer."), code="no_event")
        plan = check_rows(event, rows)
        if plan.errors:
            raise ImportRejected(
                _("Het bestand bevat fouten; er is niets opgeslagen."), code="invalid", plan=plan
            )
        _Applier(plan).apply()
        return plan


class _Applier:
    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.event = plan.event

    def apply(self) -> None:
        plan = self.plan
        for number, new in sorted(plan.new_themes.items()):
            plan.themes[number] = Theme.objects.create(
                event=self.event, number=number, title=new.title
            )
        assert plan.speakers is not None  # matched by check_rows
        plan.speakers.apply()
        self.speakers = plan.speakers.speakers
        taken = set(Session.objects.filter(event=self.event).values_list("slug", flat=True))
        for session_plan in plan.sessions:
            if session_plan.status != "unchanged":
                self._apply_session(session_plan, taken)

    def _apply_session(self, plan: SessionPlan, taken_slugs: set[str]) -> None:
        theme = self.plan.themes[plan.theme_number] if plan.theme_number is not None else None
        session = plan.existing
        if session is None:
            session = Session(event=self.event, code=plan.code)
            session.slug = _free_slug_in(slugify(f"{plan.code} {plan.title}"), taken_slugs)
            taken_slugs.add(session.slug)
        session.title = plan.title
        session.summary = plan.summary
        session.description = plan.description
        session.theme = theme
        session.save()

        wanted = [(self.speakers[line.key].pk, line.role) for line in plan.speakers]
        current = [(line.speaker_id, line.role) for line in getattr(session, "speaker_lines", [])]
        if wanted != current:
            session.session_speakers.all().delete()
            for order, (speaker_id, role) in enumerate(wanted, start=1):
                SessionSpeaker.objects.create(
                    session=session, speaker_id=speaker_id, role=role, order=order
                )
        session.initiatives.set(plan.initiatives)

        for sitting in plan.removed_sittings:
            sitting.delete()
        for sitting_plan in plan.sittings:
            sitting = sitting_plan.existing or Sitting(session=session, slot=sitting_plan.slot)
            if sitting.pk and (sitting.room, sitting.capacity) == (
                sitting_plan.room,
                sitting_plan.capacity,
            ):
                continue
            sitting.room = sitting_plan.room
            sitting.capacity = sitting_plan.capacity
            sitting.save()


def _free_slug_in(base: str, taken: set[str]) -> str:
    base = base[:190] or "sessie"
    slug, counter = base, 2
    while slug in taken:
        slug, counter = f"{base}-{counter}", counter + 1
    return slug
