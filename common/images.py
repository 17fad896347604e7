"""Images resized with Pillow to the width a page shows them at, made once and kept."""

import logging
from io import BytesIO
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models.fields.files import ImageFieldFile
from PIL import Image, UnidentifiedImageError

logger = logging.getLogger(__name__)

# The widths the stylesheet lays images out at; anything else is rounded up to one of these.
WIDTHS = (160, 320, 640, 1280)


def resized_name(name: str, width: int) -> str:
    return str(PurePosixPath("resized") / str(width) / PurePosixPath(name).with_suffix(".webp"))


def resized_url(image: ImageFieldFile | None, width: int) -> str:
    """The URL of `image` at most `width` pixels wide; '' when there is no usable image."""
    if not image or not image.name:
        return ""
    width = next((w for w in WIDTHS if w >= width), WIDTHS[-1])
    name = resized_name(image.name, width)
    if not default_storage.exists(name):
        try:
            with image.open("rb") as source, Image.open(source) as picture:
                picture.thumbnail((width, width * 4))
                buffer = BytesIO()
                picture.convert("RGBA" if picture.mode in ("RGBA", "LA", "P") else "RGB").save(
                    buffer, "WEBP", quality=82
                )
        except (OSError, UnidentifiedImageError, Image.DecompressionBombError):
            logger.warning("Cannot resize image %s", image.name, exc_info=True)
            return ""
        default_storage.save(name, ContentFile(buffer.getvalue()))
    return default_storage.url(name)
