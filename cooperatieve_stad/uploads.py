"""Validation and naming of uploaded files.

Documents are limited to PDF, office documents and images, checked by extension and by
their first bytes, so that a renamed executable is refused; every upload has a size limit.
"""

import secrets
from collections.abc import Callable
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.deconstruct import deconstructible
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

PDF = (b"%PDF-",)
ZIP = (b"PK\x03\x04",)  # .docx, .xlsx, .pptx, .odt, .ods, .odp
OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # .doc, .xls, .ppt
PNG = (b"\x89PNG\r\n\x1a\n",)
JPEG = (b"\xff\xd8\xff",)
GIF = (b"GIF87a", b"GIF89a")
WEBP = (b"RIFF",)

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
    extension = PurePath(upload.name or "").suffix.lower().lstrip(".")
    allowed = ", ".join(sorted(DOCUMENT_SIGNATURES))
    if extension not in DOCUMENT_SIGNATURES:
        raise ValidationError(
            _(
                "Bestanden van het type '.%(extension)s' zijn niet toegestaan. Toegestaan: %(allowed)s."
            ),
            code="invalid_extension",
            params={"extension": extension or "?", "allowed": allowed},
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(16)
    upload.seek(position)
    if not any(head.startswith(signature) for signature in DOCUMENT_SIGNATURES[extension]):
        raise ValidationError(
            _("De inhoud van het bestand past niet bij '.%(extension)s'."),
            code="invalid_content",
            params={"extension": extension},
        )


@deconstructible
class RandomisedUploadPath:
    """Store uploads under a safe, unguessable name that keeps a readable slug."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def __call__(self, instance: object, filename: str) -> str:
        path = PurePath(filename)
        stem = slugify(path.stem)[:60] or "bestand"
        return f"{self.folder}/{secrets.token_hex(4)}-{stem}{path.suffix.lower()}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RandomisedUploadPath) and other.folder == self.folder


def upload_to(folder: str) -> Callable[[object, str], str]:
    return RandomisedUploadPath(folder)
