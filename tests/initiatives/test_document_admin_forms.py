"""The document admin refuses incomplete documents and unsafe or oversized uploads.

Every refusal is the form shown again with an error (never a 500), and nothing is saved:
no document row and no file in the media folder.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from initiatives.enums import DocumentKind
from initiatives.models import Collection, Document, Initiative, Organisation
from tests.admin_forms import admin_url, assert_rejected, get_form, stored_files
from tests.factories import (
    CollectionFactory,
    DocumentFactory,
    InitiativeFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48


@pytest.fixture
def document_form(admin_client):
    """The add form filled in for a link to statutes of an initiative."""
    initiative = InitiativeFactory()
    data = get_form(admin_client, admin_url(Document, "add"))
    data.update(
        title="Statuten",
        slug="statuten",
        kind=DocumentKind.STATUTES,
        url="https://example.org/statuten.pdf",
        initiative=str(initiative.pk),
    )
    return data


def post(admin_client, data, upload=None):
    if upload is not None:
        data = {**data, "file": upload, "url": ""}
    return admin_client.post(admin_url(Document, "add"), data)


def test_document_with_a_link_is_saved(admin_client, document_form):
    response = post(admin_client, document_form)

    assert response.status_code == 302
    assert Document.objects.get().url == "https://example.org/statuten.pdf"


def test_document_without_file_or_link_is_a_form_error(admin_client, document_form, settings):
    document_form["url"] = ""

    response = post(admin_client, document_form)

    assert_rejected(response, "__all__", "Voeg een bestand of een link toe.")
    assert not Document.objects.exists()


def test_document_belonging_nowhere_is_a_form_error(admin_client, document_form):
    document_form.update(initiative="", collection="")

    response = post(admin_client, document_form)

    assert_rejected(response, "__all__", "hoort bij een initiatief of een collectie")
    assert not Document.objects.exists()


def test_document_of_a_collection_is_saved(admin_client, document_form):
    collection = CollectionFactory()
    document_form.update(initiative="", collection=str(collection.pk))

    response = post(admin_client, document_form)

    assert response.status_code == 302
    assert Document.objects.get().collection == collection


def test_pdf_upload_is_saved(admin_client, document_form, settings):
    response = post(
        admin_client, document_form, SimpleUploadedFile("Statuten 2024.pdf", PDF, "application/pdf")
    )

    assert response.status_code == 302
    document = Document.objects.get()
    assert document.url == ""
    assert document.file.name.startswith("documents/")
    assert document.file.name.endswith(".pdf")
    with document.file.open("rb") as stored:
        assert stored.read() == PDF
    assert len(stored_files(settings)) == 1


def test_executable_renamed_to_pdf_is_refused_by_its_content(admin_client, document_form, settings):
    upload = SimpleUploadedFile("statuten.pdf", EXECUTABLE, "application/pdf")

    response = post(admin_client, document_form, upload)

    assert_rejected(response, "file", "De inhoud van het bestand past niet bij")
    assert not Document.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.parametrize("name", ["statuten.exe", "statuten.pdf.exe", "statuten.html", "statuten"])
def test_file_of_a_type_not_allowed_is_refused_by_its_extension(
    admin_client, document_form, settings, name
):
    upload = SimpleUploadedFile(name, PDF, "application/octet-stream")

    response = post(admin_client, document_form, upload)

    assert_rejected(response, "file", "zijn niet toegestaan")
    assert not Document.objects.exists()
    assert stored_files(settings) == []


def test_file_over_the_size_limit_is_refused(admin_client, document_form, settings):
    settings.MAX_UPLOAD_MB = 1
    content = PDF + b"0" * (1536 * 1024)  # 1.5 MB, and a real PDF header
    upload = SimpleUploadedFile("jaarverslag.pdf", content, "application/pdf")

    response = post(admin_client, document_form, upload)

    assert_rejected(response, "file", "het maximum is 1 MB")
    assert not Document.objects.exists()
    assert stored_files(settings) == []


def test_file_just_under_the_size_limit_is_saved(admin_client, document_form, settings):
    settings.MAX_UPLOAD_MB = 1
    content = PDF + b"0" * (1024 * 1024 - len(PDF))
    upload = SimpleUploadedFile("jaarverslag.pdf", content, "application/pdf")

    response = post(admin_client, document_form, upload)

    assert response.status_code == 302
    assert Document.objects.get().file.size == 1024 * 1024


def test_document_whose_file_went_missing_can_still_be_edited(admin_client):
    document = DocumentFactory(url="", file=SimpleUploadedFile("statuten.pdf", PDF))
    document.file.storage.delete(document.file.name)
    data = get_form(admin_client, admin_url(document))
    data["title"] = "Statuten (oud)"
    admin_client.raise_request_exception = False

    response = admin_client.post(admin_url(document), data)

    assert response.status_code in (200, 302)


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
def test_duplicate_slug_is_a_form_error(admin_client, factory, model):
    taken, obj = factory(), factory()
    data = get_form(admin_client, admin_url(obj))
    data["slug"] = taken.slug

    response = admin_client.post(admin_url(obj), data)

    assert_rejected(response, "slug")
    assert model.objects.get(pk=obj.pk).slug == obj.slug
