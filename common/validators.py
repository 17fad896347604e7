"""Rules for the text of fields, once for every model that has them."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Characters that have no place on one line: the C0 and C1 control characters (line
# breaks, tabs, NUL, escape…), DEL, and the Unicode line and paragraph separators.
# Calendars refuse some of them (a line break in a calendar's name), mail headers others.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def validate_one_line(value: str) -> None:
    """For one-line text shown to the public: titles, names, codes, rooms, summaries."""
    if CONTROL_CHARACTERS.search(value):
        raise ValidationError(
            _("Gebruik één regel, zonder regeleinden, tabs of andere stuurtekens."),
            code="control_characters",
        )


def one_line(value: str) -> str:
    """`value` with every run of control characters replaced by a space, for text that got
    into the database before the validator or around it (QuerySet.update())."""
    return CONTROL_CHARACTERS.sub(" ", value).strip()
