"""Images are resized with Pillow; pages carry no inline script or style and nothing from other hosts."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from common.images import resized_url
from common.markdown import render_markdown
from tests.factories import EventFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


def png(width: int, height: int) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "green").save(buffer, "PNG")
    return SimpleUploadedFile("foto.png", buffer.getvalue(), content_type="image/png")


def test_images_are_resized_to_the_width_shown_and_kept(settings):
    speaker = SpeakerFactory(photo=png(2000, 1000))

    url = resized_url(speaker.photo, 300)

    assert url.startswith(settings.MEDIA_URL) or url.startswith("/" + settings.MEDIA_URL)
    path = settings.MEDIA_ROOT / url.split(settings.MEDIA_URL.strip("/") + "/", 1)[1]
    with Image.open(path) as resized:
        assert resized.size == (320, 160)
        assert resized.format == "WEBP"
    assert resized_url(speaker.photo, 300) == url  # made once, then reused


def test_a_broken_image_gives_no_url_instead_of_an_error():
    speaker = SpeakerFactory()
    speaker.photo.name = "speakers/missing.png"

    assert resized_url(speaker.photo, 320) == ""
    assert resized_url(None, 320) == ""


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[klik](javascript:alert(1))",
        '<a href="javascript:alert(1)">klik</a>',
        "<iframe src='https://evil.example'></iframe>",
        '<p style="color:red" onclick="x()">tekst</p>',
    ],
)
def test_markdown_never_lets_script_through(hostile):
    html = render_markdown(hostile)

    assert "<script" not in html and "javascript:" not in html
    assert "onerror" not in html and "onclick" not in html and "<iframe" not in html
    assert "style=" not in html


def test_markdown_keeps_ordinary_formatting():
    html = render_markdown("**vet** en [link](https://example.org)\n\n1. een\n2. twee")

    assert "<strong>vet</strong>" in html
    assert 'href="https://example.org"' in html and 'rel="noopener noreferrer nofollow"' in html
    assert "<ol>" in html


def test_pages_have_no_inline_script_or_style_and_load_nothing_from_other_hosts(client):
    call_command("load_demo", stdout=io.StringIO())
    event = EventFactory(description='<p style="x">hoi</p><script>alert(1)</script>')
    urls = [
        "/",
        "/agenda/",
        event.get_absolute_url(),
        "/evenementen/werken-in-de-wijk-en-nieuwe-vormen-van-lokale-democratie/",
        "/evenementen/werken-in-de-wijk-en-nieuwe-vormen-van-lokale-democratie/sessies/1a-breda-begroot/",
        "/sprekers/jan-van-ginkel/",
        "/initiatieven/",
        "/initiatieven/breda-begroot/",
        "/collecties/",
        "/collecties/plekken-van-hoop-en-verandering/",
        "/kennisbank/",
        "/organisaties/gemeente-zaanstad/",
        "/reeksen/cooperatieven-maken-de-stad/",
    ]
    for url in urls:
        html = client.get(url).content.decode()
        scripts = re.findall(r"<script\b[^>]*>", html)
        # Data blocks (JSON-LD) run nothing; code comes only from our own files.
        assert all(
            'type="application/ld+json"' in tag
            or re.fullmatch(r'<script src="/static/[^"]+">', tag.replace(" defer", ""))
            for tag in scripts
        ), (url, scripts)
        assert " style=" not in html, url
        loaded = re.findall(
            r'<(?:script|img)\b[^>]*\bsrc="([^"]*)"|<link rel="stylesheet" href="([^"]*)"', html
        )
        assert not [
            src for pair in loaded for src in pair if src.startswith(("http:", "https:", "//"))
        ], url
        assert loaded, url  # the stylesheet at least
