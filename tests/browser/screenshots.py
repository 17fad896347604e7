"""`make screenshots`: the main pages at phone and desktop width, as PNGs in docs/screenshots/.

Not a test (pytest collects it only when named on the command line): it renders the demo
data as a visitor and an attendee see it, and writes one viewport-high image per page."""

from pathlib import Path

from PIL import Image

from tests.browser.pages import UPCOMING, main_pages
from tests.factories import make_user

FOLDER = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SHOWN = ["home", "agenda", "upcoming-event", "session", "reservation-form"]


def save_small(png: bytes, path: Path) -> None:
    """A palette PNG: a fraction of the size, and the page's flat colours survive it."""
    path.write_bytes(png)
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def test_screenshots(open_page, demo, viewport):
    FOLDER.mkdir(parents=True, exist_ok=True)
    attendee = make_user("anna@example.org")
    visitor, signed_in = open_page(), open_page(attendee)
    for checked in main_pages():
        if checked.name not in SHOWN:
            continue
        page = signed_in if checked.signed_in else visitor
        page.goto(checked.path)
        if checked.name == "reservation-form":
            page.get_by_label("Naam op de deelnemerslijst:").fill("Anna de Vries")
        save_small(page.screenshot(), FOLDER / f"{checked.name}-{viewport}.png")
    assert UPCOMING in signed_in.url
