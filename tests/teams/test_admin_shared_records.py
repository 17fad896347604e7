"""Who may add, change and delete the records organisations share: venues, series, partner
organisations and speakers.

Each has three rows: one managed by Alfa, one by Bravo and one managed by nobody (shared).
Every editor sees and picks venues, series and organisations; only the editors of the
managing organisation change one; superusers change everything.
"""

import pytest
from django.urls import reverse

from events.models import Series, Venue
from initiatives.models import Organisation
from sessions.models import Speaker
from teams.enums import Role
from teams.models import Membership
from tests.admin_forms import admin_url, assert_rejected, form_data, get_form
from tests.factories import (
    OrganisationFactory,
    SeriesFactory,
    SpeakerFactory,
    UserFactory,
    VenueFactory,
)
from tests.teams.conftest import ROLES

pytestmark = pytest.mark.django_db

FACTORIES = {
    "venue": VenueFactory,
    "series": SeriesFactory,
    "organisation": OrganisationFactory,
    "speaker": SpeakerFactory,
}
MODELS = {"venue": Venue, "series": Series, "organisation": Organisation, "speaker": Speaker}
# A field each model's form has, to change in a POST.
NAME_FIELD = "name"


def records(kind: str, ours, theirs) -> dict[str, object]:
    factory = FACTORIES[kind]
    alfa, bravo = ours.event.organiser, theirs.event.organiser
    return {
        "alfa": factory(name="Alfa Beheerd", managed_by=alfa),
        "bravo": factory(name="Bravo Beheerd", managed_by=bravo),
        "shared": factory(name="Gedeeld Record", managed_by=None),
    }


def may_change(role: str, managed: str) -> bool:
    if role == "superuser":
        return True
    return (role, managed) in {("editor", "alfa"), ("other_editor", "bravo")}


def may_view(kind: str, role: str, managed: str) -> bool:
    if role == "superuser":
        return True
    if role not in ("editor", "other_editor"):
        return False
    if kind != "speaker":
        return True  # shared reference data: every editor sees and picks it
    # A speaker managed by another organisation and on none of our (or a public) programme
    # stays private to it.
    own = "alfa" if role == "editor" else "bravo"
    return managed in (own, "shared")


@pytest.mark.parametrize("kind", list(FACTORIES))
@pytest.mark.parametrize("role", ROLES)
def test_who_may_view_and_change_shared_records(login, ours, theirs, kind, role):
    rows = records(kind, ours, theirs)
    client = login(role)
    wrong = {}

    for managed, obj in rows.items():
        response = client.get(admin_url(obj))
        if role == "anonymous":
            expected = 302
        elif role in ("host", "staff"):
            expected = 403
        else:
            expected = 200 if may_view(kind, role, managed) else 404
        if response.status_code != expected:
            wrong[f"view {managed}"] = (response.status_code, expected)
        if role == "anonymous":
            assert "login" in response["Location"]
        if response.status_code == 200:
            if response.context["has_change_permission"] != may_change(role, managed):
                wrong[f"change permission {managed}"] = response.context["has_change_permission"]
            delete = client.get(admin_url(obj, "delete")).status_code
            if (delete == 200) != may_change(role, managed):
                wrong[f"delete {managed}"] = delete

    assert wrong == {}


@pytest.mark.parametrize("kind", list(FACTORIES))
@pytest.mark.parametrize("managed", ["alfa", "bravo", "shared"])
def test_a_change_is_saved_only_by_the_managing_organisation(login, ours, theirs, kind, managed):
    rows = records(kind, ours, theirs)
    obj = rows[managed]
    superuser = login("superuser")
    data = get_form(superuser, admin_url(obj))
    if data.get("managed_by") == "":
        data.pop("managed_by")  # the editor's form requires one; keep it unchanged
    data[NAME_FIELD] = "Nieuwe Naam"
    client = login("editor")

    response = client.post(admin_url(obj), data)

    obj.refresh_from_db()
    if managed == "alfa":
        assert response.status_code == 302
        assert obj.name == "Nieuwe Naam"
    else:
        assert response.status_code in (403, 404)
        assert obj.name != "Nieuwe Naam"


@pytest.mark.parametrize("kind", list(FACTORIES))
def test_superuser_changes_a_record_managed_by_nobody(login, ours, theirs, kind):
    obj = records(kind, ours, theirs)["shared"]
    client = login("superuser")
    data = get_form(client, admin_url(obj))
    data[NAME_FIELD] = "Door Beheer"

    response = client.post(admin_url(obj), data)

    obj.refresh_from_db()
    assert response.status_code == 302 and obj.name == "Door Beheer"


@pytest.mark.parametrize("kind", ["venue", "series", "organisation"])
def test_editors_see_every_shared_record_in_the_list(login, ours, theirs, kind):
    records(kind, ours, theirs)

    page = login("other_editor").get(admin_url(MODELS[kind], "changelist")).content.decode()

    assert "Alfa Beheerd" in page and "Bravo Beheerd" in page and "Gedeeld Record" in page


ADD_DATA = {
    "venue": {"name": "Nieuwe Zaal", "city": "Zaandam", "country": "Nederland"},
    "series": {"name": "Nieuwe Reeks", "slug": "nieuwe-reeks"},
    "organisation": {"name": "Nieuwe Partner", "slug": "nieuwe-partner", "kind": "municipality"},
    "speaker": {"name": "Nieuwe Spreker", "slug": "nieuwe-spreker"},
}


@pytest.mark.parametrize("kind", list(FACTORIES))
def test_an_editor_adds_a_record_for_their_own_organisation(login, ours, theirs, kind):
    client = login("editor")
    url = admin_url(MODELS[kind], "add")
    form = client.get(url)
    data = form_data(form)
    data.update(ADD_DATA[kind])
    choices = set(form.context["adminform"].form.fields["managed_by"].queryset)

    data["managed_by"] = ""
    nobody = client.post(url, data)
    data["managed_by"] = str(theirs.event.organiser.pk)
    foreign = client.post(url, data)
    data["managed_by"] = str(ours.event.organiser.pk)
    accepted = client.post(url, data)

    assert choices == {ours.event.organiser}
    assert_rejected(nobody, "managed_by")
    assert_rejected(foreign, "managed_by")
    assert accepted.status_code == 302
    created = MODELS[kind].objects.get(name=ADD_DATA[kind]["name"])
    assert created.managed_by == ours.event.organiser
    assert client.get(admin_url(created)).context["has_change_permission"]


@pytest.mark.parametrize("kind", list(FACTORIES))
def test_an_editor_cannot_hand_a_record_to_another_organisation(login, ours, theirs, kind):
    obj = records(kind, ours, theirs)["alfa"]
    client = login("editor")
    data = get_form(client, admin_url(obj))
    data["managed_by"] = str(theirs.event.organiser.pk)

    response = client.post(admin_url(obj), data)

    assert_rejected(response, "managed_by")
    obj.refresh_from_db()
    assert obj.managed_by == ours.event.organiser


def test_an_editor_cannot_manage_the_team_of_an_organisation_they_manage(login, ours, theirs):
    """The memberships inline is for superusers: an editor who manages an organisation must
    not be able to give themselves (or anyone) a role there."""
    partner = OrganisationFactory(name="Alfa Partner", managed_by=ours.event.organiser)
    client = login("editor")
    page = client.get(admin_url(partner))
    data = form_data(page)
    intruder = UserFactory(is_staff=True)
    data.update(
        {
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-0-user": str(intruder.pk),
            "memberships-0-role": Role.EDITOR,
        }
    )

    response = client.post(admin_url(partner), data)

    assert page.context["has_change_permission"]
    assert not page.context["inline_admin_formsets"]
    assert response.status_code == 302
    assert not Membership.objects.filter(organisation=partner).exists()


def test_the_superuser_still_manages_an_organisations_team(login, ours):
    client = login("superuser")

    page = client.get(admin_url(ours.event.organiser))

    assert [inline.formset.prefix for inline in page.context["inline_admin_formsets"]]


def test_a_speaker_on_a_public_programme_may_be_picked_but_not_changed(login, ours, theirs):
    """Bravo's speaker on Bravo's published event: Alfa may put them on its programme."""
    theirs.event.status = "published"
    theirs.event.save()
    client = login("editor")

    page = client.get(admin_url(theirs.speaker))
    found = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "programme", "model_name": "sessionspeaker", "field_name": "speaker"},
    ).json()["results"]

    assert page.status_code == 200 and not page.context["has_change_permission"]
    assert str(theirs.speaker.pk) in {result["id"] for result in found}


def test_an_unmanaged_speaker_in_our_event_is_no_longer_ours_to_change(login, ours):
    ours.speaker.managed_by = None
    ours.speaker.save()
    client = login("editor")

    page = client.get(admin_url(ours.speaker))
    refused = client.post(admin_url(ours.speaker), {"name": "Anders", "slug": "anders"})

    assert page.status_code == 200 and not page.context["has_change_permission"]
    assert refused.status_code == 403


@pytest.mark.parametrize("kind", ["venue", "series", "organisation", "speaker"])
def test_changelist_queries_do_not_grow_with_the_rows(login, ours, theirs, kind):
    client = login("editor")
    url = admin_url(MODELS[kind], "changelist")
    FACTORIES[kind](managed_by=ours.event.organiser)
    client.get(url)  # warm the caches (content types, session)
    with CountQueries() as few:
        assert client.get(url).status_code == 200
    for _ in range(8):
        FACTORIES[kind](managed_by=theirs.event.organiser)
        FACTORIES[kind](managed_by=ours.event.organiser)
    with CountQueries() as many:
        assert client.get(url).status_code == 200

    assert many.count == few.count


class CountQueries:
    def __enter__(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self._context = CaptureQueriesContext(connection)
        self._context.__enter__()
        return self

    def __exit__(self, *args):
        self._context.__exit__(*args)
        self.count = len(self._context.captured_queries)
