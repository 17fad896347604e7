"""The admin's pickers offer only what belongs to the event being edited (rounds, themes) or
what the editor's organisation may use, and their labels say which event or organisation a
choice belongs to.

Alfa has two events, "Alfa Conferentie" and "Alfa Tweede Dag", each with a round called
"Ronde 1 tafelsessies" at the same hour and a "Thema 1": the labels must tell them apart.
"""

import datetime as dt
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from sessions.enums import SlotKind
from sessions.models import Session, Sitting
from tests.admin_forms import add_inline_row, admin_url, assert_rejected, form_data, get_form
from tests.factories import EventFactory, SessionFactory, SlotFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_event(ours):
    event = EventFactory(
        title="Alfa Tweede Dag", slug="alfa-tweede-dag", organiser=ours.event.organiser
    )
    ThemeFactory(event=event, number=ours.theme.number, title=ours.theme.title)
    SlotFactory(event=event, title=ours.slot.title, kind=SlotKind.ROUND)
    return event


@pytest.fixture
def editor(login):
    return login("editor")


def select_choices(response, field: str, inline: str | None = None) -> dict[str, str]:
    """Value → label of the options the form offers for `field` (of an inline's rows)."""
    if inline is None:
        formfield = response.context["adminform"].form.fields[field]
    else:
        formsets = {
            fs.formset.prefix: fs.formset for fs in response.context["inline_admin_formsets"]
        }
        formfield = formsets[inline].empty_form.fields[field]
    return {str(value): label for value, label in formfield.choices if value != ""}


def test_session_change_form_offers_only_its_events_rounds_and_themes(
    editor, ours, theirs, second_event
):
    page = editor.get(admin_url(ours.session))

    rounds = select_choices(page, "slot", inline="sittings")
    themes = select_choices(page, "theme")

    assert set(rounds) == {str(ours.slot.pk)}
    assert set(themes) == {str(ours.theme.pk)}
    assert "Alfa Conferentie" in rounds[str(ours.slot.pk)]
    assert themes[str(ours.theme.pk)] == f"{ours.theme} · Alfa Conferentie"


def event_choices(response) -> dict[str, str]:
    """Value → label of the events the "choose the event first" page offers."""
    return dict(response.context["events"])


def test_a_new_session_starts_with_choosing_its_event(editor, ours, theirs, second_event):
    page = editor.get(admin_url(Session, "add"))

    assert page.status_code == 200
    assert event_choices(page) == {
        ours.event.pk: ours.event.picker_label(),
        second_event.pk: second_event.picker_label(),
    }
    html = page.content.decode()
    assert '<form method="get" id="choose_event_form">' in html
    assert "Bravo" not in html


def test_with_one_event_the_add_form_opens_for_it(editor, ours, theirs):
    response = editor.get(admin_url(Session, "add"))

    assert response.status_code == 302
    assert response["Location"] == admin_url(Session, "add") + f"?event={ours.event.pk}"


def test_adding_from_a_list_filtered_on_an_event_opens_the_form_for_it(
    editor, ours, theirs, second_event
):
    filters = urlencode({"_changelist_filters": f"event__id__exact={second_event.pk}"})

    response = editor.get(admin_url(Session, "add") + "?" + filters)

    assert response.status_code == 302
    assert response["Location"].endswith(f"&event={second_event.pk}")
    assert "_changelist_filters" in response["Location"]


def test_a_list_filtered_on_another_organisations_event_opens_nothing_of_it(
    editor, ours, theirs, second_event
):
    filters = urlencode({"_changelist_filters": f"event__id__exact={theirs.event.pk}"})

    page = editor.get(admin_url(Session, "add") + "?" + filters)

    assert page.status_code == 200
    assert theirs.event.pk not in event_choices(page)


@pytest.mark.parametrize(("role", "status"), [("host", 403), ("staff", 403), ("anonymous", 302)])
def test_only_editors_choose_an_event_for_a_new_session(login, ours, theirs, role, status):
    response = login(role).get(admin_url(Session, "add"))

    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(reverse("admin:login"))


def test_session_add_form_for_an_event_offers_only_that_events_choices(editor, ours, second_event):
    page = editor.get(admin_url(Session, "add") + f"?event={ours.event.pk}")

    assert set(select_choices(page, "slot", inline="sittings")) == {str(ours.slot.pk)}
    assert set(select_choices(page, "theme")) == {str(ours.theme.pk)}


def new_session_data(editor, event) -> dict:
    data = form_data(editor.get(admin_url(Session, "add") + f"?event={event.pk}"))
    assert data["event"] == str(event.pk)
    data.update(code="7x", title="Nieuwe Tafel", slug="nieuwe-tafel")
    return data


def test_adding_a_session_with_another_events_round_is_a_clear_error(editor, ours, second_event):
    other_round = second_event.slots.get()
    data = new_session_data(editor, ours.event)
    row = add_inline_row(data, "sittings", slot=other_round, room="Zaal 1", capacity=10)

    response = editor.post(admin_url(Session, "add"), data)

    assert_rejected(response, f"{row}-slot", "hetzelfde evenement")
    assert not Session.objects.filter(slug="nieuwe-tafel").exists()


def test_adding_a_session_with_another_events_theme_is_a_clear_error(editor, ours, second_event):
    data = new_session_data(editor, ours.event)
    data["theme"] = str(second_event.themes.get().pk)

    response = editor.post(admin_url(Session, "add"), data)

    assert_rejected(response, "theme", "hetzelfde evenement")
    assert not Session.objects.filter(slug="nieuwe-tafel").exists()
    # The form comes back offering the posted event's themes and rounds, no others.
    assert set(select_choices(response, "theme")) == {str(ours.theme.pk)}
    assert set(select_choices(response, "slot", inline="sittings")) == {str(ours.slot.pk)}


def test_a_theme_of_another_event_is_refused_whatever_event_the_address_names(
    editor, ours, second_event
):
    """The address may name one event and the form post another: the posted one counts."""
    data = new_session_data(editor, ours.event)
    data.update(event=str(second_event.pk), theme=str(ours.theme.pk))

    response = editor.post(admin_url(Session, "add") + f"?event={ours.event.pk}", data)

    assert_rejected(response, "theme", "hetzelfde evenement")
    assert not Session.objects.filter(slug="nieuwe-tafel").exists()


def test_adding_a_session_with_its_own_events_round_and_theme_saves(editor, ours, second_event):
    data = new_session_data(editor, ours.event)
    data["theme"] = str(ours.theme.pk)
    add_inline_row(data, "sittings", slot=ours.slot, room="Zaal 1", capacity=10)

    response = editor.post(admin_url(Session, "add"), data)

    assert response.status_code == 302
    session = Session.objects.get(slug="nieuwe-tafel")
    assert session.theme == ours.theme
    assert Sitting.objects.filter(session=session, slot=ours.slot).exists()


def test_a_sitting_cannot_be_moved_to_another_events_round_on_the_change_form(
    editor, ours, theirs, second_event
):
    data = get_form(editor, admin_url(ours.session))
    for foreign in (second_event.slots.get(), theirs.slot):
        data["sittings-0-slot"] = str(foreign.pk)

        response = editor.post(admin_url(ours.session), data)

        assert_rejected(response, "sittings-0-slot")
    assert Sitting.objects.get(pk=ours.sitting.pk).slot == ours.slot


def test_a_round_of_another_organisation_is_refused_on_the_add_form(editor, ours, theirs):
    data = new_session_data(editor, ours.event)
    row = add_inline_row(data, "sittings", slot=theirs.slot, room="Zaal 1", capacity=10)

    response = editor.post(admin_url(Session, "add"), data)

    assert_rejected(response, f"{row}-slot")


def test_autocomplete_of_events_and_speakers_is_labelled_and_scoped(
    editor, ours, theirs, second_event
):
    def texts(model_name: str, field_name: str) -> set[str]:
        response = editor.get(
            reverse("admin:autocomplete"),
            {"app_label": "programme", "model_name": model_name, "field_name": field_name},
        )
        return {result["text"] for result in response.json()["results"]}

    events = texts("session", "event")
    speakers = texts("sessionspeaker", "speaker")

    assert events == {ours.event.picker_label(), second_event.picker_label()}
    assert all("Bravo" not in text for text in events | speakers)
    assert speakers == {"Alfa Spreker · wijkmanager, Alfa Organisatie"}


def test_event_form_pickers_are_labelled(editor, ours, theirs):
    page = editor.get(admin_url(ours.event))

    organisers = select_choices(page, "organiser")

    assert organisers == {str(ours.event.organiser.pk): ours.event.organiser.picker_label()}
    assert "Bravo" not in page.content.decode()


def test_session_list_filters_name_the_event_of_each_theme(editor, ours, second_event):
    SessionFactory(event=second_event, theme=second_event.themes.get(), title="Alfa Dag Twee")

    page = editor.get(admin_url(Session, "changelist"))
    specs = {spec.title: spec for spec in page.context["cl"].filter_specs}
    theme_filter = next(spec for title, spec in specs.items() if "thema" in str(title))
    # After "Alle"; "-" (no theme) is there because the theme may be empty.
    labels = [choice["display"] for choice in theme_filter.choices(page.context["cl"])][1:]
    labels.remove("-")

    assert sorted(labels) == sorted(
        [f"{ours.theme} · Alfa Conferentie", f"{ours.theme} · Alfa Tweede Dag"]
    )


def test_session_pages_queries_do_not_grow_with_the_programme(editor, ours, second_event):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(url: str) -> int:
        editor.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert editor.get(url).status_code == 200
        return len(queries)

    urls = [
        admin_url(Session, "add"),
        admin_url(Session, "add") + f"?event={ours.event.pk}",
        admin_url(ours.session),
        admin_url(Session, "changelist"),
    ]
    few = [count(url) for url in urls]
    for number in range(1, 7):
        ThemeFactory(event=ours.event, number=ours.theme.number + number)
        # Back to back after the first round: slots of one event may not overlap.
        starts_at = ours.slot.ends_at + dt.timedelta(minutes=5 * number)
        SlotFactory(
            event=ours.event,
            kind=SlotKind.ROUND,
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(minutes=5),
        )
        SessionFactory(event=ours.event, title=f"Alfa Extra {number}")
    many = [count(url) for url in urls]

    assert many == few
