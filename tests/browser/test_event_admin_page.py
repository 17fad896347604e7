"""The event's change page in the admin at 1280 px: the slots are times only, the page needs
no sideways scrolling, and a browser in another time zone gets no time-zone warnings."""

import datetime as dt

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from common.timezone import AMSTERDAM
from sessions.enums import SlotKind
from sessions.models import Slot
from teams.enums import Role
from tests.factories import (
    EventFactory,
    MembershipFactory,
    SessionFactory,
    SittingFactory,
    SlotFactory,
    SpeakerFactory,
    ThemeFactory,
    make_user,
)

pytestmark = pytest.mark.django_db(transaction=True)

DAY = dt.date(2025, 10, 7)


def at(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(DAY, dt.time(hour, minute), tzinfo=AMSTERDAM)


@pytest.mark.parametrize("viewport", ["desktop"])
def test_event_page_fits_1280_px_and_warns_of_no_time_zone(open_page, viewport):
    event = EventFactory(title="Werken in de wijk", starts_at=at(14), ends_at=at(18))
    speaker = SpeakerFactory(name="Wethouder met een lange naam", title="wethouder " * 4)
    for number, (start, end, kind) in enumerate(
        [((14, 0), (15, 0), SlotKind.PLENARY), ((15, 0), (15, 45), SlotKind.ROUND)]
    ):
        slot = SlotFactory(
            event=event,
            starts_at=at(*start),
            ends_at=at(*end),
            kind=kind,
            title=f"Onderdeel {number} met een titel die niet kort is",
            location="Grote zaal van het gemeentehuis",
            description="Een beschrijving " * 20,
        )
        slot.speakers.add(speaker)
    user = make_user("organiser@example.org", is_staff=True)
    MembershipFactory(user=user, organisation=event.organiser, role=Role.EDITOR)

    page = open_page(user, timezone_id="America/New_York")
    page.goto(reverse("admin:events_event_change", args=[event.pk]))

    expect(page.locator("#slots-group")).to_be_visible()
    assert page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == "America/New_York"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    expect(page.locator(".timezonewarning")).to_have_count(0)
    expect(page.get_by_text("servertijd")).to_have_count(0)
    expect(page.locator("#id_slots-1-starts")).to_have_value("15:00")

    # Typed in New York, read in Amsterdam: the slot moves to 16.00 on the event's own day.
    page.fill("#id_slots-1-starts", "16:00")
    page.fill("#id_slots-1-ends", "16:45")
    page.get_by_role("button", name="Opslaan", exact=True).first.click()
    expect(page.locator(".messagelist")).to_be_visible()
    moved = Slot.objects.get(event=event, kind=SlotKind.ROUND)
    assert (moved.starts_at, moved.ends_at) == (at(16), at(16, 45))


@pytest.mark.parametrize("viewport", ["desktop"])
def test_a_session_of_an_event_with_a_long_title_fits_1280_px(open_page, viewport):
    """Its round and theme pickers name the event in every choice."""
    event = EventFactory(
        title="Demo: Werken in de wijk – tafelsessies over lokale democratie en buurtbudgetten",
        starts_at=at(14),
        ends_at=at(18),
    )
    round_ = SlotFactory(event=event, starts_at=at(15), ends_at=at(15, 45), title="Ronde 1")
    theme = ThemeFactory(event=event, number=1, title="Buurtbudgetten en burgerberaden")
    session = SessionFactory(event=event, theme=theme)
    SittingFactory(session=session, slot=round_, room="Raadzaal")
    user = make_user("organiser@example.org", is_staff=True)
    MembershipFactory(user=user, organisation=event.organiser, role=Role.EDITOR)

    page = open_page(user)
    page.goto(reverse("admin:programme_session_change", args=[session.pk]))

    expect(page.locator("#id_theme")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
