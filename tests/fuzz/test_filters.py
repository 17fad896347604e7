"""Random and hostile query strings for every list with filters, search or pages: never a
500 and never a write, on SQLite and on PostgreSQL (which refuses NUL in text)."""

import os

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from hypothesis import example, given, settings
from hypothesis import strategies as st

from events.enums import EventFormat
from initiatives.enums import DocumentKind, InitiativeStatus, LegalForm
from tests.factories import (
    DocumentFactory,
    DomainFactory,
    EventFactory,
    InitiativeFactory,
    ReservationFactory,
    SeriesFactory,
    UserFactory,
)
from tests.fuzz.hostile import assert_answered, form_data, fuzz, isolated, logged_in, snapshot

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:Generating overly large repr"),
]
# Found by these tests: SQLite refuses LIKE patterns over 50,000 bytes (now a field error).
LONG_SEARCH = {"q": "Å" * 30_000}
NUL_SEARCH = {"q": "wijk\x00"}

pages = st.sampled_from(["1", "2", "last", "0", "-1", "999999"])


@pytest.fixture
def content():
    domain = DomainFactory(slug="energie")
    series = SeriesFactory(slug="cooperatieven")
    event = EventFactory(series=series)
    ReservationFactory(event=event, name="Anna de Vries")
    initiative = InitiativeFactory(city="Zaandam")
    initiative.domains.add(domain)
    DocumentFactory()
    return event


def get_unchanged(client: Client, url: str, params: dict) -> None:
    with isolated():
        before = snapshot()
        response = client.get(url, params)
        assert_answered(response)
        assert snapshot() == before
        assert_clear_page(response)


def assert_clear_page(response) -> None:
    """A filter that refused a value says so next to the field, and the page still lists."""
    if response.status_code != 200 or "filter" not in response.context:
        return
    filterset = response.context["filter"]
    if filterset.errors:
        html = response.content.decode()
        assert 'class="errorlist"' in html
        for name in filterset.errors:
            assert f'id="id_{name}_error"' in html


AGENDA = {
    "q": st.sampled_from(["conferentie", "Zaandam wijk"]),
    "period": st.sampled_from(["upcoming", "month", "quarter", "past", "all"]),
    "series": st.sampled_from(["cooperatieven", "onbekend"]),
    "city": st.sampled_from(["Zaandam", "Atlantis"]),
    "format": st.sampled_from(EventFormat.values),
    "domain": st.sampled_from(["energie", "onbekend"]),
    "places_left": st.sampled_from(["on", "true", "false"]),
    "page": pages,
}


@example(params=LONG_SEARCH)
@example(params=NUL_SEARCH)
@fuzz
@given(params=form_data(AGENDA))
def test_the_agenda_filters(content, params):
    get_unchanged(Client(), reverse("events:agenda"), params)


@fuzz
@given(params=form_data({"q": st.just("wijk"), "period": st.just("all")}))
def test_the_home_page_search_and_stray_parameters(content, params):
    get_unchanged(Client(), reverse("home"), params)


@example(params=LONG_SEARCH)
@example(params=NUL_SEARCH)
@example(params={"q": "wijk & | ! :* ( ) ' \\"})
@fuzz
@given(
    params=form_data(
        {
            "q": st.sampled_from(["coöperatie", "Zaandam wijk", "NoordOo"]),
            "soort": st.sampled_from(["initiatieven", "sessies", "onbekend"]),
        }
    )
)
def test_the_one_search(content, params):
    get_unchanged(Client(), reverse("search"), params)


INITIATIVES = {
    "q": st.sampled_from(["coöperatie", "Zaandam"]),
    "city": st.sampled_from(["Zaandam", "Atlantis"]),
    "domain": st.sampled_from(["energie", "onbekend"]),
    "legal_form": st.sampled_from(LegalForm.values),
    "status": st.sampled_from(InitiativeStatus.values),
    "page": pages,
}


@example(params=LONG_SEARCH)
@example(params=NUL_SEARCH)
@fuzz
@given(params=form_data(INITIATIVES))
def test_the_initiative_filters(content, params):
    get_unchanged(Client(), reverse("initiatives:directory"), params)


@example(params=LONG_SEARCH)
@example(params=NUL_SEARCH)
@fuzz
@given(
    params=form_data(
        {"q": st.just("statuten"), "kind": st.sampled_from(DocumentKind.values), "page": pages}
    )
)
def test_the_knowledge_base_filters(content, params):
    get_unchanged(Client(), reverse("initiatives:documents"), params)


@fuzz
@given(params=form_data({"page": pages}))
def test_the_collection_pages(content, params):
    get_unchanged(Client(), reverse("initiatives:collections"), params)


@example(params=LONG_SEARCH)
@example(params=NUL_SEARCH)
@fuzz
@given(params=form_data({"q": st.sampled_from(["Anna", "anna de"])}))
def test_the_participant_search_at_the_door(content, params):
    organiser = UserFactory(username="organiser", is_staff=True, is_superuser=True)
    get_unchanged(
        logged_in(organiser), reverse("reservations:participants", args=[content.slug]), params
    )


@pytest.mark.parametrize(
    "name", ["events:agenda", "initiatives:directory", "initiatives:documents"]
)
def test_a_too_long_search_is_refused_with_a_reason(client, content, name):
    response = client.get(reverse(name), {"q": "wijk " * 60})
    assert response.status_code == 200
    assert response.context["filter"].errors["q"]
    assert 'id="id_q_error"' in response.content.decode()


ADMIN_LISTS = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model in admin.site._registry
    if model._meta.app_label in {"events", "programme", "reservations", "initiatives"}
)
ADMIN_PARAMETERS = {
    "q": st.sampled_from(["Anna", "wijk"]),
    "p": pages,
    "o": st.sampled_from(["1", "-2", "1.2", "99"]),
    "status": st.sampled_from(["confirmed", "published"]),
    "event__id__exact": st.sampled_from(["1", "²", "-1"]),
    "round": st.sampled_from(["1", "²", "٣"]),
    "city": st.just("Zaandam"),
    "all": st.just(""),
}
few = settings(fuzz, max_examples=max(3, int(os.environ.get("FUZZ_EXAMPLES", "25")) // 5))


@pytest.mark.parametrize("app_label, model_name", ADMIN_LISTS)
@example(params={"round": "²", "event__id__exact": "²"})
@example(params={"q": "Anna\x00"})
@few
@given(params=form_data(ADMIN_PARAMETERS))
def test_the_admin_lists_search_and_filters(content, app_label, model_name, params):
    """Organisers' lists: the admin's own search, sorting and filters, and ours (rounds)."""
    organiser = UserFactory(username="organiser", is_staff=True, is_superuser=True)
    url = reverse(f"admin:{app_label}_{model_name}_changelist")
    get_unchanged(logged_in(organiser), url, params)


DATE_HIERARCHIES = sorted(
    (model._meta.app_label, model._meta.model_name, model_admin.date_hierarchy)
    for model, model_admin in admin.site._registry.items()
    if model_admin.date_hierarchy
)
DRILL_DOWNS = [
    {"year": "9999"},
    {"year": "9999", "month": "12"},
    {"year": "9999", "month": "12", "day": "31"},
    {"year": "1"},
    {"year": "1", "month": "1", "day": "1"},
    {"year": "0"},
    {"year": "99999999999999999999"},
    {"year": "2026", "month": "13"},
    {"year": "2026", "month": "2", "day": "30"},
    {"year": "²"},
    {"year": "abc"},
]


@pytest.mark.parametrize("app_label, model_name, field", DATE_HIERARCHIES)
@pytest.mark.parametrize("drill_down", DRILL_DOWNS)
def test_the_admin_date_drill_down_refuses_dates_it_cannot_show(
    content, app_label, model_name, field, drill_down
):
    organiser = UserFactory(username="organiser", is_staff=True, is_superuser=True)
    url = reverse(f"admin:{app_label}_{model_name}_changelist")
    params = {f"{field}__{part}": value for part, value in drill_down.items()}

    with isolated():
        assert logged_in(organiser).get(url, params).status_code == 404


@pytest.mark.parametrize("app_label, model_name, field", DATE_HIERARCHIES)
def test_the_admin_date_drill_down_still_lists_a_day(content, app_label, model_name, field):
    organiser = UserFactory(username="organiser", is_staff=True, is_superuser=True)
    url = reverse(f"admin:{app_label}_{model_name}_changelist")
    params = {f"{field}__year": "9998", f"{field}__month": "12", f"{field}__day": "30"}

    assert logged_in(organiser).get(url, params).status_code == 200
