"""Shared pieces of the organisers' admin."""

from django.contrib import messages
from django.db import IntegrityError
from django.forms import Textarea
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _

from common.filtering import MAX_SEARCH_LENGTH


class RejectedByDatabaseMixin:
    """Turn a database rule that forms could not foresee into a message instead of a 500.

    Forms check every rule first; this is for the rare change that only the database can
    judge, such as two slots swapping times in one save (each step overlaps the other).
    """

    def changeform_view(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
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


def small_textarea(rows: int = 2) -> Textarea:
    return Textarea(attrs={"rows": rows, "cols": 40})


class BoundedSearchMixin:
    """The admin's search, cut to the length the site's own searches accept.

    Nobody types more, and SQLite fails on LIKE patterns over 50,000 bytes
    (tests/fuzz/test_filters.py found it). NUL never gets here: the admin's search form
    refuses it. Put this before ModelAdmin in the bases.
    """

    def get_search_results(self, request: HttpRequest, queryset, search_term: str):
        return super().get_search_results(request, queryset, search_term[:MAX_SEARCH_LENGTH])


def parent_object_id(request: HttpRequest) -> str | None:
    """The id of the object whose change form an inline is part of."""
    match = request.resolver_match
    return match.kwargs.get("object_id") if match else None
