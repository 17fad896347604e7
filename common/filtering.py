"""What the site's filter forms share: free-text search, and telling a page what was chosen."""

from functools import reduce
from operator import and_, or_

import django_filters
from django.db.models import Q, QuerySet

# Longer queries are cut here: every word costs a join-free OR over a few columns.
MAX_SEARCH_WORDS = 8
# A longer search is refused as invalid (the field says so): nobody types it, and SQLite
# fails on LIKE patterns over 50,000 bytes (tests/fuzz/test_filters.py found it).
MAX_SEARCH_LENGTH = 200


def text_search(queryset: QuerySet, fields: tuple[str, ...], value: str) -> QuerySet:
    """Rows in which every word of `value` occurs in at least one of `fields`."""
    words = value.split()[:MAX_SEARCH_WORDS]
    if not words:
        return queryset
    per_word = [
        reduce(or_, (Q(**{f"{field}__icontains": word}) for field in fields)) for word in words
    ]
    return queryset.filter(reduce(and_, per_word))


class FilterSet(django_filters.FilterSet):
    @property
    def is_filtered(self) -> bool:
        """Whether the visitor chose any filter, so that a page can offer to clear them."""
        return any(self.data.get(name) for name in self.filters)

    @property
    def has_invalid_values(self) -> bool:
        return self.is_bound and bool(self.errors)
