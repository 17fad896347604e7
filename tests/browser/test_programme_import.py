"""An organiser imports the Zaanstad sample under docs/ into an empty copy of the event, in
the admin (upload, preview, confirm); the programme that results is the demo's."""

import datetime as dt
from pathlib import Path

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from events.duplication import duplicate_event
from events.models import Event
from initiatives.models import Organisation
from sessions.models import Session, Speaker, Theme
from teams.enums import Role
from tests.factories import MembershipFactory

ZAANSTAD = "werken-in-de-wijk-en-nieuwe-vormen-van-lokale-democratie"
SAMPLE = Path(__file__).resolve().parents[2] / "docs" / "programma-zaanstad.xlsx"


def programme(event: Event) -> list[tuple]:
    """What the import is about, in terms that do not depend on the event's ids."""
    sessions = (
        Session.objects.filter(event=event)
        .select_related("theme")
        .prefetch_related(
            "sittings__slot", "session_speakers__speaker__organisation", "initiatives"
        )
        .order_by("code")
    )
    return [
        (
            session.code,
            session.title,
            session.summary,
            session.description,
            (session.theme.number, session.theme.title) if session.theme else None,
            sorted(
                (sitting.slot.title, sitting.room, sitting.capacity)
                for sitting in session.sittings.all()
            ),
            [
                (
                    line.speaker_id,
                    line.speaker.name,
                    line.role,
                    line.speaker.title,
                    line.speaker.organisation.name if line.speaker.organisation else "",
                )
                for line in sorted(session.session_speakers.all(), key=lambda line: line.order)
            ],
            sorted(initiative.name for initiative in session.initiatives.all()),
        )
        for session in sessions
    ]


def empty_copy(original: Event) -> Event:
    copy = duplicate_event(
        event_id=original.pk, starts_at=timezone.now() + dt.timedelta(days=30), title="Leeg"
    )
    Session.objects.filter(event=copy).delete()
    Theme.objects.filter(event=copy).delete()
    return copy


def test_the_zaanstad_sample_imports_as_the_demo_programme(open_page, demo):
    original = Event.objects.get(slug=ZAANSTAD)
    copy = empty_copy(original)
    speakers, organisations = Speaker.objects.count(), Organisation.objects.count()
    organiser = MembershipFactory(organisation=original.organiser, role=Role.EDITOR).user
    page: Page = open_page(organiser)

    page.goto(reverse("admin:events_event_change", args=[copy.pk]))
    page.get_by_role("link", name="Programma importeren").click()
    page.get_by_label("Bestand").set_input_files(SAMPLE)
    page.get_by_role("button", name="Voorvertoning").click()

    summary = page.locator(".programme-import__summary")
    expect(summary).to_contain_text("Nieuw: 13 sessies, 8 thema's, 0 sprekers, 0 organisaties")
    expect(page.locator(".programme-import__sessions tbody tr")).to_have_count(13)
    assert not Session.objects.filter(event=copy).exists()  # the preview saves nothing
    page.get_by_role("button", name="Importeren bevestigen").click()

    expect(page.locator(".messagelist")).to_contain_text("13 nieuwe en 0 gewijzigde sessies")
    imported = programme(copy)
    assert imported == programme(original)
    assert len(imported) == 13
    assert sum(len(session[5]) for session in imported) == 16  # sittings
    # The seed's 20 speakers less Natasja van den Berg and Rita Visscher-Noordzij, who speak
    # only in the plenary opening (a slot, not a session: outside the import).
    assert len({line[0] for session in imported for line in session[6]}) == 18
    assert Theme.objects.filter(event=copy).count() == 8
    # Every speaker and organisation was found by name; none was made twice.
    assert (Speaker.objects.count(), Organisation.objects.count()) == (speakers, organisations)

    # The same file again: the preview says that nothing changes, and offers no confirm.
    page.goto(reverse("admin:events_event_import_programme", args=[copy.pk]))
    page.get_by_label("Bestand").set_input_files(SAMPLE)
    page.get_by_role("button", name="Voorvertoning").click()
    expect(page.locator(".programme-import__nothing")).to_be_visible()
    expect(page.get_by_role("button", name="Importeren bevestigen")).to_have_count(0)
