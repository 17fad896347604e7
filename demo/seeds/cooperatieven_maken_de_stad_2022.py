"""Seed 000: the online werkconferentie of 17 January 2022 and its kennissessie (Group 5)."""

from datetime import date

from demo.loader import Loader
from demo.prose import prose
from demo.seeds.common import (
    CIRCULAIRE_ECONOMIE,
    COOPERATIEVEN_MAKEN_DE_STAD,
    DEMOCRATIE,
    GEMEENTE_AMSTERDAM,
    LOKALE_ECONOMIE,
    NATASJA_VAN_DEN_BERG,
    PAKHUIS_DE_ZWIJGER,
)
from demo.specs import EventSpec, InitiativeSpec, SessionSpec
from events.enums import EventFormat
from initiatives.enums import LegalForm
from sessions.enums import SessionFormat

ZERO_WASTE_LAB = InitiativeSpec(
    "Zero Waste Lab Plein ’40-’45",
    domains=(CIRCULAIRE_ECONOMIE, LOKALE_ECONOMIE),
    summary="Circulair afvalbeleid in zelf-organisatie van een ondernemerscoöperatief.",
    description=prose("""
        Bij dit initiatief, het Zero Waste Lab op Plein ’40-’45, hebben marktondernemers zich
        georganiseerd om circulaire afvalverwerking op te zetten, in samenwerking met de
        gemeentelijke vertegenwoordiging in stadsdeel Nieuw-West.
    """),
    city="Amsterdam",
    district="Nieuw-West",
    legal_form=LegalForm.COOPERATIVE,
)

AANPAK_BINNENSTAD = InitiativeSpec(
    "Aanpak Binnenstad",
    domains=(DEMOCRATIE, LOKALE_ECONOMIE),
    summary="Uitvoeringsprogramma van Stadsdeel Centrum.",
    description=prose("""
        Het tweede initiatief is uitvoeringsprogramma Aanpak Binnenstad, waarbij Stadsdeel
        Centrum prangende opgaven voor de binnenstad in co-creatie met ondernemers en bewoners
        tot uitvoering probeert te brengen.
    """),
    city="Amsterdam",
    district="Centrum",
    legal_form=LegalForm.GOVERNMENT_PROGRAMME,
    organisation=GEMEENTE_AMSTERDAM,
)

KENNISSESSIE = SessionSpec(
    # The seed gives the session no title; this one is made of its own words.
    title="Samensturing en samenschuring",
    # The seed places the session in "Group 5 Bloeiend" and gives it no time, so no sitting.
    summary="Kennissessie in Group 5 Bloeiend",
    format=SessionFormat.ROUNDTABLE,
    initiatives=(ZERO_WASTE_LAB, AANPAK_BINNENSTAD),
    description=prose("""
        In de transitie naar een meer participatieve en co-creatieve overheid ontstaan er in de
        stad een veelheid aan maatschappelijke initiatieven vanuit burgers en ondernemers die de
        samenwerking met de gemeente opzoeken en andersom. Dergelijke samenwerkingen starten
        doorgaans met veel enthousiasme, positieve energie en creatieve ideeën, georiënteerd op
        gedeelde belangen en ‘samensturen’. Na verloop van tijd ontstaan echter vaak schuring en
        spanning in de samenwerking. Een terugkerende oorzaak daarvan is betrokkenheid van
        aanpalende gemeentelijke diensten die een andere en meer conventionelere manier van
        werken volgen. In deze kennissessie kijken we naar wat samenwerking in deze gevallen zo
        moeilijk maakt en hoe we tot een oplossing kunnen komen?

        Tijdens het gesprek onderzoeken we twee initiatieven waarin samensturing en
        samenschuring plaatsvindt, specifiek rondom samenwerking tussen ondernemers en gemeente.
        Het eerste initiatief is gericht op circulair afvalbeleid in zelf-organisatie van een
        ondernemerscoöperatief. Bij dit initiatief, het Zero Waste Lab op Plein ’40-’45, hebben
        marktondernemers zich georganiseerd om circulaire afvalverwerking op te zetten, in
        samenwerking met de gemeentelijke vertegenwoordiging in stadsdeel Nieuw-West. Het tweede
        initiatief is uitvoeringsprogramma Aanpak Binnenstad, waarbij Stadsdeel Centrum
        prangende opgaven voor de binnenstad in co-creatie met ondernemers en bewoners tot
        uitvoering probeert te brengen. Beide initiatieven volgen zowel inhoudelijke
        gemeentelijke agenda’s, zoals op duurzaamheid en drukte, als de agenda democratisering,
        maar stuiten desondanks op weerstand. Hoe komt dat? Gedurende het onderzoekende gesprek
        laten we zien dat de schurende samenwerking vaak te herleiden is tot een confrontatie
        tussen verschillende manieren van denken en doen.

        De sessie neemt de vorm aan van een rondetafel gesprek tussen vertegenwoordigers van het
        ondernemerscoöperatief en de gemeente. En uiteraard rekenen we ook op waardevolle
        bijdragen vanuit het publiek.
    """),
)

EVENT = EventSpec(
    slug="cooperatieven-maken-de-stad-2022",
    title="Online werkconferentie “Coöperatieven maken de stad”",
    day=date(2022, 1, 17),
    starts="16:00",
    ends="22:00",
    organiser=PAKHUIS_DE_ZWIJGER,
    series=COOPERATIEVEN_MAKEN_DE_STAD,
    moderator=NATASJA_VAN_DEN_BERG,
    format=EventFormat.LIVECAST,
    livestream_url="https://dezwijger.nl/live",
    # The seed hides these behind "Klik hier"; generic links stand in for the real ones.
    participation_url="https://zoom.us/",
    networking_url="https://dezwijger.nl/",
    summary=(
        "Samen met bewoners, onderzoekers, ambtenaren en politici, verkennen we op 17 januari "
        "2022 de potentie van de coöperatieve beweging in de stad en land."
    ),
    description=prose("""
        Op maandag 17 januari 2022 (16-22 uur) verkennen we in verschillende LIVECAST sessies,
        online brainstorms en plenaire programma’s de potentie van de coöperatieve beweging in
        de stad en land. Luister, kijk en praat online mee tijdens de werkconferentie
        Coöperatieven maken de stad.

        Let op: ivm de huidige corona maatregelingen gaat de conferentie door in een LIVECAST
        format.

        Dit programma is te volgen via de livestream op www.dezwijger.nl/live, en je kan actief
        meepraten via Zoom.
    """),
    sessions=(KENNISSESSIE,),
)


def load(loader: Loader) -> None:
    EVENT.ensure(loader)
