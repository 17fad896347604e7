"""Dutch first, English through the switch on every page; both catalogues complete."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.factories import EventFactory

LOCALE = Path(__file__).resolve().parents[2] / "locale"


@pytest.mark.django_db
def test_dutch_by_default_even_for_an_english_browser(client):
    response = client.get("/agenda/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assert '<html lang="nl">' in response.content.decode()
    assert response["Content-Language"] == "nl"


@pytest.mark.django_db
def test_the_switch_turns_a_page_into_english_and_back(client):
    event = EventFactory()
    page = client.get(event.get_absolute_url()).content.decode()
    assert 'action="/i18n/setlang/"' in page

    response = client.post("/i18n/setlang/", {"language": "en", "next": event.get_absolute_url()})
    assert response.status_code == 302
    assert response["Location"] == event.get_absolute_url()
    english = client.get(event.get_absolute_url()).content.decode()
    assert '<html lang="en">' in english
    assert "Programme" in english or "Organisation" in english

    client.post("/i18n/setlang/", {"language": "nl", "next": "/"})
    assert '<html lang="nl">' in client.get(event.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_an_unknown_language_cookie_falls_back_to_dutch(client):
    client.cookies["django_language"] = "xx"

    assert '<html lang="nl">' in client.get("/").content.decode()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_interface_string_is_translated(language):
    with open(LOCALE / language / "LC_MESSAGES" / "django.po", "rb") as po:
        catalogue = read_po(po)

    untranslated = [
        message.id
        for message in catalogue
        if message.id
        and (message.fuzzy or not (all(message.string) if message.pluralizable else message.string))
    ]
    assert untranslated == []
    assert len(catalogue) > 100


def test_english_says_reservation_never_booking():
    """One English word for "reserveren" and "reservering": reserve, reservation."""
    with open(LOCALE / "en" / "LC_MESSAGES" / "django.po", "rb") as po:
        catalogue = read_po(po)

    booking = re.compile(r"\bbook(s|ing|ings|ed)?\b", re.IGNORECASE)
    mixed = [
        message.id
        for message in catalogue
        if message.id
        and "boek" not in str(message.id)  # a book is a book
        and any(
            booking.search(text or "")
            for text in (message.string if message.pluralizable else [message.string])
        )
    ]
    assert mixed == []
