"""The programme import in the event admin: upload, preview, confirm; who may use it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sessions.models import Session, Sitting, Speaker
from sessions.programme_import.reading import COLUMNS, read_rows
from teams.enums import Role
from tests.factories import EventFactory, MembershipFactory, SpeakerFactory, UserFactory
from tests.query_counts import queries_for
from tests.sessions.test_programme_import import (
    ROW,
    csv_bytes,
    row,
    two_round_event,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return two_round_event()


def import_url(event) -> str:
    return reverse("admin:events_event_import_programme", args=[event.pk])


def template_url(event, extension: str) -> str:
    return reverse("admin:events_event_programme_template", args=[event.pk, extension])


def upload(client, event, content: bytes, name: str = "programma.csv"):
    return client.post(import_url(event), {"file": SimpleUploadedFile(name, content)})


@pytest.fixture
def editor(event):
    return MembershipFactory(organisation=event.organiser, role=Role.EDITOR).user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_upload_preview_and_confirm(editor_client, event):
    page = editor_client.get(import_url(event))
    assert page.status_code == 200
    assert template_url(event, "xlsx") in page.content.decode()

    preview = upload(editor_client, event, xlsx_bytes(ROW), "programma.xlsx")

    assert preview.status_code == 200
    assert preview.context["plan"].new_sessions == 1
    text = preview.content.decode()
    assert "Importeren bevestigen" in text
    assert "Suzanne van Eerden" in text
    assert not Session.objects.filter(event=event).exists()  # nothing before the confirm

    done = editor_client.post(import_url(event), {"token": preview.context["token"]})

    assert done.status_code == 302
    assert done["Location"] == reverse("admin:events_event_change", args=[event.pk])
    session = Session.objects.get(event=event, code="1a")
    assert session.sittings.get().capacity == 20
    assert Speaker.objects.get(name="Suzanne van Eerden").managed_by == event.organiser


def test_the_second_preview_of_the_same_file_says_nothing_changes(editor_client, event):
    first = upload(editor_client, event, csv_bytes(ROW))
    editor_client.post(import_url(event), {"token": first.context["token"]})

    second = upload(editor_client, event, csv_bytes(ROW))

    assert "Dit bestand verandert niets" in second.content.decode()
    assert "Importeren bevestigen" not in second.content.decode()
    assert second.context["token"] == ""


def test_the_preview_lists_the_organisers_speakers_it_changes_and_shared_ones_it_links(
    editor_client, event
):
    SpeakerFactory(name="Suzanne van Eerden", title="stagiair", managed_by=event.organiser)
    SpeakerFactory(name="Ann", title="wijkmanager")
    content = row(sprekers="Suzanne van Eerden; ; wijkmanager\nAnn; ; wethouder")

    page = upload(editor_client, event, csv_bytes(content)).content.decode()

    assert "Gewijzigde sprekers van jullie organisatie" in page
    assert "(stagiair, " in page and "→ Suzanne van Eerden (wijkmanager, " in page
    assert "Ann bestaat al (wijkmanager, " in page


def test_errors_are_listed_by_row_and_column_and_there_is_no_confirm(editor_client, event):
    response = upload(editor_client, event, csv_bytes(ROW, row(code="2", plaatsen="veel")))

    text = response.content.decode()
    assert response.status_code == 200
    assert "rij 3, kolom plaatsen: geen getal: &#x27;veel&#x27;" in text
    assert "Importeren bevestigen" not in text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("programma.txt", b"code,titel,rondes\n", "Kies een CSV- of XLSX-bestand"),
        ("programma.csv", b"", "leeg"),
        ("programma.xlsx", b"PK\x03\x04kapot", "geen leesbaar XLSX-bestand"),
        ("programma.csv", b"code,titel\n1a,Breda\n", "mist de kolom rondes"),
    ],
)
def test_a_bad_file_is_a_form_error_never_a_500(editor_client, event, name, content, message):
    response = upload(editor_client, event, content, name)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["form"].errors


def test_no_file_at_all_is_a_form_error(editor_client, event):
    response = editor_client.post(import_url(event), {})

    assert response.status_code == 200
    assert response.context["form"].errors["file"]


@pytest.mark.parametrize("token", ["", "rommel", "a:b:c"])
def test_a_tampered_or_foreign_token_saves_nothing(editor_client, event, token):
    response = editor_client.post(import_url(event), {"token": token})

    assert response.status_code == 200
    assert "kies het bestand opnieuw" in response.content.decode()
    assert not Session.objects.exists()


def test_a_token_of_another_event_is_refused(editor_client, event, editor):
    other = EventFactory(organiser=event.organiser)
    preview = upload(editor_client, event, csv_bytes(ROW))

    response = editor_client.post(import_url(other), {"token": preview.context["token"]})

    assert "kies het bestand opnieuw" in response.content.decode()
    assert not Session.objects.exists()


def test_a_programme_changed_since_the_preview_is_checked_again_on_confirm(editor_client, event):
    preview = upload(editor_client, event, csv_bytes(row(rondes="2")))
    event.slots.order_by("-starts_at").first().delete()  # round 2 is gone meanwhile

    response = editor_client.post(import_url(event), {"token": preview.context["token"]})

    assert response.status_code == 200
    assert "rij 2, kolom rondes: ronde 2 bestaat niet" in response.content.decode()
    assert not Sitting.objects.exists()


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_the_template_is_a_file_the_import_reads(editor_client, event, extension):
    response = editor_client.get(template_url(event, extension))

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    rows = read_rows(f"sjabloon.{extension}", response.content)
    assert list(rows[0].cells) == list(COLUMNS)
    # The example row is correct apart from the rounds this event may not have.
    preview = upload(editor_client, event, response.content, f"sjabloon.{extension}")
    assert preview.context["plan"].errors == []


def test_an_unknown_template_type_is_not_found(editor_client, event):
    assert editor_client.get(template_url(event, "pdf")).status_code == 404


def test_the_event_page_links_to_the_import(editor_client, event):
    page = editor_client.get(reverse("admin:events_event_change", args=[event.pk]))

    assert import_url(event) in page.content.decode()
    assert "Programma importeren" in page.content.decode()


# Who may import --------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login(client, event):
    for response in (
        client.get(import_url(event)),
        upload(client, event, csv_bytes(ROW)),
        client.get(template_url(event, "csv")),
    ):
        assert response.status_code == 302
        assert reverse("admin:login") in response["Location"]
    assert not Session.objects.exists()


@pytest.mark.parametrize(("role", "status"), [(None, 403), (Role.HOST, 403), (Role.EDITOR, 200)])
def test_only_editors_of_the_organisation_may_import(client, event, role, status):
    user = UserFactory(is_staff=True)
    if role is not None:
        MembershipFactory(user=user, organisation=event.organiser, role=role)
    client.force_login(user)

    page = client.get(import_url(event))
    preview = upload(client, event, csv_bytes(ROW))

    assert page.status_code == status
    assert preview.status_code == status
    assert client.get(template_url(event, "csv")).status_code == status


def test_an_editor_of_another_organisation_gets_not_found(client, event):
    outsider = MembershipFactory(role=Role.EDITOR).user
    client.force_login(outsider)

    assert client.get(import_url(event)).status_code == 404
    assert upload(client, event, csv_bytes(ROW)).status_code == 404
    assert client.post(import_url(event), {"token": "x"}).status_code == 404
    assert not Session.objects.exists()


def test_superusers_may_import(admin_client, event):
    preview = upload(admin_client, event, csv_bytes(ROW))
    admin_client.post(import_url(event), {"token": preview.context["token"]})

    assert Session.objects.filter(event=event, code="1a").exists()


# Queries --------------------------------------------------------------------------------------


def many_rows(count: int) -> list[dict]:
    return [
        row(
            code=f"{n}",
            titel=f"Tafel {n}",
            thema=f"{n}. Thema {n}",
            rondes="1, 2",
            zaal="A; B",
            sprekers=f"Spreker {n}; moderator; functie; Organisatie {n}\nSpreker {n + 100}",
        )
        for n in range(1, count + 1)
    ]


def preview_queries(client, event, rows: list[dict]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    content = csv_bytes(*rows)
    with CaptureQueriesContext(connection) as queries:
        response = upload(client, event, content)
    assert response.status_code == 200
    assert response.context["plan"].errors == []
    return len(queries)


def test_the_preview_runs_as_many_queries_for_one_row_as_for_many(editor_client, event):
    # Existing sessions too, so that their speakers, initiatives and sittings are read.
    rows = many_rows(12)
    preview = upload(editor_client, event, csv_bytes(*rows))
    editor_client.post(import_url(event), {"token": preview.context["token"]})

    assert preview_queries(editor_client, event, rows[:1]) == preview_queries(
        editor_client, event, rows
    )


def test_the_preview_of_a_new_programme_runs_as_many_queries_for_one_row_as_for_many(
    editor_client, event
):
    assert preview_queries(editor_client, event, many_rows(1)) == preview_queries(
        editor_client, event, many_rows(12)
    )


def test_the_upload_page_runs_a_fixed_number_of_queries(editor_client, event):
    assert queries_for(editor_client, import_url(event)) <= 10
