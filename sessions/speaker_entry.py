"""Speakers typed as text, in the programme editor and in a spreadsheet's `sprekers` cell.

One line per speaker, in either notation (both are read everywhere):

- ``moderator: Naam (functie, Organisatie)``: the role and its colon may be left out (a
  speaker), as may the details: ``Naam``, ``Naam (Organisatie)``, ``Naam (functie,)``;
- ``Naam; rol; functie; Organisatie``: the spreadsheet's columns within the cell, trailing
  fields may be left out.

Roles are written in Dutch or English: ``spreker``/``speaker``, ``moderator``/
``gespreksleider``, ``gastheer``/``gastvrouw``/``host``.

`match_speakers` then finds what the lines name, in a fixed number of queries: a speaker by
name (ignoring case and spacing) among those the event's organisation may use, preferring
the one it manages, then one nobody manages; an organisation by name the same way among all
(organisations are shared). What is not found is made by `SpeakerMatch.apply`, managed by
the event's organiser. A speaker the organiser manages takes the typed function and
organisation; any other is linked as it is and the difference becomes a notice, since a
shared speaker's details show on other organisations' pages.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.text import slugify
from django.utils.translation import gettext as _

from common.validators import CONTROL_CHARACTERS
from initiatives.enums import OrganisationKind
from initiatives.models import Organisation
from sessions.enums import SpeakerRole
from sessions.models import Speaker

ROLE_WORDS = {
    "spreker": SpeakerRole.SPEAKER,
    "speaker": SpeakerRole.SPEAKER,
    "moderator": SpeakerRole.MODERATOR,
    "gespreksleider": SpeakerRole.MODERATOR,
    "gastheer": SpeakerRole.HOST,
    "gastvrouw": SpeakerRole.HOST,
    "gastheer of gastvrouw": SpeakerRole.HOST,
    "gastheer/gastvrouw": SpeakerRole.HOST,
    "host": SpeakerRole.HOST,
}
# How a role is written back: the Dutch word the notation reads with.
ROLE_PREFIX = {
    SpeakerRole.SPEAKER: "spreker",
    SpeakerRole.MODERATOR: "moderator",
    SpeakerRole.HOST: "gastheer",
}
BRACKETS = re.compile(r"^(?P<name>[^()]+?)\s*(?:\((?P<details>[^()]*)\))?$")
ROLE_PREFIX_PATTERN = re.compile(r"^(?P<role>[^():;]+?)\s*:\s*(?P<rest>.*)$", re.DOTALL)
MAX_LENGTH = 200  # of a name, function or organisation: the models' max_length


def name_key(name: str) -> str:
    """How names are compared: case and spacing do not count."""
    # lower(), not casefold(): the database compares with its own LOWER().
    return " ".join(name.split()).lower()


class SpeakerEntryError(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class SpeakerEntry:
    name: str
    role: str = SpeakerRole.SPEAKER
    title: str = ""
    organisation: str = ""

    @property
    def key(self) -> str:
        return name_key(self.name)

    def __str__(self) -> str:
        """The editor's notation, read back by `parse_speaker_entry` as the same entry."""
        details = ", ".join(part for part in (self.title, self.organisation) if part)
        if self.title and not self.organisation:
            details += ","  # "Naam (functie,)": a function, not an organisation
        text = f"{self.name} ({details})" if details else self.name
        if self.role != SpeakerRole.SPEAKER:
            text = f"{ROLE_PREFIX[SpeakerRole(self.role)]}: {text}"
        return text


def _role(word: str, name: str) -> str:
    role = ROLE_WORDS.get(name_key(word))
    if role is None:
        raise SpeakerEntryError(
            _("rol '%(role)s' bij %(name)s: kies spreker, moderator of gastheer/gastvrouw")
            % {"role": word, "name": name}
        )
    return role


def parse_speaker_entry(text: str) -> SpeakerEntry:
    """One line in either notation; a `SpeakerEntryError` says what is wrong with it."""
    if CONTROL_CHARACTERS.search(text.strip()):
        raise SpeakerEntryError(_("gebruik één regel"))
    text = text.strip()
    if ";" in text:
        fields = [part.strip() for part in text.split(";")]
        if len(fields) > 4:
            raise SpeakerEntryError(
                _("'%(line)s': schrijf 'naam; rol; functie; organisatie'") % {"line": text}
            )
        name, role_word, title, organisation = [*fields, "", "", ""][:4]
        if not name:
            raise SpeakerEntryError(_("een spreker zonder naam"))
        if any(mark in name for mark in "():"):
            raise SpeakerEntryError(
                _("'%(line)s': gebruik één schrijfwijze, met puntkomma's of met haakjes")
                % {"line": text}
            )
        role = _role(role_word, name) if role_word else SpeakerRole.SPEAKER
    else:
        role = SpeakerRole.SPEAKER
        prefixed = ROLE_PREFIX_PATTERN.match(text)
        if prefixed:
            text = prefixed["rest"].strip()
            role = _role(prefixed["role"], text or prefixed["role"])
        match = BRACKETS.match(text)
        if not match:
            if not text or text.startswith("("):
                raise SpeakerEntryError(_("een spreker zonder naam"))
            raise SpeakerEntryError(
                _(
                    "‘%(line)s’ is niet te lezen; schrijf Naam (functie, Organisatie) "
                    "of naam; rol; functie; organisatie"
                )
                % {"line": text}
            )
        name, details = match["name"].strip(), match["details"]
        # Most speakers are known by their organisation only, so a single part between the
        # brackets is the organisation; the function is what comes before the last comma (a
        # function may contain commas, an organisation's name rarely does).
        title, _comma, organisation = (details or "").rpartition(",")
    entry = SpeakerEntry(
        name=" ".join(name.split()),
        role=role,
        title=title.strip(),
        organisation=" ".join(organisation.split()),
    )
    if max(len(entry.name), len(entry.title), len(entry.organisation)) > MAX_LENGTH:
        raise SpeakerEntryError(
            _("%(name)s: een naam, functie of organisatie is langer dan %(count)s tekens")
            % {"name": entry.name[:50], "count": MAX_LENGTH}
        )
    return entry


@dataclass(frozen=True)
class EntryError:
    line: int  # counted from 1, blank lines included
    message: str


def read_speaker_entries(text: str) -> tuple[list[SpeakerEntry], list[EntryError]]:
    """Every non-blank line as an entry, and an error for each line that cannot be read or
    names a speaker a second time (one speaker has one role in a session)."""
    entries: list[SpeakerEntry] = []
    errors: list[EntryError] = []
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entry = parse_speaker_entry(line)
        except SpeakerEntryError as error:
            errors.append(EntryError(number, error.message))
            continue
        if entry.key in seen:
            errors.append(
                EntryError(number, _("%(name)s staat er twee keer in") % {"name": entry.name})
            )
            continue
        seen.add(entry.key)
        entries.append(entry)
    return entries, errors


def entry_of(speaker: Speaker, role: str = SpeakerRole.SPEAKER) -> SpeakerEntry:
    """How an existing speaker is written, so that saving the text again changes nothing."""
    organisation = speaker.organisation.name if speaker.organisation else ""
    return SpeakerEntry(speaker.name, role, speaker.title, organisation)


# Matching ---------------------------------------------------------------------------------


@dataclass
class NewSpeaker:
    name: str
    title: str
    organisation_key: str  # "" for none


@dataclass
class NewOrganisation:
    name: str


@dataclass
class SpeakerMatch:
    """What the entries name: found speakers and organisations by name key, those still to
    make, the organiser's own speakers whose details change, and notices about shared ones."""

    organiser_id: int
    speakers: dict[str, Speaker] = field(default_factory=dict)
    new_speakers: dict[str, NewSpeaker] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    new_organisations: dict[str, NewOrganisation] = field(default_factory=dict)
    updates: dict[str, SpeakerEntry] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)

    def speaker_id(self, key: str) -> int | None:
        speaker = self.speakers.get(key)
        return speaker.pk if speaker else None

    @property
    def changed_speakers(self) -> list[str]:
        """The organiser's own speakers whose details change, as "name: old → new"."""
        described = []
        for key, entry in self.updates.items():
            speaker = self.speakers[key]
            old = entry_of(speaker)
            new = SpeakerEntry(
                speaker.name,
                title=entry.title or old.title,
                organisation=entry.organisation or old.organisation,
            )
            described.append(f"{old} → {new}")
        return described

    def apply(self) -> None:
        """Make the new organisations and speakers (managed by the organiser) and change the
        organiser's own speakers; afterwards `speakers` holds every entry's speaker. Call it
        once, inside the caller's transaction; what it made stays listed as new."""
        taken = self._taken(Organisation) if self.new_organisations else set()
        for key, new_organisation in self.new_organisations.items():
            self.organisations[key] = Organisation.objects.create(
                name=new_organisation.name,
                slug=_free_slug(new_organisation.name, taken),
                kind=OrganisationKind.OTHER,
                managed_by_id=self.organiser_id,
            )
        taken = self._taken(Speaker) if self.new_speakers else set()
        for key, new_speaker in self.new_speakers.items():
            self.speakers[key] = Speaker.objects.create(
                name=new_speaker.name,
                slug=_free_slug(new_speaker.name, taken),
                title=new_speaker.title,
                organisation=self.organisations.get(new_speaker.organisation_key),
                managed_by_id=self.organiser_id,
            )
        for key, entry in self.updates.items():
            speaker = self.speakers[key]
            speaker.title = entry.title or speaker.title
            speaker.organisation = (
                self.organisations.get(name_key(entry.organisation)) or speaker.organisation
            )
            speaker.save(update_fields=["title", "organisation"])

    def _taken(self, model: type[Organisation] | type[Speaker]) -> set[str]:
        names = (
            [new.name for new in self.new_organisations.values()]
            if model is Organisation
            else [new.name for new in self.new_speakers.values()]
        )
        query = Q()
        for name in names:
            query |= Q(slug__startswith=_slug_base(name))
        return set(model.objects.filter(query).values_list("slug", flat=True))


def match_speakers(organiser_id: int, entries: Iterable[SpeakerEntry]) -> SpeakerMatch:
    """Find the speakers and organisations `entries` name (two queries however many), and
    plan the rest. The first entry of a name decides its details."""
    entries = list(entries)
    match = SpeakerMatch(organiser_id=organiser_id)
    if not entries:
        return match
    usable = Speaker.objects.for_organisations([organiser_id], editing=False).select_related(
        "organisation"
    )
    known_speakers = known_by_name(usable, {entry.key for entry in entries}, organiser_id)
    named_organisations = {name_key(entry.organisation) for entry in entries} - {""}
    known_organisations = known_by_name(
        Organisation.objects.all(), named_organisations, organiser_id
    )
    for entry in entries:
        key = entry.key
        if key in match.speakers or key in match.new_speakers:
            continue
        organisation_key = name_key(entry.organisation)
        if organisation_key and organisation_key not in match.organisations:
            found = known_organisations.get(organisation_key)
            if found is not None:
                match.organisations[organisation_key] = found
            else:
                match.new_organisations.setdefault(
                    organisation_key, NewOrganisation(name=entry.organisation)
                )
        known = known_speakers.get(key)
        if known is None:
            match.new_speakers[key] = NewSpeaker(
                name=entry.name, title=entry.title, organisation_key=organisation_key
            )
            continue
        match.speakers[key] = known
        known_organisation = known.organisation.name if known.organisation else ""
        if not (
            (entry.title and entry.title != known.title)
            or (organisation_key and organisation_key != name_key(known_organisation))
        ):
            continue
        if known.managed_by_id == organiser_id:
            match.updates[key] = entry
        else:
            match.notices.append(
                _(
                    "%(name)s bestaat al (%(title)s, %(organisation)s) en wordt gedeeld: "
                    "deze spreker wordt gekoppeld zonder functie en organisatie te veranderen."
                )
                % {
                    "name": known.name,
                    "title": known.title or "–",
                    "organisation": known_organisation or "–",
                }
            )
    return match


def known_by_name(queryset, keys: set[str], preferred_owner: int | None = None) -> dict:
    """The rows whose name matches one of `keys` (name_key), by key, in one query: how a
    typed name finds its speaker, organisation or initiative, in the editor and the import
    alike. Of several rows with the same name, with `preferred_owner` the one it manages
    wins, then one nobody manages; then the oldest, so the choice is the same every time."""
    keys = {key for key in keys if key}
    if not keys:
        return {}
    rows = queryset.annotate(name_lower=Lower("name")).filter(name_lower__in=keys).order_by("pk")
    found: dict = {}
    for obj in rows:
        key = name_key(obj.name)
        if key not in found or _rank(obj, preferred_owner) < _rank(found[key], preferred_owner):
            found[key] = obj
    return found


def _rank(obj, preferred_owner: int | None) -> int:
    if preferred_owner is None:
        return 0
    owner = obj.managed_by_id
    if owner == preferred_owner:
        return 0
    return 1 if owner is None else 2


def _slug_base(name: str) -> str:
    return slugify(name)[:190] or "x"


def _free_slug(name: str, taken: set[str]) -> str:
    base = _slug_base(name)
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug
