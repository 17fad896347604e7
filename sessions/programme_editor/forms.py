"""The editor's three formsets: the timeline, the themes and the sessions grid.

Plain forms, not model forms: a slot is typed as times on the event's day, a session as one
row with a box per round and its speakers as text, so the rows map onto several models.
The forms check what they can see (times within the event, no overlap, known themes, one
code per session); `services` applies the rows in one transaction.
"""

from itertools import combinations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.timezone import in_amsterdam
from common.validators import validate_one_line
from initiatives.models import Initiative
from sessions.enums import SlotKind, SpeakerRole
from sessions.programme_editor.queries import EditorProgramme
from sessions.speaker_entry import (
    SpeakerEntry,
    entry_of,
    known_by_name,
    name_key,
    read_speaker_entries,
)
from sessions.timeline import TIME, day_choices, day_field, slot_moments, spans_several_days

INITIATIVE_SUGGESTIONS = "programme-editor-initiatives"  # the <datalist> on the editor's page


class InitiativeNamesWidget(forms.Textarea):
    """The featured initiatives, one name per line, with a box under them that suggests
    the known initiatives (the page's <datalist>, which browsers offer without any script).
    A name picked or typed there joins the lines on saving; the editor's script moves it
    into the lines at once, so that several can be added before a save."""

    def add_name(self, name: str) -> str:
        return f"{name}_add"

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        lines = super().render(name, value, attrs, renderer)
        box_id = self.add_name((attrs or {}).get("id") or f"id_{name}")
        return format_html(
            '{}<label class="programme-editor__initiative-label" for="{}">{}</label>'
            '<input type="text" name="{}" id="{}" list="{}" autocomplete="off" maxlength="200"'
            ' class="programme-editor__initiative-add" data-initiatives-for="{}">',
            lines,
            box_id,
            _("Initiatief toevoegen"),
            self.add_name(name),
            box_id,
            INITIATIVE_SUGGESTIONS,
            (attrs or {}).get("id", ""),
        )

    def value_from_datadict(self, data, files, name):
        lines = data.get(name)
        added = (data.get(self.add_name(name)) or "").strip()
        if not added:
            return lines
        return f"{lines.rstrip()}\n{added}" if (lines or "").strip() else added

    def value_omitted_from_data(self, data, files, name) -> bool:
        return name not in data and self.add_name(name) not in data


def speaker_entries(text: str) -> list[SpeakerEntry]:
    """The lines of a speakers field (sessions/speaker_entry.py), every bad line an error."""
    entries, errors = read_speaker_entries(text)
    if errors:
        raise forms.ValidationError(
            [
                _("Regel %(number)s: %(error)s") % {"number": error.line, "error": error.message}
                for error in errors
            ]
        )
    return entries


def speakers_text(entries: list[SpeakerEntry]) -> str:
    return "\n".join(str(entry) for entry in entries)


class RowForm(forms.Form):
    """A row of a formset; the hidden id says which existing row it edits."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, known_ids=frozenset(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.known_ids = known_ids

    def clean(self) -> dict:
        data = super().clean() or {}
        # A hidden field's error would not show, so a foreign id is the row's error.
        if data.get("id") is not None and data["id"] not in self.known_ids:
            self.add_error(None, _("Deze rij hoort niet bij dit evenement."))
        return data


class RowFormSet(forms.BaseFormSet):
    def kept_forms(self) -> list[forms.Form]:
        """The rows that will exist after the save: valid, filled in, not deleted."""
        return [
            form
            for form in self.forms
            if form.is_valid()
            and (form.cleaned_data.get("id") or form.has_changed())
            and not form.cleaned_data.get("DELETE")
        ]

    def rows(self) -> list[dict]:
        """The changed rows for the service: new, edited and deleted ones."""
        return [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data
            and (form.cleaned_data.get("id") or form.has_changed())
            and not (form.cleaned_data.get("DELETE") and not form.cleaned_data.get("id"))
        ]


# The timeline ----------------------------------------------------------------------------


class SlotForm(RowForm):
    starts = forms.TimeField(label=gettext_lazy("van"), widget=TIME)
    ends = forms.TimeField(label=gettext_lazy("tot"), widget=TIME)
    title = forms.CharField(
        label=gettext_lazy("titel"), max_length=200, validators=[validate_one_line]
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("soort"), choices=[("", "---------"), *SlotKind.choices]
    )
    location = forms.CharField(
        label=gettext_lazy("zaal"), max_length=100, required=False, validators=[validate_one_line]
    )
    speakers = forms.CharField(
        label=gettext_lazy("sprekers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "Voor een plenair onderdeel; één per regel: Naam (functie, Organisatie)."
        ),
    )

    def __init__(self, *args, event=None, with_sittings=frozenset(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.event = event
        self.with_sittings = with_sittings
        if event is not None and spans_several_days(event):
            # Times alone do not say when a slot of a several days' event is (sessions.timeline).
            self.fields["day"] = day_field()
            self.fields["day"].choices = day_choices(event)  # type: ignore[attr-defined]  # a TypedChoiceField
            self.order_fields(["day"])

    def clean_speakers(self) -> list[SpeakerEntry]:
        entries = speaker_entries(self.cleaned_data["speakers"])
        with_role = [entry.name for entry in entries if entry.role != SpeakerRole.SPEAKER]
        if with_role:
            # A slot's speakers have no role; the event's moderator is set on the event.
            raise forms.ValidationError(
                _(
                    "Sprekers van een programmaonderdeel hebben geen rol; haal die weg bij "
                    "%(names)s."
                )
                % {"names": ", ".join(with_role)}
            )
        return entries

    def clean(self) -> dict:
        data = super().clean()
        starts, ends = data.get("starts"), data.get("ends")
        if starts is None or ends is None:
            return data
        # The date is always the event's, in Amsterdam, whatever zone the browser is in.
        try:
            data["starts_at"], data["ends_at"] = slot_moments(
                self.event, starts, ends, data.get("day")
            )
        except ValidationError as error:
            self.add_error(None, error)
        return data


class SlotFormSet(RowFormSet):
    def clean(self) -> None:
        super().clean()
        for form in self.forms:
            data = form.cleaned_data if hasattr(form, "cleaned_data") else {}
            if data.get("id") in form.with_sittings and (
                data.get("DELETE") or data.get("kind") != SlotKind.ROUND
            ):
                # A formset ignores the errors of a deleted row, so this one is the formset's.
                raise forms.ValidationError(
                    _("‘%(title)s’ heeft sessies; haal die eerst uit de ronde.")
                    % {"title": data.get("title")}
                )
        timeline = [
            form for form in self.kept_forms() if form.cleaned_data["kind"] != SlotKind.ALONGSIDE
        ]
        for first, second in combinations(timeline, 2):
            a, b = first.cleaned_data, second.cleaned_data
            if a["starts_at"] < b["ends_at"] and b["starts_at"] < a["ends_at"]:
                second.add_error(
                    None,
                    _(
                        "Dit onderdeel overlapt met ‘%(other)s’. Kies ‘doorlopend programma’ voor "
                        "iets dat naast het programma loopt."
                    )
                    % {"other": a["title"]},
                )


# The themes ------------------------------------------------------------------------------


class ThemeForm(RowForm):
    number = forms.IntegerField(label=gettext_lazy("nummer"), min_value=1, max_value=32767)
    title = forms.CharField(
        label=gettext_lazy("titel"), max_length=200, validators=[validate_one_line]
    )


class ThemeFormSet(RowFormSet):
    def clean(self) -> None:
        super().clean()
        seen: set[int] = set()
        for form in self.kept_forms():
            number = form.cleaned_data["number"]
            if number in seen:
                form.add_error("number", _("Twee thema's hebben hetzelfde nummer."))
            seen.add(number)


# The sessions ----------------------------------------------------------------------------


def round_field(slot_id: int, part: str) -> str:
    return f"round_{slot_id}_{part}"


class SessionForm(RowForm):
    code = forms.CharField(
        label=gettext_lazy("code"), max_length=10, required=False, validators=[validate_one_line]
    )
    title = forms.CharField(
        label=gettext_lazy("titel"), max_length=300, validators=[validate_one_line]
    )
    theme = forms.TypedChoiceField(
        label=gettext_lazy("thema"), coerce=int, required=False, empty_value=None
    )
    speakers = forms.CharField(
        label=gettext_lazy("sprekers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "Eén per regel: Naam (functie, Organisatie), met een rol ervoor als het geen "
            "spreker is: moderator: Naam (…) of gastheer: Naam (…)."
        ),
    )
    initiatives = forms.CharField(
        label=gettext_lazy("uitgelichte initiatieven"),
        required=False,
        widget=InitiativeNamesWidget(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "Eén naam per regel; ‘Initiatief toevoegen’ stelt de bekende initiatieven voor."
        ),
    )
    description = forms.CharField(
        label=gettext_lazy("beschrijving"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, programme: EditorProgramme, locked=frozenset(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.rounds = programme.rounds
        self.locked = locked  # (session, round) pairs with chosen seats
        # A blank first choice: a session may have no theme, and a blank row must stay blank.
        themes = [(theme.pk, str(theme)) for theme in programme.themes]
        self.fields["theme"].choices = [("", "---------"), *themes]  # type: ignore[attr-defined]  # a TypedChoiceField
        for slot in self.rounds:
            label = f"{in_amsterdam(slot.starts_at):%H.%M} {slot.title}"
            self.fields[round_field(slot.pk, "in")] = forms.BooleanField(
                label=label, required=False
            )
            self.fields[round_field(slot.pk, "room")] = forms.CharField(
                label=_("zaal of tafel"),
                max_length=100,
                required=False,
                validators=[validate_one_line],
            )
            self.fields[round_field(slot.pk, "seats")] = forms.IntegerField(
                label=_("plaatsen"), min_value=0, max_value=2_147_483_647, required=False
            )

    def round_boxes(self) -> list[dict]:
        return [
            {
                "slot": slot,
                "held": self[round_field(slot.pk, "in")],
                "room": self[round_field(slot.pk, "room")],
                "seats": self[round_field(slot.pk, "seats")],
            }
            for slot in self.rounds
        ]

    def clean_speakers(self) -> list[SpeakerEntry]:
        return speaker_entries(self.cleaned_data["speakers"])

    def clean_description(self) -> str:
        # Browsers send a textarea's lines with CRLF; keep the line ends the rest of the site has.
        return self.cleaned_data["description"].replace("\r\n", "\n")

    def clean_initiatives(self) -> list[str]:
        names: dict[str, str] = {}
        for line in self.cleaned_data["initiatives"].splitlines():
            name = line.strip()
            if name:
                names.setdefault(name.lower(), name)  # a name added twice is featured once
        return list(names.values())

    def clean(self) -> dict:
        data = super().clean()
        sittings = {}
        for slot in self.rounds:
            if data.get(round_field(slot.pk, "in")):
                sittings[slot.pk] = {
                    "room": data.get(round_field(slot.pk, "room"), ""),
                    "capacity": data.get(round_field(slot.pk, "seats")),
                }
        data["sittings"] = sittings
        return data


class SessionFormSet(RowFormSet):
    def clean(self) -> None:
        super().clean()
        for form in self.forms:
            data = form.cleaned_data if hasattr(form, "cleaned_data") else {}
            for slot in form.rounds:
                if (data.get("id"), slot.pk) in form.locked and (
                    data.get("DELETE") or slot.pk not in data.get("sittings", {})
                ):
                    # A formset ignores the errors of a deleted row, so this one is the formset's.
                    raise forms.ValidationError(
                        _(
                            "Er zijn al plaatsen gereserveerd voor ‘%(title)s’ in ‘%(round)s’; "
                            "haal de sessie daar niet weg."
                        )
                        % {"title": data.get("title"), "round": slot.title}
                    )
        kept = self.kept_forms()
        codes: dict[str, forms.Form] = {}
        for form in kept:
            code = form.cleaned_data["code"].strip()
            if code and code.lower() in codes:
                form.add_error(
                    "code", _("Twee sessies hebben de code ‘%(code)s’.") % {"code": code}
                )
            codes[code.lower()] = form
        # One query for every initiative named on the page, matched as the import does.
        found = known_by_name(
            Initiative.objects.all(),
            {name_key(name) for form in kept for name in form.cleaned_data["initiatives"]},
        )
        for form in kept:
            unknown = [n for n in form.cleaned_data["initiatives"] if name_key(n) not in found]
            if unknown:
                form.add_error(
                    "initiatives",
                    _("Onbekend initiatief: %(names)s.") % {"names": ", ".join(unknown)},
                )
            else:
                form.cleaned_data["initiative_ids"] = [
                    found[name_key(n)].pk for n in form.cleaned_data["initiatives"]
                ]


def _formset(form, formset, extra: int):
    return forms.formset_factory(form, formset=formset, extra=extra, can_delete=True)


SlotFormSetClass = _formset(SlotForm, SlotFormSet, 3)
ThemeFormSetClass = _formset(ThemeForm, ThemeFormSet, 3)
SessionFormSetClass = _formset(SessionForm, SessionFormSet, 3)


def timeline_formsets(event, programme: EditorProgramme, data=None):
    with_sittings = frozenset(
        sitting.slot_id
        for session in programme.sessions
        for sitting in session.editor_sittings  # type: ignore[attr-defined]  # prefetched
    )
    slots = SlotFormSetClass(
        data,
        prefix="slots",
        initial=[
            {
                "id": slot.pk,
                "day": in_amsterdam(slot.starts_at).date().isoformat(),
                "starts": in_amsterdam(slot.starts_at).time(),
                "ends": in_amsterdam(slot.ends_at).time(),
                "title": slot.title,
                "kind": slot.kind,
                "location": slot.location,
                "speakers": speakers_text(
                    [entry_of(speaker) for speaker in slot.editor_speakers]  # type: ignore[attr-defined]  # prefetched
                ),
            }
            for slot in programme.slots
        ],
        form_kwargs={
            "event": event,
            "known_ids": frozenset(slot.pk for slot in programme.slots),
            "with_sittings": with_sittings,
        },
    )
    themes = ThemeFormSetClass(
        data,
        prefix="themes",
        initial=[
            {"id": theme.pk, "number": theme.number, "title": theme.title}
            for theme in programme.themes
        ],
        form_kwargs={"known_ids": frozenset(theme.pk for theme in programme.themes)},
    )
    return slots, themes


def session_initial(session) -> dict:
    row = {
        "id": session.pk,
        "code": session.code,
        "title": session.title,
        "theme": session.theme_id,
        "description": session.description,
        "speakers": speakers_text(
            [entry_of(role.speaker, role.role) for role in session.editor_speakers]
        ),
        "initiatives": "\n".join(initiative.name for initiative in session.initiatives.all()),
    }
    for sitting in session.editor_sittings:
        row[round_field(sitting.slot_id, "in")] = True
        row[round_field(sitting.slot_id, "room")] = sitting.room
        row[round_field(sitting.slot_id, "seats")] = sitting.capacity
    return row


def session_formset(programme: EditorProgramme, data=None):
    return SessionFormSetClass(
        data,
        prefix="sessions",
        initial=[session_initial(session) for session in programme.sessions],
        form_kwargs={
            "programme": programme,
            "known_ids": frozenset(session.pk for session in programme.sessions),
            "locked": frozenset(
                (session.pk, sitting.slot_id)
                for session in programme.sessions
                for sitting in session.editor_sittings
                if sitting.choices
            ),
        },
    )
