"""The initiatives directory and the knowledge base: filters, free text, pagination, bad input."""

import re
from html import unescape

import pytest
from django.urls import reverse

from initiatives.enums import DocumentKind, InitiativeStatus, LegalForm
from tests.factories import DocumentFactory, DomainFactory, InitiativeFactory

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("initiatives:directory")
DOCUMENTS = reverse("initiatives:documents")


def shown(response) -> list[str]:
    """The titles of the cards on a list page, in order."""
    assert response.status_code == 200
    titles = re.findall(
        r'class="card__title"><a href="[^"]*">([^<]*)</a>', response.content.decode()
    )
    return [unescape(title) for title in titles]


def text(response) -> str:
    return unescape(response.content.decode())


@pytest.fixture
def initiatives():
    energy = DomainFactory(name="Energie", slug="energie")
    food = DomainFactory(name="Voedsel", slug="voedsel")
    solar = InitiativeFactory(
        name="Zonnedak Noord",
        city="Amsterdam",
        district="Noord",
        legal_form=LegalForm.COOPERATIVE,
        status=InitiativeStatus.ACTIVE,
    )
    solar.domains.set([energy])
    garden = InitiativeFactory(
        name="Moestuin De Vaart",
        city="Zaandam",
        district="Poelenburg",
        legal_form=LegalForm.FOUNDATION,
        status=InitiativeStatus.ACTIVE,
        summary="Samen groente kweken.",
    )
    garden.domains.set([food])
    heat = InitiativeFactory(
        name="Warmtenet West",
        city="Amsterdam",
        district="West",
        legal_form=LegalForm.FOUNDATION,
        status=InitiativeStatus.IDEA,
        description="Een **warmtenet** voor de buurt, gevoed door restwarmte.",
    )
    heat.domains.set([energy, food])
    return {"solar": solar, "garden": garden, "heat": heat}


def test_without_filters_every_initiative_is_listed_by_name(client, initiatives):
    assert shown(client.get(DIRECTORY)) == ["Moestuin De Vaart", "Warmtenet West", "Zonnedak Noord"]


def test_city_filter_narrows_to_that_city(client, initiatives):
    assert shown(client.get(DIRECTORY, {"city": "Zaandam"})) == ["Moestuin De Vaart"]
    assert shown(client.get(DIRECTORY, {"city": "Amsterdam"})) == [
        "Warmtenet West",
        "Zonnedak Noord",
    ]


def test_city_choices_come_from_the_data_once_each(client, initiatives):
    InitiativeFactory(city="")
    html = client.get(DIRECTORY).content.decode()
    select = re.search(r'<select name="city".*?</select>', html, re.S).group(0)

    assert re.findall(r'<option value="([^"]+)"', select) == ["Amsterdam", "Zaandam"]


def test_domain_filter_uses_the_slug(client, initiatives):
    assert shown(client.get(DIRECTORY, {"domain": "energie"})) == [
        "Warmtenet West",
        "Zonnedak Noord",
    ]
    assert shown(client.get(DIRECTORY, {"domain": "voedsel"})) == [
        "Moestuin De Vaart",
        "Warmtenet West",
    ]


def test_legal_form_filter(client, initiatives):
    assert shown(client.get(DIRECTORY, {"legal_form": LegalForm.COOPERATIVE})) == ["Zonnedak Noord"]
    assert shown(client.get(DIRECTORY, {"legal_form": LegalForm.FOUNDATION})) == [
        "Moestuin De Vaart",
        "Warmtenet West",
    ]


def test_status_filter(client, initiatives):
    assert shown(client.get(DIRECTORY, {"status": InitiativeStatus.IDEA})) == ["Warmtenet West"]
    assert shown(client.get(DIRECTORY, {"status": InitiativeStatus.ENDED})) == []


def test_filters_combine(client, initiatives):
    response = client.get(
        DIRECTORY, {"city": "Amsterdam", "domain": "energie", "legal_form": LegalForm.FOUNDATION}
    )
    assert shown(response) == ["Warmtenet West"]

    response = client.get(DIRECTORY, {"city": "Zaandam", "domain": "energie"})
    assert shown(response) == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("zonnedak", ["Zonnedak Noord"]),  # name, any case
        ("groente", ["Moestuin De Vaart"]),  # summary
        ("restwarmte", ["Warmtenet West"]),  # description
        ("zaandam", ["Moestuin De Vaart"]),  # city
        ("poelenburg", ["Moestuin De Vaart"]),  # district
        ("amsterdam west", ["Warmtenet West"]),  # every word must match somewhere
        ("  noord  ", ["Zonnedak Noord"]),
        ("onvindbaar", []),
    ],
)
def test_free_text_searches_name_summary_description_city_and_district(
    client, initiatives, query, expected
):
    assert shown(client.get(DIRECTORY, {"q": query})) == expected


def test_free_text_combines_with_filters(client, initiatives):
    assert shown(client.get(DIRECTORY, {"q": "amsterdam", "status": "idea"})) == ["Warmtenet West"]


def test_chosen_filters_stay_selected_in_the_form(client, initiatives):
    html = client.get(DIRECTORY, {"city": "Zaandam", "q": "tuin"}).content.decode()

    assert '<option value="Zaandam" selected>' in html
    assert 'name="q" value="tuin"' in html


def test_empty_result_says_so_and_offers_to_clear_the_filters(client, initiatives):
    response = client.get(DIRECTORY, {"q": "onvindbaar"})

    assert shown(response) == []
    assert "Geen initiatieven gevonden met deze filters." in text(response)
    assert f'class="button button--secondary" href="{DIRECTORY}">Wis alle filters' in text(response)


def test_empty_directory_without_filters_does_not_offer_to_clear_them(client):
    response = client.get(DIRECTORY)

    assert "Er staan nog geen initiatieven in de lijst." in text(response)
    assert "Wis alle filters" not in text(response)


@pytest.mark.parametrize(
    "params",
    [
        {"domain": "bestaat-niet"},
        {"status": "bogus"},
        {"legal_form": "nv"},
        {"city": "Atlantis"},
    ],
)
def test_invalid_filter_value_is_ignored_with_a_message(client, initiatives, params):
    response = client.get(DIRECTORY, params)

    assert shown(response) == ["Moestuin De Vaart", "Warmtenet West", "Zonnedak Noord"]
    assert "ongeldige waarde" in text(response)
    assert "Selecteer een geldige keuze" in text(response)


def test_invalid_value_does_not_switch_off_the_valid_filters(client, initiatives):
    response = client.get(DIRECTORY, {"domain": "bestaat-niet", "city": "Zaandam"})

    assert shown(response) == ["Moestuin De Vaart"]
    assert "ongeldige waarde" in text(response)


def test_valid_filters_show_no_error_message(client, initiatives):
    assert "ongeldige waarde" not in text(client.get(DIRECTORY, {"city": "Zaandam"}))


@pytest.mark.parametrize(
    "params",
    [
        {"q": "a" * 5000},
        {"q": "nul\x00byte"},
        {"city": "\x00"},
        {"domain": ["energie", "voedsel"]},
        {"page": "-1"},
        {"page": "1.5"},
        {"page": "9" * 30},
    ],
)
def test_hostile_input_never_fails(client, initiatives, params):
    assert client.get(DIRECTORY, params).status_code == 200
    assert client.get(DOCUMENTS, params).status_code == 200


class TestPagination:
    @pytest.fixture
    def many(self):
        # Zero-padded names sort in creation order.
        for number in range(45):
            InitiativeFactory(name=f"Buurtinitiatief {number:02}", city="Utrecht")
        InitiativeFactory(name="Elders", city="Breda")

    def test_twenty_per_page(self, client, many):
        first = shown(client.get(DIRECTORY, {"city": "Utrecht"}))
        third = shown(client.get(DIRECTORY, {"city": "Utrecht", "page": 3}))

        assert first == [f"Buurtinitiatief {number:02}" for number in range(20)]
        assert third == [f"Buurtinitiatief {number:02}" for number in range(40, 45)]
        html = text(client.get(DIRECTORY, {"city": "Utrecht"}))
        assert "45 initiatieven gevonden" in html
        assert 'class="pagination"' in html
        assert 'aria-current="page">1</a>' in html

    def test_page_links_keep_the_filters(self, client, many):
        html = text(client.get(DIRECTORY, {"city": "Utrecht", "q": "buurt"}))

        assert 'href="?city=Utrecht&q=buurt&page=2" rel="next"' in html
        assert 'href="?city=Utrecht&q=buurt&page=3"' in html

    def test_filtering_afresh_starts_on_the_first_page(self, client, many):
        # The form does not carry the page number along.
        html = text(client.get(DIRECTORY, {"page": 2}))

        assert 'name="page"' not in html

    def test_page_that_is_not_a_number_gives_the_first_page(self, client, many):
        assert shown(client.get(DIRECTORY, {"page": "abc"}))[0] == "Buurtinitiatief 00"

    def test_page_beyond_the_end_gives_the_last_page(self, client, many):
        assert shown(client.get(DIRECTORY, {"city": "Utrecht", "page": 999})) == [
            f"Buurtinitiatief {number:02}" for number in range(40, 45)
        ]

    def test_one_page_shows_no_pagination(self, client, initiatives):
        assert 'class="pagination"' not in text(client.get(DIRECTORY))


@pytest.fixture
def documents():
    DocumentFactory(title="Statuten Zonnedak", kind=DocumentKind.STATUTES)
    DocumentFactory(
        title="Projectplan Warmtenet",
        kind=DocumentKind.PROJECT_PLAN,
        description="Hoe de buurt restwarmte gebruikt.",
    )
    DocumentFactory(title="Fondsen voor de buurt", kind=DocumentKind.FUNDING)


def test_documents_without_filters(client, documents):
    assert shown(client.get(DOCUMENTS)) == [
        "Fondsen voor de buurt",
        "Projectplan Warmtenet",
        "Statuten Zonnedak",
    ]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (DocumentKind.STATUTES, ["Statuten Zonnedak"]),
        (DocumentKind.PROJECT_PLAN, ["Projectplan Warmtenet"]),
        (DocumentKind.FUNDING, ["Fondsen voor de buurt"]),
        (DocumentKind.BOOK, []),
    ],
)
def test_documents_filter_by_kind(client, documents, kind, expected):
    assert shown(client.get(DOCUMENTS, {"kind": kind})) == expected


def test_documents_free_text_searches_title_and_description(client, documents):
    assert shown(client.get(DOCUMENTS, {"q": "restwarmte"})) == ["Projectplan Warmtenet"]
    assert shown(client.get(DOCUMENTS, {"q": "buurt"})) == [
        "Fondsen voor de buurt",
        "Projectplan Warmtenet",
    ]
    assert shown(client.get(DOCUMENTS, {"q": "buurt", "kind": DocumentKind.FUNDING})) == [
        "Fondsen voor de buurt"
    ]


def test_documents_unknown_kind_is_ignored_with_a_message(client, documents):
    response = client.get(DOCUMENTS, {"kind": "geheim"})

    assert len(shown(response)) == 3
    assert "ongeldige waarde" in text(response)


def test_documents_empty_result_offers_to_clear_the_filters(client, documents):
    response = client.get(DOCUMENTS, {"kind": DocumentKind.BOOK})

    assert "Geen documenten gevonden met deze filters." in text(response)
    assert f'href="{DOCUMENTS}">Wis alle filters' in text(response)


def test_documents_paginate_and_keep_the_kind(client):
    for number in range(25):
        DocumentFactory(title=f"Verslag {number:02}", kind=DocumentKind.REPORT)
    DocumentFactory(title="Statuten", kind=DocumentKind.STATUTES)

    response = client.get(DOCUMENTS, {"kind": DocumentKind.REPORT, "page": 2})

    assert shown(response) == [f"Verslag {number:02}" for number in range(20, 25)]
    assert 'href="?kind=report&page=1" rel="prev"' in text(response)
