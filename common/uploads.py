"""Validation and naming of uploaded files.

Documents are limited to PDF, office documents and images, checked by extension and by
their first bytes, so that a renamed executable is refused; every upload has a size limit.
Images (and documents that are images) are decoded by Pillow before they are accepted: a
file that is no image, is damaged or truncated, or has more pixels than MAX_IMAGE_PIXELS (a
decompression bomb: a few kilobytes that unpack into gigabytes) is a form error.
"""

import re
import secrets
from collections.abc import Callable
from pathlib import PurePath
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

PDF = (b"%PDF-",)
ZIP = (b"PK\x03\x04",)  # .docx, .xlsx, .pptx, .odt, .ods, .odp
OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # .doc, .xls, .ppt
PNG = (b"\x89PNG\r\n\x1a\n",)
JPEG = (b"\xff\xd8\xff",)
GIF = (b"GIF87a", b"GIF89a")
WEBP = (b"RIFF",)  # and "WEBP" at byte 8, checked in has_signature

DOCUMENT_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": PDF,
    "docx": ZIP,
    "xlsx": ZIP,
    "pptx": ZIP,
    "odt": ZIP,
    "ods": ZIP,
    "odp": ZIP,
    "doc": OLE,
    "xls": OLE,
    "ppt": OLE,
    "png": PNG,
    "jpg": JPEG,
    "jpeg": JPEG,
    "gif": GIF,
    "webp": WEBP,
}


# Pillow's name of each image format that is accepted, with the extensions it may carry.
IMAGE_FORMATS: dict[str, tuple[str, ...]] = {
    "JPEG": ("jpg", "jpeg"),
    "PNG": ("png",),
    "GIF": ("gif",),
    "WEBP": ("webp",),
}
IMAGE_EXTENSIONS = frozenset(ext for extensions in IMAGE_FORMATS.values() for ext in extensions)


def is_stored(upload: File) -> bool:
    """A file saved earlier was checked when it was uploaded; it may not even be on disk now."""
    return getattr(upload, "_committed", False)


def validate_upload_size(upload: File) -> None:
    if is_stored(upload):
        return
    limit = settings.MAX_UPLOAD_MB * 1024 * 1024
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("Het bestand is %(size).1f MB; het maximum is %(limit)d MB."),
            code="file_too_large",
            params={"size": upload.size / 1024 / 1024, "limit": settings.MAX_UPLOAD_MB},
        )


def validate_document(upload: File) -> None:
    """Allow only the document types of the knowledge base, recognised by their content."""
    if is_stored(upload):
        return
    extension = _extension(upload)
    allowed = ", ".join(sorted(DOCUMENT_SIGNATURES))
    if extension not in DOCUMENT_SIGNATURES:
        raise ValidationError(
            _(
                "Bestanden van het type '.%(extension)s' zijn niet toegestaan. Toegestaan: %(allowed)s."
            ),
            code="invalid_extension",
            params={"extension": extension or "?", "allowed": allowed},
        )
    if not has_signature(_head(upload), extension):
        raise ValidationError(
            _("De inhoud van het bestand past niet bij '.%(extension)s'."),
            code="invalid_content",
            params={"extension": extension},
        )
    if extension in IMAGE_EXTENSIONS:
        verify_image(upload)


def _extension(upload: File) -> str:
    return PurePath(upload.name or "").suffix.lower().lstrip(".")


def _head(upload: File) -> bytes:
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(16)
    upload.seek(position)
    return head


def has_signature(head: bytes, extension: str) -> bool:
    if extension == "webp" and head[8:12] != b"WEBP":  # RIFF is also WAV and AVI
        return False
    return any(head.startswith(signature) for signature in DOCUMENT_SIGNATURES[extension])


def _verified(upload: File) -> bool:
    # The model validator gets a FieldFile around the upload the form field already checked.
    inner = getattr(upload, "_file", None)
    return getattr(upload, "verified_image", False) or getattr(inner, "verified_image", False)


def validate_image(upload: File) -> None:
    """Accept only a JPEG, PNG, GIF or WebP image that Pillow decodes whole, within limits."""
    if is_stored(upload) or _verified(upload):
        return
    extension = _extension(upload)
    if extension not in IMAGE_EXTENSIONS:
        raise ValidationError(
            _(
                "Afbeeldingen van het type '.%(extension)s' zijn niet toegestaan. Toegestaan: %(allowed)s."
            ),
            code="invalid_extension",
            params={"extension": extension or "?", "allowed": ", ".join(sorted(IMAGE_EXTENSIONS))},
        )
    image_format = verify_image(upload)
    if extension not in IMAGE_FORMATS[image_format]:
        raise ValidationError(
            _("Het bestand is een %(format)s-afbeelding, maar heeft de extensie '.%(extension)s'."),
            code="invalid_content",
            params={"format": image_format, "extension": extension},
        )


NOT_AN_IMAGE = _("Het bestand is geen afbeelding (JPEG, PNG, GIF of WebP).")
DAMAGED = _("De afbeelding is beschadigd of onvolledig en kan niet worden gelezen.")
TOO_MANY_PIXELS = _(
    "De afbeelding is te groot: meer dan %(limit)d miljoen pixels. Verklein haar en probeer het opnieuw."
)


def verify_image(upload: File) -> str:
    """Decode `upload` with Pillow and return its format; a ValidationError if that fails.

    Only the header is read before the pixel count is checked, so a bomb is refused before
    it is unpacked. verify() checks the structure (and a PNG's checksums), but it leaves
    the image unusable and does not notice a JPEG cut off halfway, so the image is opened
    again and decoded in full.
    """
    limit = settings.MAX_IMAGE_PIXELS
    too_many = ValidationError(
        TOO_MANY_PIXELS, code="too_many_pixels", params={"limit": limit // 1_000_000}
    )
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        with Image.open(upload, formats=list(IMAGE_FORMATS)) as picture:
            width, height = picture.size
            image_format = picture.format
            if image_format is None:  # formats= above admits only known formats
                raise ValidationError(NOT_AN_IMAGE, code="invalid_image")
            if width * height > limit:
                raise too_many
            picture.verify()
        upload.seek(0)
        with Image.open(upload, formats=[image_format]) as picture:
            picture.load()
    except ValidationError:
        raise
    # Pillow's own guard: an error above twice its limit, a warning above it (which the
    # test settings turn into an error, as RuntimeWarnings are).
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_many from None
    except UnidentifiedImageError:
        raise ValidationError(NOT_AN_IMAGE, code="invalid_image") from None
    # A damaged file makes Pillow raise almost anything (OSError, SyntaxError, struct.error).
    except Exception:
        raise ValidationError(DAMAGED, code="damaged_image") from None
    finally:
        upload.seek(position)
    return image_format


class VerifiedImageFormField(forms.ImageField):
    """Django's image field, with clear errors for bombs, damage and disguised files.

    Django's own check would turn all of these into one vague "not a valid image".
    """

    def to_python(self, data: Any) -> Any:
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        validate_upload_size(upload)  # before decoding: an oversized file is not read at all
        validate_image(upload)
        upload = super().to_python(data)
        # The model field validates the same upload again; once is enough.
        upload.verified_image = True  # type: ignore[union-attr]  # not None: checked above
        return upload


class VerifiedImageField(models.ImageField):
    """An image upload that is size-limited and verified with Pillow, in forms and models."""

    default_validators = [validate_upload_size, validate_image]

    def formfield(self, **kwargs: Any) -> forms.Field | None:  # type: ignore[override]  # the stubs' signature lists Django's defaults
        return super().formfield(**{"form_class": VerifiedImageFormField, **kwargs})


@deconstructible
class RandomisedUploadPath:
    """Store uploads under a safe, unguessable name that keeps a readable slug."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def __call__(self, instance: object, filename: str) -> str:
        path = PurePath(filename)
        stem = slugify(path.stem)[:60] or "bestand"
        # Validators limit the extension of images and documents; this keeps any other safe.
        suffix = re.sub(r"[^a-z0-9]", "", path.suffix.lower())[:10]
        return f"{self.folder}/{secrets.token_hex(4)}-{stem}{'.' + suffix if suffix else ''}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RandomisedUploadPath) and other.folder == self.folder


def upload_to(folder: str) -> Callable[[object, str], str]:
    return RandomisedUploadPath(folder)
