"""Forms of the organisers' tools on the event admin: copy an event, write to attendees."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event
from reservations.enums import MailAudience
from reservations.mailing import MESSAGE_MAX_LENGTH, SUBJECT_MAX_LENGTH, why_not_sendable

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class DuplicateEventForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Nieuwe begintijd"),
        help_text=_(
            "Het hele programma schuift mee; de tijden op de klok (Amsterdam) blijven gelijk."
        ),
        input_formats=[DATETIME_LOCAL, "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
    )
    title = forms.CharField(
        label=_("Nieuwe titel"),
        required=False,
        max_length=Event._meta.get_field("title").max_length,
        help_text=_("Leeg laten om de titel over te nemen."),
    )

    def clean_starts_at(self):
        starts_at = self.cleaned_data["starts_at"]
        if starts_at <= timezone.now():
            raise forms.ValidationError(_("Kies een begintijd in de toekomst."), code="past")
        return starts_at


class AttendeeMailForm(forms.Form):
    audiences = forms.MultipleChoiceField(
        label=_("Aan"),
        choices=MailAudience.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies aan wie het bericht gaat.")},
    )
    subject = forms.CharField(label=_("Onderwerp"), max_length=SUBJECT_MAX_LENGTH, strip=False)
    message = forms.CharField(
        label=_("Bericht"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 12, "cols": 80}),
        help_text=_(
            "Platte tekst. Elke deelnemer krijgt een eigen e-mail, die begint met "
            "“Beste” en zijn of haar naam, tenzij je bericht met een eigen aanhef begint, "
            "zoals “Beste deelnemers,”."
        ),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors:
            problem = why_not_sendable(
                audiences=cleaned["audiences"],
                subject=cleaned["subject"],
                message=cleaned["message"],
            )
            if problem:
                field = {
                    "no_audience": "audiences",
                    "no_message": "message",
                    "message_length": "message",
                }.get(problem.code, "subject")
                self.add_error(field, problem.message)
        return cleaned
