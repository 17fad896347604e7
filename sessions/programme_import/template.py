"""The file organisers download to fill in: the columns and one example row."""

import csv
import io

from django.utils.translation import gettext as _

from sessions.programme_import.reading import COLUMNS

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def example_rows() -> list[list[str]]:
    example = {
        "code": "1a",
        "titel": _("Buurtbudgetten in de praktijk"),
        "thema": _("1. Buurtbudgetten"),
        "rondes": "1, 2",
        "zaal": _("Zaal A; Zaal B"),
        "plaatsen": "20",
        "sprekers": _("Suzanne van Eerden; spreker; wijkmanager; Gemeente Breda")
        + "\n"
        + _("Natasja van den Berg; moderator"),
        "initiatieven": "",
        "samenvatting": "",
        "beschrijving": _("Hoe besteed je geld in de wijk zonder dat je zelf direct meedoet?"),
    }
    return [list(COLUMNS), [example[column] for column in COLUMNS]]


def as_csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    # With a byte-order mark, Excel opens the file as UTF-8 (ö in coöperatie).
    return buffer.getvalue().encode("utf-8-sig")


def as_xlsx(rows: list[list[str]], *, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = title[:31]
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths = {"titel": 40, "thema": 30, "sprekers": 50, "beschrijving": 60, "zaal": 16}
    for index, column in enumerate(COLUMNS):
        sheet.column_dimensions[chr(ord("A") + index)].width = widths.get(column, 12)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
