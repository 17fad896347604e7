from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from common.page_cache import cache_public_page
from common.pagination import paginate
from events.queries import with_public_events
from initiatives.filters import DocumentFilter, InitiativeFilter
from initiatives.queries import (
    collection_list,
    collection_with_members,
    document_list,
    initiative_list,
    organisation_with_relations,
    public_initiatives,
)
from sessions.queries import with_public_sessions, with_speakers


@require_safe
@cache_public_page()
def directory(request: HttpRequest) -> HttpResponse:
    filterset = InitiativeFilter(request.GET, queryset=initiative_list(), request=request)
    page = paginate(request, filterset.qs)
    return render(request, "initiatives/directory.html", {"filter": filterset, "page_obj": page})


@require_safe
@cache_public_page()
def initiative_detail(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = get_object_or_404(with_public_sessions(public_initiatives()), slug=slug)
    return render(request, "initiatives/initiative_detail.html", {"initiative": initiative})


@require_safe
@cache_public_page()
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisations = with_speakers(with_public_events(organisation_with_relations()))
    organisation = get_object_or_404(organisations, slug=slug)
    return render(request, "initiatives/organisation_detail.html", {"organisation": organisation})


@require_safe
@cache_public_page()
def collections(request: HttpRequest) -> HttpResponse:
    page = paginate(request, collection_list())
    return render(request, "initiatives/collections.html", {"page_obj": page})


@require_safe
@cache_public_page()
def collection_detail(request: HttpRequest, slug: str) -> HttpResponse:
    collection = get_object_or_404(collection_with_members(), slug=slug)
    return render(request, "initiatives/collection_detail.html", {"collection": collection})


@require_safe
@cache_public_page()
def documents(request: HttpRequest) -> HttpResponse:
    filterset = DocumentFilter(request.GET, queryset=document_list(), request=request)
    page = paginate(request, filterset.qs)
    return render(request, "initiatives/documents.html", {"filter": filterset, "page_obj": page})


@require_safe
@cache_public_page()
def document_detail(request: HttpRequest, slug: str) -> HttpResponse:
    document = get_object_or_404(document_list(), slug=slug)
    return render(request, "initiatives/document_detail.html", {"document": document})
