"""Shared pieces of the organisers' admin."""

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.db import IntegrityError
from django.db.models import QuerySet
from django.forms import DateTimeField, DateTimeInput, Textarea
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext as _

from common.filtering import MAX_SEARCH_LENGTH

if TYPE_CHECKING:
    # What admin mixins are mixed into, so that their super() calls type-check.
    AdminMixinBase = admin.ModelAdmin[Any]
    AnyAdminMixinBase = admin.options.BaseModelAdmin[Any]
    InlineMixinBase = admin.options.InlineModelAdmin[Any, Any]
else:
    AdminMixinBase = AnyAdminMixinBase = InlineMixinBase = object


class DutchArticleMixin(AdminMixinBase):
    """Django's Dutch admin messages put "de" before every model's name ("De evenement ‘…’
    is met succes toegevoegd. U kunt deze hieronder…"). A model whose name takes "het"
    declares it, `verbose_name_article = "het"`, and its messages say "Het evenement ‘…’
    … U kunt het hieronder…". Other texts ("Nog een evenement toevoegen") need no article.
    """

    def message_user(self, request: HttpRequest, message: Any, *args: Any, **kwargs: Any) -> None:
        prefix = f"De {self.opts.verbose_name} "
        if getattr(self.model, "verbose_name_article", "de") == "het" and message.startswith(
            prefix
        ):
            corrected = "Het " + message[len("De ") :].replace(" U kunt deze ", " U kunt het ")
            # The message was escaped already when it was safe; our words add nothing to escape.
            message = mark_safe(corrected) if isinstance(message, SafeData) else corrected
        super().message_user(request, message, *args, **kwargs)


class RejectedByDatabaseMixin(AdminMixinBase):
    """Turn a database rule that forms could not foresee into a message instead of a 500.

    Forms check every rule first; this is for the rare change that only the database can
    judge, such as two slots swapping times in one save (each step overlaps the other).
    """

    def changeform_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return super().changeform_view(request, *args, **kwargs)
        except IntegrityError as error:
            messages.error(
                request,
                _(
                    "De wijziging is niet opgeslagen, omdat de database haar weigert: %(reason)s. "
                    "Pas de gegevens aan en probeer het opnieuw, eventueel in twee stappen."
                )
                % {"reason": str(error).splitlines()[0]},
            )
            return HttpResponseRedirect(request.get_full_path())


# A model DateTimeField as the browser's own date-and-time input, in formfield_overrides:
# read in the site's zone (Europe/Amsterdam) whatever the browser's, and without the admin's
# calendar script, which warns "u ligt 1 uur achter ten opzichte van de servertijd".
LOCAL_DATETIME = {
    "form_class": DateTimeField,
    "widget": DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
}


class KnownAutocompleteSelectMultiple(AutocompleteSelectMultiple):
    """The admin's autocomplete for several objects, which shows the chosen ones from the
    objects its form already holds (`known`: id → object, prefetched for all rows of an
    inline) instead of one query per row. Choices it does not know (a form sent back with
    other ones) are looked up, and checked, as Django's own widget does."""

    known: dict[str, Any] | None = None

    def optgroups(self, name: str, value: Any, attr: Any = None) -> list:
        chosen = {str(item) for item in value if item not in (None, "")}
        if self.known is None or not chosen <= self.known.keys():
            return super().optgroups(name, value, attr)
        label = self.choices.field.label_from_instance
        options = [
            self.create_option(name, pk, label(obj), True, index)
            for index, (pk, obj) in enumerate(
                (pk, obj) for pk, obj in self.known.items() if pk in chosen
            )
        ]
        return [(None, options, 0)]


def small_textarea(rows: int = 2) -> Textarea:
    return Textarea(attrs={"rows": rows, "cols": 40})


class BoundedSearchMixin(AdminMixinBase):
    """The admin's search, cut to the length the site's own searches accept.

    Nobody types more, and SQLite fails on LIKE patterns over 50,000 bytes
    (tests/fuzz/test_filters.py found it). NUL never gets here: the admin's search form
    refuses it. Put this before ModelAdmin in the bases.
    """

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Any], search_term: str
    ) -> tuple[QuerySet[Any], bool]:
        return super().get_search_results(request, queryset, search_term[:MAX_SEARCH_LENGTH])


# Years the admin's date drill-down can reach: Django computes the end of the chosen period
# (the next year, month or day) and moves it to UTC, and neither fits in a datetime at the
# very ends of its range (year 1 in Amsterdam time is still year 0 in UTC).
DRILL_DOWN_YEARS = range(dt.MINYEAR + 1, dt.MAXYEAR)


def drill_down_is_valid(params: Any, field: str) -> bool:
    """Whether the date hierarchy's year / month / day in `params` name a day we can list."""
    year = params.get(f"{field}__year")
    if year is None:
        return True  # without a year Django reads month and day as plain filters
    month = params.get(f"{field}__month", "1")
    day = params.get(f"{field}__day", "1")
    try:
        parts = [int(value) for value in (year, month, day)]
        dt.date(*parts)
    except (ValueError, OverflowError):
        return False
    return parts[0] in DRILL_DOWN_YEARS


class BoundedDateHierarchyMixin(AdminMixinBase):
    """The date drill-down of a list (`date_hierarchy`) answers 404 for a date it cannot show.

    Django's own list answers 500 for the years 1 and 9999 and for years beyond datetime's
    range (tests/fuzz/test_filters.py). Put this before ModelAdmin in the bases.
    """

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        if self.date_hierarchy and not drill_down_is_valid(request.GET, self.date_hierarchy):
            raise Http404
        return super().changelist_view(request, extra_context)


def parent_object_id(request: HttpRequest) -> str | None:
    """The id of the object whose change form an inline is part of."""
    match = request.resolver_match
    return match.kwargs.get("object_id") if match else None
