"""Importing a programme from a spreadsheet: reading, checking by row and column, applying."""

import csv
import datetime as dt
import io

import pytest
from openpyxl import Workbook

from events.enums import EventStatus
from initiatives.models import Organisation
from sessions.enums import SpeakerRole
from sessions.models import Session, SessionSpeaker, Sitting, Speaker, Theme
from sessions.programme_import.checking import check_rows
from sessions.programme_import.reading import COLUMNS, FileRejected, read_rows
from sessions.programme_import.service import ImportRejected, import_programme
from tests.factories import (
    EventFactory,
    InitiativeFactory,
    OrganisationFactory,
    SeatChoiceFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SittingFactory,
    SlotFactory,
    SpeakerFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

ROW = {
    "code": "1a",
    "titel": "Breda Begroot",
    "thema": "1. Buurtbudgetten",
    "rondes": "1",
    "zaal": "Zaal A",
    "plaatsen": "20",
    "sprekers": "Suzanne van Eerden; spreker; wijkmanager; Gemeente Breda",
    "initiatieven": "",
    "samenvatting": "",
    "beschrijving": "Inwoners beslissen over een deel van de begroting.",
}


def csv_bytes(*rows: dict, delimiter: str = ",", columns=COLUMNS) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), delimiter=delimiter)
    writer.writeheader()
    for row in rows:
        writer.writerow({column: row.get(column, "") for column in columns})
    return buffer.getvalue().encode()


def xlsx_bytes(*rows: dict, columns=COLUMNS) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(columns))
    for row in rows:
        sheet.append([row.get(column, "") for column in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def row(**changes) -> dict:
    return {**ROW, **changes}


def two_round_event():
    event = EventFactory()
    SlotFactory(event=event, title="Ronde 1 tafelsessies")
    SlotFactory(
        event=event,
        title="Ronde 2 tafelsessies",
        starts_at=event.starts_at + dt.timedelta(hours=2),
        ends_at=event.starts_at + dt.timedelta(hours=2, minutes=45),
    )
    return event


@pytest.fixture
def event():
    return two_round_event()


def plan_for(event, *rows: dict):
    return check_rows(event, read_rows("programma.csv", csv_bytes(*rows)))


def do_import(event, *rows: dict):
    return import_programme(event_id=event.pk, rows=read_rows("programma.csv", csv_bytes(*rows)))


# Reading ------------------------------------------------------------------------------------


def test_csv_and_xlsx_read_alike():
    two = row(code="2", rondes="1, 2", zaal="Zaal A; Zaal B", plaatsen="20; 12")
    from_csv = read_rows("programma.csv", csv_bytes(ROW, two))
    from_xlsx = read_rows("programma.xlsx", xlsx_bytes(ROW, two))

    assert [r.cells for r in from_csv] == [r.cells for r in from_xlsx]
    assert [r.number for r in from_xlsx] == [2, 3]
    assert from_xlsx[1].cells["zaal"] == "Zaal A; Zaal B"


def test_a_csv_with_semicolons_a_byte_order_mark_and_capital_headers_is_read():
    content = "\ufeffCode;Titel;Rondes\n1a;Breda Begroot;1\n".encode()

    (only,) = read_rows("programma.csv", content)

    assert (only.cells["code"], only.cells["titel"], only.cells["rondes"]) == (
        "1a",
        "Breda Begroot",
        "1",
    )


def test_numbers_typed_in_excel_are_read_as_whole_numbers():
    workbook = Workbook()
    workbook.active.append(["code", "titel", "rondes", "plaatsen"])
    workbook.active.append(["1a", "Breda", 1, 20])
    buffer = io.BytesIO()
    workbook.save(buffer)

    (only,) = read_rows("programma.xlsx", buffer.getvalue())

    assert (only.cells["rondes"], only.cells["plaatsen"]) == ("1", "20")


def test_blank_rows_are_skipped_but_rows_keep_their_numbers():
    content = csv_bytes(ROW) + b",,,,,,,,,\n" + csv_bytes(row(code="2")).split(b"\n", 1)[1]

    rows = read_rows("programma.csv", content)

    assert [r.number for r in rows] == [2, 4]


def _xlsx_without_sheets() -> bytes:
    """openpyxl will not save a workbook without sheets; other programs do."""
    import re
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes(ROW)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/workbook.xml":
                data = re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", data)
            target.writestr(item, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("programma.pdf", b"%PDF-1.4", "invalid_extension"),
        ("programma", b"code", "invalid_extension"),
        ("programma.csv", b"", "empty_file"),
        ("programma.csv", b"\n\n,,\n", "empty_file"),
        ("programma.xlsx", b"", "empty_file"),
        ("programma.xlsx", b"code,titel,rondes\n", "broken_file"),
        ("programma.xlsx", b"PK\x03\x04 not really a zip", "broken_file"),
        ("programma.xlsx", _xlsx_without_sheets(), "no_sheet"),
        ("programma.csv", b"code,titel\x00,rondes", "broken_file"),
        ("programma.csv", b"code,titel\n1a,Breda\n", "missing_column"),
        ("programma.csv", b"code,titel,rondes,zall\n", "unknown_column"),
        ("programma.csv", b"code,titel,rondes,code\n", "doubled_column"),
        ("programma.csv", b"x" * (1024 * 1024 + 1), "file_too_large"),
    ],
    ids=[
        "wrong-extension",
        "no-extension",
        "empty",
        "only-blank-rows",
        "empty-xlsx",
        "csv-named-xlsx",
        "broken-zip",
        "xlsx-without-sheet",
        "nul-bytes",
        "missing-column",
        "unknown-column",
        "doubled-column",
        "too-large",
    ],
)
def test_a_file_that_cannot_be_read_is_a_clear_message(name, content, code):
    with pytest.raises(FileRejected) as rejected:
        read_rows(name, content)

    assert rejected.value.code == code
    assert rejected.value.message


def test_the_missing_column_is_named():
    with pytest.raises(FileRejected, match="rondes"):
        read_rows("programma.csv", b"code,titel\n1a,Breda\n")


# Checking: every kind of bad cell, by row and column ---------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"code": ""}, "rij 2, kolom code: niet ingevuld"),
        ({"code": "12345678901"}, "rij 2, kolom code: langer dan 10 tekens"),
        ({"titel": ""}, "rij 2, kolom titel: niet ingevuld"),
        ({"titel": "Twee\nregels"}, "rij 2, kolom titel: gebruik één regel"),
        ({"titel": "Met\ttab"}, "rij 2, kolom titel: gebruik één regel"),
        ({"zaal": "Zaal\tA"}, "rij 2, kolom zaal: gebruik één regel"),
        ({"sprekers": "Ann\tde Vries"}, "rij 2, kolom sprekers: gebruik één regel"),
        ({"rondes": ""}, "rij 2, kolom rondes: niet ingevuld"),
        (
            {"rondes": "3"},
            "rij 2, kolom rondes: ronde 3 bestaat niet; dit evenement heeft 2 rondes",
        ),
        ({"rondes": "Ronde 0"}, "rij 2, kolom rondes: ronde 0 bestaat niet"),
        ({"rondes": "middagronde"}, "rij 2, kolom rondes: geen ronde 'middagronde'"),
        ({"plaatsen": "twintig"}, "rij 2, kolom plaatsen: geen getal: 'twintig'"),
        ({"plaatsen": "-3"}, "rij 2, kolom plaatsen: geen getal: '-3'"),
        ({"plaatsen": "12.5"}, "rij 2, kolom plaatsen: geen getal"),
        ({"rondes": "1, 2", "zaal": "A; B; C"}, "rij 2, kolom zaal: 3 waarden voor 2 rondes"),
        ({"rondes": "1, 2", "plaatsen": "10; 12; 14"}, "rij 2, kolom plaatsen: 3 waarden"),
        ({"zaal": "Z" * 101}, "rij 2, kolom zaal: langer dan 100 tekens"),
        ({"thema": "Onbekend thema"}, "rij 2, kolom thema: geen thema met deze titel"),
        ({"thema": "9"}, "rij 2, kolom thema: thema 9 bestaat niet"),
        ({"sprekers": "Ann; zangeres"}, "rij 2, kolom sprekers: rol 'zangeres' bij Ann"),
        ({"sprekers": "; spreker"}, "rij 2, kolom sprekers: een spreker zonder naam"),
        ({"sprekers": "Ann; ; ; ; te veel"}, "rij 2, kolom sprekers: 'Ann; ; ; ; te veel'"),
        ({"sprekers": "Ann\nann"}, "rij 2, kolom sprekers: ann staat er twee keer in"),
        ({"initiatieven": "Onbekend"}, "rij 2, kolom initiatieven: geen initiatief 'Onbekend'"),
    ],
)
def test_a_bad_cell_is_named_by_row_and_column(event, changes, message):
    plan = plan_for(event, row(**changes))

    assert any(str(error).startswith(message) for error in plan.errors), plan.errors
    assert plan.sessions == []


def test_errors_of_several_rows_and_columns_are_all_reported(event):
    plan = plan_for(event, ROW, row(code="2", plaatsen="veel", rondes="7"), row(code="1a"))

    assert [str(error).split(":")[0] for error in plan.errors] == [
        "rij 3, kolom rondes",
        "rij 4, kolom code",
    ]
    assert str(plan.errors[1]) == "rij 4, kolom code: code 1a staat al in rij 2"


def test_one_theme_with_two_titles_is_an_error(event):
    plan = plan_for(event, ROW, row(code="2", thema="1. Iets anders"))

    assert [str(error) for error in plan.errors] == [
        "rij 3, kolom thema: thema 1 heeft in een eerdere rij de titel 'Buurtbudgetten'"
    ]


def test_an_event_without_rounds_says_so(event):
    empty = EventFactory()

    plan = plan_for(empty, ROW)

    assert (
        str(plan.errors[0]) == "rij 2, kolom rondes: dit evenement heeft nog geen break-outrondes"
    )


def test_nothing_is_saved_while_any_row_is_wrong(event):
    before = (Session.objects.count(), Speaker.objects.count(), Organisation.objects.count())

    with pytest.raises(ImportRejected) as rejected:
        do_import(event, ROW, row(code="2", titel="Goed"), row(code="3", plaatsen="x"))

    assert [str(e) for e in rejected.value.plan.errors] == [
        "rij 4, kolom plaatsen: geen getal: 'x'"
    ]
    after = (Session.objects.count(), Speaker.objects.count(), Organisation.objects.count())
    assert after == before
    assert not Theme.objects.filter(event=event).exists()


# Applying ------------------------------------------------------------------------------------


def test_the_import_creates_sessions_sittings_themes_speakers_and_organisations(event):
    initiative = InitiativeFactory(name="Breda Begroot")
    second = row(
        code="6",
        titel="Doen wat goed en nodig is",
        thema="6. Doen wat goed en nodig is",
        rondes="Ronde 1 & 2",
        zaal="Zaal B; Raadzaal",
        plaatsen="12; 30",
        sprekers="Jan van Ginkel; moderator; gemeentesecretaris; Gemeente Zaanstad\n"
        "Rita Visscher; gastvrouw; wethouder; gemeente zaanstad",
        initiatieven="breda begroot",
    )

    plan = do_import(event, ROW, second)

    assert (plan.new_sessions, plan.changed_sessions) == (2, 0)
    session = Session.objects.get(event=event, code="6")
    assert session.title == "Doen wat goed en nodig is"
    assert session.slug == "6-doen-wat-goed-en-nodig-is"
    assert (session.theme.number, session.theme.title) == (6, "Doen wat goed en nodig is")
    assert list(session.initiatives.all()) == [initiative]
    assert [
        (s.slot.title, s.room, s.capacity) for s in session.sittings.order_by("slot__starts_at")
    ] == [("Ronde 1 tafelsessies", "Zaal B", 12), ("Ronde 2 tafelsessies", "Raadzaal", 30)]
    assert [
        (line.speaker.name, line.role, line.speaker.title, line.speaker.organisation.name)
        for line in session.session_speakers.select_related("speaker__organisation")
    ] == [
        ("Jan van Ginkel", SpeakerRole.MODERATOR, "gemeentesecretaris", "Gemeente Zaanstad"),
        ("Rita Visscher", SpeakerRole.HOST, "wethouder", "Gemeente Zaanstad"),
    ]
    # One organisation for both spellings, managed like the new speakers by the organiser.
    zaanstad = Organisation.objects.get(name="Gemeente Zaanstad")
    assert zaanstad.managed_by == event.organiser
    assert set(Speaker.objects.values_list("managed_by", flat=True)) == {event.organiser.pk}
    assert Sitting.objects.filter(session__event=event).count() == 3


def test_importing_the_same_file_twice_changes_nothing(event):
    rows = (ROW, row(code="6", rondes="1, 2", zaal="A; B", sprekers="Ann\nBen; moderator"))
    do_import(event, *rows)
    before = {
        "sessions": list(Session.objects.values()),
        "sittings": list(Sitting.objects.values()),
        "speakers": list(Speaker.objects.values()),
        "lines": list(SessionSpeaker.objects.values()),
        "organisations": list(Organisation.objects.values()),
        "history": Session.history.count(),
    }

    plan = plan_for(event, *rows)
    do_import(event, *rows)

    assert not plan.has_changes
    assert (plan.new_sessions, plan.changed_sessions, plan.unchanged_sessions) == (0, 0, 2)
    assert before == {
        "sessions": list(Session.objects.values()),
        "sittings": list(Sitting.objects.values()),
        "speakers": list(Speaker.objects.values()),
        "lines": list(SessionSpeaker.objects.values()),
        "organisations": list(Organisation.objects.values()),
        "history": Session.history.count(),
    }


def test_speakers_and_organisations_are_matched_by_name_before_new_ones_are_made(event):
    breda = OrganisationFactory(name="Gemeente Breda")
    suzanne = SpeakerFactory(name="Suzanne van Eerden", title="wijkmanager", organisation=breda)
    content = row(sprekers="  suzanne   VAN eerden ; spreker\nNieuwe Spreker; ; ; GEMEENTE  breda")

    plan = do_import(event, content)

    assert list(plan.new_speakers) == ["nieuwe spreker"]
    assert plan.new_organisations == {}
    session = Session.objects.get(event=event, code="1a")
    assert list(session.speakers.order_by("session_roles__order")) == [
        suzanne,
        Speaker.objects.get(name="Nieuwe Spreker", organisation=breda),
    ]
    assert Organisation.objects.filter(name__iexact="gemeente breda").count() == 1


def test_a_shared_speaker_is_linked_not_changed_and_the_preview_says_so(event):
    suzanne = SpeakerFactory(name="Suzanne van Eerden", title="wethouder")

    plan = plan_for(event, ROW)
    do_import(event, ROW)

    assert plan.notices and "Suzanne van Eerden bestaat al" in plan.notices[0]
    suzanne.refresh_from_db()
    assert suzanne.title == "wethouder"


def test_of_two_speakers_with_one_name_the_organisers_own_is_chosen(event):
    SpeakerFactory(name="Ann de Vries")
    own = SpeakerFactory(name="Ann de Vries", managed_by=event.organiser)

    do_import(event, row(sprekers="Ann de Vries"))

    assert list(Session.objects.get(event=event, code="1a").speakers.all()) == [own]


def test_the_organisers_own_speaker_takes_the_files_details_and_the_preview_says_so(event):
    own = SpeakerFactory(
        name="Suzanne van Eerden", title="stagiair", organisation=None, managed_by=event.organiser
    )

    plan = plan_for(event, ROW)
    do_import(event, ROW)

    assert plan.changed_speakers == [
        "Suzanne van Eerden (stagiair,) → Suzanne van Eerden (wijkmanager, Gemeente Breda)"
    ]
    assert plan.has_changes and not plan.notices
    own.refresh_from_db()
    assert (own.title, own.organisation.name) == ("wijkmanager", "Gemeente Breda")
    assert not plan_for(event, ROW).has_changes


def test_a_speaker_of_another_organisations_private_programme_is_not_linked(event):
    other = OrganisationFactory()
    draft = EventFactory(organiser=other, status=EventStatus.DRAFT)
    private = SpeakerFactory(name="Suzanne van Eerden", managed_by=other)
    SessionSpeakerFactory(session=SessionFactory(event=draft), speaker=private)

    plan = do_import(event, ROW)

    assert list(plan.new_speakers) == ["suzanne van eerden"]
    linked = Session.objects.get(event=event, code="1a").speakers.get()
    assert linked != private and linked.managed_by == event.organiser


def test_the_editors_notation_is_read_in_the_speakers_cell(event):
    do_import(event, row(sprekers="moderator: Ann (wethouder, Gemeente Oss)\nBen (Gemeente Oss)"))

    assert [
        (line.speaker.name, line.role, line.speaker.title, line.speaker.organisation.name)
        for line in SessionSpeaker.objects.select_related("speaker__organisation")
    ] == [
        ("Ann", SpeakerRole.MODERATOR, "wethouder", "Gemeente Oss"),
        ("Ben", SpeakerRole.SPEAKER, "", "Gemeente Oss"),
    ]


def test_a_changed_row_changes_the_session_and_its_sittings(event):
    do_import(event, row(rondes="1, 2", zaal="A", plaatsen="10"))
    changed = row(titel="Breda Begroot 2.0", rondes="2", zaal="B", plaatsen="", sprekers="")

    plan = plan_for(event, changed)
    do_import(event, changed)

    (session_plan,) = plan.sessions
    assert session_plan.status == "changed"
    assert session_plan.changes == [
        "titel: Breda Begroot → Breda Begroot 2.0",
        "sprekers: –",
        "gewijzigd: ronde 2 (B, onbeperkt)",
        "vervalt: ronde 1",
    ]
    session = Session.objects.get(event=event, code="1a")
    assert session.title == "Breda Begroot 2.0"
    assert [(s.slot.title, s.room, s.capacity) for s in session.sittings.all()] == [
        ("Ronde 2 tafelsessies", "B", None)
    ]
    assert not session.speakers.exists()


def test_a_round_with_reserved_seats_may_not_be_dropped(event):
    do_import(event, row(rondes="1, 2"))
    sitting = Sitting.objects.get(session__code="1a", slot__title="Ronde 1 tafelsessies")
    SeatChoiceFactory(sitting=sitting)

    plan = plan_for(event, row(rondes="2"))

    assert [str(error) for error in plan.errors] == [
        "rij 2, kolom rondes: in ronde 1 zijn al plaatsen gereserveerd voor deze sessie; "
        "laat die ronde staan"
    ]


def test_existing_themes_are_found_by_number_or_title_and_keep_their_title(event):
    ThemeFactory(event=event, number=1, title="Buurtbudgetten. Hoe ga je ermee om?")
    ThemeFactory(event=event, number=2, title="Representativiteit")

    plan = do_import(
        event,
        row(thema="1. Andere titel"),
        row(code="2a", thema="representativiteit"),
        row(code="2b", thema="2"),
    )

    assert plan.new_themes == {}
    assert list(
        Session.objects.filter(event=event).order_by("code").values_list("theme__number", flat=True)
    ) == [1, 2, 2]
    assert Theme.objects.get(event=event, number=1).title == "Buurtbudgetten. Hoe ga je ermee om?"


def test_sessions_of_another_event_with_the_same_code_are_left_alone(event):
    other = SessionFactory(code="1a", title="Elders")
    SittingFactory(session=other)

    plan = do_import(event, ROW)

    assert plan.new_sessions == 1
    other.refresh_from_db()
    assert other.title == "Elders"


def test_sessions_not_in_the_file_are_kept(event):
    kept = SessionFactory(event=event, code="9", title="Blijft")

    do_import(event, ROW)

    assert Session.objects.filter(pk=kept.pk).exists()
