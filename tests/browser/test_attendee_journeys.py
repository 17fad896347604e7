"""Attendees in a real browser: sign up, reserve a session per round, change, cancel, and the
waiting list. The same journeys run with JavaScript switched off: it may only enhance."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from events.models import Event
from tests.browser.pages import UPCOMING
from tests.factories import PASSWORD, make_user

EVENT_TITLE = re.compile(r"Demo: Werken in de wijk – tafelsessies")
ACCOUNT_LINK = re.compile(r"https?://\S+/account/\S+")


def sign_up(page: Page, email: str) -> None:
    """From the event page to a verified, signed-in account, with the link from the e-mail."""
    page.goto(f"/evenementen/{UPCOMING}/")
    page.get_by_role("link", name="Reserveer een plaats").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Aanmelden|Inloggen"))
    page.get_by_role("main").get_by_role("link", name=re.compile("Registreer|registreer")).click()
    page.get_by_label("E-mailadres:").fill(email)
    page.get_by_label("Wachtwoord:", exact=True).fill(PASSWORD)
    page.get_by_label("Wachtwoord (bevestigen):").fill(PASSWORD)
    page.get_by_role("button", name="Registreren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Verifieer"))

    (message,) = [message for message in mail.outbox if email in message.to]
    (link,) = ACCOUNT_LINK.findall(message.body)
    page.goto(link)
    page.get_by_role("button", name="Bevestigen").click()


def reserve(page: Page, first_round: str, second_round: str) -> None:
    page.goto(f"/evenementen/{UPCOMING}/")
    page.get_by_role(
        "link", name=re.compile("Reserveer een plaats|Zet me op de wachtlijst")
    ).click()
    page.get_by_label("Naam op de deelnemerslijst:").fill("Anna de Vries")
    page.get_by_role("group", name="Ronde 1").get_by_label(first_round).check()
    page.get_by_role("group", name="Ronde 2").get_by_label(second_round).check()
    page.get_by_role("main").get_by_role("button").first.click()


def my_reservation(page: Page):
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn reserveringen")
    return page.locator(".card").filter(has=page.get_by_role("heading", name=EVENT_TITLE))


def sign_up_reserve_change_and_cancel(page: Page) -> None:
    sign_up(page, "anna@example.org")
    reserve(page, "Buurtbegroten", "Elimineer de burger!")

    card = my_reservation(page)
    expect(card.get_by_text("Bevestigd")).to_be_visible()
    expect(card.get_by_role("link", name="Buurtbegroten")).to_be_visible()
    expect(card.get_by_role("link", name="Elimineer de burger!")).to_be_visible()

    card.get_by_role("link", name="Sessies wijzigen").click()
    page.get_by_role("group", name="Ronde 2").get_by_label("Hoe democratisch is jouw wijk?").check()
    page.get_by_role("button", name="Opslaan").click()
    card = my_reservation(page)
    expect(card.get_by_role("link", name="Hoe democratisch is jouw wijk?")).to_be_visible()
    expect(card.get_by_role("link", name="Elimineer de burger!")).to_have_count(0)

    card.get_by_role("link", name="Annuleren").click()
    page.get_by_role("button", name="Ja, annuleer mijn reservering").click()
    expect(my_reservation(page).get_by_text("Geannuleerd")).to_be_visible()


def waiting_list_and_promotion(open_page, *, javascript: bool) -> None:
    Event.objects.filter(slug=UPCOMING).update(capacity=1)
    first, second = make_user("anna@example.org"), make_user("bert@example.org")
    anna = open_page(first, javascript=javascript)
    reserve(anna, "Buurtbegroten", "Elimineer de burger!")
    expect(my_reservation(anna).get_by_text("Bevestigd")).to_be_visible()

    bert = open_page(second, javascript=javascript)
    bert.goto(f"/evenementen/{UPCOMING}/")
    expect(bert.get_by_role("link", name="Zet me op de wachtlijst")).to_be_visible()
    reserve(bert, "Buurtbegroten", "Hoe democratisch is jouw wijk?")
    expect(my_reservation(bert).get_by_text("Wachtlijst, plaats 1")).to_be_visible()

    anna.get_by_role("link", name="Annuleren").click()
    anna.get_by_role("button", name="Ja, annuleer mijn reservering").click()

    bert.reload()
    expect(my_reservation(bert).get_by_text("Bevestigd")).to_be_visible()
    expect(my_reservation(bert).get_by_role("link", name="Buurtbegroten")).to_be_visible()


def test_an_attendee_signs_up_reserves_changes_a_session_and_cancels(page: Page, demo):
    sign_up_reserve_change_and_cancel(page)


def test_a_second_attendee_waits_and_is_promoted_after_a_cancellation(open_page, demo):
    waiting_list_and_promotion(open_page, javascript=True)


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_without_javascript_signing_up_reserving_and_cancelling_work(open_page, demo):
    sign_up_reserve_change_and_cancel(open_page(javascript=False))


@pytest.mark.parametrize("viewport", ["phone"], indirect=True)
def test_without_javascript_the_waiting_list_works(open_page, demo):
    waiting_list_and_promotion(open_page, javascript=False)
