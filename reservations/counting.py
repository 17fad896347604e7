"""Counting an event's places and its chosen sittings' seats for a change to a reservation:
one statement, written in SQL.

Every change to an event's reservations waits for the one before it to commit
(reservations.services.lock_event), so what runs under the lock sets how many
reservations one event takes per second. This statement reads the chosen sittings, with
the seats taken in each and the places taken in the event, in one round trip, and locks
the sittings when asked. Built with the ORM (two correlated subqueries and a lock of the
sittings only) it took about 1.5 ms of Python to build and compile, three times what
PostgreSQL took to run it; here its text is made once per shape.

The sittings are locked FOR NO KEY UPDATE, as the event is (services.lock_event, which
says why).

A place or a seat is taken by a confirmed reservation, as everywhere else
(reservations.queries.seat_counts counts them for pages;
tests/reservations/test_counting.py holds the two to the same answers).
"""

import functools
from typing import NamedTuple

from django.db import connection

from reservations.enums import ReservationStatus
from reservations.models import Reservation, SeatChoice
from sessions.enums import SlotKind
from sessions.models import Sitting, Slot


class SittingCount(NamedTuple):
    """One chosen sitting as it is now, with the seats taken in it."""

    pk: int
    slot_id: int
    session_id: int
    capacity: int | None
    seats_taken: int


class Taken(NamedTuple):
    places: int
    sittings: list[SittingCount]


def _table(model: type) -> str:
    return connection.ops.quote_name(model._meta.db_table)  # type: ignore[attr-defined]


@functools.cache
def _places_statement(excluding: bool) -> str:
    return (
        f"SELECT COUNT(*) FROM {_table(Reservation)} e WHERE e.event_id = %s AND e.status = %s"
        + (" AND e.id <> %s" if excluding else "")
    )


@functools.cache
def _sittings_statement(chosen: int, excluding: bool, lock: str) -> str:
    other = " AND r.id <> %s" if excluding else ""
    return (
        "SELECT s.id, s.slot_id, s.session_id, s.capacity,"
        f" (SELECT COUNT(*) FROM {_table(SeatChoice)} c"
        f" JOIN {_table(Reservation)} r ON r.id = c.reservation_id"
        f" WHERE c.sitting_id = s.id AND r.status = %s{other}),"
        f" (SELECT COUNT(*) FROM {_table(Reservation)} r"
        f" WHERE r.event_id = t.event_id AND r.status = %s{other})"
        f" FROM {_table(Sitting)} s JOIN {_table(Slot)} t ON t.id = s.slot_id"
        f" WHERE s.id IN ({', '.join(['%s'] * chosen)}) AND t.event_id = %s AND t.kind = %s"
        f" ORDER BY s.id{lock}"
    )


def _lock_clause() -> str:
    features = connection.features
    if not (features.has_select_for_update_of and features.has_select_for_no_key_update):
        return ""  # SQLite: its IMMEDIATE transactions serialise every writer instead
    return " FOR NO KEY UPDATE OF s"


def count_taken(
    event_id: int, sitting_ids: list[int], *, excluding: int | None = None, lock: bool = False
) -> Taken:
    """The places taken in the event and, for those of `sitting_ids` that are its
    break-out sittings, their slot, session, capacity and seats taken, in id order; reservation
    `excluding` is not counted. With `lock` the sittings are locked, and the counts are
    final when the event is locked already: the statement's snapshot then holds every
    reservation committed before, and no other can commit until this transaction ends."""
    confirmed = ReservationStatus.CONFIRMED.value
    other = [] if excluding is None else [excluding]
    with connection.cursor() as cursor:
        if sitting_ids:
            cursor.execute(
                _sittings_statement(
                    len(sitting_ids), excluding is not None, _lock_clause() if lock else ""
                ),
                [
                    confirmed,
                    *other,
                    confirmed,
                    *other,
                    *sitting_ids,
                    event_id,
                    SlotKind.ROUND.value,
                ],
            )
            rows = cursor.fetchall()
            if rows:
                return Taken(places=rows[0][5], sittings=[SittingCount(*row[:5]) for row in rows])
        cursor.execute(_places_statement(excluding is not None), [event_id, confirmed, *other])
        return Taken(places=cursor.fetchone()[0], sittings=[])
