from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from initiatives.models import Document
from initiatives.queries import (
    collection_with_members,
    organisation_with_relations,
    public_initiatives,
)


def initiative_detail(request: HttpRequest, slug: str) -> HttpResponse:
    initiative = get_object_or_404(public_initiatives(), slug=slug)
    return render(request, "initiatives/initiative_detail.html", {"initiative": initiative})


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(organisation_with_relations(), slug=slug)
    return render(request, "initiatives/organisation_detail.html", {"organisation": organisation})


def collection_detail(request: HttpRequest, slug: str) -> HttpResponse:
    collection = get_object_or_404(collection_with_members(), slug=slug)
    return render(request, "initiatives/collection_detail.html", {"collection": collection})


def document_detail(request: HttpRequest, slug: str) -> HttpResponse:
    document = get_object_or_404(
        Document.objects.select_related("initiative", "collection"), slug=slug
    )
    return render(request, "initiatives/document_detail.html", {"document": document})
