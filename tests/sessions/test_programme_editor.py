"""The programme editor in the admin: forms, saving, moving, deleting, speakers, access."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from initiatives.models import Organisation
from sessions.enums import SlotKind, SpeakerRole
from sessions.models import Session, SessionSpeaker, Sitting, Slot, Speaker, Theme
from teams.enums import Role
from tests.factories import (
    AMSTERDAM,
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

pytestmark = pytest.mark.django_db

DAY = dt.date(2031, 10, 20)


@pytest.fixture
def event():
    return EventFactory(
        starts_at=dt.datetime.combine(DAY, dt.time(14), tzinfo=AMSTERDAM),
        ends_at=dt.datetime.combine(DAY, dt.time(18), tzinfo=AMSTERDAM),
        capacity=20,
    )


@pytest.fixture
def editor(client, event):
    user = UserFactory(is_staff=True)
    MembershipFactory(user=user, organisation=event.organiser, role=Role.EDITOR)
    client.force_login(user)
    return client


def editor_url(event) -> str:
    return reverse("admin:events_event_programme", args=[event.pk])


def at(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(DAY, dt.time(hour, minute), tzinfo=AMSTERDAM)


def management(prefix: str, total: int, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def timeline_data(slots=(), themes=(), *, initial_slots=0, initial_themes=0) -> dict:
    data = {"part": "timeline"}
    data |= management("slots", len(slots), initial_slots)
    data |= management("themes", len(themes), initial_themes)
    for index, row in enumerate(slots):
        data |= {f"slots-{index}-{key}": value for key, value in row.items()}
    for index, row in enumerate(themes):
        data |= {f"themes-{index}-{key}": value for key, value in row.items()}
    return data


def sessions_data(rows, *, initial=0) -> dict:
    data = {"part": "sessions"} | management("sessions", len(rows), initial)
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"sessions-{index}-{key}"] = value
    return data


def slot_row(starts="15:00", ends="15:45", title="Ronde 1", kind=SlotKind.ROUND, **extra):
    return {"starts": starts, "ends": ends, "title": title, "kind": kind, **extra}


def box(slot, room="", seats="") -> dict:
    return {
        f"round_{slot.pk}_in": "on",
        f"round_{slot.pk}_room": room,
        f"round_{slot.pk}_seats": seats,
    }


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# Timeline and themes ---------------------------------------------------------------------


def test_the_timeline_and_themes_are_saved_on_the_events_day(editor, event):
    data = timeline_data(
        [slot_row("14:00", "14:30", "ontvangst", SlotKind.RECEPTION), slot_row()],
        [{"number": "1", "title": "Buurtbudgetten"}, {"number": "2", "title": "Jongeren"}],
    )

    response = editor.post(editor_url(event), data)

    assert response.status_code == 302
    assert response["Location"] == editor_url(event)
    assert [(s.starts_at, s.ends_at, s.title) for s in Slot.objects.filter(event=event)] == [
        (at(14), at(14, 30), "ontvangst"),
        (at(15), at(15, 45), "Ronde 1"),
    ]
    assert list(Theme.objects.filter(event=event).values_list("number", "title")) == [
        (1, "Buurtbudgetten"),
        (2, "Jongeren"),
    ]
    assert "2 nieuw" in messages_of(response)[0] or "4 nieuw" in messages_of(response)[0]


def test_the_times_are_the_events_whatever_the_browsers_zone(editor, event, settings):
    settings.TIME_ZONE = "America/New_York"
    editor.post(editor_url(event), timeline_data([slot_row("15:00", "15:45")]))

    assert Slot.objects.get().starts_at == at(15)


def test_an_event_of_two_days_asks_each_slot_its_day(editor, event):
    event.ends_at = dt.datetime.combine(DAY + dt.timedelta(days=1), dt.time(17), AMSTERDAM)
    event.save()
    second_day = (DAY + dt.timedelta(days=1)).isoformat()

    page = editor.get(editor_url(event)).text
    refused = editor.post(editor_url(event), timeline_data([slot_row("10:00", "11:00")]))
    saved = editor.post(
        editor_url(event),
        timeline_data(
            [
                slot_row("15:00", "16:00", day=DAY.isoformat()),
                slot_row("10:00", "11:00", day=second_day),
            ]
        ),
    )

    assert 'name="slots-0-day"' in page and f'<option value="{second_day}">' in page
    assert refused.status_code == 200
    assert "kies de dag van dit onderdeel" in refused.text
    assert saved.status_code == 302
    assert [(s.starts_at, s.ends_at) for s in Slot.objects.filter(event=event)] == [
        (at(15), at(16)),
        (at(10) + dt.timedelta(days=1), at(11) + dt.timedelta(days=1)),
    ]
    shown = editor.get(editor_url(event)).text
    assert f'<option value="{second_day}" selected>' in shown
    assert "Van " in shown and "kies bij elk onderdeel de dag" in shown


def test_an_event_of_one_day_has_no_choice_of_day(editor, event):
    editor.post(editor_url(event), timeline_data([slot_row()]))

    page = editor.get(editor_url(event)).text

    assert "-day" not in page
    assert "Op " in page


@pytest.mark.parametrize(
    ("row", "error"),
    [
        (slot_row("13:00", "14:30"), "valt buiten de tijden van het evenement"),
        (slot_row("17:30", "18:30"), "valt buiten de tijden van het evenement"),
        (slot_row("15:45", "15:00"), "moet eindigen nadat het begint"),
        (slot_row("kwart over drie", "15:45"), "Voer een geldige tijd in"),
        (slot_row(title=""), "Dit veld is verplicht"),
        (slot_row(kind="feest"), "Selecteer een geldige keuze"),
    ],
)
def test_a_bad_slot_is_refused_with_everything_typed_kept(editor, event, row, error):
    data = timeline_data(
        [row, slot_row("16:00", "16:45", "Ronde 2")], [{"number": "1", "title": "Getypt thema"}]
    )

    response = editor.post(editor_url(event), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert error in page
    assert "Getypt thema" in page and "Ronde 2" in page
    assert not Slot.objects.exists() and not Theme.objects.exists()


def test_overlapping_slots_are_refused(editor, event):
    data = timeline_data([slot_row("15:00", "15:45"), slot_row("15:30", "16:00", "Ronde 2")])

    response = editor.post(editor_url(event), data)

    assert "overlapt met ‘Ronde 1’" in response.content.decode()
    assert not Slot.objects.exists()


@pytest.mark.parametrize(
    ("themes", "error"),
    [
        ([{"number": "1", "title": "A"}, {"number": "1", "title": "B"}], "hetzelfde nummer"),
        ([{"number": "-1", "title": "A"}], "minstens 1"),
        ([{"number": "een", "title": "A"}], "Voer een geheel getal in"),
    ],
)
def test_bad_themes_are_refused(editor, event, themes, error):
    response = editor.post(editor_url(event), timeline_data([], themes))

    assert error in response.content.decode()
    assert not Theme.objects.exists()


def test_a_slot_of_another_event_cannot_be_edited(editor, event):
    other = SlotFactory()
    data = timeline_data([slot_row(id=other.pk)], initial_slots=1)

    response = editor.post(editor_url(event), data)

    assert "hoort niet bij dit evenement" in response.content.decode()
    assert Slot.objects.get(pk=other.pk).title == other.title


def test_a_round_with_sessions_cannot_be_deleted(editor, event):
    sitting = SittingFactory(session=SessionFactory(event=event))
    slot = sitting.slot
    row = slot_row("15:00", "15:45", slot.title, id=slot.pk, DELETE="on")

    response = editor.post(editor_url(event), timeline_data([row], initial_slots=1))

    assert "heeft sessies" in response.content.decode()
    assert Slot.objects.filter(pk=slot.pk).exists()


def test_slots_and_themes_are_edited_and_deleted(editor, event):
    kept = SlotFactory(event=event, starts_at=at(15), ends_at=at(15, 45), title="Ronde 1")
    gone = SlotFactory(event=event, starts_at=at(16), ends_at=at(16, 45), title="Ronde 2")
    theme = ThemeFactory(event=event, number=1, title="Oud")
    data = timeline_data(
        [
            slot_row("15:00", "16:00", "Ronde I", id=kept.pk),
            slot_row("16:00", "16:45", "Ronde 2", id=gone.pk, DELETE="on"),
        ],
        [{"id": theme.pk, "number": "3", "title": "Nieuw"}],
        initial_slots=2,
        initial_themes=1,
    )

    editor.post(editor_url(event), data)

    assert list(Slot.objects.filter(event=event).values_list("title", "ends_at")) == [
        ("Ronde I", at(16))
    ]
    assert list(Theme.objects.values_list("number", "title")) == [(3, "Nieuw")]


# Sessions --------------------------------------------------------------------------------


@pytest.fixture
def rounds(event):
    return (
        SlotFactory(event=event, starts_at=at(15), ends_at=at(15, 45), title="Ronde 1"),
        SlotFactory(event=event, starts_at=at(16), ends_at=at(16, 45), title="Ronde 2"),
    )


@pytest.fixture
def themes(event):
    return (ThemeFactory(event=event, number=1), ThemeFactory(event=event, number=2))


def session_row(title="Breda Begroot", code="1a", theme=None, **extra) -> dict:
    row = {
        "code": code,
        "title": title,
        "theme": theme.pk if theme else "",
        "speakers": "",
        "initiatives": "",
        "description": "",
    }
    return row | extra


def test_a_session_in_two_rounds_is_one_session_with_two_sittings(editor, event, rounds, themes):
    row = session_row(
        "Doen wat goed en nodig is",
        "6",
        themes[0],
        **box(rounds[0], "Zaal A", "12"),
        **box(rounds[1], "Zaal B", "8"),
    )

    response = editor.post(editor_url(event), sessions_data([row]))

    assert response.status_code == 302
    session = Session.objects.get()
    assert (session.code, session.theme, session.slug) == (
        "6",
        themes[0],
        "6-doen-wat-goed-en-nodig-is",
    )
    assert list(session.sittings.values_list("slot", "room", "capacity")) == [
        (rounds[0].pk, "Zaal A", 12),
        (rounds[1].pk, "Zaal B", 8),
    ]
    page = editor.get(editor_url(event)).content.decode()
    assert "Zaal A" in page and "Zaal B" in page


def test_speakers_are_matched_by_name_or_created(editor, event, rounds):
    known = SpeakerFactory(name="Suzanne van Eerden", managed_by=event.organiser)
    stranger = SpeakerFactory(
        name="Herbert Koops", managed_by=OrganisationFactory()
    )  # not usable here
    row = session_row(
        **box(rounds[0]),
        speakers="suzanne van eerden\nHerbert Koops (Indische Buurt Community)\n"
        "Simon Franssen (directeur, Gemeente Oss)\n",
    )

    editor.post(editor_url(event), sessions_data([row]))

    session = Session.objects.get()
    speakers = [role.speaker for role in SessionSpeaker.objects.filter(session=session)]
    assert speakers[0] == known
    assert speakers[1] != stranger and speakers[1].name == "Herbert Koops"
    assert speakers[1].organisation.name == "Indische Buurt Community"
    assert (speakers[2].title, speakers[2].organisation.name) == ("directeur", "Gemeente Oss")
    assert all(s.managed_by == event.organiser for s in speakers)
    assert Organisation.objects.get(name="Gemeente Oss").managed_by == event.organiser
    page = editor.get(editor_url(event)).content.decode()
    assert "Simon Franssen (directeur, Gemeente Oss)" in page


def test_an_existing_organisation_is_used_for_a_new_speaker(editor, event, rounds):
    oss = OrganisationFactory(name="Gemeente Oss")
    row = session_row(**box(rounds[0]), speakers="Peter Noten (Gemeente Oss)")

    editor.post(editor_url(event), sessions_data([row]))

    assert Speaker.objects.get(name="Peter Noten").organisation == oss
    assert Organisation.objects.filter(name="Gemeente Oss").count() == 1


def test_initiatives_are_featured_by_name(editor, event, rounds):
    initiative = InitiativeFactory(name="Breda Begroot")
    row = session_row(**box(rounds[0]), initiatives="breda begroot")

    editor.post(editor_url(event), sessions_data([row]))

    assert list(Session.objects.get().initiatives.all()) == [initiative]


@pytest.mark.parametrize(
    ("extra", "error"),
    [
        ({"theme": "99999"}, "Selecteer een geldige keuze"),
        ({"seats": "veel"}, "Voer een geheel getal in"),
        ({"seats": "-3"}, "minstens 0"),
        ({"speakers": "Jan (wethouder (Zaanstad))"}, "Regel 1"),
        ({"initiatives": "Bestaat niet"}, "Onbekend initiatief: Bestaat niet"),
        ({"title": ""}, "Dit veld is verplicht"),
        ({"code": "x" * 11}, "niet meer dan 10 tekens"),
    ],
)
def test_a_bad_session_row_is_refused_with_everything_typed_kept(
    editor, event, rounds, extra, error
):
    seats = extra.pop("seats", "10")
    first = session_row("Eerste sessie", **box(rounds[0], "Tafel 9", seats)) | extra
    second = session_row("Getypte tweede sessie", "2b", **box(rounds[1]))

    response = editor.post(editor_url(event), sessions_data([first, second]))

    page = response.content.decode()
    assert response.status_code == 200
    assert error in page
    assert "Getypte tweede sessie" in page and "Tafel 9" in page
    assert not Session.objects.exists() and not Sitting.objects.exists()


def test_a_duplicate_code_is_refused(editor, event, rounds):
    rows = [session_row("Een", "1a", **box(rounds[0])), session_row("Twee", "1A", **box(rounds[1]))]

    response = editor.post(editor_url(event), sessions_data(rows))

    assert "Twee sessies hebben de code ‘1A’" in response.content.decode()
    assert not Session.objects.exists()


@pytest.fixture
def held(event, rounds, themes):
    session = SessionFactory(event=event, code="1a", title="Breda Begroot", theme=themes[0])
    SittingFactory(session=session, slot=rounds[0], room="Zaal A", capacity=10)
    SessionSpeakerFactory(session=session, speaker=SpeakerFactory(name="Suzanne"))
    return session


def test_a_session_moves_to_another_theme_and_round(editor, event, rounds, themes, held):
    row = session_row(
        held.title,
        held.code,
        themes[1],
        id=held.pk,
        speakers="Suzanne",
        **box(rounds[1], "Zaal C", "7"),
    )

    response = editor.post(editor_url(event), sessions_data([row], initial=1))

    assert response.status_code == 302
    held.refresh_from_db()
    assert held.theme == themes[1]
    assert list(held.sittings.values_list("slot", "room", "capacity")) == [
        (rounds[1].pk, "Zaal C", 7)
    ]
    assert [s.name for s in held.speakers.all()] == ["Suzanne"]


def test_a_session_is_deleted(editor, event, held):
    row = session_row(held.title, held.code, id=held.pk, DELETE="on")

    editor.post(editor_url(event), sessions_data([row], initial=1))

    assert not Session.objects.exists() and not Sitting.objects.exists()


def test_a_session_with_chosen_seats_is_neither_deleted_nor_moved_away(editor, event, rounds, held):
    sitting = held.sittings.get()
    SeatChoiceFactory(reservation=ReservationFactory(event=event), sitting=sitting)
    moved = session_row(held.title, held.code, id=held.pk, **box(rounds[1]))
    deleted = session_row(held.title, held.code, id=held.pk, DELETE="on", **box(rounds[0]))

    for row in (moved, deleted):
        response = editor.post(editor_url(event), sessions_data([row], initial=1))
        assert "Er zijn al plaatsen gereserveerd" in response.content.decode()

    assert list(held.sittings.all()) == [sitting]


def test_nothing_changed_says_so(editor, event, held):
    page = editor.get(editor_url(event))
    formset = page.context["session_formset"]
    row = {
        key: value for key, value in formset.forms[0].initial.items() if value not in (None, False)
    }
    row = {key: ("on" if value is True else value) for key, value in row.items()}

    response = editor.post(editor_url(event), sessions_data([row], initial=1))

    assert messages_of(response) == ["Er was niets veranderd."]


def as_posted(initial: dict) -> dict:
    """A row as the browser sends back what the editor showed."""
    row = {}
    for key, value in initial.items():
        if value in (None, False):
            continue
        if value is True:
            value = "on"
        elif isinstance(value, dt.time):
            value = f"{value:%H:%M}"
        row[key] = value
    return row


def shown_rows(editor, event, name: str) -> list[dict]:
    formset = editor.get(editor_url(event)).context[name]
    return [as_posted(form.initial) for form in formset.forms if form.initial]


# Speakers with roles, and on the timeline's slots -----------------------------------------


def test_speakers_are_saved_with_their_role_and_shown_so(editor, event, rounds):
    row = session_row(
        **box(rounds[0]),
        speakers="moderator: Jan van Ginkel (gemeentesecretaris, Gemeente Zaanstad)\n"
        "Ann; gastvrouw; ; Gemeente Oss\nSuzanne van Eerden (wijkmanager,)",
    )

    response = editor.post(editor_url(event), sessions_data([row]))

    assert response.status_code == 302
    assert [
        (line.speaker.name, line.role, line.order)
        for line in SessionSpeaker.objects.select_related("speaker").order_by("order")
    ] == [
        ("Jan van Ginkel", SpeakerRole.MODERATOR, 1),
        ("Ann", SpeakerRole.HOST, 2),
        ("Suzanne van Eerden", SpeakerRole.SPEAKER, 3),
    ]
    (shown,) = shown_rows(editor, event, "session_formset")
    assert shown["speakers"] == (
        "moderator: Jan van Ginkel (gemeentesecretaris, Gemeente Zaanstad)\n"
        "gastheer: Ann (Gemeente Oss)\nSuzanne van Eerden (wijkmanager,)"
    )


def test_saving_what_the_editor_shows_twice_changes_nothing(editor, event, rounds, themes):
    plenary = SlotFactory(
        event=event, starts_at=at(14), ends_at=at(14, 30), title="welkom", kind=SlotKind.PLENARY
    )
    plenary.speakers.add(SpeakerFactory(name="Natasja", organisation=None), SpeakerFactory())
    session = SessionFactory(event=event, code="1a", theme=themes[0])
    SittingFactory(session=session, slot=rounds[0])
    SessionSpeakerFactory(session=session, role=SpeakerRole.MODERATOR, order=7)
    SessionSpeakerFactory(session=session, role=SpeakerRole.HOST, order=9)
    before = (
        list(Speaker.objects.values()),
        list(SessionSpeaker.objects.values()),
        list(Slot.speakers.through.objects.values()),
        list(Organisation.objects.values()),
    )

    for _ in range(2):
        slots = shown_rows(editor, event, "slot_formset")
        themes_shown = shown_rows(editor, event, "theme_formset")
        timeline = timeline_data(
            slots, themes_shown, initial_slots=len(slots), initial_themes=len(themes_shown)
        )
        assert messages_of(editor.post(editor_url(event), timeline)) == ["Er was niets veranderd."]
        sessions = shown_rows(editor, event, "session_formset")
        response = editor.post(editor_url(event), sessions_data(sessions, initial=1))
        assert messages_of(response) == ["Er was niets veranderd."]

    assert before == (
        list(Speaker.objects.values()),
        list(SessionSpeaker.objects.values()),
        list(Slot.speakers.through.objects.values()),
        list(Organisation.objects.values()),
    )


def test_a_changed_role_is_saved(editor, event, held):
    (row,) = shown_rows(editor, event, "session_formset")
    row["speakers"] = "gespreksleider: Suzanne"

    response = editor.post(editor_url(event), sessions_data([row], initial=1))

    assert "1 gewijzigd" in messages_of(response)[0]
    assert list(held.session_speakers.values_list("speaker__name", "role")) == [
        ("Suzanne", SpeakerRole.MODERATOR)
    ]


def test_a_plenary_slot_gets_its_speakers(editor, event):
    jan = SpeakerFactory(name="Jan van Ginkel", managed_by=event.organiser)
    data = timeline_data(
        [
            slot_row(
                "14:30",
                "15:00",
                "welkom met plenair interview",
                SlotKind.PLENARY,
                speakers="Natasja van den Berg (moderator, OMOOC)\njan van ginkel\n"
                "Rita Visscher-Noordzij; ; wethouder; Gemeente Zaanstad",
            )
        ]
    )

    response = editor.post(editor_url(event), data)

    assert response.status_code == 302
    slot = Slot.objects.get()
    speakers = {speaker.name: speaker for speaker in slot.speakers.all()}
    assert set(speakers) == {"Natasja van den Berg", "Jan van Ginkel", "Rita Visscher-Noordzij"}
    assert speakers["Jan van Ginkel"] == jan
    assert (
        speakers["Natasja van den Berg"].title,
        str(speakers["Rita Visscher-Noordzij"].organisation),
    ) == (
        "moderator",
        "Gemeente Zaanstad",
    )
    assert all(speaker.managed_by == event.organiser for speaker in speakers.values())
    assert "Rita Visscher-Noordzij (wethouder, Gemeente Zaanstad)" in (
        editor.get(editor_url(event)).content.decode()
    )


def test_a_slots_speakers_are_changed_and_removed(editor, event):
    slot = SlotFactory(event=event, starts_at=at(14), ends_at=at(14, 30), kind=SlotKind.PLENARY)
    slot.speakers.add(SpeakerFactory(name="Oud"))
    (row,) = shown_rows(editor, event, "slot_formset")

    response = editor.post(
        editor_url(event), timeline_data([row | {"speakers": "Nieuw"}], initial_slots=1)
    )
    assert "1 gewijzigd" in messages_of(response)[0]
    assert [speaker.name for speaker in slot.speakers.all()] == ["Nieuw"]

    editor.post(editor_url(event), timeline_data([row | {"speakers": ""}], initial_slots=1))
    assert not slot.speakers.exists()


@pytest.mark.parametrize(
    ("speakers", "error"),
    [
        ("moderator: Natasja", "hebben geen rol; haal die weg bij Natasja"),
        ("Jan (wethouder", "Regel 1: ‘Jan (wethouder’ is niet te lezen"),
        ("Ann\nzangeres: Ben", "Regel 2: rol &#x27;zangeres&#x27; bij Ben"),
        ("Ann\nann", "Regel 2: ann staat er twee keer in"),
    ],
)
def test_bad_slot_speakers_are_refused_and_nothing_is_saved(editor, event, speakers, error):
    row = slot_row("14:00", "14:30", "welkom", SlotKind.PLENARY, speakers=speakers)
    data = timeline_data([row, slot_row()], [{"number": "1", "title": "Getypt thema"}])

    response = editor.post(editor_url(event), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert error in page
    assert "Getypt thema" in page
    assert not Slot.objects.exists() and not Theme.objects.exists() and not Speaker.objects.exists()


@pytest.mark.parametrize(
    ("speakers", "error"),
    [
        ("zangeres: Ann", "Regel 1: rol &#x27;zangeres&#x27; bij Ann"),
        ("Ann\nmoderator: ANN", "Regel 2: ANN staat er twee keer in"),
        (f"Ann ({'x' * 201},)", "langer dan 200 tekens"),
    ],
)
def test_bad_session_speakers_are_refused_and_nothing_is_saved(
    editor, event, rounds, speakers, error
):
    rows = [
        session_row("Getypte sessie", **box(rounds[0])),
        session_row("Tweede", "2", **box(rounds[1]), speakers=speakers),
    ]

    response = editor.post(editor_url(event), sessions_data(rows))

    page = response.content.decode()
    assert error in page and "Getypte sessie" in page
    assert not Session.objects.exists() and not Speaker.objects.exists()


def test_a_shared_speakers_other_details_are_not_written_and_the_editor_says_so(
    editor, event, rounds
):
    shared = SpeakerFactory(name="Ann", title="wijkmanager")
    row = session_row(**box(rounds[0]), speakers="Ann (wethouder, Gemeente Oss)")

    response = editor.post(editor_url(event), sessions_data([row]))

    assert any("Ann bestaat al" in message for message in messages_of(response))
    shared.refresh_from_db()
    assert shared.title == "wijkmanager"
    assert list(Session.objects.get().speakers.all()) == [shared]


def test_saving_the_timeline_takes_as_many_queries_for_one_speaker_as_for_many(editor, event):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def save_unchanged(on_stage: int) -> int:
        Slot.objects.filter(event=event).delete()
        for hour in (14, 15, 16):
            slot = SlotFactory(
                event=event, starts_at=at(hour), ends_at=at(hour, 30), kind=SlotKind.PLENARY
            )
            slot.speakers.add(*(SpeakerFactory() for _ in range(on_stage)))
        slots = shown_rows(editor, event, "slot_formset")
        data = timeline_data(slots, initial_slots=len(slots))
        with CaptureQueriesContext(connection) as queries:
            response = editor.post(editor_url(event), data)
        assert messages_of(response) == ["Er was niets veranderd."]
        return len(queries)

    assert save_unchanged(1) == save_unchanged(4)


# The pages -------------------------------------------------------------------------------


def test_the_change_page_and_the_list_link_to_the_editor(editor, event):
    change = editor.get(reverse("admin:events_event_change", args=[event.pk])).content.decode()
    listing = editor.get(reverse("admin:events_event_changelist")).content.decode()

    assert editor_url(event) in change
    assert editor_url(event) in listing


def test_the_editor_shows_the_timeline_with_sittings_under_their_round(editor, event, held):
    page = editor.get(editor_url(event)).content.decode()

    assert "15.00–15.45" in page
    assert "1a Breda Begroot" in page
    assert "Let op" not in page and "DateTimeShortcuts" not in page


def programme_of(event, sessions: int) -> None:
    rounds = [SlotFactory(event=event, starts_at=at(15), ends_at=at(15, 45))]
    plenary = SlotFactory(event=event, starts_at=at(14), ends_at=at(14, 30), kind=SlotKind.PLENARY)
    plenary.speakers.add(*(SpeakerFactory() for _ in range(sessions)))
    theme = ThemeFactory(event=event)
    for _ in range(sessions):
        session = SessionFactory(event=event, theme=theme)
        SittingFactory(session=session, slot=rounds[0])
        SessionSpeakerFactory(session=session)
        session.initiatives.add(InitiativeFactory())


def test_the_editor_takes_as_many_queries_for_one_session_as_for_many(
    editor, event, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    programme_of(event, 1)
    editor.get(editor_url(event))  # warm the session and the site's caches
    with CaptureQueriesContext(connection) as one:
        editor.get(editor_url(event))
    many = EventFactory(organiser=event.organiser, starts_at=event.starts_at, ends_at=event.ends_at)
    programme_of(many, 8)
    with CaptureQueriesContext(connection) as eight:
        editor.get(editor_url(many))

    assert len(one) == len(eight)


# Who may use it --------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login(client, event):
    response = client.post(editor_url(event), timeline_data([slot_row()]))

    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
    assert not Slot.objects.exists()


@pytest.mark.parametrize(
    ("role", "same_organisation", "status"),
    [(Role.EDITOR, False, 404), (Role.HOST, True, 403), (None, False, 403)],
)
def test_only_editors_of_the_organisation_may_edit(client, event, role, same_organisation, status):
    user = UserFactory(is_staff=True)
    if role is not None:
        organisation = event.organiser if same_organisation else OrganisationFactory()
        MembershipFactory(user=user, organisation=organisation, role=role)
    client.force_login(user)

    page = client.get(editor_url(event))
    client.post(editor_url(event), timeline_data([slot_row()]))

    assert page.status_code == status
    assert not Slot.objects.exists()


def test_superusers_may_edit(admin_client, event):
    assert admin_client.get(editor_url(event)).status_code == 200


def test_an_unknown_event_is_not_found(admin_client):
    assert admin_client.get("/admin/events/event/12345/programma/").status_code == 404
