"""The one search, /zoeken/?q=: every kind, grouped with counts, the best match first, a
bound per kind, a fixed number of queries, and bad input answered without a 500.

Runs on SQLite (the icontains fallback) and on PostgreSQL (Dutch full-text search); the
tests of stemming run on PostgreSQL only."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from common import ratelimits
from cooperatieve_stad.search import RESULTS_PER_KIND, forms_of
from events.enums import EventStatus
from initiatives.models import Initiative
from tests.factories import (
    DocumentFactory,
    EventFactory,
    InitiativeFactory,
    OrganisationFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SpeakerFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL's full-text search with the Dutch configuration: run with DATABASE_URL",
)
SECTION = re.compile(
    r'<section class="search-results" aria-labelledby="(\w+)">(.*?)</section>', re.S
)


def search(client, q: str, **params):
    response = client.get(reverse("search"), {"q": q, **params})
    assert response.status_code == 200
    return response


def sections(response) -> dict[str, str]:
    """Each kind's section of the results, by its key."""
    return dict(SECTION.findall(response.content.decode()))


def titles(section: str) -> list[str]:
    return re.findall(r'class="search-result__title" href="[^"]*">([^<]*)</a>', section)


def test_one_word_finds_every_kind_grouped_with_counts(client):
    event = EventFactory(title="Dag van de stadslandbouw")
    session = SessionFactory(event=event, title="Stadslandbouw op daken")
    speaker = SpeakerFactory(name="Sanne Akker", title="kwartiermaker stadslandbouw")
    SessionSpeakerFactory(session=SessionFactory(event=event), speaker=speaker)
    initiative = InitiativeFactory(name="Tuinen van West", summary="Stadslandbouw in West.")
    organisation = OrganisationFactory(name="Stichting Stadslandbouw")
    document = DocumentFactory(title="Handboek stadslandbouw")

    response = search(client, "stadslandbouw")
    found = sections(response)

    assert list(found) == [
        "evenementen",
        "sessies",
        "sprekers",
        "initiatieven",
        "organisaties",
        "documenten",
    ]
    html = response.content.decode()
    for thing in (event, session, speaker, initiative, organisation, document):
        assert f'href="{thing.get_absolute_url()}"' in html, thing
    assert "6 resultaten voor “stadslandbouw”" in html
    assert (
        '<a class="tag" href="#sessies">Sessies <span class="search-kinds__count">1</span>' in html
    )


def test_noordoogst_finds_the_initiative_and_its_organisation(client):
    # The organisation is the initiative's legal body under a name of its own.
    legal_body = OrganisationFactory(name="Stichting Stadsboeren Noord")
    InitiativeFactory(
        name="NoordOogst", summary="Richt zich op stadslandbouw.", organisation=legal_body
    )
    OrganisationFactory(name="Stichting Zonder Oogst")

    for query in ("NoordOogst", "noordoogst", "NoordOo"):
        found = sections(search(client, query))
        assert titles(found["initiatieven"]) == ["NoordOogst"], query
        assert titles(found["organisaties"]) == ["Stichting Stadsboeren Noord"], query


def test_a_word_inside_a_name_finds_it(client):
    # "oogst" is part of the compound, not a word or prefix of its own.
    InitiativeFactory(name="NoordOogst")

    assert titles(sections(search(client, "oogst"))["initiatieven"]) == ["NoordOogst"]


def test_a_match_in_the_name_comes_before_one_in_the_description(client):
    InitiativeFactory(name="Buurtgroen", description="Over de energiecoöperatie in de wijk.")
    InitiativeFactory(name="Energiecoöperatie Zuid")

    assert titles(sections(search(client, "energiecoöperatie"))["initiatieven"]) == [
        "Energiecoöperatie Zuid",
        "Buurtgroen",
    ]


def test_every_word_must_match(client):
    InitiativeFactory(name="Zonnepanelen Zuid", city="Utrecht")
    InitiativeFactory(name="Zonnepanelen Noord", city="Groningen")

    assert titles(sections(search(client, "zonnepanelen utrecht"))["initiatieven"]) == [
        "Zonnepanelen Zuid"
    ]


def test_each_kind_shows_its_best_few_and_counts_all_and_offers_the_rest(client):
    for number in range(RESULTS_PER_KIND + 2):
        InitiativeFactory(name=f"Wijkkracht {number}")

    response = search(client, "wijkkracht")
    section = sections(response)["initiatieven"]

    assert len(titles(section)) == RESULTS_PER_KIND
    assert "(7)" in section
    more = "?q=wijkkracht&amp;soort=initiatieven"
    assert more in section and "Toon alle 7 initiatieven" in section

    all_of_them = sections(search(client, "wijkkracht", soort="initiatieven"))
    assert list(all_of_them) == ["initiatieven"]
    assert len(titles(all_of_them["initiatieven"])) == 7


def test_one_kind_shows_up_to_its_own_bound_and_says_so(client, monkeypatch):
    monkeypatch.setattr("cooperatieve_stad.search.RESULTS_OF_ONE_KIND", 3)
    for number in range(4):
        InitiativeFactory(name=f"Wijkkracht {number}")

    section = sections(search(client, "wijkkracht", soort="initiatieven"))["initiatieven"]

    assert len(titles(section)) == 3
    assert "De eerste 3 van 4" in section and "Toon alle" not in section


def test_an_unknown_kind_searches_everything(client):
    InitiativeFactory(name="Wijkkracht")

    assert "initiatieven" in sections(search(client, "wijkkracht", soort="onbekend"))


def queries_for_search(client, q: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        search(client, q)
    return len(queries)


def make_one_of_each(number: int) -> None:
    event = EventFactory(title=f"Wijkdag {number}")
    session = SessionFactory(
        event=event, title=f"Wijkgesprek {number}", theme=ThemeFactory(event=event)
    )
    SessionSpeakerFactory(session=session, speaker__name=f"Wijkagent {number}")
    InitiativeFactory(name=f"Wijkbedrijf {number}", organisation=OrganisationFactory())
    OrganisationFactory(name=f"Wijkraad {number}")
    DocumentFactory(title=f"Wijkplan {number}")


def test_the_number_of_queries_is_one_per_kind_however_many_results(client):
    make_one_of_each(0)
    one = queries_for_search(client, "wijk")
    for number in range(1, 12):
        make_one_of_each(number)
    many = queries_for_search(client, "wijk")

    assert one == many == 6
    assert queries_for_search(client, "nergensvoorkomend") == 6


def test_an_empty_search_explains_and_searches_nothing(client):
    with CaptureQueriesContext(connection) as queries:
        response = search(client, "")

    assert "Zoek in één keer in evenementen" in response.content.decode()
    assert len(queries) == 0


def test_nothing_found_says_so_with_a_hint(client):
    InitiativeFactory(name="Wijkkracht")

    html = search(client, "xylofoon").content.decode()

    assert "Niets gevonden voor “xylofoon”." in html
    assert "Controleer de spelling" in html
    assert reverse("initiatives:directory") in html


@pytest.mark.parametrize("q", ["!!!", "& | ! :* ( )", "'\"", "— …"])
def test_only_punctuation_asks_for_words(client, q):
    InitiativeFactory(name="Wijkkracht")

    with CaptureQueriesContext(connection) as queries:
        html = search(client, q).content.decode()

    assert "Typ een of meer woorden" in html
    assert len(queries) == 0


@pytest.mark.parametrize(
    "q",
    [
        "wijk & kracht",
        "wijk:* | !kracht",
        "'wijk'",
        "wijk) (kracht",
        "wijk\\",
        "100% wijk_kracht",
        "de het een",  # only Dutch stop words
        "a " * 50,
    ],
)
def test_query_syntax_in_the_input_is_only_text(client, q):
    InitiativeFactory(name="Wijkkracht")

    search(client, q)  # answers 200, whatever the database makes of it


@pytest.mark.parametrize("q", ["wijk\x00", "\x00"])
def test_nul_is_refused_as_by_the_other_searches(client, q):
    html = search(client, q).content.decode()

    assert 'id="id_q_error"' in html
    assert "resultaten voor" not in html


def test_a_search_longer_than_the_others_accept_is_refused(client):
    html = search(client, "wijk " * 60).content.decode()

    assert 'id="id_q_error"' in html
    assert 'aria-invalid="true"' in html


def test_drafts_and_their_sessions_are_not_found(client):
    draft = EventFactory(title="Geheime wijkdag", status=EventStatus.DRAFT)
    SessionFactory(event=draft, title="Geheim wijkgesprek")
    cancelled = EventFactory(title="Afgelaste wijkdag", status=EventStatus.CANCELLED)

    html = search(client, "wijkdag").content.decode()

    assert (
        "Geheime wijkdag" not in html
        and "Geheim wijkgesprek" not in search(client, "geheim").content.decode()
    )
    assert cancelled.title in html and "geannuleerd" in html


def test_results_follow_changes_at_once(client):
    # Search pages are not kept by the page cache: a change shows on the next search even
    # when it reached the database without a signal.
    initiative = InitiativeFactory(name="Wijkkracht")
    search(client, "wijkkracht")

    Initiative.objects.filter(pk=initiative.pk).update(name="Buurtkracht")

    assert "Buurtkracht" in search(client, "kracht").content.decode()
    assert "Niets gevonden" in search(client, "wijkkracht").content.decode()


def test_searching_too_fast_is_refused(client, monkeypatch):
    monkeypatch.setitem(ratelimits.READ_RATES, "search", "2/m")

    statuses = [client.get(reverse("search"), {"q": "wijk"}).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


def test_the_header_on_every_page_searches_everything(client):
    for url in (reverse("home"), reverse("events:agenda"), reverse("initiatives:directory")):
        html = client.get(url).content.decode()
        assert (
            f'<form class="site-search" action="{reverse("search")}" method="get" role="search">'
            in html
        )
        assert '<label class="visually-hidden" for="site-search-q">' in html


def test_the_home_page_search_leads_to_the_one_search(client):
    html = client.get(reverse("home")).content.decode()

    assert f'<form class="search" action="{reverse("search")}" method="get" role="search">' in html
    assert 'name="period"' not in html


def test_the_page_is_translated(client):
    InitiativeFactory(name="Wijkkracht")
    client.cookies["django_language"] = "en"

    html = search(client, "wijkkracht").content.decode()
    nothing = search(client, "xylofoon").content.decode()

    assert "1 result for “wijkkracht”" in html and ">Initiatives <" in html
    assert "Nothing found for “xylofoon”." in nothing


def test_the_page_is_not_indexed(client):
    assert (
        '<meta name="robots" content="noindex, follow">' in search(client, "wijk").content.decode()
    )


@pytest.mark.parametrize(
    ("word", "forms"),
    [
        ("coöperaties", ("coöperaties", "coöperatie")),
        ("initiatieven", ("initiatieven", "initiatie")),
        ("initiatief", ("initiatief", "initiatie")),
        ("voedselbossen", ("voedselbossen", "voedselbo")),
        ("Wijken", ("Wijken", "wijk")),
        ("huis", ("huis",)),
        ("NoordOo", ("NoordOo",)),
        ("2035", ("2035",)),
    ],
)
def test_a_word_is_also_looked_for_without_its_dutch_ending(word, forms):
    assert forms_of(word) == forms


def test_plural_and_singular_find_each_other(client):
    # PostgreSQL's Dutch stemmer keeps "cooperaties" and "cooperatie" apart: forms_of joins them.
    InitiativeFactory(name="Buurtgroen", summary="Een coöperatie van bewoners.")
    InitiativeFactory(name="Zonnedak", description="Bewoners organiseren zich in coöperaties.")
    InitiativeFactory(name="Wijkraad", summary="Een vereniging van bewoners.")

    plural = titles(sections(search(client, "coöperaties"))["initiatieven"])
    singular = titles(sections(search(client, "coöperatie"))["initiatieven"])

    assert sorted(plural) == sorted(singular) == ["Buurtgroen", "Zonnedak"]


@on_postgresql
def test_the_dutch_configuration_ignores_the_diaeresis(client):
    # Typed without the diaeresis, as many do: the Dutch stemmer drops it on both sides.
    InitiativeFactory(name="Buurtgroen", summary="Een coöperatie van bewoners.")

    assert titles(sections(search(client, "cooperaties"))["initiatieven"]) == ["Buurtgroen"]


@on_postgresql
def test_full_text_ranks_the_name_above_the_summary_above_the_description(client):
    InitiativeFactory(name="Zonnedak", description="Over een voedselbos in de wijk.")
    InitiativeFactory(name="Buurtgroen", summary="Een voedselbos voor iedereen.")
    InitiativeFactory(name="Voedselbos Noord")

    assert titles(sections(search(client, "voedselbossen"))["initiatieven"]) == [
        "Voedselbos Noord",
        "Buurtgroen",
        "Zonnedak",
    ]
