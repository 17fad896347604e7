"""Speakers typed as text, one "Naam (functie, Organisatie)" per line."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

LINE = re.compile(r"^(?P<name>[^()]+?)\s*(?:\((?P<details>[^()]*)\))?$")


@dataclass(frozen=True)
class SpeakerLine:
    name: str
    title: str = ""
    organisation: str = ""

    def __str__(self) -> str:
        details = ", ".join(part for part in (self.title, self.organisation) if part)
        if self.title and not self.organisation:
            details += ","  # "Naam (functie,)": a function, not an organisation
        return f"{self.name} ({details})" if details else self.name


class SpeakerLineError(ValueError):
    pass


def parse_speaker_line(text: str) -> SpeakerLine:
    """ "Naam", "Naam (Organisatie)", "Naam (functie, Organisatie)" or "Naam (functie,)".

    Most speakers of a programme are known by their organisation only, so a single part
    between the brackets is the organisation; the function is the part before the last
    comma (a function may contain commas, an organisation's name rarely does)."""
    match = LINE.match(text.strip())
    if not match:
        raise SpeakerLineError(
            _("‘%(line)s’ is niet te lezen; schrijf Naam (functie, Organisatie).") % {"line": text}
        )
    name = match["name"].strip()
    details = match["details"]
    if details is None:
        return SpeakerLine(name)
    title, comma, organisation = details.rpartition(",")
    if not comma:
        return SpeakerLine(name, organisation=organisation.strip())
    return SpeakerLine(name, title=title.strip(), organisation=organisation.strip())


def parse_speaker_lines(text: str) -> list[SpeakerLine]:
    """Every non-empty line as a speaker; one error per line that cannot be read."""
    lines, errors = [], []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            lines.append(parse_speaker_line(raw))
        except SpeakerLineError as error:
            errors.append(_("Regel %(number)s: %(error)s") % {"number": number, "error": error})
    if errors:
        raise SpeakerLineError(" ".join(errors))
    return lines
