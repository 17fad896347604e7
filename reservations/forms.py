"""The reservation form: the name for the participant list, dietary wishes when a meal is
included, and one sitting per break-out round (full sittings are shown but cannot be chosen)."""

from collections.abc import Set as AbstractSet
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.models import Event
from reservations.models import Reservation
from sessions.models import Sitting, Slot


class SittingChoice(forms.RadioSelect):
    """Radio buttons for the sittings of one round; a full sitting is shown but disabled."""

    def __init__(self, *args: Any, full: AbstractSet[int] = frozenset(), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.full = full

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value and int(str(value)) in self.full:
            option["attrs"]["disabled"] = True
        return option


def sitting_label(sitting: Sitting) -> str:
    label = str(sitting.session)
    if sitting.room:
        label += f" · {sitting.room}"
    if sitting.is_full:
        label += " · " + _("vol")
    elif sitting.seats_left is not None:
        label += " · " + _("%(seats)s plaatsen vrij") % {"seats": sitting.seats_left}
    return label


class SessionChoiceForm(forms.Form):
    """One optional (or required) choice per break-out round of the event."""

    NO_CHOICE = ""

    def __init__(
        self, *args, rounds: list[Slot], chosen: dict[int, int] | None = None, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        chosen = chosen or {}
        for round_ in rounds:
            sittings = round_.sitting_list  # type: ignore[attr-defined]  # prefetched (to_attr)
            full = {s.pk for s in sittings if s.is_full and s.pk != chosen.get(round_.pk)}
            choices = [(s.pk, sitting_label(s)) for s in sittings]
            if not round_.choice_required:
                choices.insert(0, (self.NO_CHOICE, _("Geen keuze")))
            self.fields[self.field_name(round_)] = forms.TypedChoiceField(
                label=str(round_),
                choices=choices,
                coerce=int,
                empty_value=None,
                required=round_.choice_required,
                initial=chosen.get(round_.pk, self.NO_CHOICE),
                widget=SittingChoice(full=full),
            )

    @staticmethod
    def field_name(round_: Slot) -> str:
        return f"round_{round_.pk}"

    def sitting_ids(self) -> list[int]:
        return [
            value
            for name, value in self.cleaned_data.items()
            if name.startswith("round_") and value
        ]


class ReservationForm(SessionChoiceForm):
    name = forms.CharField(
        label=gettext_lazy("Naam op de deelnemerslijst"),
        max_length=Reservation._meta.get_field("name").max_length,
    )
    dietary_wishes = forms.CharField(
        label=gettext_lazy("Dieetwensen"),
        max_length=Reservation._meta.get_field("dietary_wishes").max_length,
        required=False,
        help_text=gettext_lazy("Bijvoorbeeld vegetarisch, veganistisch of een allergie."),
    )

    field_order = ["name", "dietary_wishes"]

    def __init__(self, *args, event: Event, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not event.includes_meal:
            del self.fields["dietary_wishes"]

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Vul je naam in."))
        return name
