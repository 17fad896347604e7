"""Images uploaded in the admin are decoded by Pillow before anything is stored.

A decompression bomb, a renamed executable, a damaged or truncated image, an image with
an extension that lies, and a file over the size limit are each the form shown again with a
clear error (never a 500), and nothing is saved: no change to the row, no file on disk.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from initiatives.enums import DocumentKind
from initiatives.models import Document, Organisation
from tests.admin_forms import admin_url, assert_rejected, get_form, stored_files
from tests.factories import (
    CollectionFactory,
    EventFactory,
    InitiativeFactory,
    OrganisationFactory,
    SpeakerFactory,
)

pytestmark = pytest.mark.django_db

EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48


def image_bytes(image_format: str = "PNG", size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "orange").save(buffer, image_format)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """A PNG of 20000 × 20000 pixels (400 million) that takes about 50 kB on disk."""
    buffer = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


@pytest.fixture
def organisation_form(admin_client):
    data = get_form(admin_client, admin_url(Organisation, "add"))
    data.update(name="Buurtcoöperatie Noord", slug="buurtcooperatie-noord", kind="cooperative")
    return data


def post_logo(admin_client, data, name: str, content: bytes):
    upload = SimpleUploadedFile(name, content, "image/png")
    return admin_client.post(admin_url(Organisation, "add"), {**data, "logo": upload})


def test_a_valid_image_is_saved_under_a_safe_name(admin_client, organisation_form, settings):
    response = post_logo(admin_client, organisation_form, "../Logo Noord!.PNG", image_bytes())

    assert response.status_code == 302
    logo = Organisation.objects.get().logo
    assert logo.name.startswith("organisations/")
    assert logo.name.endswith("-logo-noord.png")
    assert logo.width == 40
    assert len(stored_files(settings)) == 1


@pytest.mark.parametrize(
    ("image_format", "name"), [("JPEG", "foto.jpg"), ("GIF", "logo.gif"), ("WEBP", "logo.webp")]
)
def test_jpeg_gif_and_webp_are_accepted(admin_client, organisation_form, image_format, name):
    response = post_logo(admin_client, organisation_form, name, image_bytes(image_format))

    assert response.status_code == 302
    assert Organisation.objects.get().logo


def test_a_decompression_bomb_is_refused_with_a_clear_error(
    admin_client, organisation_form, settings, bomb
):
    assert len(bomb) < 100_000

    response = post_logo(admin_client, organisation_form, "bom.png", bomb)

    assert_rejected(response, "logo", "De afbeelding is te groot: meer dan 40 miljoen pixels")
    assert not Organisation.objects.exists()
    assert stored_files(settings) == []


def test_an_image_over_the_configured_pixel_limit_is_refused(
    admin_client, organisation_form, settings
):
    settings.MAX_IMAGE_PIXELS = 1_000_000
    content = image_bytes(size=(1001, 1000))

    response = post_logo(admin_client, organisation_form, "groot.png", content)

    assert_rejected(response, "logo", "meer dan 1 miljoen pixels")
    assert not Organisation.objects.exists()


def test_an_image_at_the_pixel_limit_is_saved(admin_client, organisation_form, settings):
    settings.MAX_IMAGE_PIXELS = 1_000_000

    response = post_logo(admin_client, organisation_form, "net.png", image_bytes(size=(1000, 1000)))

    assert response.status_code == 302


@pytest.mark.parametrize("name", ["logo.png", "logo.jpg", "logo.gif", "logo.webp"])
def test_an_executable_renamed_to_an_image_is_refused_by_its_content(
    admin_client, organisation_form, settings, name
):
    response = post_logo(admin_client, organisation_form, name, EXECUTABLE)

    assert_rejected(response, "logo", "Het bestand is geen afbeelding")
    assert not Organisation.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.parametrize("cut", [0.5, 0.9])
def test_a_truncated_image_is_refused(admin_client, organisation_form, settings, cut):
    # Noise does not compress, so the cut falls in the pixel data, not in the header.
    buffer = io.BytesIO()
    Image.effect_noise((200, 200), 60).convert("RGB").save(buffer, "JPEG")
    content = buffer.getvalue()

    response = post_logo(
        admin_client, organisation_form, "afgebroken.jpg", content[: int(len(content) * cut)]
    )

    assert_rejected(response, "logo", "beschadigd of onvolledig")
    assert not Organisation.objects.exists()
    assert stored_files(settings) == []


def test_a_png_with_a_damaged_checksum_is_refused(admin_client, organisation_form):
    content = bytearray(image_bytes())
    content[-20] ^= 0xFF  # in the pixel data, before the IDAT checksum and IEND

    response = post_logo(admin_client, organisation_form, "kapot.png", bytes(content))

    assert_rejected(response, "logo", "beschadigd of onvolledig")


def test_an_image_whose_extension_lies_is_refused(admin_client, organisation_form):
    response = post_logo(admin_client, organisation_form, "logo.png", image_bytes("JPEG"))

    assert_rejected(response, "logo", "JPEG-afbeelding, maar heeft de extensie '.png'")
    assert not Organisation.objects.exists()


@pytest.mark.parametrize("name", ["logo.svg", "logo.bmp", "logo.tiff", "logo.html"])
def test_other_image_types_are_refused(admin_client, organisation_form, name):
    response = post_logo(admin_client, organisation_form, name, image_bytes("BMP"))

    assert_rejected(response, "logo", "zijn niet toegestaan")
    assert not Organisation.objects.exists()


def test_an_image_over_the_size_limit_is_refused(admin_client, organisation_form, settings):
    settings.MAX_UPLOAD_MB = 1
    buffer = io.BytesIO()
    Image.effect_noise((1000, 1000), 80).convert("RGB").save(buffer, "PNG")
    assert buffer.tell() > 1024 * 1024

    response = post_logo(admin_client, organisation_form, "ruis.png", buffer.getvalue())

    assert_rejected(response, "logo", "het maximum is 1 MB")
    assert not Organisation.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.parametrize(
    ("factory", "field"),
    [
        (EventFactory, "image"),
        (SpeakerFactory, "photo"),
        (InitiativeFactory, "image"),
        (CollectionFactory, "image"),
        (OrganisationFactory, "logo"),
    ],
    ids=lambda value: getattr(value, "__name__", value),
)
def test_every_image_in_the_admin_refuses_a_bomb(admin_client, settings, bomb, factory, field):
    obj = factory()
    data = get_form(admin_client, admin_url(obj))
    data[field] = SimpleUploadedFile("bom.png", bomb, "image/png")

    response = admin_client.post(admin_url(obj), data)

    assert_rejected(response, field, "De afbeelding is te groot")
    obj.refresh_from_db()
    assert not getattr(obj, field)
    assert stored_files(settings) == []


def test_a_document_that_is_an_image_bomb_is_refused(admin_client, settings, bomb):
    data = get_form(admin_client, admin_url(Document, "add"))
    data.update(
        title="Plattegrond",
        slug="plattegrond",
        kind=DocumentKind.STATUTES,
        initiative=str(InitiativeFactory().pk),
        file=SimpleUploadedFile("plattegrond.png", bomb, "image/png"),
    )

    response = admin_client.post(admin_url(Document, "add"), data)

    assert_rejected(response, "file", "De afbeelding is te groot")
    assert not Document.objects.exists()
    assert stored_files(settings) == []


def test_a_webp_extension_on_another_riff_file_is_refused(admin_client, settings):
    wave = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 32
    data = get_form(admin_client, admin_url(Document, "add"))
    data.update(
        title="Geluid",
        slug="geluid",
        kind=DocumentKind.STATUTES,
        initiative=str(InitiativeFactory().pk),
        file=SimpleUploadedFile("geluid.webp", wave, "image/webp"),
    )

    response = admin_client.post(admin_url(Document, "add"), data)

    assert_rejected(response, "file", "De inhoud van het bestand past niet bij '.webp'")
    assert not Document.objects.exists()
