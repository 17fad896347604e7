"""Reads of initiatives, organisations, collections and documents, shaped once for their pages.

Every page reads related rows through a Prefetch with `to_attr`, so a page costs the same
number of queries whether it shows one related item or thirty. The events and sessions
these pages list come from events.queries and sessions.queries (the views add them), so
that this app, below both, names neither.
"""

from django.db.models import Count, Prefetch, QuerySet

from initiatives.models import (
    Collection,
    CollectionMembership,
    Document,
    Domain,
    Initiative,
    Organisation,
)


def _domains() -> Prefetch:
    return Prefetch("domains", queryset=Domain.objects.order_by("name"), to_attr="domain_list")


def initiative_list() -> QuerySet[Initiative]:
    """Initiatives for the directory: one row each, with their domains for the cards."""
    return (
        Initiative.objects.select_related("organisation")
        .prefetch_related(_domains())
        .order_by("name", "pk")
    )


def initiative_cities() -> list[str]:
    """The cities initiatives are in, for the directory's city filter."""
    return list(
        Initiative.objects.exclude(city="")
        .order_by("city")
        .values_list("city", flat=True)
        .distinct()
    )


def domain_choices() -> QuerySet[Domain]:
    return Domain.objects.order_by("name")


def public_initiatives() -> QuerySet[Initiative]:
    """Initiatives with everything their detail page shows."""
    memberships = CollectionMembership.objects.select_related("collection").order_by(
        "collection__name"
    )
    return Initiative.objects.select_related("organisation").prefetch_related(
        _domains(),
        Prefetch(
            "documents",
            queryset=Document.objects.order_by("-published_on", "title"),
            to_attr="document_list",
        ),
        Prefetch("memberships", queryset=memberships, to_attr="membership_list"),
    )


def organisation_with_relations() -> QuerySet[Organisation]:
    """An organisation with its initiatives and collections (events and speakers: the view)."""
    return Organisation.objects.prefetch_related(
        Prefetch(
            "initiatives", queryset=Initiative.objects.order_by("name"), to_attr="initiative_list"
        ),
        Prefetch(
            "collections", queryset=Collection.objects.order_by("name"), to_attr="collection_list"
        ),
    )


def collection_list() -> QuerySet[Collection]:
    """Collections for their list page, each with its number of members."""
    return (
        Collection.objects.annotate(member_count=Count("memberships", distinct=True))
        .prefetch_related(
            Prefetch(
                "organisations",
                queryset=Organisation.objects.order_by("name"),
                to_attr="organisation_list",
            )
        )
        .order_by("name", "pk")
    )


def collection_with_members() -> QuerySet[Collection]:
    memberships = CollectionMembership.objects.select_related("initiative").order_by(
        "initiative__name"
    )
    return Collection.objects.prefetch_related(
        Prefetch(
            "organisations",
            queryset=Organisation.objects.order_by("name"),
            to_attr="organisation_list",
        ),
        Prefetch(
            "documents",
            queryset=Document.objects.order_by("-published_on", "title"),
            to_attr="document_list",
        ),
        Prefetch("memberships", queryset=memberships, to_attr="membership_list"),
    )


def document_list() -> QuerySet[Document]:
    """Documents for the knowledge base, with the initiative or collection they belong to."""
    return Document.objects.select_related("initiative", "collection").order_by("title", "pk")
