"""axe-core (from npm) finds no WCAG 2.1 A/AA violation on the main pages, at phone and desktop
width; reserving works with the keyboard alone."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import require
from tests.browser.pages import UPCOMING, main_pages, reserve_one
from tests.factories import make_user

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def axe() -> str:
    require("axe-core", AXE.exists(), "npm ci")
    return AXE.read_text()


def violations(page: Page, axe: str) -> list[str]:
    """axe's WCAG 2.1 A and AA violations on the page, one line per element."""
    page.add_script_tag(content=axe)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA
    )
    return [
        f"{page.url} {violation['id']} ({violation['impact']}): {node['target']} "
        f"{node['failureSummary']}"
        for violation in result["violations"]
        for node in violation["nodes"]
    ]


def test_the_main_pages_have_no_wcag_violations(open_page, demo, axe):
    attendee = make_user("anna@example.org")
    reserve_one(attendee)
    # The tests inject axe as a script; a Content-Security-Policy must not stop them.
    visitor = open_page(bypass_csp=True)
    signed_in = open_page(attendee, bypass_csp=True)
    found = []
    for checked in main_pages():
        page = signed_in if checked.signed_in else visitor
        page.goto(checked.path)
        found += violations(page, axe)

    # Forms with errors: the messages too must be perceivable and tied to their fields.
    signed_in.goto(f"/evenementen/{UPCOMING}/reserveren/")
    signed_in.get_by_role("button", name="Reserveer").click()
    expect(signed_in.locator(".errorlist").first).to_be_visible()
    found += violations(signed_in, axe)
    visitor.goto("/account/signup/")
    visitor.get_by_label("E-mailadres:").fill("geen-adres@")
    visitor.get_by_role("main").get_by_role("button", name="Registreren").click()
    found += violations(visitor, axe)

    assert not found, "\n".join(found)


def focused(page: Page) -> dict:
    """What has the keyboard focus: its tag, text, label, whether it is in <main>, and whether
    it shows a focus outline."""
    return page.evaluate(
        """() => {
            const element = document.activeElement;
            const style = getComputedStyle(element);
            const box = element.getBoundingClientRect();
            return {
                tag: element.tagName.toLowerCase(),
                text: element.innerText || element.value || "",
                label: element.labels && element.labels.length ? element.labels[0].innerText : "",
                type: element.type || "",
                inMain: !!element.closest("main"),
                outlined: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
                onScreen: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0,
            };
        }"""
    )


def tab_until(page: Page, wanted, limit: int = 80) -> dict:
    """Press Tab until the focused element is the wanted one; each stop shows its focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        assert now["outlined"] and now["onScreen"], f"focus is not visible on {now}"
        if wanted(now):
            return now
    raise AssertionError("never reached by the keyboard")


def test_reserving_works_with_the_keyboard_alone(open_page, demo):
    page = open_page(make_user("anna@example.org"))
    page.goto(f"/evenementen/{UPCOMING}/")

    page.keyboard.press("Tab")
    skip = focused(page)
    assert skip["text"] == "Naar de inhoud" and skip["onScreen"] and skip["outlined"]
    page.keyboard.press("Enter")
    assert tab_until(page, lambda now: True)["inMain"], "the skip link skips to the content"

    tab_until(page, lambda now: now["text"] == "Reserveer een plaats")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Reserveer je plaats")

    # Sent empty first: the error is announced with the field it belongs to.
    tab_until(page, lambda now: now["type"] == "submit" and now["inMain"])
    page.keyboard.press("Enter")
    name = page.get_by_label("Naam op de deelnemerslijst:")
    expect(name).to_have_attribute("aria-invalid", "true")
    error_id = name.get_attribute("aria-describedby")
    expect(page.locator(f"#{error_id}")).to_have_text(re.compile("verplicht"))

    tab_until(page, lambda now: now["label"].startswith("Naam op de deelnemerslijst"))
    page.keyboard.type("Anna de Vries")
    page.keyboard.press("Tab")  # into the first round: "no choice" is selected
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")  # into the second round
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    tab_until(page, lambda now: now["type"] == "submit" and now["inMain"])
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn reserveringen")
    expect(page.get_by_text("Bevestigd")).to_be_visible()
    expect(page.get_by_role("main").get_by_role("link", name="Buurtbegroten")).to_be_visible()
    expect(
        page.get_by_role("main").get_by_role(
            "link", name="Over boze burgers en andere unusual suspects"
        )
    ).to_be_visible()
