"""The Zaanstad programme as a spreadsheet under docs/, made from the demo's seed.

Regenerate both files after a change of the seed:
    WRITE_SAMPLES=1 .venv/bin/pytest -q tests/sessions/test_programme_import_sample.py
"""

import os
from pathlib import Path

import pytest

from demo.seeds import werken_in_de_wijk_zaanstad as zaanstad
from sessions.enums import SlotKind
from sessions.programme_import.reading import COLUMNS, read_rows
from sessions.programme_import.template import as_csv, as_xlsx

DOCS = Path(__file__).resolve().parents[2] / "docs"
CSV_SAMPLE = DOCS / "programma-zaanstad.csv"
XLSX_SAMPLE = DOCS / "programma-zaanstad.xlsx"


def zaanstad_rows() -> list[list[str]]:
    rounds = [slot.title for slot in zaanstad.SLOTS if slot.kind == SlotKind.ROUND]
    themes = {theme.number: theme.title for theme in zaanstad.THEMES}
    rows = [list(COLUMNS)]
    for session in zaanstad.TABLE_SESSIONS:
        speakers = "\n".join(
            "; ".join(
                [
                    speaker.name,
                    "spreker",
                    speaker.title,
                    speaker.organisation.name if speaker.organisation else "",
                ]
            ).rstrip("; ")
            for speaker in session.speakers
        )
        cells = {
            "code": session.code,
            "titel": session.title,
            "thema": f"{session.theme}. {themes[session.theme]}" if session.theme else "",
            "rondes": ", ".join(str(rounds.index(title) + 1) for title in session.rounds),
            "zaal": session.room,
            "plaatsen": "" if session.capacity is None else str(session.capacity),
            "sprekers": speakers,
            "initiatieven": "; ".join(initiative.name for initiative in session.initiatives),
            "samenvatting": session.summary,
            "beschrijving": session.description,
        }
        rows.append([cells[column] for column in COLUMNS])
    return rows


@pytest.fixture(autouse=True, scope="module")
def _write_samples():
    if os.environ.get("WRITE_SAMPLES"):
        rows = zaanstad_rows()
        CSV_SAMPLE.write_bytes(as_csv(rows))
        XLSX_SAMPLE.write_bytes(as_xlsx(rows, title="Programma Zaanstad"))


def test_the_csv_sample_is_the_seed():
    assert CSV_SAMPLE.read_bytes() == as_csv(zaanstad_rows())


def test_the_xlsx_sample_reads_as_the_csv_sample():
    from_xlsx = read_rows(XLSX_SAMPLE.name, XLSX_SAMPLE.read_bytes())
    from_csv = read_rows(CSV_SAMPLE.name, CSV_SAMPLE.read_bytes())

    assert len(from_xlsx) == 13
    assert [row.cells for row in from_xlsx] == [row.cells for row in from_csv]
