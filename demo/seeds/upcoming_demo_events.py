"""Three upcoming events, not from any seed, on which reserving and choosing sessions can be tried.

Their dates count from the day of the first load. The slugs do not contain a date, so a later
run finds them and leaves them (and their dates) alone.
"""

from dataclasses import replace
from datetime import date, timedelta

from django.utils import timezone

from demo.loader import AMSTERDAM, Loader, at
from demo.seeds.amsterdoen_meentcoop import GROENE_HUB, MEENTCOOP, NOORDOOGST, ZORGEN_VOOR_MORGEN
from demo.seeds.common import (
    COOPERATIEVEN_MAKEN_DE_STAD,
    GEMEENTE_AMSTERDAM,
    NATASJA_VAN_DEN_BERG,
    PAKHUIS_DE_ZWIJGER,
    PAKHUIS_DE_ZWIJGER_VENUE,
)
from demo.seeds.cooperatieven_maken_de_stad_2022 import AANPAK_BINNENSTAD, ZERO_WASTE_LAB
from demo.seeds.plekken_van_hoop_en_verandering import (
    DE_BLAUWE_WIJKECONOMIE,
    DE_EVENAAR,
    DE_VOEDSELTUIN,
    PLATFORM_STAD_EN_WIJK,
    ZORGVRIJSTAAT,
)
from demo.seeds.werken_in_de_wijk_zaanstad import (
    BEWONERSBEDRIJVEN,
    BREDA_BEGROOT,
    BUURTKIEP,
    CHALLENGING_GOVERNMENT,
    DAVID_KOOI,
    ERWIN_STAM,
    FERENC_VAN_DAMME,
    GEMEENTE_ZAANSTAD,
    GEMEENTE_ZAANSTAD_VENUE,
    HANS_KESSENS,
    HERBERT_KOOPS,
    JAN_VAN_GINKEL,
    JORNT_VAN_ZUYLEN,
    JULIETTE_SANTEGOEDS,
    JURGEN_VAN_DER_HEIJDEN,
    JUSTUS_VERMEULEN,
    OMOOC,
    PETER_NOTEN,
    SANDER_SIEGMANN,
    SIMON_FRANSSEN,
    SUZANNE_VAN_EERDEN,
)
from demo.seeds.werken_in_de_wijk_zaanstad import (
    THEMES as ZAANSTAD_THEMES,
)
from demo.specs import EventSpec, SessionSpec, SlotSpec, ThemeSpec
from events.enums import EventFormat
from sessions.enums import SessionFormat, SlotKind

SUMMARY = "Demo-evenement om reserveren uit te proberen."
NOT_REAL = (
    "*Dit is een demo-evenement: het vindt niet echt plaats. Reserveer gerust een plek en kies "
    "je sessies om te zien hoe dat werkt.*"
)

RONDE_I = "Break-out ronde I"
RONDE_II = "Break-out ronde II"
BOTH_ROUNDS = (RONDE_I, RONDE_II)


def werkconferentie(day: date) -> EventSpec:
    return EventSpec(
        slug="demo-werkconferentie",
        title=f"Demo: Coöperatieven maken de stad – werkconferentie {day.year}",
        day=day,
        starts="16:00",
        ends="22:00",
        organiser=PAKHUIS_DE_ZWIJGER,
        partners=(GEMEENTE_AMSTERDAM, MEENTCOOP),
        series=COOPERATIEVEN_MAKEN_DE_STAD,
        moderator=NATASJA_VAN_DEN_BERG,
        venue=PAKHUIS_DE_ZWIJGER_VENUE,
        format=EventFormat.HYBRID,
        livestream_url="https://dezwijger.nl/live",
        capacity=60,
        reservation_required=True,
        includes_meal=True,
        included="Toegang gratis (incl. diner), reserveren verplicht",
        summary=SUMMARY,
        description=NOT_REAL
        + "\n\n"
        + (
            "Een middag en avond over de coöperatieve beweging in stad en land: hoe financieren "
            "we haar, hoe begeleiden we nieuwe coöperaties en wat betekent het coöperatieve "
            "model voor een buurt? Het doel: het verbinden, versnellen en versterken van de "
            "coöperatieve beweging in stad en land. Je kunt ook online meekijken."
        ),
        slots=(
            SlotSpec("16:00", "16:30", "Ontvangst", SlotKind.RECEPTION),
            SlotSpec(
                "16:30",
                "17:15",
                "Plenaire opening",
                SlotKind.PLENARY,
                speakers=(NATASJA_VAN_DEN_BERG,),
            ),
            SlotSpec("17:15", "18:15", RONDE_I, SlotKind.ROUND),
            SlotSpec("18:15", "19:00", "Walking dinner", SlotKind.MEAL),
            SlotSpec("19:00", "20:00", RONDE_II, SlotKind.ROUND),
            SlotSpec("20:15", "21:00", "Plenaire afsluiting", SlotKind.PLENARY),
            SlotSpec("21:00", "22:00", "Borrel", SlotKind.RECEPTION),
        ),
        themes=(
            ThemeSpec(1, "Financiering", "Hoe financieren we de coöperatieve beweging?"),
            ThemeSpec(2, "Samenwerken met de gemeente", "Publiek-collectieve samenwerking."),
            ThemeSpec(3, "De buurtcoöperatie", "Het coöperatieve model in een buurt."),
        ),
        sessions=(
            SessionSpec(
                "Coöperatieve fondsen",
                theme=1,
                summary="Hoe financieren we de coöperatieve beweging op duurzame wijze?",
                speakers=(JURGEN_VAN_DER_HEIJDEN,),
                rounds=BOTH_ROUNDS,
                room="Zaal 1",
                capacity=15,
            ),
            SessionSpec(
                "De Amsterdamse coöperatieven incubator",
                theme=2,
                summary="Hoe kan een publiek-collectieve coöperatieven incubator eruit zien?",
                speakers=(SANDER_SIEGMANN,),
                initiatives=(NOORDOOGST, GROENE_HUB, ZORGEN_VOOR_MORGEN),
                rounds=(RONDE_I,),
                room="Zaal 2",
                capacity=15,
            ),
            SessionSpec(
                "Samensturing en samenschuring",
                theme=2,
                summary="Waarom schuurt de samenwerking tussen ondernemers en gemeente?",
                format=SessionFormat.ROUNDTABLE,
                speakers=(HERBERT_KOOPS,),
                initiatives=(ZERO_WASTE_LAB, AANPAK_BINNENSTAD),
                rounds=(RONDE_II,),
                room="Zaal 2",
                capacity=15,
            ),
            SessionSpec(
                "De buurtcoöperatie brainstorm",
                theme=3,
                summary="Hoe passen we het coöperatief model toe binnen de context van een buurt?",
                format=SessionFormat.BRAINSTORM,
                speakers=(ERWIN_STAM, DAVID_KOOI),
                initiatives=(BEWONERSBEDRIJVEN,),
                rounds=BOTH_ROUNDS,
                room="Zaal 3",
                capacity=15,
            ),
            SessionSpec(
                "Een Energiewinnend Net",
                theme=3,
                summary="Buurten die samen schone energie opwekken.",
                speakers=(JUSTUS_VERMEULEN,),
                rounds=BOTH_ROUNDS,
                room="Zaal 4",
                capacity=15,
            ),
        ),
    )


def tafelsessies(day: date) -> EventSpec:
    ronde_1, ronde_2 = "Ronde 1 tafelsessies", "Ronde 2 tafelsessies"
    # The first two themes of the Zaanstad programme, with their own descriptions.
    buurtbudgetten, representativiteit = ZAANSTAD_THEMES[:2]
    return EventSpec(
        slug="demo-tafelsessies-lokale-democratie",
        title=f"Demo: Werken in de wijk – tafelsessies over lokale democratie {day.year}",
        day=day,
        starts="14:00",
        ends="18:00",
        organiser=OMOOC,
        partners=(GEMEENTE_ZAANSTAD,),
        series=CHALLENGING_GOVERNMENT,
        moderator=NATASJA_VAN_DEN_BERG,
        venue=GEMEENTE_ZAANSTAD_VENUE,
        capacity=40,
        reservation_required=True,
        summary=SUMMARY,
        description=NOT_REAL
        + "\n\n"
        + (
            "Een middag aan tafel over buurtbudgetten, unusual suspects en de democratische "
            "meetlat voor je wijk, met sprekers uit Zaanstad, Breda, Amsterdam en Den Bosch."
        ),
        slots=(
            SlotSpec("14:00", "14:30", "Ontvangst", SlotKind.RECEPTION),
            SlotSpec(
                "14:30",
                "15:00",
                "Welkom met plenair interview",
                SlotKind.PLENARY,
                speakers=(NATASJA_VAN_DEN_BERG, JAN_VAN_GINKEL),
            ),
            SlotSpec("15:00", "15:45", ronde_1, SlotKind.ROUND),
            SlotSpec("16:00", "16:45", ronde_2, SlotKind.ROUND),
            SlotSpec("16:45", "18:00", "Afsluiting en borrel", SlotKind.RECEPTION),
        ),
        themes=(
            buurtbudgetten,
            representativiteit,
            ThemeSpec(3, "Reikwijdte lokale democratie"),
        ),
        sessions=tuple(
            SessionSpec(
                title,
                code=code,
                theme=int(code[0]),
                speakers=speakers,
                initiatives=initiatives,
                rounds=(ronde_1, ronde_2),
                room=f"Tafel {code}",
                capacity=10,
            )
            for code, title, speakers, initiatives in (
                ("1a", "Buurtbegroten", (SUZANNE_VAN_EERDEN, HERBERT_KOOPS), (BREDA_BEGROOT,)),
                ("2a", "Over boze burgers en andere unusual suspects", (JULIETTE_SANTEGOEDS,), ()),
                ("2b", "Elimineer de burger!", (FERENC_VAN_DAMME,), ()),
                (
                    "3",
                    "Hoe democratisch is jouw wijk?",
                    (JORNT_VAN_ZUYLEN, HANS_KESSENS),
                    (BUURTKIEP,),
                ),
            )
        ),
    )


def praktijkmiddag(day: date) -> EventSpec:
    ronde_1, ronde_2 = "Ronde 1", "Ronde 2"
    return EventSpec(
        slug="demo-praktijkmiddag-plekken-van-hoop",
        title=f"Demo: Plekken van hoop en verandering – praktijkmiddag {day.year}",
        day=day,
        starts="13:00",
        ends="17:00",
        organiser=PLATFORM_STAD_EN_WIJK,
        venue=PAKHUIS_DE_ZWIJGER_VENUE,
        capacity=25,
        reservation_required=True,
        summary=SUMMARY,
        description=NOT_REAL
        + "\n\n"
        + (
            "Initiatiefnemers uit het boek ‘Plekken van hoop en verandering’ vertellen "
            "hoe zij met bewoners, ondernemers en gemeente samenwerken aan voedsel, zorg en "
            "de economie van de wijk."
        ),
        slots=(
            SlotSpec("13:00", "13:30", "Ontvangst", SlotKind.RECEPTION),
            SlotSpec("13:30", "14:00", "Opening", SlotKind.PLENARY),
            SlotSpec("14:00", "15:00", ronde_1, SlotKind.ROUND),
            SlotSpec("15:00", "15:15", "Pauze", SlotKind.BREAK),
            SlotSpec("15:15", "16:15", ronde_2, SlotKind.ROUND),
            SlotSpec("16:15", "17:00", "Borrel", SlotKind.RECEPTION),
        ),
        themes=(
            ThemeSpec(1, "Voedsel"),
            ThemeSpec(2, "Zorg"),
            ThemeSpec(3, "Lokale economie"),
        ),
        sessions=(
            SessionSpec(
                "Voedsel uit de wijk",
                theme=1,
                format=SessionFormat.WORKSHOP,
                speakers=(JULIETTE_SANTEGOEDS,),
                initiatives=(DE_VOEDSELTUIN, NOORDOOGST),
                rounds=(ronde_1, ronde_2),
                room="Zaal 1",
                capacity=10,
            ),
            SessionSpec(
                "Zorg dichtbij",
                theme=2,
                format=SessionFormat.WORKSHOP,
                speakers=(SIMON_FRANSSEN, PETER_NOTEN),
                initiatives=(ZORGVRIJSTAAT, DE_EVENAAR, ZORGEN_VOOR_MORGEN),
                rounds=(ronde_1, ronde_2),
                room="Zaal 2",
                capacity=10,
            ),
            SessionSpec(
                "De economie van de wijk",
                theme=3,
                format=SessionFormat.WORKSHOP,
                speakers=(ERWIN_STAM,),
                initiatives=(DE_BLAUWE_WIJKECONOMIE, GROENE_HUB),
                rounds=(ronde_1, ronde_2),
                room="Zaal 3",
                capacity=10,
            ),
        ),
    )


# (event builder, days from the first load)
SCHEDULE = ((werkconferentie, 14), (tafelsessies, 35), (praktijkmiddag, 70))


def load(loader: Loader) -> None:
    today = timezone.localdate(timezone.now(), AMSTERDAM)
    # Reservations open at once: from the start of the day of the first load.
    opened = at(today, "00:00")
    for build, days_ahead in SCHEDULE:
        spec = build(today + timedelta(days=days_ahead))
        replace(spec, reservations_open_at=opened).ensure(loader)
