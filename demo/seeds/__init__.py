"""The demo data: one module per seed document in /work/shared/seeds, plus the demo events."""

from demo.loader import Loader
from demo.seeds import (
    amsterdoen_meentcoop,
    common,
    cooperatieven_maken_de_stad_2021,
    cooperatieven_maken_de_stad_2022,
    plekken_van_hoop_en_verandering,
    upcoming_demo_events,
    werken_in_de_wijk_zaanstad,
)

# Order only matters for readability of the result: shared rows are found by natural key.
SEEDS = (
    common,
    cooperatieven_maken_de_stad_2022,  # seed 000
    cooperatieven_maken_de_stad_2021,  # seed 001
    amsterdoen_meentcoop,  # seed 002
    plekken_van_hoop_en_verandering,  # seed 003
    werken_in_de_wijk_zaanstad,  # seed 004
    upcoming_demo_events,
)


def load_all(loader: Loader) -> None:
    for seed in SEEDS:
        seed.load(loader)
