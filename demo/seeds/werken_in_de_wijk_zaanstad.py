"""Seed 004: "Werken in de wijk en nieuwe vormen van lokale democratie" in Zaanstad.

The seed gives "maandag 31 oktober" without a year. 2016 fits the text (the Breda Begroot
pilot of 2015/2016) and 31 October 2016 is a Monday.
"""

from datetime import date

from demo.loader import Loader
from demo.prose import prose
from demo.seeds.common import (
    DEMOCRATIE,
    GEMEENTE_AMSTERDAM,
    LOKALE_ECONOMIE,
    NATASJA_VAN_DEN_BERG,
    WONEN,
    ZORG,
)
from demo.specs import (
    EventSpec,
    InitiativeSpec,
    OrganisationSpec,
    SeriesSpec,
    SessionSpec,
    SlotSpec,
    SpeakerSpec,
    ThemeSpec,
    VenueSpec,
)
from initiatives.enums import LegalForm, OrganisationKind
from sessions.enums import SlotKind

# Organisations ----------------------------------------------------------------------------

OMOOC = OrganisationSpec("OMOOC", OrganisationKind.OTHER)
GEMEENTE_ZAANSTAD = OrganisationSpec(
    "Gemeente Zaanstad", OrganisationKind.MUNICIPALITY, city="Zaanstad"
)
GEMEENTE_BREDA = OrganisationSpec("Gemeente Breda", OrganisationKind.MUNICIPALITY, city="Breda")
GEMEENTE_ZWOLLE = OrganisationSpec("Gemeente Zwolle", OrganisationKind.MUNICIPALITY, city="Zwolle")
GEMEENTE_OSS = OrganisationSpec("Gemeente Oss", OrganisationKind.MUNICIPALITY, city="Oss")
GEMEENTE_ROTTERDAM = OrganisationSpec(
    "Gemeente Rotterdam", OrganisationKind.MUNICIPALITY, city="Rotterdam"
)
PROVINCIE_OVERIJSSEL = OrganisationSpec("Provincie Overijssel", OrganisationKind.PROVINCE)
INDISCHE_BUURT_COMMUNITY = OrganisationSpec(
    "Indische Buurt Community", OrganisationKind.COLLECTIVE, city="Amsterdam"
)
HAAGSE_HOGESCHOOL = OrganisationSpec(
    "Haagse Hogeschool", OrganisationKind.UNIVERSITY, city="Den Haag"
)
AT_OSBORNE = OrganisationSpec("AT Osborne", OrganisationKind.COMPANY)
BEWONERSBEDRIJVEN_ZAANSTAD = OrganisationSpec(
    "BewonersBedrijven Zaanstad", OrganisationKind.FOUNDATION, city="Zaanstad"
)
DEMOCRATIC_CHALLENGE = OrganisationSpec("Democratic Challenge", OrganisationKind.NETWORK)
BUURTKIEP_DEN_BOSCH = OrganisationSpec(
    "Buurtkiep Den Bosch", OrganisationKind.OTHER, city="Den Bosch"
)

# Speakers ---------------------------------------------------------------------------------

JAN_VAN_GINKEL = SpeakerSpec("Jan van Ginkel", "gemeentesecretaris", GEMEENTE_ZAANSTAD)
RITA_VISSCHER_NOORDZIJ = SpeakerSpec("Rita Visscher-Noordzij", "wethouder", GEMEENTE_ZAANSTAD)
SUZANNE_VAN_EERDEN = SpeakerSpec("Suzanne van Eerden", organisation=GEMEENTE_BREDA)
SANDER_SIEGMANN = SpeakerSpec("Sander Siegmann", organisation=GEMEENTE_AMSTERDAM)
HERBERT_KOOPS = SpeakerSpec("Herbert Koops", organisation=INDISCHE_BUURT_COMMUNITY)
JULIETTE_SANTEGOEDS = SpeakerSpec("Juliette Santegoeds", organisation=HAAGSE_HOGESCHOOL)
FERENC_VAN_DAMME = SpeakerSpec("Ferenc van Damme", organisation=PROVINCIE_OVERIJSSEL)
JUSTUS_VERMEULEN = SpeakerSpec("Justus Vermeulen", organisation=GEMEENTE_AMSTERDAM)
FROUKJE_IDSARDI = SpeakerSpec("Froukje Idsardi", organisation=GEMEENTE_ZWOLLE)
SIMON_FRANSSEN = SpeakerSpec(
    "Simon Franssen", "directeur Co Creatie en leefbaarheid/Gemeentebedrijven", GEMEENTE_OSS
)
PETER_NOTEN = SpeakerSpec(
    "Peter Noten",
    "afdelingshoofd Mens en Maatschappij/Programmamanager Sport, Ontmoeten en Cultuur",
    GEMEENTE_OSS,
)
SAMUEL_KASPERS = SpeakerSpec("Samuel Kaspers", organisation=GEMEENTE_ZAANSTAD)
JURGEN_VAN_DER_HEIJDEN = SpeakerSpec("Jurgen van der Heijden", organisation=AT_OSBORNE)
DAVID_KOOI = SpeakerSpec("David Kooi", "wijkmanager", GEMEENTE_ZAANSTAD)
ERWIN_STAM = SpeakerSpec("Erwin Stam", organisation=BEWONERSBEDRIJVEN_ZAANSTAD)
JORNT_VAN_ZUYLEN = SpeakerSpec("Jornt van Zuylen", organisation=DEMOCRATIC_CHALLENGE)
HANS_KESSENS = SpeakerSpec("Hans Kessens", organisation=BUURTKIEP_DEN_BOSCH)
BUURTVERSTERKER = "Buurtversterker/innovatie door participatie"
NIELS_HOOGWERF = SpeakerSpec("Niels Hoogwerf", BUURTVERSTERKER, GEMEENTE_ROTTERDAM)
AMINA_HIBA = SpeakerSpec("Amina Hiba", BUURTVERSTERKER, GEMEENTE_ROTTERDAM)

# Initiatives featured at the tables -------------------------------------------------------

BREDA_BEGROOT_TEXT = prose("""
    Breda Begroot is een experiment waarbij inwoners invloed kunnen uitoefenen op een deel van
    de gemeentelijke begroting. In mei 2015 zijn we gestart met een verkenning voor een
    burgerbegroting en in december 2015 / januari 2016 zijn we gestart met een pilot in twee
    wijken. In Prinsenbeek en Princenhage hebben inwoners zelf deze pilot mogen inrichten welke
    dan ook op twee verschillende manieren is uitgevoerd. De resultaten uit de wijken zijn
    inmiddels bekend. Momenteel wordt er nagedacht over de vorm van een vervolg van Breda
    Begroot waarbij een stedelijk traject een uitgesproken ambitie is. Durven experimenteren
    als stad!
""")
BREDA_BEGROOT = InitiativeSpec(
    "Breda Begroot",
    domains=(DEMOCRATIE,),
    summary=(
        "Een experiment waarbij inwoners invloed kunnen uitoefenen op een deel van de "
        "gemeentelijke begroting."
    ),
    description=BREDA_BEGROOT_TEXT,
    city="Breda",
    district="Prinsenbeek en Princenhage",
    legal_form=LegalForm.GOVERNMENT_PROGRAMME,
    organisation=GEMEENTE_BREDA,
)

INDISCHE_BUURT_TEXT = prose("""
    Sinds 2014 maken bewoners van de Indische Buurt hun eigen begroting. Wat levert dit op voor
    de buurt en wat werkt er wel en wat werkt er nog niet in de samenwerking tussen bewoners en
    gemeente?
""")
INDISCHE_BUURT = InitiativeSpec(
    "Indische Buurt Community",
    domains=(DEMOCRATIE,),
    summary="Sinds 2014 maken bewoners van de Indische Buurt hun eigen begroting.",
    city="Amsterdam",
    district="Indische Buurt",
    organisation=INDISCHE_BUURT_COMMUNITY,
)

BEWONERSBEDRIJVEN = InitiativeSpec(
    "BewonersBedrijven Zaanstad",
    domains=(LOKALE_ECONOMIE, ZORG, WONEN),
    summary=(
        "Overkoepelende organisatie voor BewonersBedrijven in geheel Zaanstad, voortgekomen uit "
        "het BewonersBedrijf Poelenburg."
    ),
    description=prose("""
        Stichting BewonersBedrijven Zaanstad is voortgekomen uit het BewonersBedrijf Poelenburg
        en is ondertussen een overkoepelende organisatie voor BewonersBedrijven in geheel
        Zaanstad. Stichting Bewonersbedrijven Zaanstad is een voorbeeld van samenwerking tussen
        inwoners gemeente, sociaal wijkteam, zorginstellingen en meer. Projecten die worden
        opgestart hebben als doelstelling de wijkeconomie, werkgelegenheid en leefbaarheid in de
        wijk te bevorderen. Eventuele winst die wordt gemaakt komt weer ten goede van de wijk.
    """),
    city="Zaanstad",
    district="Poelenburg",
    legal_form=LegalForm.RESIDENTS_COMPANY,
    organisation=BEWONERSBEDRIJVEN_ZAANSTAD,
)

BUURTKIEP = InitiativeSpec(
    "Buurtkiep",
    domains=(DEMOCRATIE,),
    city="Den Bosch",
    organisation=BUURTKIEP_DEN_BOSCH,
)

# Programme --------------------------------------------------------------------------------

RONDE_1 = "ronde 1 tafelsessies"
RONDE_2 = "ronde 2 tafelsessies"
BOTH_ROUNDS = (RONDE_1, RONDE_2)

SLOTS = (
    SlotSpec("14:00", "14:30", "ontvangst", SlotKind.RECEPTION),
    SlotSpec(
        "14:30",
        "15:00",
        "welkom met plenair interview",
        SlotKind.PLENARY,
        description=prose("""
            De bijeenkomst start met een plenaire aftrap onder leiding van moderator Natasja van
            den Berg met inwoners, wijkmanagers, gemeentesecretaris Jan van Ginkel (Zaanstad) en
            wethouder Rita Visscher-Noordzij (Zaanstad) over 'de nieuwe democratie in de praktijk
            en kijken in de toekomst'.
        """),
        speakers=(NATASJA_VAN_DEN_BERG, JAN_VAN_GINKEL, RITA_VISSCHER_NOORDZIJ),
    ),
    SlotSpec("15:00", "15:45", RONDE_1, SlotKind.ROUND),
    SlotSpec("16:00", "16:45", RONDE_2, SlotKind.ROUND),
    SlotSpec("16:45", "18:00", "gezamenlijke afsluiting en borrel", SlotKind.RECEPTION),
)

THEMES = (
    ThemeSpec(
        1,
        "Buurtbudgetten. Hoe ga je ermee om?",
        prose("""
            Stimuleringsbudgetten en handgeld voor wijkmanagers. Minder focus op papier en
            vrijheid voor wijkmanagers. Hoe kun je er nog democratischer/slimmer mee om gaan? Hoe
            besteed je geld in de wijk zonder dat je zelf direct mee doet?
        """),
    ),
    ThemeSpec(
        2,
        "Representativiteit & unusual suspects",
        prose("""
            Nu weten de goed geïnstitutionaliseerde suspects wel waar ze de mosterd kunnen halen.
            Hoe ga je om met representativiteit & unusual suspects? Hoe bieden we hen de
            mogelijkheid? Hoe zorgen we voor betrokkenheid – representativiteit – of kun je dat
            loslaten?
        """),
    ),
    ThemeSpec(
        3,
        "Ontwikkelplannen voor de wijk",
        prose("""
            Zaanstad wijkmanagers stellen een plan voor de buurt op i.a.m. de buurt. Zou het ook
            anders kunnen, namelijk dat de buurt zelf een WUP (wijkuitvoeringsplan opstelt) dit
            met de idee dat de thema’s die door de buurt van belang zijn gedragen worden door de
            buurt (democratisering). Wat zijn de ervaringen van andere gemeenten?
        """),
    ),
    ThemeSpec(4, "Jongeren en lokale democratie"),
    ThemeSpec(5, "Buurtcoöperatie, wat komt er bij kijken?"),
    ThemeSpec(6, "Doen wat goed en nodig is"),
    ThemeSpec(7, "Reikwijdte lokale democratie"),
    ThemeSpec(8, "Co-creëren met de wijk"),
)

TABLE_SESSIONS = (
    SessionSpec(
        "Breda Begroot",
        code="1a",
        theme=1,
        rounds=(RONDE_1,),
        speakers=(SUZANNE_VAN_EERDEN,),
        initiatives=(BREDA_BEGROOT,),
        description=BREDA_BEGROOT_TEXT,
    ),
    SessionSpec(
        "Buurtbegroten in Amsterdam",
        code="1b",
        theme=1,
        rounds=(RONDE_2,),
        summary="Co-productie tussen bewoners en gemeente",
        speakers=(SANDER_SIEGMANN, HERBERT_KOOPS),
        initiatives=(INDISCHE_BUURT,),
        description=INDISCHE_BUURT_TEXT,
    ),
    SessionSpec(
        "Over boze burgers en andere unusual suspects",
        code="2a",
        theme=2,
        rounds=(RONDE_1,),
        speakers=(JULIETTE_SANTEGOEDS,),
        description=prose("""
            Wie zijn dat eigenlijk de burgers die we over het hoofd zien, de unusual suspects.
            Wie valt er buiten de definities van betrokken, actieve burgers en daarmee buiten ons
            zichtveld? Betrokkenheid kan zich op vele manieren uiten en onder de burgers bevinden
            zich genoeg ‘lastige klanten’ die niet direct in ons straatje passen, maar wiens stem
            net zo goed gehoord moet worden in debat en besluitvorming. Wie bepaalt welke burger
            betrokken is en welke niet? In deze workshop wil ik graag in gesprek over in- en
            uitsluiting en het reframen van betrokken burgerschap. In een gezonde democratie mag
            het knetteren. Dé burger bestaat niet, lang leve de burgers.
        """),
    ),
    SessionSpec(
        "Elimineer de burger!",
        code="2b",
        theme=2,
        rounds=(RONDE_2,),
        speakers=(FERENC_VAN_DAMME,),
        description=prose("""
            Conventioneel communiceren en toepassen van traditionele burgerparticipatie met ‘the
            usual suspects’ levert minder en minder op, dat is duidelijk. En de enigen die nog
            serieus over ‘burgers’ spreken zijn militairen en bureaucraten; wie kent er
            persoonlijk een normaal mens die zichzelf ‘burger’ noemt of voelt? Maar wat werkt er
            dan wel? Hoe betrekken wij onszelf bij mensen die vitaal hun eigen weg zoeken, en die
            in een soort stille revolutie een nieuw soort samenleving aan het maken zijn, met of
            zonder ‘instanties’? Kennis van doelgroepen, zelfinzicht, een realisatie van jouw plek
            in een razend snel ontwikkelende wereld om ons heen en een dramatisch andere houding
            van onszelf zijn essentieel voor een zinnig streven naar dialoog en nieuwe
            bestuursstijlen in een vitale, samenredzame ‘doe-democratie’!
        """),
    ),
    SessionSpec(
        "Gebiedonline - Hoe gebruik je een onlineplatform bij het vormen van je plannen?",
        code="3a",
        theme=3,
        rounds=(RONDE_1,),
        speakers=(JUSTUS_VERMEULEN,),
        description=prose("""
            Een onlineplatform heeft een groot bereik, maar schept verwachtingen, hoe zetten we
            het effectief in om bewoners te betrekken bij het opstellen van plannen?
        """),
    ),
    SessionSpec(
        "Opgave gericht werken op wijkniveau",
        code="3b",
        theme=3,
        rounds=(RONDE_2,),
        speakers=(FROUKJE_IDSARDI,),
        description=prose("""
            Opgave gericht op wijkniveau is een cyclische werkwijze van monitoring, analyse,
            stedelijke bespreking, wijkdialogen, vaststellen wijkopgaven, uitvoering. Bij de
            wijkdialogen worden de uitkomsten van het tweejaarlijkse buurt-voor-buurt onderzoek en
            (eerste) analyse van vraagstukken besproken op het schaalniveau van wijk/buurt. Met
            bewoners en betrokken professionals wordt gesproken over leven, werken, opgroeien in
            de eigen buurt en wordt de analyse nader geduid. Uit het geheel worden de opgaven
            gedestilleerd.

            De opgave is de gewenste situatie;

            1. waar diverse betrokkenen een bijdrage aan moeten en/of willen leveren om deze te
               realiseren,
            2. waarbij het gaat om meerdere samenhangende aspecten en domeinen.

            De gewenste situatie wordt geduid met de gewenste te behalen maatschappelijke
            resultaten.

            Via flexibele netwerken per wijk willen we het voor burgers simpeler maken om hun
            eigen opvattingen over de behoeften in hun woon- en leefomgeving, en hun eigen inzet
            hiervoor, te verbinden met het handelen van de gemeente en andere partijen. Inwoners
            van Zwolle moeten er van overtuigd zijn dat hun inzet voor de publieke zaak er toe
            doet en het verschil kan maken.
        """),
    ),
    SessionSpec(
        "Gebiedsgericht werken van de toekomst",
        code="3c",
        theme=3,
        rounds=(RONDE_2,),
        speakers=(SIMON_FRANSSEN, PETER_NOTEN),
        description=prose(r"""
            Oss heeft een lange en succesvolle geschiedenis vwb gebiedsgericht werken. Maar er
            zijn ook tekortkomingen. En de huidige tijd vraagt andere dingen. Onze visie op de
            gemeente, de gemeenschap en de verhouding daartussen bestaat uit kernwoorden als
            werken vanuit de bedoeling, publieke waarde, netwerksamenleving, netwerkorganisatie,
            zelfredzaamheid, co creatie. In dat licht stellen we ons (en jullie) de vraag: Hoe
            kunnen we aansluiten bij hoe mensen – inwoners, ondernemers, professionals – een
            gebied beleven, gebruiken, maken? En vandaaruit en met hen komen tot plannen en het
            doen (en niet doen) van dingen in, aan en voor dat gebied? Welke waarden zijn daarbij
            belangrijk? Hoe organiseren we dat al die mensen, van binnen en buiten, met al die
            verschillende kennis, belangen, opvattingen samenwerken? Hoe houd je de leefwereld
            daarbij centraal? Hoe voorkom je enorm vergadercircus? Wat is de rol van
            wijk\dorpscoordinatoren?
        """),
    ),
    SessionSpec(
        "Ruimte pakken is best spannend",
        code="4",
        theme=4,
        rounds=(RONDE_2,),
        speakers=(SAMUEL_KASPERS,),
        description=prose("""
            Jongeren geven aan dat zij het spannend vinden wat de nieuwe vormen van lokale
            democratie van hen verwachten. Hoe gaan andere gemeenten hiermee om? Zelf een
            jongerencentrum opzetten is een geweldig idee. En dat ga je er over nadenken wat dat
            allemaal betekent!
        """),
    ),
    SessionSpec(
        "Hoe maak je een buurtcoöperatie economisch volhoudbaar?",
        code="5a",
        theme=5,
        rounds=(RONDE_1,),
        speakers=(JURGEN_VAN_DER_HEIJDEN,),
        description=prose("""
            Buurtcoöperatie mag geld kosten, maar dan moeten de maatschappelijke opbrengsten
            duidelijk zijn. Hoe zorg je voor een goede maatschappelijke business case die
            misschien geld, maar in elk geval maatschappelijke waarde oplevert?
        """),
    ),
    SessionSpec(
        "Buurtcoöperatie wat komt erbij kijken?",
        code="5b",
        theme=5,
        rounds=(RONDE_2,),
        speakers=(DAVID_KOOI, ERWIN_STAM),
        initiatives=(BEWONERSBEDRIJVEN,),
        description=prose("""
            Buurthuizen professionaliseren en willen waarde toevoegen door bijvoorbeeld mensen met
            afstand tot de arbeidsmarkt te begeleiden en te coachen. Stichting BewonersBedrijven
            Zaanstad is voortgekomen uit het BewonersBedrijf Poelenburg en is ondertussen een
            overkoepelende organisatie voor BewonersBedrijven in geheel Zaanstad. Stichting
            Bewonersbedrijven Zaanstad is een voorbeeld van samenwerking tussen inwoners
            gemeente, sociaal wijkteam, zorginstellingen en meer. Projecten die worden opgestart
            hebben als doelstelling de wijkeconomie, werkgelegenheid en leefbaarheid in de wijk
            te bevorderen. Eventuele winst die wordt gemaakt komt weer ten goede van de wijk.
            Hiermee worden faciliteiten in de wijk behouden die anders verloren zouden gaan.
            Hierbij moet u denken aan buurthuizen, winkels of het in stand houden van speeltuinen
            of openbaar groen. In deze projecten doen wijkbewoners werkervaring op en worden zij
            begeleid naar betaald werk. Een formule die zeer succesvol is gebleken voor de wijk
            maar ook voor de langdurig werkzoekenden die weer een arbeidsritme krijgen en binnen
            het BewonersBedrijf hun eigen talenten kunnen ontdekken of verder ontwikkelen.
        """),
    ),
    SessionSpec(
        "Doen wat goed en nodig is",
        code="6",
        theme=6,
        rounds=BOTH_ROUNDS,
        speakers=(JAN_VAN_GINKEL,),
        description=prose("""
            Hoe zorg je dat de beweging écht vorm krijgt in de gemeentelijke organisatie? Werken
            vanuit de bedoeling van de wijk/stad vraagt iets anders van de publieke professional.
            Er worden bijvoorbeeld veel bijeenkomsten georganiseerd waarbij veel energie en
            enthousiasme loskomt, hoe pak je daar op door?
        """),
    ),
    SessionSpec(
        "Hoe democratisch is jouw wijk?",
        code="7",
        theme=7,
        rounds=BOTH_ROUNDS,
        speakers=(JORNT_VAN_ZUYLEN, HANS_KESSENS),
        initiatives=(BUURTKIEP,),
        description=prose("""
            Hoe democratisch is jouw wijk? Leg je wijk tegen de democratische meetlat en leer
            vanuit Democratic Challenge experimenten waaruit een vitale informele wijkdemocratie
            bestaat. De traditionele wijkraden hebben het moeilijk, gemeenten en de afstand tot
            het stadhuis worden groter. Veel publiek geld gaat om in de wijk en veel belangen
            komen daar samen, maar ons democratisch systeem is niet georganiseerd op dat niveau.
            Tegelijk zie je zeer vitale wijkgemeenschappen en wijkinitiatieven die zelf
            activiteiten in het publiek domein ondernemen. Zijn die democratisch? En (waarom) is
            dat belangrijk? Onze stelling: de wijk wordt meer van de wijkbewoners als
            democratische waarden als inclusie, transparantie, deliberatie, checks&balances of
            zeggenschap ook op wijkniveau worden geborgd.
        """),
    ),
    SessionSpec(
        "Mooi, mooier, Middelland: Hoe verleid je een ambtelijke organisatie om te co-creëren?",
        code="8",
        theme=8,
        rounds=BOTH_ROUNDS,
        speakers=(NIELS_HOOGWERF, AMINA_HIBA),
        description=prose("""
            Co-creëren is een nieuwe manier om samen te werken aan wijkontwikkeling. Maar hoe
            houdt je alle kikkers in de kruiwagen? En hoe verleid je een ambtelijk systeem om mee
            te doen?
        """),
    ),
)

FAQS = (
    (
        "Voor wie is het evenement bedoeld?",
        prose("""
            Bestuurders, raadsleden, wethouders, ambtenaren, studenten, initiatiefnemers en
            iedereen die zich bezighoudt met werken in de wijk en nieuwe vormen van lokale
            democratie.
        """),
    ),
    (
        "Hoe kan ik de organisatie bereiken?",
        prose("""
            Dit kan eenvoudig door een e-mail te sturen naar info@omooc.nl. Wij nemen uiterlijk
            binnen twee werkdagen contact met je op.
        """),
    ),
    (
        "Kan ik mijn registratie/ticket overdragen aan een andere persoon?",
        prose("""
            Nee, dit is helaas niet mogelijk. Ben je verhinderd, annuleer dan zelf je aanmelding
            of informeer ons hierover per e-mail. Je kunt ons bereiken via het e-mailadres
            info@omooc.nl.
        """),
    ),
    (
        "Moet ik mijn ticket afgedrukt meenemen?",
        "Nee, dit is absoluut niet nodig. Wij beschikken over een deelnemerslijst.",
    ),
)

CHALLENGING_GOVERNMENT = SeriesSpec(
    "Challenging Government",
    description="Online videocollegereeks Challenging Government (https://youtu.be/JN01kfQCTv4).",
)

GEMEENTE_ZAANSTAD_VENUE = VenueSpec(
    "Gemeente Zaanstad", "Zaandam", street_address="Stadhuisplein 100", postcode="1506 MZ"
)

EVENT = EventSpec(
    slug="werken-in-de-wijk-en-nieuwe-vormen-van-lokale-democratie",
    title="Werken in de wijk en nieuwe vormen van lokale democratie",
    day=date(2016, 10, 31),
    starts="14:00",
    ends="18:00",
    organiser=OMOOC,
    partners=(GEMEENTE_ZAANSTAD,),
    series=CHALLENGING_GOVERNMENT,
    moderator=NATASJA_VAN_DEN_BERG,
    venue=GEMEENTE_ZAANSTAD_VENUE,
    reservation_required=True,
    contact_email="info@omooc.nl",
    summary="Zet jij je dagelijks in om de uitgedaagde overheid weer uitdagend te maken?",
    description=prose("""
        Met trots presenteren we het definitieve programma voor deze slotbijeenkomst op maandag
        31 oktober.

        Zet jij je dagelijks in om de uitgedaagde overheid weer uitdagend te maken? Tijdens deze
        bijeenkomst gaat men in dialoog met elkaar over de eigentijdse overheid en de vragen die
        er spelen in het veld. Wat zien we gebeuren - wat komt er op ons af (toekomst), wat is
        de vraag vanuit de wijk en wat betekent het voor het handelen van de publieke
        professionals in de praktijk - wat hebben we daar met elkaar in te doen? Wat betekenen
        de nieuwe vormen van lokale democratie voor de werkzaamheden van de publieke
        professional?

        De bijeenkomst start met een plenaire aftrap onder leiding van moderator Natasja van den
        Berg met inwoners, wijkmanagers, gemeentesecretaris Jan van Ginkel (Zaanstad) en
        wethouder Rita Visscher-Noordzij (Zaanstad) over 'de nieuwe democratie in de praktijk en
        kijken in de toekomst'.

        Tijdens de tafelsessies kijken de deelnemers met onder andere wijkmanagers van gemeente
        Zaanstad en andere organisaties naar de uitdagingen in de praktijk. Ga niet alleen in
        gesprek over de vraagstukken die liggen bij de professionals in Zaanstad maar benut deze
        kans om ook je eigen vragen te delen met anderen.

        Deze bijeenkomst vloeit voort uit de online videocollegereeks Challenging Government
        (https://youtu.be/JN01kfQCTv4). Niet alleen wordt voortgeborduurd op dilemma’s in de
        praktijk maar ook de wetenschappers uit deze videoreeks zullen worden gevraagd een
        bijdrage te leveren aan deze bijeenkomst.
    """),
    slots=SLOTS,
    themes=THEMES,
    sessions=TABLE_SESSIONS,
    faqs=FAQS,
)


def load(loader: Loader) -> None:
    EVENT.ensure(loader)
