"""Places left: the one rule for events (places) and sittings (seats) alike.

The SQL twin for filtering many rows at once is reservations.queries.with_places_left;
both say "free when nothing is limited, never below zero".
"""


def places_left(capacity: int | None, taken: int) -> int | None:
    """Free places of `capacity` when `taken` are held, or None when places are unlimited."""
    if capacity is None:
        return None
    return max(capacity - taken, 0)
