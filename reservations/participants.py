"""The participant list as a CSV file for organisers.

Separated by semicolons, with a byte-order mark: Excel set to Dutch (or any language with a
decimal comma) splits a file into columns on its list separator, the semicolon, and reads
it as UTF-8 only with the mark. LibreOffice and Numbers recognise the semicolon too.
"""

import csv
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from reservations.models import Reservation

SEPARATOR = ";"

# A spreadsheet would run a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def participants_csv(reservations: Iterable[Reservation], *, filename: str) -> HttpResponse:
    """Reservations with `choice_list` prefetched (queries.participants) as a CSV download."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # lets spreadsheet programs read the file as UTF-8
    writer = csv.writer(response, delimiter=SEPARATOR)
    writer.writerow(
        [
            _("Naam"),
            _("E-mailadres"),
            _("Status"),
            _("Code"),
            _("Dieetwensen"),
            _("Sessies"),
            _("Aangemeld om"),
        ]
    )
    for reservation in reservations:
        sessions = "; ".join(
            f"{choice.slot.title}: {choice.sitting.session}"
            for choice in reservation.choice_list  # type: ignore[attr-defined]  # prefetched (to_attr)
        )
        checked_in = (
            timezone.localtime(reservation.checked_in_at).strftime("%Y-%m-%d %H:%M")
            if reservation.checked_in_at
            else ""
        )
        writer.writerow(
            safe_cell(value)
            for value in (
                reservation.name,
                reservation.email,
                reservation.get_status_display(),
                reservation.code,
                reservation.dietary_wishes,
                sessions,
                checked_in,
            )
        )
    return response
