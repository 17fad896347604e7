"""Creates what is missing, found by natural key, and never changes a row that already exists.

Organisers edit the demo data in the admin; running `load_demo` again must not undo that.
"""

from collections import Counter
from datetime import date, datetime, time
from typing import TypeVar

from django.db import models

from common.timezone import AMSTERDAM

M = TypeVar("M", bound=models.Model)


def at(day: date, clock: str) -> datetime:
    """`at(date(2021, 11, 22), "16:00")`: that time of day in Amsterdam."""
    hour, minute = (int(part) for part in clock.split(":"))
    return datetime.combine(day, time(hour, minute), tzinfo=AMSTERDAM)


class Loader:
    def __init__(self) -> None:
        self.created: Counter[str] = Counter()
        self._new: set[tuple[type[models.Model], object]] = set()

    @property
    def total(self) -> int:
        return sum(self.created.values())

    def ensure(self, model: type[M], key: dict[str, object], **values: object) -> M:
        """The row with this natural key, created from `values` if there is none."""
        # filter().first() rather than get(): some natural keys (a slot's event and title)
        # are not unique in the database, and a duplicate an organiser made is no error.
        existing = model._default_manager.filter(**key).order_by("pk").first()
        if existing is not None:
            return existing
        row = model(**key, **values)
        # SQLite ignores max_length and choices; validating here keeps the demo data loadable
        # on PostgreSQL too.
        row.full_clean()
        row.save()
        self.created[model.__name__] += 1
        self._new.add((model, row.pk))
        return row

    def is_new(self, row: models.Model) -> bool:
        return (type(row), row.pk) in self._new

    def link(self, row: models.Model, field: str, related: list[models.Model]) -> None:
        """Fill a many-to-many field, but only of a row created in this run.

        An organiser may have removed a partner or a featured initiative on purpose;
        putting it back would overwrite their edit.
        """
        if self.is_new(row) and related:
            getattr(row, field).add(*related)
