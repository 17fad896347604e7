"""The agenda's filters. Their state lives in the URL, so a filtered agenda can be shared.

They search the programme and count places too, through the queries of those apps.
"""

import datetime as dt

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.filtering import MAX_SEARCH_LENGTH, MAX_SEARCH_WORDS, FilterSet
from events import queries
from events.enums import EventFormat
from events.models import Event, Venue
from initiatives.models import Domain
from reservations.queries import with_places_left
from sessions.models import Session
from sessions.queries import featuring_domain


class Period(django_filters.ChoiceFilter):
    UPCOMING, THIS_MONTH, NEXT_THREE_MONTHS, PAST, ALL = (
        "upcoming",
        "month",
        "quarter",
        "past",
        "all",
    )
    CHOICES = [
        (UPCOMING, _("Binnenkort")),
        (THIS_MONTH, _("Deze maand")),
        (NEXT_THREE_MONTHS, _("Komende drie maanden")),
        (PAST, _("Voorbij")),
        (ALL, _("Alles")),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(choices=self.CHOICES, empty_label=None, **kwargs)

    def filter(self, events: QuerySet[Event], value: str) -> QuerySet[Event]:
        now = timezone.now()
        today = timezone.localdate()
        if value == self.PAST:
            return events.filter(ends_at__lt=now).order_by("-starts_at")
        if value == self.ALL:
            return events.order_by("-starts_at")
        upcoming = events.filter(ends_at__gte=now).order_by("starts_at")
        if value == self.THIS_MONTH:
            next_month = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
            return upcoming.filter(starts_at__date__lt=next_month)
        if value == self.NEXT_THREE_MONTHS:
            return upcoming.filter(starts_at__date__lt=today + dt.timedelta(days=92))
        return upcoming


class AgendaFilter(FilterSet):
    q = django_filters.CharFilter(label=_("Zoeken"), method="search", max_length=MAX_SEARCH_LENGTH)
    period = Period(label=_("Periode"))
    series = django_filters.ModelChoiceFilter(
        label=_("Programmareeks"),
        queryset=queries.public_series(),
        to_field_name="slug",
        empty_label=_("Alle reeksen"),
    )
    city = django_filters.ChoiceFilter(
        label=_("Plaats"), field_name="venue__city", empty_label=_("Alle plaatsen")
    )
    format = django_filters.ChoiceFilter(
        label=_("Vorm"), choices=EventFormat.choices, empty_label=_("Alle vormen")
    )
    domain = django_filters.ModelChoiceFilter(
        label=_("Thema of domein"),
        queryset=Domain.objects.all(),
        to_field_name="slug",
        empty_label=_("Alle domeinen"),
        method="featuring_domain",
    )
    places_left = django_filters.BooleanFilter(
        label=_("Alleen met plaatsen vrij"), method="with_places_left", widget=forms.CheckboxInput
    )

    class Meta:
        model = Event
        fields = ["q", "period", "series", "city", "format", "domain", "places_left"]

    def __init__(self, data=None, *args, **kwargs) -> None:
        data = data.copy() if data is not None else {}
        # Without a (valid) period the agenda shows what is coming, not the archive.
        if data.get("period") not in dict(Period.CHOICES):
            data["period"] = Period.UPCOMING
        super().__init__(data, *args, **kwargs)
        cities = Venue.objects.filter(events__in=Event.objects.published()).values_list(
            "city", flat=True
        )
        self.filters["city"].extra["choices"] = [(city, city) for city in sorted(set(cities))]

    def search(self, events: QuerySet[Event], name: str, value: str) -> QuerySet[Event]:
        words = value.split()[:MAX_SEARCH_WORDS]
        for word in words:
            sessions = Session.objects.filter(event=OuterRef("pk")).filter(
                Q(title__icontains=word)
                | Q(theme__title__icontains=word)
                | Q(speakers__name__icontains=word)
            )
            events = events.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(description__icontains=word)
                | Q(venue__city__icontains=word)
                | Q(organiser__name__icontains=word)
                | Exists(sessions)
            )
        return events

    def featuring_domain(
        self, events: QuerySet[Event], name: str, value: Domain | None
    ) -> QuerySet[Event]:
        return featuring_domain(events, value.slug) if value else events

    def with_places_left(
        self, events: QuerySet[Event], name: str, value: bool | None
    ) -> QuerySet[Event]:
        return with_places_left(events) if value else events

    @property
    def is_filtered(self) -> bool:
        """Whether the visitor chose anything beyond the default view of upcoming events."""
        return any(self.data.get(name) for name in self.filters if name != "period") or (
            self.data.get("period") != Period.UPCOMING
        )
