"""The page of the one search, ``/zoeken/?q=``: its reads are in cooperatieve_stad/search.py.

Not kept by the page cache: every query is a page of its own, rarely asked twice, and a
stream of them would push the programme pages out of the caches (README → Search).
"""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from common.filtering import MAX_SEARCH_LENGTH
from common.ratelimits import limit_reads
from cooperatieve_stad.search import KINDS_BY_KEY, search, words_of


class SearchForm(forms.Form):
    # A CharField refuses NUL (PostgreSQL cannot take it in a query) and the length.
    q = forms.CharField(
        label=_("Zoek op het hele platform"),
        max_length=MAX_SEARCH_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data["q"].split())


@require_safe
@limit_reads("search")
def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    # One kind (from a "show all" link) or, for anything else, all kinds.
    only = request.GET.get("soort", "") if request.GET.get("soort") in KINDS_BY_KEY else ""
    query, results = "", []
    if form.is_valid():
        query = form.cleaned_data["q"]
        results = search(query, only=only or None)
    return render(
        request,
        "search/search.html",
        {
            "form": form,
            "query": query,
            "only": only,
            "has_words": bool(words_of(query)),
            "results": [found for found in results if found.total],
            "total": sum(found.total for found in results),
        },
    )
