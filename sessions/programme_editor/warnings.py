"""What is still missing in a programme before it is published, computed in one place.

A fixed number of queries whatever the size of the programme: the rounds, the sittings
and the speakers of the sittings are each read once and judged in Python.
"""

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from django.db.models import Count
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from common.timezone import in_amsterdam
from sessions.enums import SlotKind
from sessions.models import Session, SessionSpeaker, Sitting, Slot


@dataclass(frozen=True)
class ProgrammeWarning:
    code: str
    message: str


def _time(slot: Slot) -> str:
    return time_format(in_amsterdam(slot.starts_at), "H.i")


def programme_warnings(event) -> list[ProgrammeWarning]:
    warnings: list[ProgrammeWarning] = []
    rounds = list(Slot.objects.filter(event=event, kind=SlotKind.ROUND).order_by("starts_at"))
    sittings = list(Sitting.objects.filter(slot__event=event).select_related("session", "slot"))
    by_round: dict[int, list[Sitting]] = defaultdict(list)
    for sitting in sittings:
        by_round[sitting.slot_id].append(sitting)

    for slot in rounds:
        held = by_round[slot.pk]
        if not held:
            warnings.append(
                ProgrammeWarning(
                    "empty_round",
                    _("De ronde ‘%(round)s’ (%(time)s) heeft nog geen sessies.")
                    % {"round": slot.title, "time": _time(slot)},
                )
            )
            continue
        seats = [sitting.capacity for sitting in held]
        if event.capacity and None not in seats and sum(seats) < event.capacity:  # type: ignore[arg-type]  # None excluded
            warnings.append(
                ProgrammeWarning(
                    "round_short_of_seats",
                    _("De ronde ‘%(round)s’ heeft %(seats)s plaatsen voor %(capacity)s deelnemers.")
                    % {"round": slot.title, "seats": sum(seats), "capacity": event.capacity},  # type: ignore[arg-type]  # None excluded
                )
            )

    for sitting in sittings:
        if not sitting.capacity:
            warnings.append(
                ProgrammeWarning(
                    "sitting_without_seats",
                    _("‘%(session)s’ in ‘%(round)s’ heeft geen aantal plaatsen.")
                    % {"session": sitting.session, "round": sitting.slot.title},
                )
            )

    unseated = Session.objects.filter(event=event).annotate(held=Count("sittings")).filter(held=0)
    for session in unseated.order_by("theme__number", "code"):
        warnings.append(
            ProgrammeWarning(
                "session_without_sitting",
                _("De sessie ‘%(session)s’ staat in geen enkele ronde.") % {"session": session},
            )
        )

    speakers_of: dict[int, list[SessionSpeaker]] = defaultdict(list)
    for role in SessionSpeaker.objects.filter(session__event=event).select_related("speaker"):
        speakers_of[role.session_id].append(role)
    reported: set[tuple[int, int, int]] = set()
    for first, second in combinations(sittings, 2):
        if first.session_id == second.session_id or not first.slot.overlaps(second.slot):
            continue
        theirs = {role.speaker_id: role.speaker for role in speakers_of[second.session_id]}
        for role in speakers_of[first.session_id]:
            pair = (role.speaker_id, *sorted((first.session_id, second.session_id)))
            if role.speaker_id in theirs and pair not in reported:
                reported.add(pair)  # type: ignore[arg-type]  # three ints
                warnings.append(
                    ProgrammeWarning(
                        "speaker_in_two_places",
                        _(
                            "%(speaker)s staat om %(time)s zowel bij ‘%(first)s’ als bij "
                            "‘%(second)s’."
                        )
                        % {
                            "speaker": role.speaker,
                            "time": _time(first.slot),
                            "first": first.session,
                            "second": second.session,
                        },
                    )
                )
    return warnings
