"""Seed 002: the pilot-incubatorprogramma of AmsterDOEN and MeentCoop, and its participants."""

from datetime import date

from demo.loader import Loader
from demo.prose import prose
from demo.seeds.common import (
    CIRCULAIRE_ECONOMIE,
    GEMEENTE_AMSTERDAM,
    LOKALE_ECONOMIE,
    VOEDSEL,
    ZORG,
)
from demo.specs import CollectionSpec, InitiativeSpec, MembershipSpec, OrganisationSpec
from initiatives.enums import CollectionKind, InitiativeStatus, LegalForm, OrganisationKind

MEENTCOOP_FOUNDERS = (
    OrganisationSpec("Stadmakerscoöperatie", OrganisationKind.COOPERATIVE),
    OrganisationSpec("Hogeschool van Amsterdam", OrganisationKind.UNIVERSITY, city="Amsterdam"),
    OrganisationSpec("Waag Futurelab", OrganisationKind.OTHER, city="Amsterdam"),
    OrganisationSpec("RuParé", OrganisationKind.OTHER),
    OrganisationSpec("02025", OrganisationKind.OTHER),
    OrganisationSpec("Commons Network", OrganisationKind.NETWORK),
    OrganisationSpec("Kaskantine", OrganisationKind.OTHER),
)

MEENTCOOP = OrganisationSpec(
    "MeentCoop",
    OrganisationKind.COOPERATIVE,
    city="Amsterdam",
    description=prose("""
        MeentCoop is opgericht door de Stadmakerscoöperatie, Hogeschool van Amsterdam, Waag
        Futurelab, RuParé, 02025, Commons Network en Kaskantine. Gezamenlijk werken zij toe naar
        een 35% coöperatieve economie in 2035.
    """),
)

NOORDOOGST = InitiativeSpec(
    "NoordOogst",
    domains=(VOEDSEL,),
    summary="Richt zich op stadslandbouw.",
    city="Amsterdam",
    district="Noord",
)
ZORGEN_VOOR_MORGEN = InitiativeSpec(
    "Zorgen voor Morgen",
    domains=(ZORG,),
    summary="Houdt zich bezig met ouderenzorg.",
    city="Amsterdam",
)
THE_CLOTHING_LOOP = InitiativeSpec(
    "The Clothing Loop",
    domains=(CIRCULAIRE_ECONOMIE,),
    summary="Onderzoekt circulair textiel.",
    city="Amsterdam",
)
GROENE_HUB = InitiativeSpec(
    "Groene Hub",
    domains=(LOKALE_ECONOMIE,),
    summary="Werkt aan een duurzame en gezonde wijk-economie.",
    city="Amsterdam",
)
# The seed describes these two without a name: they are still being set up.
BEZORGCOOPERATIE_CENTRUM = InitiativeSpec(
    "Bezorgcoöperatie in stadsdeel Centrum",
    domains=(LOKALE_ECONOMIE,),
    summary="Het helpen oprichten van een bezorgcoöperatie in stadsdeel Centrum.",
    city="Amsterdam",
    district="Centrum",
    legal_form=LegalForm.COOPERATIVE,
    status=InitiativeStatus.IDEA,
)
COMPOSTCOOPERATIE = InitiativeSpec(
    "Coöperatie rondom composteren",
    domains=(CIRCULAIRE_ECONOMIE, VOEDSEL),
    summary="Het helpen oprichten van een coöperatie rondom composteren.",
    city="Amsterdam",
    legal_form=LegalForm.COOPERATIVE,
    status=InitiativeStatus.IDEA,
)

INCUBATOR = CollectionSpec(
    slug="pilot-incubatorprogramma-amsterdoen-meentcoop",
    name="Pilot-incubatorprogramma AmsterDOEN & MeentCoop",
    kind=CollectionKind.INCUBATOR,
    started_on=date(2022, 2, 8),
    organisations=(GEMEENTE_AMSTERDAM, MEENTCOOP),
    summary=(
        "Lancering pilot-incubatorprogramma AmsterDOEN & MeentCoop: samen werken aan "
        "publiek-collectieve samenwerking."
    ),
    description=prose("""
        Op 8 februari is het pilot-incubatorprogramma dat gemeente Amsterdam (vanuit het
        Actieprogramma AmsterDOEN) in samenwerking met MeentCoop organiseert, van start gegaan.
        MeentCoop is opgericht door de Stadmakerscoöperatie, Hogeschool van Amsterdam, Waag
        Futurelab, RuParé, 02025, Commons Network en Kaskantine. Gezamenlijk werken zij toe naar
        een 35% coöperatieve economie in 2035. Met het actieprogramma AmsterDOEN wil Amsterdam
        bewonerscollectieven (de ‘commons’) in de stad versterken. Dit gezamenlijke
        pilot-incubatorprogramma richt zich op de samenwerking -en wat daarbij nodig is- tussen
        commons en de gemeente; ook wel bekend als publiek-collectieve samenwerkingen.

        ## Welke lokale initiatieven doen er nu mee?

        Deelnemers zijn initiatieven zoals NoordOogst, dat zich richt op stadslandbouw, en
        Zorgen voor Morgen, dat zich bezighoudt met ouderenzorg. En ook the Clothing Loop, die
        circulair textiel onderzoekt, en de Groene Hub, die werkt aan een duurzame en gezonde
        wijk-economie. Samenwerking op het gebied van de energietransitie staat ook op de
        agenda, net als het helpen oprichten van een bezorgcoöperatie in stadsdeel Centrum en
        een coöperatie rondom composteren.

        ## Het doel van dit publiek-collectieve (pilot-) incubatorprogramma

        De gemeente heeft relatief veel ervaring opgebouwd in de samenwerking met bedrijven en
        ondernemers in publiek-private samenwerkingen. Samenwerkingen met bewoners, die zijn
        verenigd in maatschappelijke initiatieven en burgercollectieven (ook wel ‘commons’
        genoemd), staan echter nog relatief in de kinderschoenen. Zowel initiatiefnemers als
        ambtenaren hebben binnen de samenwerking vaak een lange adem nodig, doordat zij tegen
        allerlei vragen aanlopen. De huidige regels en processen binnen de gemeente zijn vaak
        minder geschikt voor burgercollectieven en commons. Dit pilot-incubatorprogramma is om
        samen te onderzoeken wat er nodig is om samenwerkingen tussen de gemeente en
        burgercollectieven te versterken en te laten lukken.

        Het pilot-incubatorprogramma is er voor ‘koppels’ van ambtenaren en initiatiefnemers die
        een volgende stap willen zetten in hun samenwerking én tegelijkertijd willen bouwen aan
        de ontwikkeling van een algemene ‘toolbox’ voor publiek-collectieve samenwerking. Door
        samen te bouwen aan wat werkt en wat nodig is, biedt dit programma een mooie kans voor
        de gemeente om samen met Amsterdammers te werken aan stedelijke opgaven. Er is ruimte om
        samen te onderzoeken, te leren en te groeien, met als uiteindelijke doel een stad te
        creëren waar eigenaarschap en zeggenschap dicht(er) bij de inwoners van Amsterdam ligt.

        *Dit is een bericht van Open Research Amsterdam, door Nathalie van Loon. Meer info? Zie
        de collectie AmsterDOEN op OpenResearch.*
    """),
    members=(
        MembershipSpec(NOORDOOGST, note="Stadslandbouw"),
        MembershipSpec(ZORGEN_VOOR_MORGEN, note="Ouderenzorg"),
        MembershipSpec(THE_CLOTHING_LOOP, note="Circulair textiel"),
        MembershipSpec(GROENE_HUB, note="Duurzame en gezonde wijk-economie"),
        MembershipSpec(BEZORGCOOPERATIE_CENTRUM, note="In oprichting"),
        MembershipSpec(COMPOSTCOOPERATIE, note="In oprichting"),
    ),
)


def load(loader: Loader) -> None:
    # The founders are named in MeentCoop's description; they are organisations of their own.
    for founder in MEENTCOOP_FOUNDERS:
        founder.ensure(loader)
    INCUBATOR.ensure(loader)
