"""Filters of the initiatives directory and the knowledge base; their state lives in the URL.

An invalid value (an unknown domain, a bogus status) makes that one field invalid: the
form shows why, and the other filters still apply. Nothing here raises on bad input.
"""

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from common.filtering import MAX_SEARCH_LENGTH, FilterSet, text_search
from initiatives.enums import DocumentKind, InitiativeStatus, LegalForm
from initiatives.models import Document, Initiative
from initiatives.queries import domain_choices, initiative_cities


class InitiativeFilter(FilterSet):
    q = django_filters.CharFilter(
        label=_("Zoeken"),
        method="search",
        max_length=MAX_SEARCH_LENGTH,
        help_text=_("Naam, plaats, wijk of beschrijving"),
    )
    city = django_filters.ChoiceFilter(label=_("Plaats"), empty_label=_("Alle plaatsen"))
    domain = django_filters.ChoiceFilter(
        label=_("Domein"), field_name="domains__slug", empty_label=_("Alle domeinen")
    )
    legal_form = django_filters.ChoiceFilter(
        label=_("Rechtsvorm"), choices=LegalForm.choices, empty_label=_("Alle rechtsvormen")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=InitiativeStatus.choices, empty_label=_("Elke status")
    )

    class Meta:
        model = Initiative
        fields = ["q", "city", "domain", "legal_form", "status"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Choices come from the data, read once per request (not at import time).
        self.filters["city"].extra["choices"] = [(city, city) for city in initiative_cities()]
        self.filters["domain"].extra["choices"] = [
            (domain.slug, domain.name) for domain in domain_choices()
        ]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return text_search(queryset, ("name", "summary", "description", "city", "district"), value)


class DocumentFilter(FilterSet):
    q = django_filters.CharFilter(
        label=_("Zoeken"),
        method="search",
        max_length=MAX_SEARCH_LENGTH,
        help_text=_("Titel of beschrijving"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Soort"), choices=DocumentKind.choices, empty_label=_("Alle soorten")
    )

    class Meta:
        model = Document
        fields = ["q", "kind"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return text_search(queryset, ("title", "description"), value)
