"""Sharing an event, a session or an initiative: plain links to e-mail, WhatsApp, LinkedIn
and Bluesky with the page's canonical address, encoded, no script of theirs, and nothing
personal in a block that cached pages hold."""

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from events.enums import EventStatus
from tests.conftest import SITE
from tests.factories import (
    EventFactory,
    InitiativeFactory,
    SessionFactory,
    SittingFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_url")]

TITLE = 'Wonen & werken: "samen" in de wijk? #1 + 50%'
BLOCK = re.compile(r'<section class="share".*?</section>', re.S)
LINK = re.compile(r'<a class="share__link share__link--(\w+)" href="([^"]*)"([^>]*)>')
SCRIPT = re.compile(r"<script\b([^>]*)>")


@pytest.fixture
def pages():
    event = EventFactory(title=TITLE, slug="wonen-en-werken")
    session = SittingFactory(
        session__event=event, session__title="Tafel & stoel", session__slug="tafel"
    ).session
    initiative = InitiativeFactory(name='De "Buurt" & co', slug="de-buurt")
    return {
        "event": (event.get_absolute_url(), TITLE),
        "session": (session.get_absolute_url(), f"Tafel & stoel · {TITLE}"),
        "initiative": (initiative.get_absolute_url(), 'De "Buurt" & co'),
    }


def share_block(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    (block,) = BLOCK.findall(response.content.decode())
    return block


def links(block: str) -> dict[str, tuple[str, str]]:
    """Each link's key: its address (as the browser reads it) and its other attributes."""
    return {key: (html.unescape(href), rest) for key, href, rest in LINK.findall(block)}


def query(href: str) -> dict[str, str]:
    return {name: values[0] for name, values in parse_qs(urlsplit(href).query).items()}


@pytest.mark.parametrize("page", ["event", "session", "initiative"])
def test_each_page_shares_its_canonical_address_with_its_title_encoded(client, pages, page):
    path, title = pages[page]
    url = SITE + path

    found = links(share_block(client, path))

    assert list(found) == ["email", "whatsapp", "linkedin", "bluesky"]
    mail, _ = found["email"]
    assert mail.startswith("mailto:?")
    assert query(mail) == {"subject": title, "body": f"{title}\n\n{url}"}
    assert "+" not in mail  # spaces as %20: mail programs show a + as it is
    whatsapp, _ = found["whatsapp"]
    assert whatsapp.startswith("https://wa.me/?")
    assert query(whatsapp) == {"text": f"{title} {url}"}
    linkedin, _ = found["linkedin"]
    assert linkedin.startswith("https://www.linkedin.com/sharing/share-offsite/?")
    assert query(linkedin) == {"url": url}
    bluesky, _ = found["bluesky"]
    assert bluesky.startswith("https://bsky.app/intent/compose?")
    assert query(bluesky) == {"text": f"{title} {url}"}


def test_the_links_open_apart_from_the_page_and_tell_nothing_back(client, pages):
    found = links(share_block(client, pages["event"][0]))

    for key in ("whatsapp", "linkedin", "bluesky"):
        assert 'target="_blank" rel="noopener noreferrer"' in found[key][1], key
    assert "target" not in found["email"][1]


def test_the_copy_and_share_buttons_wait_for_our_script(client, pages):
    block = share_block(client, pages["event"][0])

    assert "<li hidden data-share-copy-item>" in block
    assert "<li hidden data-share-native-item>" in block
    assert f'data-share-url="{SITE}{pages["event"][0]}"' in block


@pytest.mark.parametrize("page", ["event", "session", "initiative"])
def test_no_script_but_our_own(client, pages, page):
    text = client.get(pages[page][0]).content.decode()

    sources = [attributes for attributes in SCRIPT.findall(text) if "src=" in attributes]
    assert '<script src="/static/js/share.js" defer>' in text
    for attributes in sources:
        assert 'src="/static/' in attributes, attributes
    # Only data blocks (JSON-LD) are inline, which the CSP allows as they run nothing.
    for attributes in SCRIPT.findall(text):
        assert "src=" in attributes or 'type="application/ld+json"' in attributes


@pytest.mark.usefixtures("page_cache_on")
@pytest.mark.parametrize("page", ["event", "session", "initiative"])
def test_the_block_holds_nothing_personal(client, pages, page):
    path = pages[page][0]
    anonymous = share_block(client, path)
    client.force_login(UserFactory(username="anna-de-vries", email="anna@example.org"))

    signed_in = share_block(client, path)

    assert signed_in == anonymous
    assert "anna" not in signed_in


def test_the_organisers_preview_of_a_draft_offers_no_sharing(client):
    event = EventFactory(status=EventStatus.DRAFT)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.get(reverse("events:preview", args=[event.slug]))

    assert response.status_code == 200
    assert 'class="share"' not in response.content.decode()


def test_a_session_page_names_its_event_in_what_it_shares(client):
    session = SessionFactory(title="Buurtbudget", event__title="Werken in de wijk")

    mail, _ = links(share_block(client, session.get_absolute_url()))["email"]

    assert query(mail)["subject"] == "Buurtbudget · Werken in de wijk"


def test_the_block_is_translated(client, pages):
    client.cookies["django_language"] = "en"

    block = share_block(client, pages["initiative"][0])

    assert ">Share<" in block and "Copy link" in block and "The link has been copied." in block
