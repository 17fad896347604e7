"""The main pages are valid HTML according to the Nu Html Checker (vnu.jar from npm)."""

import datetime as dt
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from common.timezone import AMSTERDAM
from tests.browser.conftest import require
from tests.browser.pages import UPCOMING, main_pages, reserve_one
from tests.factories import EventFactory, InitiativeFactory, SlotFactory, make_user

VNU = (
    Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)


def validate(pages: dict[str, str], folder: Path) -> list[str]:
    """Every error vnu finds in the pages, checked in one Java process."""
    files = []
    for name, html in pages.items():
        files.append(folder / f"{name}.html")
        files[-1].write_text(html, encoding="utf-8")
    run = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always", *map(str, files)],
        capture_output=True,
        text=True,
        check=True,
    )
    messages = json.loads(run.stderr)["messages"]
    return [
        f"{Path(message['url']).stem}:{message.get('lastLine')}: {message['message']} "
        f"[{message.get('extract', '').strip()}]"
        for message in messages
        if message["type"] == "error" or message.get("subType") == "fatal"
    ]


@pytest.fixture
def vnu() -> None:
    require("Java", bool(shutil.which("java")), "apt-get install default-jre-headless")
    require("vnu.jar", VNU.exists(), "npm ci")


@pytest.mark.django_db
def test_the_main_pages_are_valid_html(client, vnu, tmp_path):
    call_command("load_demo", stdout=io.StringIO())
    attendee = make_user("anna@example.org")
    reserve_one(attendee)
    pages = {}
    for page in main_pages():
        client.logout()
        if page.signed_in:
            client.force_login(attendee)
        response = client.get(page.path)
        assert response.status_code == 200, page.path
        pages[page.name] = response.content.decode()
    client.force_login(attendee)
    invalid = client.post(reverse("reservations:reserve", args=[UPCOMING]), {"name": ""})
    pages["reservation-form-with-errors"] = invalid.content.decode()
    client.logout()
    invalid = client.post(reverse("account_signup"), {"email": "geen-adres"})
    pages["signup-with-errors"] = invalid.content.decode()

    errors = validate(pages, tmp_path)
    assert not errors, "\n".join(errors)


@pytest.mark.django_db
def test_the_programme_editor_is_valid_html(admin_client, vnu, tmp_path):
    """The editor's page, and the sessions form its script puts in, refused with errors."""
    day = dt.date(2031, 10, 20)
    event = EventFactory(
        starts_at=dt.datetime.combine(day, dt.time(14), tzinfo=AMSTERDAM),
        ends_at=dt.datetime.combine(day, dt.time(18), tzinfo=AMSTERDAM),
    )
    round_ = SlotFactory(
        event=event,
        starts_at=dt.datetime.combine(day, dt.time(15), tzinfo=AMSTERDAM),
        ends_at=dt.datetime.combine(day, dt.time(15, 45), tzinfo=AMSTERDAM),
    )
    InitiativeFactory(name="Breda Begroot")
    url = reverse("admin:events_event_programme", args=[event.pk])
    page = admin_client.get(url).content.decode()
    refused = admin_client.post(
        url,
        {
            "part": "sessions",
            "sessions-TOTAL_FORMS": "1",
            "sessions-INITIAL_FORMS": "0",
            "sessions-0-title": "Tafel",
            f"sessions-0-round_{round_.pk}_in": "on",
            "sessions-0-initiatives_add": "Bestaat niet",
        },
        HTTP_ACCEPT="application/json",
    ).json()
    start = page.index(
        '<form method="post" novalidate class="programme-editor__part" id="sessions"'
    )
    end = page.index("</form>", start) + len("</form>")
    with_errors = page[:start] + refused["sessions"] + page[end:]

    assert "Onbekend initiatief" in with_errors
    errors = validate({"editor": page, "editor-with-errors": with_errors}, tmp_path)
    assert not errors, "\n".join(errors)
