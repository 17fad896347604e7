"""What several seed documents share: domains, Pakhuis de Zwijger, the series, the moderator."""

from demo.loader import Loader
from demo.specs import DomainSpec, OrganisationSpec, SeriesSpec, SpeakerSpec, VenueSpec
from initiatives.enums import OrganisationKind

ENERGIE = DomainSpec("Energie")
VOEDSEL = DomainSpec("Voedsel")
ZORG = DomainSpec("Zorg")
CIRCULAIRE_ECONOMIE = DomainSpec("Circulaire economie")
WONEN = DomainSpec("Wonen")
LOKALE_ECONOMIE = DomainSpec("Lokale economie")
DEMOCRATIE = DomainSpec("Democratie")
DOMAINS = (ENERGIE, VOEDSEL, ZORG, CIRCULAIRE_ECONOMIE, WONEN, LOKALE_ECONOMIE, DEMOCRATIE)

PAKHUIS_DE_ZWIJGER = OrganisationSpec(
    "Pakhuis de Zwijger", OrganisationKind.VENUE, city="Amsterdam", website="https://dezwijger.nl/"
)
PAKHUIS_DE_ZWIJGER_VENUE = VenueSpec(
    "Pakhuis de Zwijger", "Amsterdam", street_address="Piet Heinkade 179", postcode="1019 HC"
)
GEMEENTE_AMSTERDAM = OrganisationSpec(
    "Gemeente Amsterdam", OrganisationKind.MUNICIPALITY, city="Amsterdam"
)

COOPERATIEVEN_MAKEN_DE_STAD = SeriesSpec(
    "Coöperatieven maken de stad",
    description=(
        "Het doel: het verbinden, versnellen en versterken van de coöperatieve beweging "
        "in stad en land."
    ),
)

NATASJA_VAN_DEN_BERG = SpeakerSpec("Natasja van den Berg", title="Moderator")


def load(loader: Loader) -> None:
    # Domains are a fixed list to choose from, also those no seed initiative works in yet.
    for domain in DOMAINS:
        domain.ensure(loader)
