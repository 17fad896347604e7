"""Pages of initiatives, organisations, collections and documents: content, drafts, 404s, queries."""

import datetime as dt
import re
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events.enums import EventStatus
from initiatives.enums import DocumentKind, InitiativeStatus, LegalForm
from tests.factories import (
    CollectionFactory,
    CollectionMembershipFactory,
    DocumentFactory,
    DomainFactory,
    EventFactory,
    InitiativeFactory,
    OrganisationFactory,
    SessionFactory,
    SpeakerFactory,
)
from tests.query_counts import queries_for

pytestmark = pytest.mark.django_db


def page(client, url: str, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, url
    return unescape(response.content.decode())


class TestInitiativePage:
    @pytest.fixture
    def initiative(self):
        initiative = InitiativeFactory(
            name="Energiecoöperatie Zuiderlicht",
            summary="Zonnepanelen op Amsterdamse daken.",
            description="Wij leggen **zonnepanelen** op daken.\n\n<script>alert(1)</script>",
            city="Amsterdam",
            district="Zuidoost",
            legal_form=LegalForm.COOPERATIVE,
            status=InitiativeStatus.PAUSED,
            website="https://zuiderlicht.example.org/",
            contact_email="info@zuiderlicht.example.org",
            organisation=OrganisationFactory(name="Zuiderlicht U.A."),
        )
        initiative.domains.set([DomainFactory(name="Energie", slug="energie")])
        return initiative

    def test_what_where_and_who(self, client, initiative):
        html = page(client, initiative.get_absolute_url())

        assert "<h1>Energiecoöperatie Zuiderlicht</h1>" in html
        assert "Zonnepanelen op Amsterdamse daken." in html
        assert "<strong>zonnepanelen</strong>" in html
        assert "Zuidoost" in html
        assert "coöperatie" in html
        assert "gepauzeerd" in html
        assert 'href="/initiatieven/?domain=energie">Energie</a>' in html
        assert f'href="{initiative.organisation.get_absolute_url()}">Zuiderlicht U.A.</a>' in html
        assert 'href="https://zuiderlicht.example.org/"' in html
        assert 'href="mailto:info@zuiderlicht.example.org"' in html

    def test_description_is_sanitised(self, client, initiative):
        html = client.get(initiative.get_absolute_url()).content.decode()

        assert "<script>" not in html
        assert "alert(1)" not in html.replace("&lt;script&gt;alert(1)", "")

    def test_documents_and_collections(self, client, initiative):
        DocumentFactory(
            initiative=initiative, collection=None, title="Statuten Zuiderlicht", kind="statutes"
        )
        CollectionMembershipFactory(
            initiative=initiative,
            collection__name="SAMEN030",
            civil_servant="Anna de Vries (Wijkaanpak)",
            initiator="Bram Jansen",
        )
        html = page(client, initiative.get_absolute_url())

        assert "Statuten Zuiderlicht" in html
        assert "SAMEN030" in html
        assert "Anna de Vries (Wijkaanpak) & Bram Jansen" in html

    def test_sessions_of_published_and_cancelled_events_appear(self, client, initiative):
        published = SessionFactory(title="Zon op elk dak", event__title="Energiedag")
        cancelled = SessionFactory(
            title="Warmte uit de buurt",
            event__title="Warmtedag",
            event__status=EventStatus.CANCELLED,
        )
        published.initiatives.add(initiative)
        cancelled.initiatives.add(initiative)
        html = page(client, initiative.get_absolute_url())

        assert f'href="{published.get_absolute_url()}"' in html
        assert "Energiedag" in html
        assert "Warmte uit de buurt" in html
        assert "geannuleerd" in html

    def test_sessions_of_draft_events_never_appear(self, client, initiative):
        draft = SessionFactory(
            title="Geheime sessie", event__title="Conceptdag", event__status=EventStatus.DRAFT
        )
        draft.initiatives.add(initiative)
        html = page(client, initiative.get_absolute_url())

        assert "Geheime sessie" not in html
        assert "Conceptdag" not in html
        assert "Op het programma" not in html


class TestOrganisationPage:
    def test_events_speakers_initiatives_and_collections(self, client):
        organisation = OrganisationFactory(
            name="Gemeente Zaanstad",
            city="Zaandam",
            website="https://www.zaanstad.nl/",
            description="De *gemeente*.",
        )
        EventFactory(title="Werken in de wijk", organiser=organisation)
        EventFactory(title="Concept in de wijk", organiser=organisation, status=EventStatus.DRAFT)
        EventFactory(title="Samen de stad maken").partners.add(organisation)
        EventFactory(title="Nog niet klaar", status=EventStatus.DRAFT).partners.add(organisation)
        SpeakerFactory(name="Wijkmanager Wim", organisation=organisation)
        InitiativeFactory(name="BewonersBedrijf Poelenburg", organisation=organisation)
        CollectionFactory(name="Wijkaanpak Zaanstad").organisations.add(organisation)

        html = page(client, organisation.get_absolute_url())

        assert "<h1>Gemeente Zaanstad</h1>" in html
        assert "gemeente" in html and "Zaandam" in html
        assert "<em>gemeente</em>" in html
        assert 'href="https://www.zaanstad.nl/"' in html
        assert "Werken in de wijk" in html
        assert "Samen de stad maken" in html
        assert "Concept in de wijk" not in html
        assert "Nog niet klaar" not in html
        assert "Wijkmanager Wim" in html
        assert "BewonersBedrijf Poelenburg" in html
        assert "Wijkaanpak Zaanstad" in html

    def test_logo_is_shown_resized_with_alt_text(self, client):
        from io import BytesIO

        from PIL import Image

        buffer = BytesIO()
        Image.new("RGB", (400, 200), "green").save(buffer, "PNG")
        organisation = OrganisationFactory(
            name="MeentCoop", logo=SimpleUploadedFile("logo.png", buffer.getvalue())
        )
        html = page(client, organisation.get_absolute_url())

        assert 'alt="Logo van MeentCoop"' in html
        assert ".webp" in html


class TestCollections:
    def test_list_shows_each_collection_with_its_member_count(self, client):
        collection = CollectionFactory(
            name="AmsterDOEN incubator", summary="Koppels van ambtenaar en initiatiefnemer."
        )
        CollectionMembershipFactory.create_batch(2, collection=collection)
        CollectionFactory(name="Boek: Plekken van hoop")
        html = page(client, reverse("initiatives:collections"))

        assert "AmsterDOEN incubator" in html
        assert "2 initiatieven" in html
        assert "Boek: Plekken van hoop" in html
        assert "0 initiatieven" in html
        assert f'href="{collection.get_absolute_url()}"' in html

    def test_empty_list_says_so(self, client):
        assert "Er zijn nog geen collecties." in page(client, reverse("initiatives:collections"))

    def test_detail_shows_members_and_their_pair(self, client):
        collection = CollectionFactory(
            name="AmsterDOEN × MeentCoop",
            description="Een **incubator**.",
            website="https://meentcoop.example.org/",
        )
        collection.organisations.add(OrganisationFactory(name="MeentCoop"))
        CollectionMembershipFactory(
            collection=collection,
            initiative__name="Bezorgcoöperatie Centrum",
            civil_servant="Karin (Stadsdeel Centrum)",
            initiator="Youssef",
        )
        CollectionMembershipFactory(collection=collection, initiative__name="Buurtkeuken Oost")
        DocumentFactory(collection=collection, title="Pilotidee bezorging")

        html = page(client, collection.get_absolute_url())

        assert "<strong>incubator</strong>" in html
        assert "MeentCoop" in html
        assert "Bezorgcoöperatie Centrum" in html
        assert "Karin (Stadsdeel Centrum)" in html
        assert "Youssef" in html
        assert "Buurtkeuken Oost" in html
        assert "Pilotidee bezorging" in html

    def test_detail_without_members_says_so(self, client):
        html = page(client, CollectionFactory().get_absolute_url())

        assert "Nog geen deelnemers." in html


class TestDocumentPage:
    def test_link_document(self, client):
        document = DocumentFactory(
            title="Subsidiewijzer",
            kind=DocumentKind.FUNDING,
            url="https://example.org/subsidies",
            description="Overzicht van *fondsen*.",
            published_on=dt.date(2023, 5, 1),
            initiative=InitiativeFactory(name="Buurtfonds"),
        )
        html = page(client, document.get_absolute_url())

        assert "<h1>Subsidiewijzer</h1>" in html
        assert "subsidie- en investeringsmogelijkheden" in html
        assert "<em>fondsen</em>" in html
        assert "1 mei 2023" in html
        assert "Buurtfonds" in html
        assert document.collection.name in html
        assert 'href="https://example.org/subsidies"' in html
        assert "Bekijk het document" in html

    def test_file_document_offers_a_download(self, client):
        document = DocumentFactory(
            url="", file=SimpleUploadedFile("statuten.pdf", b"%PDF-1.4\n%%EOF\n")
        )
        html = page(client, document.get_absolute_url())

        assert f'href="{document.file.url}"' in html
        assert "Download het document" in html


def test_directory_card_shows_place_form_summary_and_domains(client):
    initiative = InitiativeFactory(
        name="Moestuin", city="Utrecht", district="Overvecht", summary="Samen kweken."
    )
    initiative.domains.set([DomainFactory(name="Voedsel")])
    html = page(client, reverse("initiatives:directory"))

    assert f'<a href="{initiative.get_absolute_url()}">Moestuin</a>' in html
    assert "Utrecht, Overvecht · coöperatie" in html
    assert "Samen kweken." in html
    assert '<li class="tag">Voedsel</li>' in html


@pytest.mark.parametrize(
    "url",
    [
        "/initiatieven/bestaat-niet/",
        "/organisaties/bestaat-niet/",
        "/collecties/bestaat-niet/",
        "/kennisbank/bestaat-niet/",
    ],
)
def test_unknown_slug_is_not_found(client, url):
    assert client.get(url).status_code == 404


def all_pages() -> list[str]:
    membership = CollectionMembershipFactory(civil_servant="A", initiator="B")
    membership.initiative.organisation = OrganisationFactory()
    membership.initiative.save()
    SessionFactory().initiatives.add(membership.initiative)
    document = DocumentFactory(collection=membership.collection, initiative=membership.initiative)
    return [
        reverse("initiatives:directory"),
        reverse("initiatives:collections"),
        reverse("initiatives:documents"),
        membership.initiative.get_absolute_url(),
        membership.initiative.organisation.get_absolute_url(),
        membership.collection.get_absolute_url(),
        document.get_absolute_url(),
    ]


def test_pages_have_no_inline_script_or_style_and_their_own_title(client):
    for url in all_pages():
        html = page(client, url)
        # Only our own files (the share block's script), never inline code.
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert re.fullmatch(r'<script src="/static/js/[\w.-]+\.js" defer>', tag), (url, tag)
        assert "style=" not in html, url
        assert "<title> · Coöperatieve Stad</title>" not in html, url
        assert '<meta property="og:title" content="Coöperatieve Stad">' not in html, url
        assert html.count("<h1") == 1, url


def test_pages_only_answer_safe_methods(client):
    for url in all_pages():
        assert client.post(url).status_code == 405, url


# Query counts: each page costs the same whether it shows one related item or thirty.


def directory_with(items: int) -> str:
    domains = DomainFactory.create_batch(2)
    for _ in range(items):
        initiative = InitiativeFactory(organisation=OrganisationFactory(), summary="Samen")
        initiative.domains.set(domains)
    return reverse("initiatives:directory") + f"?domain={domains[0].slug}&q=samen&page=1"


def documents_with(items: int) -> str:
    initiative = InitiativeFactory()
    DocumentFactory.create_batch(items, initiative=initiative, kind=DocumentKind.REPORT)
    return reverse("initiatives:documents") + "?kind=report"


def collections_with(items: int) -> str:
    for _ in range(items):
        collection = CollectionFactory()
        collection.organisations.set(OrganisationFactory.create_batch(2))
        CollectionMembershipFactory.create_batch(2, collection=collection)
    return reverse("initiatives:collections")


def initiative_with(items: int) -> str:
    initiative = InitiativeFactory(organisation=OrganisationFactory())
    initiative.domains.set(DomainFactory.create_batch(items))
    for _ in range(items):
        SessionFactory().initiatives.add(initiative)
        SessionFactory(event__status=EventStatus.DRAFT).initiatives.add(initiative)
        CollectionMembershipFactory(initiative=initiative, civil_servant="A", initiator="B")
        DocumentFactory(initiative=initiative, collection=None)
    return initiative.get_absolute_url()


def organisation_with(items: int) -> str:
    organisation = OrganisationFactory()
    for _ in range(items):
        EventFactory(organiser=organisation)
        EventFactory(venue=None).partners.add(organisation)
        SpeakerFactory(organisation=organisation)
        InitiativeFactory(organisation=organisation)
        CollectionFactory().organisations.add(organisation)
    return organisation.get_absolute_url()


def collection_with(items: int) -> str:
    collection = CollectionFactory()
    collection.organisations.set(OrganisationFactory.create_batch(items))
    for _ in range(items):
        CollectionMembershipFactory(collection=collection, civil_servant="A", initiator="B")
        DocumentFactory(collection=collection, initiative=InitiativeFactory())
    return collection.get_absolute_url()


def document_with(items: int) -> str:
    return DocumentFactory(initiative=InitiativeFactory()).get_absolute_url()


@pytest.mark.parametrize(
    "build",
    [
        directory_with,
        documents_with,
        collections_with,
        initiative_with,
        organisation_with,
        collection_with,
        document_with,
    ],
    ids=lambda build: build.__name__,
)
def test_query_count_is_the_same_for_one_and_thirty_items(client, build):
    one = build(1)
    one_count = queries_for(client, one)
    many = build(30)

    assert queries_for(client, many) == one_count
