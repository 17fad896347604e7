"""Seed 003: the congress and book "Plekken van hoop en verandering", and SAMEN030's network."""

from datetime import date

from demo.loader import Loader
from demo.prose import prose
from demo.seeds.common import LOKALE_ECONOMIE, VOEDSEL, ZORG
from demo.specs import (
    CollectionSpec,
    DocumentSpec,
    EventSpec,
    InitiativeSpec,
    MembershipSpec,
    OrganisationSpec,
    SessionSpec,
)
from initiatives.enums import CollectionKind, DocumentKind, OrganisationKind
from sessions.enums import SessionFormat

PLATFORM_STAD_EN_WIJK = OrganisationSpec("Platform Stad en Wijk", OrganisationKind.NETWORK)
REGIEORGAAN_SIA = OrganisationSpec("Regieorgaan SIA", OrganisationKind.OTHER)
MINISTERIE_BZK = OrganisationSpec(
    "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", OrganisationKind.GOVERNMENT
)

IN_THE_BOOK = "Praktijkvoorbeeld in het boek ‘Plekken van hoop en verandering’."

DE_EVENAAR = InitiativeSpec(
    "Buurtvoorziening De Evenaar", domains=(ZORG,), summary=IN_THE_BOOK, city="Amsterdam"
)
DE_BLAUWE_WIJKECONOMIE = InitiativeSpec(
    "De Blauwe Wijkeconomie", domains=(LOKALE_ECONOMIE,), summary=IN_THE_BOOK, city="Arnhem"
)
DE_VOEDSELTUIN = InitiativeSpec(
    "De Voedseltuin", domains=(VOEDSEL,), summary=IN_THE_BOOK, city="Rotterdam"
)
ZORGVRIJSTAAT = InitiativeSpec(
    "Zorgvrijstaat", domains=(ZORG,), summary=IN_THE_BOOK, city="Rotterdam"
)
WIJKACADEMIES_OPVOEDEN = InitiativeSpec(
    "Wijkacademies Opvoeden", domains=(ZORG,), summary=IN_THE_BOOK, city="Utrecht"
)
BOOK_INITIATIVES = (
    DE_EVENAAR,
    DE_BLAUWE_WIJKECONOMIE,
    DE_VOEDSELTUIN,
    ZORGVRIJSTAAT,
    WIJKACADEMIES_OPVOEDEN,
)

BOOK_TEXT = prose("""
    In dit boek geven diverse (docent)onderzoekers van hogescholen door middel van
    praktijkgericht onderzoek inzicht in deze nieuwe lokale samenwerkingsverbanden. Met onder
    andere praktijkvoorbeelden uit Amsterdam (Buurtvoorziening De Evenaar), Arnhem (De Blauwe
    Wijkeconomie), Rotterdam (De Voedseltuin en Zorgvrijstaat) en Utrecht (Wijkacademies
    Opvoeden). Dit boek komt mede tot stand door een financiële bijdrage van Regieorgaan SIA en
    het Ministerie van Binnenlandse Zaken en Koninkrijksrelaties.
""")

BOOK = CollectionSpec(
    slug="plekken-van-hoop-en-verandering",
    name="Plekken van hoop en verandering",
    kind=CollectionKind.BOOK,
    # The funders of the book.
    organisations=(REGIEORGAAN_SIA, MINISTERIE_BZK),
    description=BOOK_TEXT,
    members=tuple(MembershipSpec(initiative) for initiative in BOOK_INITIATIVES),
)

CONGRESS = EventSpec(
    slug="congres-plekken-van-hoop-en-verandering",
    title="Congres Plekken van Hoop en Verandering",
    day=date(2019, 9, 19),
    # The announcement gives neither times nor a venue: 10.00–17.00 is an assumption, noted
    # here and not in the description, which is public.
    starts="10:00",
    ends="17:00",
    organiser=PLATFORM_STAD_EN_WIJK,
    summary=(
        "Het Platform Stad en Wijk organiseert op 19 september een congres over het van onderop "
        "bundelen van krachten in nieuwe samenwerkingsverbanden om zo het verschil te maken."
    ),
    description=prose("""
        Het Platform Stad en Wijk organiseert op 19 september een congres over het van onderop
        bundelen van krachten in nieuwe samenwerkingsverbanden om zo het verschil te maken.
        Plekken van hoop en verandering.

        Op steeds meer plekken in Nederland pakken burgers, ondernemers, maatschappelijke
        instellingen en/of de gemeente gezamenlijk belangrijke vraagstukken op. Partijen en
        personen gaan met elkaar aan de slag omdat zij een kans zien of een urgente kwestie
        willen oppakken. In plaats van dat één dominante actor het voor het zeggen heeft, gaat
        het hier om een netwerk van diverse partijen die werken aan creatieve oplossingen voor
        vraagstukken op individueel, buurt- of wijkniveau.

        Samenwerkingsverbanden waarbij ten opzichte van het verleden nieuwe partijen aan tafel
        schuiven en/of partijen een andere taak hebben. Die nieuwe samenwerkingsverbanden en de
        verschuivende rollen en (machts)verhoudingen tussen partijen staan centraal bij dit
        congres.

        ## Voor wie?

        Het congres is bedoeld voor bewoners, stadsmakers en professionals in beleid, praktijk
        en hoger onderwijs. Deelnemers krijgen meer inzicht in hoe dit soort – veelal
        multidisciplinaire – samenwerkingsverbanden ontstaan en hoe ze georganiseerd zijn.
        Tegelijkertijd wordt de vraag gesteld wat de reikwijdte is en de grenzen zijn van deze
        samenwerkingsverbanden. We besteden met andere woorden aandacht aan de sterke en zwakke
        kanten van algemeen gehanteerde begrippen als burgerkracht, co-creatie en veerkracht. Of
        voor wie liever Engelse termen hanteert: civil society, collaborative governance,
        crafting communities, do-it-yourself urbanism en urban commoning.
    """),
    sessions=(
        SessionSpec(
            "Presentatie en recensie van het boek ‘Plekken van hoop en verandering’",
            format=SessionFormat.TALK,
            initiatives=BOOK_INITIATIVES,
            description=(
                "Tijdens het congres wordt onder andere het boek ‘Plekken van hoop en "
                "verandering’ gepresenteerd en gerecenseerd.\n\n" + BOOK_TEXT
            ),
        ),
    ),
)

SAMEN030_WEBSITE = "https://samen030.nl/"

SAMEN030 = OrganisationSpec(
    "SAMEN030",
    OrganisationKind.COOPERATIVE,
    city="Utrecht",
    website=SAMEN030_WEBSITE,
    description=prose("""
        SAMEN030 is de stadscoöperatie van Utrechtse Buurtbewoner-, Buurtondernemer- en
        Buurt-Organisaties (BBBO's) en andere bewonersinitiatieven die zich inzetten voor een
        gezonde en actieve stad zonder tweedeling.
    """),
)

# One document per kind of knowledge the seed says the network exchanges; the seed's
# "Klik hier voor beeldmateriaal en documenten" points at the cooperative's website.
SAMEN030_DOCUMENTS = tuple(
    DocumentSpec(
        slug=f"samen030-{kind.value.replace('_', '-')}",
        title=title,
        kind=kind,
        url=SAMEN030_WEBSITE,
        description="Uitgewisseld binnen het kennisnetwerk van SAMEN030.",
    )
    for kind, title in (
        (DocumentKind.PILOT_IDEA, "Ideeën voor pilots en initiatieven"),
        (DocumentKind.PROJECT_PLAN, "Projectplannen voor bewonersdiensten"),
        (DocumentKind.STATUTES, "Statuten voor buurt- en wijkcoöperaties"),
        (DocumentKind.FUNDING, "Subsidie- en investeringsmogelijkheden"),
    )
)

KENNISNETWERK_SAMEN030 = CollectionSpec(
    slug="kennisnetwerk-samen030",
    name="Kennisnetwerk SAMEN030",
    kind=CollectionKind.NETWORK,
    website=SAMEN030_WEBSITE,
    organisations=(SAMEN030,),
    description=prose("""
        De leden van SAMEN030 vormen met elkaar een dynamisch kennisnetwerk. Binnen dat netwerk
        worden uitgewisseld:

        - ideeën voor pilots en initiatieven
        - projectplannen voor bewonersdiensten
        - statuten voor buurt- en wijkcoöperaties
        - subsidie- en investeringsmogelijkheden
    """),
    documents=SAMEN030_DOCUMENTS,
)


def load(loader: Loader) -> None:
    BOOK.ensure(loader)
    CONGRESS.ensure(loader)
    KENNISNETWERK_SAMEN030.ensure(loader)
