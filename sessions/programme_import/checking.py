"""Rows of a programme spreadsheet checked against an event: what would be created and
changed, and every error by row and column.

The plan is computed from a fixed number of queries whatever the number of rows: the
event's rounds, themes and sessions (with their speakers, initiatives and sittings), and
the speakers, organisations and initiatives named anywhere in the file, each in one query.
The same function runs for the preview and again, inside the transaction, on confirm.

Matching, so that importing a file twice changes nothing:
- a session by its code within the event; a sitting by session and round;
- a theme by its number (or its title); a round by its number in the event's timeline
  (1 = the first break-out round) or its title;
- speakers and organisations as the programme editor does (sessions/speaker_entry.py);
  initiatives by name, ignoring case and spacing.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from common.validators import CONTROL_CHARACTERS
from events.models import Event
from initiatives.models import Initiative
from sessions.enums import SlotKind, SpeakerRole
from sessions.models import Session, SessionSpeaker, Sitting, Slot, Theme
from sessions.programme_import import reading as col
from sessions.programme_import.reading import Row
from sessions.speaker_entry import (
    NewOrganisation,
    NewSpeaker,
    SpeakerEntry,
    SpeakerMatch,
    known_by_name,
    match_speakers,
    name_key,
    read_speaker_entries,
)

ROUND_NUMBERS = re.compile(r"(?:rondes?\s*)?\d+(?:\s*(?:,|&|\+|/|en|and)\s*\d+)*", re.IGNORECASE)
THEME_WITH_NUMBER = re.compile(r"(?:thema\s*)?(\d+)\s*[.:)]?\s*(.*)", re.IGNORECASE | re.DOTALL)
LIST_SEPARATORS = re.compile(r"\s*[;\n]\s*")


def split_list(cell: str) -> list[str]:
    return [part for part in LIST_SEPARATORS.split(cell.strip()) if part]


@dataclass(frozen=True)
class CellError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("rij %(row)s, kolom %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class NewTheme:
    number: int
    title: str


@dataclass
class SpeakerLine:
    key: str  # name_key: an existing speaker's or a NewSpeaker's
    name: str
    role: str


@dataclass
class SittingPlan:
    slot: Slot
    number: int  # of the round in the event's timeline
    room: str
    capacity: int | None
    existing: Sitting | None = None

    def describe(self) -> str:
        seats = (
            _("onbeperkt")
            if self.capacity is None
            else _("%(count)s plaatsen") % {"count": self.capacity}
        )
        room = self.room or _("zonder zaal")
        return _("ronde %(number)s (%(room)s, %(seats)s)") % {
            "number": self.number,
            "room": room,
            "seats": seats,
        }


@dataclass
class SessionPlan:
    row: int
    code: str
    title: str
    summary: str
    description: str
    theme_number: int | None
    speakers: list[SpeakerLine]
    initiatives: list[Initiative]
    sittings: list[SittingPlan]
    existing: Session | None = None
    removed_sittings: list[Sitting] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        if self.existing is None:
            return "new"
        return "changed" if self.changes else "unchanged"


@dataclass
class Plan:
    event: Event
    errors: list[CellError] = field(default_factory=list)
    sessions: list[SessionPlan] = field(default_factory=list)
    themes: dict[int, Theme] = field(default_factory=dict)
    new_themes: dict[int, NewTheme] = field(default_factory=dict)
    speakers: SpeakerMatch | None = None  # set by check_rows

    @property
    def new_speakers(self) -> dict[str, NewSpeaker]:
        return self.speakers.new_speakers if self.speakers else {}

    @property
    def new_organisations(self) -> dict[str, NewOrganisation]:
        return self.speakers.new_organisations if self.speakers else {}

    @property
    def changed_speakers(self) -> list[str]:
        return self.speakers.changed_speakers if self.speakers else []

    @property
    def notices(self) -> list[str]:
        return self.speakers.notices if self.speakers else []

    @property
    def has_changes(self) -> bool:
        return bool(
            self.new_themes
            or self.new_speakers
            or self.new_organisations
            or self.changed_speakers
            or any(session.status != "unchanged" for session in self.sessions)
        )

    def count(self, status: str) -> int:
        return sum(1 for session in self.sessions if session.status == status)

    @property
    def new_sessions(self) -> int:
        return self.count("new")

    @property
    def changed_sessions(self) -> int:
        return self.count("changed")

    @property
    def unchanged_sessions(self) -> int:
        return self.count("unchanged")


def check_rows(event: Event, rows: Iterable[Row]) -> Plan:
    rows = list(rows)
    plan = Plan(event=event)
    checker = _Checker(plan, rows)
    for row in rows:
        checker.check(row)
    return plan


class _Checker:
    def __init__(self, plan: Plan, rows: list[Row]) -> None:
        self.plan = plan
        event = plan.event
        self.rounds = list(
            Slot.objects.filter(event=event, kind=SlotKind.ROUND).order_by("starts_at", "pk")
        )
        self.rounds_by_title = {name_key(slot.title): slot for slot in self.rounds}
        themes = list(Theme.objects.filter(event=event))
        plan.themes = {theme.number: theme for theme in themes}
        self.themes_by_title = {name_key(theme.title): theme for theme in themes}
        sessions = (
            Session.objects.filter(event=event, code__gt="")
            .select_related("theme")
            .prefetch_related(
                Prefetch(
                    "session_speakers",
                    queryset=SessionSpeaker.objects.order_by("order", "pk"),
                    to_attr="speaker_lines",
                ),
                Prefetch("initiatives", to_attr="initiative_list"),
                Prefetch(
                    "sittings", queryset=Sitting.objects.order_by("pk"), to_attr="sitting_list"
                ),
            )
        )
        self.sessions = {name_key(session.code): session for session in sessions}
        self.booked_sittings = set(
            Sitting.objects.filter(session__event=event, seat_choices__isnull=False)
            .values_list("pk", flat=True)
            .distinct()
        )
        entries: list[SpeakerEntry] = []
        initiative_names: set[str] = set()
        for row in rows:
            entries += read_speaker_entries(row.cells[col.SPEAKERS])[0]
            initiative_names.update(
                name_key(name) for name in split_list(row.cells[col.INITIATIVES])
            )
        plan.speakers = match_speakers(event.organiser_id, entries)
        self.known_initiatives = known_by_name(Initiative.objects.all(), initiative_names)
        self.codes: dict[str, int] = {}

    def error(self, row: Row, column: str, message: str) -> None:
        self.plan.errors.append(CellError(row.number, column, message))

    def check(self, row: Row) -> None:
        cells = row.cells
        errors_before = len(self.plan.errors)
        code = self._one_line(row, col.CODE, max_length=10, required=True)
        title = self._one_line(row, col.TITLE, max_length=300, required=True)
        summary = self._one_line(row, col.SUMMARY, max_length=300)
        if code:
            first = self.codes.setdefault(name_key(code), row.number)
            if first != row.number:
                self.error(
                    row,
                    col.CODE,
                    _("code %(code)s staat al in rij %(row)s") % {"code": code, "row": first},
                )
        theme_number = self._theme(row)
        rounds = self._rounds(row)
        sittings = self._sittings(row, rounds)
        speakers = self._speakers(row)
        initiatives = self._initiatives(row)
        if len(self.plan.errors) > errors_before:
            return
        plan = SessionPlan(
            row=row.number,
            code=code,
            title=title,
            summary=summary,
            description=cells[col.DESCRIPTION],
            theme_number=theme_number,
            speakers=speakers,
            initiatives=initiatives,
            sittings=sittings,
            existing=self.sessions.get(name_key(code)),
        )
        self._compare(row, plan)
        self.plan.sessions.append(plan)

    # Cells --------------------------------------------------------------------------------

    def _one_line(self, row: Row, column: str, *, max_length: int, required: bool = False) -> str:
        value = row.cells[column]
        if required and not value:
            self.error(row, column, _("niet ingevuld"))
        elif CONTROL_CHARACTERS.search(value):
            self.error(row, column, _("gebruik één regel"))
        elif len(value) > max_length:
            self.error(row, column, _("langer dan %(count)s tekens") % {"count": max_length})
        return value

    def _theme(self, row: Row) -> int | None:
        value = " ".join(row.cells[col.THEME].split())
        if not value:
            return None
        match = THEME_WITH_NUMBER.fullmatch(value)
        if match is None:
            theme = self.themes_by_title.get(name_key(value))
            if theme is None:
                self.error(
                    row,
                    col.THEME,
                    _("geen thema met deze titel; schrijf 'nummer. titel' om het te maken"),
                )
                return None
            return theme.number
        number, title = int(match[1]), match[2].strip()
        if number in self.plan.themes:
            return number  # an existing theme keeps its title
        new = self.plan.new_themes.get(number)
        if new is None:
            if not title:
                self.error(
                    row,
                    col.THEME,
                    _("thema %(number)s bestaat niet; schrijf 'nummer. titel' om het te maken")
                    % {"number": number},
                )
                return None
            if len(title) > 200 or number > 32767:
                self.error(row, col.THEME, _("nummer of titel te lang"))
                return None
            self.plan.new_themes[number] = NewTheme(number=number, title=title)
        elif title and name_key(title) != name_key(new.title):
            self.error(
                row,
                col.THEME,
                _("thema %(number)s heeft in een eerdere rij de titel '%(title)s'")
                % {"number": number, "title": new.title},
            )
            return None
        return number

    def _rounds(self, row: Row) -> list[tuple[int, Slot]]:
        value = " ".join(row.cells[col.ROUNDS].split())
        if not value:
            self.error(row, col.ROUNDS, _("niet ingevuld"))
            return []
        if not self.rounds:
            self.error(row, col.ROUNDS, _("dit evenement heeft nog geen break-outrondes"))
            return []
        found: list[tuple[int, Slot]] = []
        if ROUND_NUMBERS.fullmatch(value):
            for number in dict.fromkeys(int(n) for n in re.findall(r"\d+", value)):
                if not 1 <= number <= len(self.rounds):
                    self.error(
                        row,
                        col.ROUNDS,
                        _("ronde %(number)s bestaat niet; dit evenement heeft %(count)s rondes")
                        % {"number": number, "count": len(self.rounds)},
                    )
                    return []
                found.append((number, self.rounds[number - 1]))
            return found
        for title in dict.fromkeys(split_list(row.cells[col.ROUNDS])):
            slot = self.rounds_by_title.get(name_key(title))
            if slot is None:
                self.error(
                    row,
                    col.ROUNDS,
                    _("geen ronde '%(title)s'; gebruik een nummer of de titel van een ronde")
                    % {"title": title},
                )
                return []
            found.append((self.rounds.index(slot) + 1, slot))
        return found

    def _per_round(self, row: Row, column: str, count: int) -> list[str]:
        raw = row.cells[column]
        values = [part.strip() for part in re.split(r"[;\n]", raw)] if raw else [""]
        if len(values) == 1:
            return values * count
        if len(values) != count:
            self.error(
                row,
                column,
                _("%(given)s waarden voor %(count)s rondes; geef er één, of één per ronde")
                % {"given": len(values), "count": count},
            )
            return []
        return values

    def _sittings(self, row: Row, rounds: list[tuple[int, Slot]]) -> list[SittingPlan]:
        if not rounds:
            return []
        rooms = self._per_round(row, col.ROOM, len(rounds))
        seats = self._per_round(row, col.SEATS, len(rounds))
        if not rooms or not seats:
            return []
        sittings = []
        for (number, slot), room, seat in zip(rounds, rooms, seats, strict=True):
            if len(room) > 100:
                self.error(row, col.ROOM, _("langer dan %(count)s tekens") % {"count": 100})
                return []
            if CONTROL_CHARACTERS.search(room):
                self.error(row, col.ROOM, _("gebruik één regel"))
                return []
            capacity = None
            if seat:
                if not seat.isdigit():
                    self.error(row, col.SEATS, _("geen getal: '%(value)s'") % {"value": seat})
                    return []
                capacity = int(seat)
                if capacity > 100_000:
                    self.error(row, col.SEATS, _("meer dan 100000 plaatsen"))
                    return []
            sittings.append(SittingPlan(slot=slot, number=number, room=room, capacity=capacity))
        return sittings

    def _speakers(self, row: Row) -> list[SpeakerLine]:
        entries, errors = read_speaker_entries(row.cells[col.SPEAKERS])
        for error in errors:
            self.error(row, col.SPEAKERS, error.message)
        return [SpeakerLine(key=entry.key, name=entry.name, role=entry.role) for entry in entries]

    def _initiatives(self, row: Row) -> list[Initiative]:
        found = []
        for name in split_list(row.cells[col.INITIATIVES]):
            initiative = self.known_initiatives.get(name_key(name))
            if initiative is None:
                self.error(
                    row,
                    col.INITIATIVES,
                    _("geen initiatief '%(name)s'; voeg het eerst toe onder Initiatieven")
                    % {"name": name},
                )
            elif initiative not in found:
                found.append(initiative)
        return found

    # What changes --------------------------------------------------------------------------

    def _compare(self, row: Row, plan: SessionPlan) -> None:
        session = plan.existing
        theme_label = self._theme_label(plan.theme_number)
        speakers_label = ", ".join(self._speaker_label(line) for line in plan.speakers) or "–"
        if session is None:
            plan.changes = [
                _("thema: %(theme)s") % {"theme": theme_label},
                _("sprekers: %(speakers)s") % {"speakers": speakers_label},
                *(sitting.describe() for sitting in plan.sittings),
            ]
            return
        changes = plan.changes
        for label, old, new in (
            (_("titel"), session.title, plan.title),
            (_("samenvatting"), session.summary, plan.summary),
        ):
            if old != new:
                changes.append(f"{label}: {old or '–'} → {new or '–'}")
        if session.description.strip() != plan.description.strip():
            changes.append(_("beschrijving gewijzigd"))
        old_theme = session.theme.number if session.theme else None
        if old_theme != plan.theme_number:
            changes.append(
                _("thema: %(old)s → %(new)s")
                % {"old": self._theme_label(old_theme), "new": theme_label}
            )
        # Prefetched with to_attr by _Checker.__init__.
        old_speakers = [(line.speaker_id, line.role) for line in session.speaker_lines]  # type: ignore[attr-defined]
        new_speakers = [(self._speaker_id(line.key), line.role) for line in plan.speakers]
        if old_speakers != new_speakers:
            changes.append(_("sprekers: %(speakers)s") % {"speakers": speakers_label})
        old_initiatives = {i.pk for i in session.initiative_list}  # type: ignore[attr-defined]
        if old_initiatives != {i.pk for i in plan.initiatives}:
            names = ", ".join(i.name for i in plan.initiatives) or "–"
            changes.append(_("initiatieven: %(names)s") % {"names": names})
        existing = {sitting.slot_id: sitting for sitting in session.sitting_list}  # type: ignore[attr-defined]
        for sitting in plan.sittings:
            sitting.existing = existing.pop(sitting.slot.pk, None)
            if sitting.existing is None:
                changes.append(_("nieuw: %(sitting)s") % {"sitting": sitting.describe()})
            elif (sitting.existing.room, sitting.existing.capacity) != (
                sitting.room,
                sitting.capacity,
            ):
                changes.append(_("gewijzigd: %(sitting)s") % {"sitting": sitting.describe()})
        numbers = {slot.pk: number for number, slot in enumerate(self.rounds, start=1)}
        for sitting in existing.values():
            if sitting.pk in self.booked_sittings:
                self.error(
                    row,
                    col.ROUNDS,
                    _(
                        "in ronde %(number)s zijn al plaatsen gereserveerd voor deze sessie; "
                        "laat die ronde staan"
                    )
                    % {"number": numbers.get(sitting.slot_id, "?")},
                )
            plan.removed_sittings.append(sitting)
            changes.append(
                _("vervalt: ronde %(number)s") % {"number": numbers.get(sitting.slot_id, "?")}
            )

    def _theme_label(self, number: int | None) -> str:
        if number is None:
            return "–"
        theme = self.plan.themes.get(number) or self.plan.new_themes[number]
        return f"{number}. {theme.title}"

    def _speaker_id(self, key: str) -> int | None:
        assert self.plan.speakers is not None  # matched by __init__
        return self.plan.speakers.speaker_id(key)

    def _speaker_label(self, line: SpeakerLine) -> str:
        if line.role == SpeakerRole.SPEAKER:
            return line.name
        return f"{line.name} ({SpeakerRole(line.role).label})"
