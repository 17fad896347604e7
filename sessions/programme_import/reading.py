"""From an uploaded file to rows of text: CSV (stdlib) or XLSX (openpyxl).

Nothing here knows the event: a file either gives a header and rows of strings, or a
`FileRejected` with a message for the organiser. Every failure of a parser is such a
message, never an exception that reaches the request.
"""

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import PurePath

from django.utils.translation import gettext as _

from common.errors import ServiceError
from common.uploads import has_signature

# The columns, in the order of the template. Required ones must be in the header.
CODE = "code"
TITLE = "titel"
THEME = "thema"
ROUNDS = "rondes"
ROOM = "zaal"
SEATS = "plaatsen"
SPEAKERS = "sprekers"
INITIATIVES = "initiatieven"
SUMMARY = "samenvatting"
DESCRIPTION = "beschrijving"
COLUMNS = (CODE, TITLE, THEME, ROUNDS, ROOM, SEATS, SPEAKERS, INITIATIVES, SUMMARY, DESCRIPTION)
REQUIRED_COLUMNS = (CODE, TITLE, ROUNDS)
# Other spellings an organiser may type in a header.
ALIASES = {"ronde": ROUNDS, "spreker": SPEAKERS, "initiatief": INITIATIVES, "titel sessie": TITLE}

EXTENSIONS = ("csv", "xlsx")
MAX_FILE_BYTES = 1024 * 1024
# A programme has tens of sessions; the limits keep the signed rows of the confirm form small.
MAX_ROWS = 300
MAX_CELL_CHARACTERS = 10_000


class FileRejected(ServiceError):
    pass


@dataclass(frozen=True)
class Row:
    number: int  # as the spreadsheet shows it: the header is row 1
    cells: dict[str, str]


def read_rows(name: str, content: bytes) -> list[Row]:
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension not in EXTENSIONS:
        raise FileRejected(
            _("Kies een CSV- of XLSX-bestand; '.%(extension)s' kan niet worden ingelezen.")
            % {"extension": extension or "?"},
            code="invalid_extension",
        )
    if not content:
        raise FileRejected(_("Het bestand is leeg."), code="empty_file")
    if len(content) > MAX_FILE_BYTES:
        raise FileRejected(
            _("Het bestand is groter dan %(limit)d kB.") % {"limit": MAX_FILE_BYTES // 1024},
            code="file_too_large",
        )
    table = _read_xlsx(content) if extension == "xlsx" else _read_csv(content)
    return _rows(table)


def _read_csv(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV" in its own code page.
        text = content.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise FileRejected(_("Dit is geen leesbaar CSV-bestand."), code="broken_file")
    first_line = text.split("\n", 1)[0]
    # Dutch spreadsheets separate with semicolons, most others with commas.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        return [list(record) for record in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error as error:
        raise FileRejected(
            _("Dit is geen leesbaar CSV-bestand (%(error)s).") % {"error": error},
            code="broken_file",
        ) from error


def _read_xlsx(content: bytes) -> list[list[str]]:
    if not has_signature(content[:16], "xlsx"):
        raise FileRejected(_("Dit is geen leesbaar XLSX-bestand."), code="broken_file")
    from openpyxl import load_workbook  # only needed here, and slow to import

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:
        raise FileRejected(_("Dit is geen leesbaar XLSX-bestand."), code="broken_file") from error
    try:
        if not workbook.worksheets:
            raise FileRejected(_("Het XLSX-bestand heeft geen werkblad."), code="no_sheet")
        sheet = workbook.worksheets[0]
        table: list[list[str]] = []
        filled = 0
        for values in sheet.iter_rows(values_only=True):
            record = [_text(value) for value in values]
            table.append(record)
            filled += any(cell.strip() for cell in record)
            # Enough to say "too many rows"; also stops at sheets of endless empty rows.
            if filled > MAX_ROWS + 1 or len(table) > 20 * MAX_ROWS:
                break
        return table
    except FileRejected:
        raise
    except Exception as error:
        raise FileRejected(_("Dit is geen leesbaar XLSX-bestand."), code="broken_file") from error
    finally:
        workbook.close()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 20 seats typed in Excel arrive as 20.0
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _rows(table: list[list[str]]) -> list[Row]:
    # Blank rows are skipped, but rows keep the numbers the spreadsheet shows.
    numbered = [(n, rec) for n, rec in enumerate(table, start=1) if any(c.strip() for c in rec)]
    if not numbered:
        raise FileRejected(_("Het bestand bevat geen rijen."), code="empty_file")
    header = [_column(cell) for cell in numbered[0][1]]
    unknown = [name for name in header if name and name not in COLUMNS]
    if unknown:
        raise FileRejected(
            _("Onbekende kolom: %(columns)s. Gebruik de kolommen %(known)s.")
            % {"columns": ", ".join(unknown), "known": ", ".join(COLUMNS)},
            code="unknown_column",
        )
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise FileRejected(
            _("De eerste rij mist de kolom %(columns)s.") % {"columns": ", ".join(missing)},
            code="missing_column",
        )
    doubled = sorted({name for name in header if name and header.count(name) > 1})
    if doubled:
        raise FileRejected(
            _("De kolom %(columns)s staat er meer dan eens in.") % {"columns": ", ".join(doubled)},
            code="doubled_column",
        )
    if len(numbered) - 1 > MAX_ROWS:
        raise FileRejected(
            _("Het bestand heeft meer dan %(limit)d rijen.") % {"limit": MAX_ROWS},
            code="too_many_rows",
        )
    rows = []
    for number, record in numbered[1:]:
        cells = {name: "" for name in COLUMNS}
        for name, value in zip(header, record, strict=False):
            if name:
                cells[name] = value.strip()[:MAX_CELL_CHARACTERS]
        rows.append(Row(number=number, cells=cells))
    return rows


def _column(cell: str) -> str:
    name = " ".join(cell.split()).lower()
    return ALIASES.get(name, name)
