"""What the programme editor shows, loaded in a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch

from initiatives.models import Initiative
from sessions.models import Session, SessionSpeaker, Sitting, Slot, Speaker, Theme
from sessions.timeline import spans_several_days


@dataclass
class EditorProgramme:
    slots: list[Slot]
    themes: list[Theme]
    sessions: list[Session]
    # Whether times alone do not say when a slot is (sessions.timeline): then the editor
    # asks, and shows, each slot's day.
    several_days: bool = False
    rounds: list[Slot] = field(init=False)

    def __post_init__(self) -> None:
        self.rounds = [slot for slot in self.slots if slot.is_round]


def editor_programme(event) -> EditorProgramme:
    """The event's slots (with their plenary speakers), themes and sessions, each session
    with its sittings (and how many seats are chosen in them), speakers with their
    organisation, and initiatives."""
    on_stage = Speaker.objects.select_related("organisation").order_by("name", "pk")
    slots = list(
        event.slots.order_by("starts_at", "ends_at").prefetch_related(
            Prefetch("speakers", queryset=on_stage, to_attr="editor_speakers")
        )
    )
    themes = list(Theme.objects.filter(event=event).order_by("number"))
    sittings = Sitting.objects.annotate(choices=Count("seat_choices")).order_by("slot__starts_at")
    speakers = SessionSpeaker.objects.select_related("speaker__organisation").order_by(
        "order", "id"
    )
    sessions = list(
        Session.objects.filter(event=event)
        .select_related("theme")
        .order_by("theme__number", "code", "title")
        .prefetch_related(
            Prefetch("sittings", queryset=sittings, to_attr="editor_sittings"),
            Prefetch("session_speakers", queryset=speakers, to_attr="editor_speakers"),
            "initiatives",
        )
    )
    return EditorProgramme(
        slots=slots,
        themes=themes,
        sessions=sessions,  # type: ignore[arg-type]  # annotated sessions
        several_days=spans_several_days(event),
    )


def initiative_names() -> list[str]:
    """Every initiative's name, the suggestions of the editor's initiatives field: the
    same initiatives that field accepts (any, by name), read in one query."""
    return list(Initiative.objects.order_by("name").values_list("name", flat=True).distinct())
