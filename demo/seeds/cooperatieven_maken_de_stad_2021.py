"""Seed 001: the werkconferentie of 22 November 2021 in Pakhuis de Zwijger, with its timeline."""

from datetime import date

from demo.loader import Loader
from demo.prose import prose
from demo.seeds.common import (
    COOPERATIEVEN_MAKEN_DE_STAD,
    PAKHUIS_DE_ZWIJGER,
    PAKHUIS_DE_ZWIJGER_VENUE,
)
from demo.specs import EventSpec, SessionSpec, SlotSpec
from sessions.enums import SessionFormat, SlotKind

RONDE_I = "Break-out ronde I"
RONDE_II = "Break-out ronde II"

# The seed names the sessions of round II only; round I stays empty rather than guessed.
RONDE_II_SESSIONS = (
    SessionSpec(
        "Coöperatieve fondsen: hoe financieren we de coöperatieve beweging op duurzame wijze?",
        explicit_slug="cooperatieve-fondsen",
        rounds=(RONDE_II,),
    ),
    SessionSpec(
        "De Amsterdamse coöperatieven incubator: hoe kan een publiek-collectieve coöperatieven "
        "incubator eruit zien?",
        explicit_slug="de-amsterdamse-cooperatieven-incubator",
        rounds=(RONDE_II,),
    ),
    SessionSpec(
        "Een Energiewinnend Net: Amsterdam neemt klimaat-verantwoordelijkheid en is koploper "
        "schone energie in 2025",
        explicit_slug="een-energiewinnend-net",
        rounds=(RONDE_II,),
    ),
    SessionSpec(
        "De buurtcoöperatie brainstorm: hoe passen we het coöperatief model toe binnen de "
        "context van een buurt?",
        explicit_slug="de-buurtcooperatie-brainstorm",
        format=SessionFormat.BRAINSTORM,
        rounds=(RONDE_II,),
    ),
)

EVENT = EventSpec(
    slug="cooperatieven-maken-de-stad-2021",
    title="Werkconferentie “Coöperatieven maken de stad”",
    day=date(2021, 11, 22),
    starts="16:00",
    ends="22:00",
    organiser=PAKHUIS_DE_ZWIJGER,
    venue=PAKHUIS_DE_ZWIJGER_VENUE,
    series=COOPERATIEVEN_MAKEN_DE_STAD,
    reservation_required=True,
    includes_meal=True,
    included="Toegang gratis (incl. diner), reserveren verplicht",
    summary=(
        "Het doel: het verbinden, versnellen en versterken van de coöperatieve beweging in stad "
        "en land."
    ),
    description=prose("""
        Burgerinitiatieven zijn van onschatbare waarde voor hun buurt, stad en gemeenschap. Ze
        ontwikkelen publieke diensten, producten of activiteiten die niet gericht zijn op winst
        maken, maar wel relevante publieke waarde creëren. Toch kiezen overheden er nog steeds
        voor overwegend met marktpartijen in zee te gaan. Maatschappelijk initiatiefnemers en
        sociaal ondernemers lopen keer op keer aan tegen scepsis en wantrouwen, niet functionele
        bureaucratie en blokkades bij financiële instellingen; zaken die duurzame ontwikkelingen
        in de weg staan.

        Het model van de ‘coöperatie’ biedt een alternatief voor de traditionele publiek-private
        samenwerking (PPS): een juridische en functionele invulling van publiek-civiele
        samenwerking (PCS), waarin burger en overheid zich constructief tot elkaar kunnen
        verhouden. Maar wat is precies de toegevoegde waarde van een coöperatie? Hoe zorgen we
        ervoor dat dit model een sterke schakel in de samenwerking tussen burger en overheid
        wordt? En hoe ziet een coöperatieve stad en samenleving in de toekomst eruit?

        Op maandag 22 november (16-22u) komen we erachter in de werkconferentie ‘Coöperatieven
        maken de stad‘ in Pakhuis de Zwijger. Het doel: het verbinden, versnellen en versterken
        van de coöperatieve beweging in stad en land. Voor alle stadmakers, maatschappelijk
        initiatiefnemers, commoners en geïnteresseerden. Praat en denk jij mee? Reserveer je
        plekje via onze website. Toegang is gratis (incl diner), maar reserveren verplicht.
    """),
    slots=(
        SlotSpec("16:00", "17:00", "In beeld: Coöperatieven in stad en land", SlotKind.PLENARY),
        SlotSpec("17:00", "21:30", "De Kamer van de Commons", SlotKind.ALONGSIDE),
        SlotSpec(
            "17:30", "18:30", "Plenaire opening “Coöperatieven maken de stad”", SlotKind.PLENARY
        ),
        SlotSpec("18:30", "19:15", "Walking dinner", SlotKind.MEAL),
        SlotSpec("19:15", "20:15", RONDE_I, SlotKind.ROUND),
        SlotSpec("20:30", "21:30", RONDE_II, SlotKind.ROUND),
        SlotSpec("21:30", "22:00", "Plenaire afsluiting", SlotKind.PLENARY),
    ),
    sessions=RONDE_II_SESSIONS,
)


def load(loader: Loader) -> None:
    EVENT.ensure(loader)
