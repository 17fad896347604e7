"""The database keeps slugs unique and every document reachable and in its place."""

import pytest
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from initiatives.models import Collection, Document, Initiative, Organisation
from tests.factories import (
    CollectionFactory,
    DocumentFactory,
    InitiativeFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


@pytest.mark.parametrize(
    ("factory", "model"),
    [
        (OrganisationFactory, Organisation),
        (InitiativeFactory, Initiative),
        (CollectionFactory, Collection),
        (DocumentFactory, Document),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_slug_is_unique(factory, model):
    factory(slug="de-ceuvel")

    with pytest.raises(IntegrityError), transaction.atomic():
        factory(slug="de-ceuvel")

    assert model.objects.filter(slug="de-ceuvel").count() == 1


def test_document_without_file_or_link_is_rejected():
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentFactory(url="", file="")

    assert not Document.objects.exists()


def test_document_cannot_lose_its_link_when_it_has_no_file():
    document = DocumentFactory(url="https://example.org/statuten.pdf")

    with pytest.raises(IntegrityError), transaction.atomic():
        Document.objects.filter(pk=document.pk).update(url="")

    assert Document.objects.get(pk=document.pk).url == document.url


def test_document_with_only_a_file_or_only_a_link_is_allowed():
    with_link = DocumentFactory(url="https://example.org/plan.pdf")
    with_file = DocumentFactory(url="", file=ContentFile(PDF, name="statuten.pdf"))

    assert Document.objects.filter(pk__in=[with_link.pk, with_file.pk]).count() == 2
    assert with_file.file.read() == PDF


def test_document_belonging_nowhere_is_rejected():
    with pytest.raises(IntegrityError), transaction.atomic():
        DocumentFactory(initiative=None, collection=None)

    assert not Document.objects.exists()


def test_document_cannot_be_detached_from_everything():
    document = DocumentFactory(initiative=InitiativeFactory(), collection=None)

    with pytest.raises(IntegrityError), transaction.atomic():
        Document.objects.filter(pk=document.pk).update(initiative=None)

    assert Document.objects.get(pk=document.pk).initiative_id == document.initiative_id


@pytest.mark.parametrize(
    ("initiative", "collection"),
    [(True, False), (False, True), (True, True)],
    ids=["initiative", "collection", "both"],
)
def test_document_of_an_initiative_or_a_collection_is_allowed(initiative, collection):
    document = DocumentFactory(
        initiative=InitiativeFactory() if initiative else None,
        collection=CollectionFactory() if collection else None,
    )

    assert Document.objects.filter(pk=document.pk).exists()
