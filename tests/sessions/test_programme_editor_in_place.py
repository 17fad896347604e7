"""The programme editor's sessions saved in place (the script's JSON answer) and its
featured initiatives with suggestions."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sessions.models import Session, Sitting
from teams.enums import Role
from tests.factories import (
    EventFactory,
    InitiativeFactory,
    MembershipFactory,
    OrganisationFactory,
    ReservationFactory,
    SeatChoiceFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SittingFactory,
    SlotFactory,
    SpeakerFactory,
    ThemeFactory,
    UserFactory,
)
from tests.sessions.test_programme_editor import (
    at,
    box,
    editor_url,
    management,
    messages_of,
    session_row,
    sessions_data,
)

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def event():
    return EventFactory(starts_at=at(14), ends_at=at(18), capacity=20)


def editor_of(organisation) -> Client:
    user = UserFactory(is_staff=True)
    MembershipFactory(user=user, organisation=organisation, role=Role.EDITOR)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor(event):
    return editor_of(event.organiser)


@pytest.fixture
def rounds(event):
    return (
        SlotFactory(event=event, starts_at=at(15), ends_at=at(15, 45), title="Ronde 1"),
        SlotFactory(event=event, starts_at=at(16), ends_at=at(16, 45), title="Ronde 2"),
    )


@pytest.fixture
def themes(event):
    return (
        ThemeFactory(event=event, number=1, title="Buurtbudgetten"),
        ThemeFactory(event=event, number=2, title="Jongeren"),
    )


@pytest.fixture
def held(event, rounds, themes):
    session = SessionFactory(event=event, code="1a", title="Breda Begroot", theme=themes[0])
    SittingFactory(session=session, slot=rounds[0], room="Zaal A", capacity=10)
    return session


def save_in_place(client, event, data):
    return client.post(editor_url(event), data, **JSON)


def rows_on_the_page(client, event) -> list[dict]:
    """The session rows as the editor shows them, as a browser sends them back."""
    formset = client.get(editor_url(event)).context["session_formset"]
    rows = []
    for form in formset.initial_forms:
        row = {key: value for key, value in form.initial.items() if value not in (None, False)}
        rows.append({key: ("on" if value is True else value) for key, value in row.items()})
    return rows


# Saving in place -------------------------------------------------------------------------


def test_a_new_session_is_saved_in_place_and_comes_back_with_its_id(editor, event, rounds):
    row = session_row("Doen wat goed is", "6", **box(rounds[0], "Zaal A"))

    response = save_in_place(editor, event, sessions_data([row]))

    answer = response.json()
    session = Session.objects.get()
    assert response.status_code == 200 and answer["saved"] is True
    assert "Opgeslagen: 1 nieuw, 0 gewijzigd, 0 verwijderd." in answer["messages"]
    assert re.search(rf'name="sessions-0-id" value="{session.pk}"', answer["sessions"])
    assert 'name="sessions-INITIAL_FORMS" value="1"' in answer["sessions"]
    assert "Doen wat goed is" in answer["overview"]
    assert "heeft geen aantal plaatsen" in answer["warnings"]
    assert answer["errors"] == {"rows": {}, "form": []}
    # The message was shown in place; the next page does not show it again.
    assert messages_of(editor.get(editor_url(event))) == []


def test_a_session_is_edited_and_moved_in_place(editor, event, rounds, themes, held):
    row = session_row("Breda Begroot en meer", "1a", themes[1], id=held.pk)
    row |= box(rounds[1], "Zaal C", "7")

    answer = save_in_place(editor, event, sessions_data([row], initial=1)).json()

    held.refresh_from_db()
    assert answer["saved"] is True
    assert "1 gewijzigd" in answer["messages"]
    assert (held.title, held.theme) == ("Breda Begroot en meer", themes[1])
    assert list(held.sittings.values_list("slot", "room", "capacity")) == [
        (rounds[1].pk, "Zaal C", 7)
    ]
    # The first round is empty now: the warnings say so at once.
    assert "‘Ronde 1’ (15.00) heeft nog geen sessies" in answer["warnings"]
    assert "Zaal C" in answer["overview"] and "Zaal A" not in answer["overview"]


def test_a_session_is_deleted_in_place(editor, event, held):
    row = session_row(held.title, held.code, id=held.pk, DELETE="on")

    answer = save_in_place(editor, event, sessions_data([row], initial=1)).json()

    assert answer["saved"] is True and "1 verwijderd" in answer["messages"]
    assert not Session.objects.exists()
    assert "Breda Begroot" not in answer["sessions"]
    assert 'name="sessions-INITIAL_FORMS" value="0"' in answer["sessions"]


def test_errors_come_back_by_row_with_everything_typed(editor, event, rounds):
    first = session_row("Getypte eerste sessie", "1a", **box(rounds[0], "Tafel 9", "veel"))
    fine = session_row("Goede sessie", "1b", **box(rounds[0], "Tafel 8", "8"))
    third = session_row("Derde", "2b", initiatives="Bestaat niet", **box(rounds[1]))

    response = save_in_place(editor, event, sessions_data([first, fine, third]))

    answer = response.json()
    rows = answer["errors"]["rows"]
    assert response.status_code == 422 and answer["saved"] is False
    assert list(rows) == ["0", "2"]
    assert rows["0"][f"round_{rounds[0].pk}_seats"][0]["message"] == "Voer een geheel getal in."
    assert rows["2"]["initiatives"][0]["message"] == "Onbekend initiatief: Bestaat niet."
    assert "Er is niets opgeslagen" in answer["messages"]
    for typed in ("Getypte eerste sessie", "Tafel 9", "veel", "Goede sessie", "Bestaat niet"):
        assert typed in answer["sessions"]
    assert "Onbekend initiatief: Bestaat niet." in answer["sessions"]
    assert not Session.objects.exists() and not Sitting.objects.exists()


def test_errors_of_the_whole_form_come_back(editor, event, rounds):
    rows = [session_row("Een", "1a", **box(rounds[0])), session_row("Twee", "1A", **box(rounds[1]))]

    answer = save_in_place(editor, event, sessions_data(rows)).json()

    assert (
        answer["errors"]["rows"]["1"]["code"][0]["message"] == "Twee sessies hebben de code ‘1A’."
    )
    assert not Session.objects.exists()


def test_an_error_of_the_whole_form_comes_back_with_it(editor, event, rounds, held):
    sitting = held.sittings.get()
    SeatChoiceFactory(reservation=ReservationFactory(event=event), sitting=sitting)
    row = session_row(held.title, held.code, id=held.pk, DELETE="on", **box(rounds[0]))

    response = save_in_place(editor, event, sessions_data([row], initial=1))

    answer = response.json()
    assert response.status_code == 422
    assert answer["errors"]["form"] == [
        "Er zijn al plaatsen gereserveerd voor ‘Breda Begroot’ in ‘Ronde 1’; "
        "haal de sessie daar niet weg."
    ]
    assert "Er zijn al plaatsen gereserveerd" in answer["sessions"]
    assert Session.objects.filter(pk=held.pk).exists()


def test_a_refusal_of_the_service_is_a_message(editor, event, rounds, monkeypatch):
    from sessions.programme_editor import admin
    from sessions.programme_editor.services import ProgrammeEditError

    def refuse(**rows):
        raise ProgrammeEditError("Geweigerd door de database.", code="refused")

    monkeypatch.setattr(admin, "save_sessions", refuse)

    response = save_in_place(editor, event, sessions_data([session_row(**box(rounds[0]))]))

    assert response.status_code == 422
    assert "Geweigerd door de database." in response.json()["messages"]
    assert "Breda Begroot" in response.json()["sessions"]


def test_the_form_without_the_script_still_redirects(editor, event, rounds):
    response = editor.post(editor_url(event), sessions_data([session_row(**box(rounds[0]))]))

    assert response.status_code == 302 and response["Location"] == editor_url(event)


def test_the_timeline_is_not_answered_in_json(editor, event):
    data = {"part": "timeline"} | management("slots", 0) | management("themes", 0)

    response = save_in_place(editor, event, data)

    assert response.status_code == 302


@pytest.mark.parametrize(
    "data",
    [
        {"part": "sessions"},  # no management form
        {"part": "sessions"} | management("sessions", 0) | {"sessions-TOTAL_FORMS": "veel"},
        sessions_data([{"title": "x", "id": "abc"}]),
        sessions_data([{"title": "x", "theme": "thema"}]),
        sessions_data([{"title": "x", "round_ROUND_in": "on", "round_ROUND_seats": "1e99"}]),
        sessions_data([{"title": "\x00", "code": "a\nb"}]),
        sessions_data([{"title": "x" * 5000, "initiatives": "y" * 5000}]),
        sessions_data([{"title": "x", "initiatives_add": "z" * 300}]),
        sessions_data([{"title": "x", "id": "99999"}], initial=1),
    ],
)
def test_bad_input_is_refused_never_a_500(editor, event, rounds, data):
    data = {key.replace("ROUND", str(rounds[0].pk)): value for key, value in data.items()}

    response = save_in_place(editor, event, data)

    assert response.status_code == 422
    assert response.json()["saved"] is False
    assert not Session.objects.exists()


def test_the_answer_takes_as_many_queries_for_one_session_as_for_many(editor, event):
    def programme(event, sessions: int) -> None:
        rounds = [SlotFactory(event=event, starts_at=at(15), ends_at=at(15, 45))]
        theme = ThemeFactory(event=event)
        for _ in range(sessions):
            session = SessionFactory(event=event, theme=theme)
            SittingFactory(session=session, slot=rounds[0], capacity=10)
            SessionSpeakerFactory(
                session=session, speaker=SpeakerFactory(managed_by=event.organiser)
            )
            session.initiatives.add(InitiativeFactory())

    def queries_to_retitle_the_first(event) -> int:
        rows = rows_on_the_page(editor, event)
        rows[0]["title"] += " (nieuw)"
        data = sessions_data(rows, initial=len(rows))
        with CaptureQueriesContext(connection) as queries:
            answer = save_in_place(editor, event, data).json()
        assert answer["saved"] is True and "1 gewijzigd" in answer["messages"]
        return len(queries)

    programme(event, 1)
    many = EventFactory(organiser=event.organiser, starts_at=event.starts_at, ends_at=event.ends_at)
    programme(many, 8)
    queries_to_retitle_the_first(event)  # warm the session and the site's caches

    assert queries_to_retitle_the_first(event) == queries_to_retitle_the_first(many)


# Who may save in place -------------------------------------------------------------------


def test_the_csrf_token_is_required(event, rounds):
    client = editor_of(event.organiser)
    client.handler.enforce_csrf_checks = True
    data = sessions_data([session_row(**box(rounds[0]))])

    refused = save_in_place(client, event, data)
    page = client.get(editor_url(event)).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    saved = save_in_place(client, event, data | {"csrfmiddlewaretoken": token})

    assert refused.status_code == 403
    assert saved.status_code == 200 and saved.json()["saved"] is True
    assert Session.objects.count() == 1


def test_anonymous_visitors_are_sent_to_the_login(client, event, rounds):
    response = save_in_place(client, event, sessions_data([session_row(**box(rounds[0]))]))

    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
    assert not Session.objects.exists()


@pytest.mark.parametrize(
    ("role", "same_organisation", "status"),
    [(Role.EDITOR, False, 404), (Role.HOST, True, 403), (None, False, 403)],
)
def test_only_editors_of_the_organisation_may_save(
    client, event, rounds, role, same_organisation, status
):
    user = UserFactory(is_staff=True)
    if role is not None:
        organisation = event.organiser if same_organisation else OrganisationFactory()
        MembershipFactory(user=user, organisation=organisation, role=role)
    client.force_login(user)

    response = save_in_place(client, event, sessions_data([session_row(**box(rounds[0]))]))

    assert response.status_code == status
    assert not Session.objects.exists()


def test_superusers_may_save_in_place(admin_client, event, rounds):
    response = save_in_place(admin_client, event, sessions_data([session_row(**box(rounds[0]))]))

    assert response.json()["saved"] is True
    assert Session.objects.count() == 1


# Featured initiatives --------------------------------------------------------------------


def test_the_known_initiatives_are_suggested(editor, event, held):
    InitiativeFactory(name="Breda Begroot")
    InitiativeFactory(name="Buurtkiep")

    page = editor.get(editor_url(event)).content.decode()

    suggestions = re.search(r'<datalist id="programme-editor-initiatives">(.*?)</datalist>', page)
    assert re.findall(r'<option value="([^"]+)">', suggestions.group(1)) == [
        "Breda Begroot",
        "Buurtkiep",
    ]
    assert 'name="sessions-0-initiatives_add"' in page
    assert 'list="programme-editor-initiatives"' in page


def test_the_suggestions_take_one_query_however_many(editor, event, held):
    InitiativeFactory()
    editor.get(editor_url(event))  # warm the session and the site's caches
    with CaptureQueriesContext(connection) as one:
        editor.get(editor_url(event))
    for _ in range(10):
        InitiativeFactory()
    with CaptureQueriesContext(connection) as eleven:
        page = editor.get(editor_url(event)).content.decode()

    assert page.count("<option value=") - page.count('<option value=""') >= 11
    assert len(one) == len(eleven)


def test_an_initiative_added_in_the_box_is_featured_beside_the_typed_ones(editor, event, rounds):
    breda = InitiativeFactory(name="Breda Begroot")
    kiep = InitiativeFactory(name="Buurtkiep")
    row = session_row(**box(rounds[0]), initiatives="Breda Begroot", initiatives_add=" buurtkiep ")

    response = editor.post(editor_url(event), sessions_data([row]))

    assert response.status_code == 302
    assert set(Session.objects.get().initiatives.all()) == {breda, kiep}


def test_a_name_added_twice_is_featured_once(editor, event, rounds):
    breda = InitiativeFactory(name="Breda Begroot")
    row = session_row(
        **box(rounds[0]), initiatives="Breda Begroot", initiatives_add="breda begroot"
    )

    editor.post(editor_url(event), sessions_data([row]))

    assert list(Session.objects.get().initiatives.all()) == [breda]
    assert "breda begroot" not in editor.get(editor_url(event)).content.decode()


def test_an_unknown_name_in_the_box_is_an_error_on_its_row_and_kept(editor, event, rounds):
    InitiativeFactory(name="Breda Begroot")
    first = session_row("Eerste", "1", **box(rounds[0]))
    second = session_row("Tweede", "2", **box(rounds[1]), initiatives_add="Breda Bgroot")

    response = save_in_place(editor, event, sessions_data([first, second]))

    answer = response.json()
    assert list(answer["errors"]["rows"]) == ["1"]
    assert "Onbekend initiatief: Breda Bgroot." in answer["sessions"]
    assert "Breda Bgroot</textarea>" in answer["sessions"]
    assert not Session.objects.exists()


# A blank row stays blank ------------------------------------------------------------------


def test_a_blank_row_offers_no_theme_and_a_session_may_have_none(editor, event, themes, held):
    page = editor.get(editor_url(event)).content.decode()
    blank = re.search(r'<select name="sessions-1-theme".*?</select>', page, re.S).group(0)
    row = session_row(held.title, held.code, None, id=held.pk)
    row |= box(Sitting.objects.get().slot, "Zaal A", "10")

    editor.post(editor_url(event), sessions_data([row], initial=1))

    assert '<option value="" selected>---------</option>' in blank
    held.refresh_from_db()
    assert held.theme is None
