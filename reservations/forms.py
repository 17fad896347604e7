"""The reservation form: the name for the participant list, dietary wishes when a meal is
included, and one sitting per break-out round (full sittings are shown but cannot be chosen)."""

from collections.abc import Set as AbstractSet
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

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
        label += " · " + ngettext(
            "%(seats)s plaats vrij", "%(seats)s plaatsen vrij", sitting.seats_left
        ) % {"seats": sitting.seats_left}
    return label


class SessionChoiceForm(forms.Form):
    """One optional (or required) choice per break-out round of the event."""

    NO_CHOICE = ""

    def __init__(
        self,
        *args,
        rounds: list[Slot],
        chosen: dict[int, int] | None = None,
        keep_submitted: bool = False,
        **kwargs,
    ) -> None:
        """`chosen` (round id to sitting id) stays choosable even when full; with
        `keep_submitted` so does every sitting in the submitted data (waiting for it)."""
        super().__init__(*args, **kwargs)
        chosen = dict(chosen or {})
        self.session_of: dict[int, int] = {}
        for round_ in rounds:
            sittings = round_.sitting_list  # type: ignore[attr-defined]  # prefetched (to_attr)
            self.session_of.update((s.pk, s.session_id) for s in sittings)
            if keep_submitted and self.is_bound:
                submitted = str(self.data.get(self.field_name(round_), ""))
                if submitted.isdecimal() and len(submitted) < 19:
                    chosen[round_.pk] = int(submitted)
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
    def field_name(round_: Slot | int) -> str:
        return f"round_{round_ if isinstance(round_, int) else round_.pk}"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # The same session in two rounds would take two seats at one table.
        seen: set[int] = set()
        for name, value in list(cleaned.items()):
            if not name.startswith("round_") or not value:
                continue
            session = self.session_of.get(value)
            if session in seen:
                self.add_error(
                    name,
                    _("Deze sessie heb je al in een andere ronde gekozen. Kies hier een andere."),
                )
            seen.add(session)  # type: ignore[arg-type]  # the field's choices are sittings
        return cleaned

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

    WAIT_FIELD = "wait_for_full_sittings"

    def __init__(self, *args, event: Event, offer_waiting_list: bool = False, **kwargs) -> None:
        """With `offer_waiting_list` the visitor may keep a full session and wait for it."""
        super().__init__(*args, keep_submitted=offer_waiting_list, **kwargs)
        if not event.includes_meal:
            del self.fields["dietary_wishes"]
        if offer_waiting_list:
            self.fields[self.WAIT_FIELD] = forms.BooleanField(
                label=_("Zet me op de wachtlijst voor de volle sessie"),
                help_text=_(
                    "Komt er in die sessie een plaats vrij, dan krijg je die vanzelf en "
                    "mailen we je. Of kies hierboven een sessie met plaatsen vrij."
                ),
                required=False,
            )

    def wait_for_full_sittings(self) -> bool:
        return bool(self.cleaned_data.get(self.WAIT_FIELD))

    def refuse_full(self, sittings: list[Sitting]) -> None:
        """Mark the rounds whose chosen sitting turned out full (after is_valid())."""
        for sitting in sittings:
            self.add_error(
                self.field_name(sitting.slot_id),
                _("Deze sessie is vol: %(session)s. Kies een andere of zet je op de wachtlijst.")
                % {"session": sitting.session},
            )

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Vul je naam in."))
        return name
