from itertools import combinations

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.admin_tools import KnownAutocompleteSelectMultiple
from common.timezone import in_amsterdam
from sessions.enums import SlotKind
from sessions.models import Slot
from sessions.timeline import TIME, day_choices, day_field, slot_moments, spans_several_days


class SlotInlineForm(forms.ModelForm):
    """A slot on its event's page, typed as times only: the date is the event's
    (sessions.timeline), so it is never asked twice and moves with the event.

    Only an event of several days shows the day, as a choice of its days
    (sessions.admin.SlotInline.get_fields); a slot already saved keeps its own when none is sent.
    """

    starts = forms.TimeField(label=gettext_lazy("van"), widget=TIME)
    ends = forms.TimeField(label=gettext_lazy("tot"), widget=TIME)
    day = day_field()

    class Meta:
        model = Slot
        fields = ["title"]

    def __init__(self, *args, event, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.event = event
        slot = self.instance
        self.stored = (slot.starts_at, slot.ends_at)
        self.moved = False
        if slot.pk:
            self.initial.setdefault("starts", in_amsterdam(slot.starts_at).time())
            self.initial.setdefault("ends", in_amsterdam(slot.ends_at).time())
            self.initial.setdefault("day", in_amsterdam(slot.starts_at).date().isoformat())
        speakers = self.fields.get("speakers")
        # Inside the admin's wrapper (the "+" that adds a speaker), its autocomplete widget.
        widget = getattr(speakers.widget, "widget", None) if speakers is not None else None
        if slot.pk and isinstance(widget, KnownAutocompleteSelectMultiple):
            # The chosen speakers, prefetched for all rows (SlotInline.get_queryset).
            widget.known = {str(speaker.pk): speaker for speaker in slot.speakers.all()}
        # Shown only for an event of several days (sessions.admin.SlotInline.get_fields).
        self.fields["day"].choices = day_choices(event)  # type: ignore[attr-defined]  # a TypedChoiceField

    def event_has_times(self) -> bool:
        return self.event.starts_at is not None and self.event.ends_at is not None

    def clean(self) -> dict:
        data = super().clean() or {}
        starts, ends = data.get("starts"), data.get("ends")
        if starts is None or ends is None:
            return data
        if not self.event_has_times():
            raise ValidationError(_("Vul eerst de tijden van het evenement in."))
        day = None
        if spans_several_days(self.event):
            day = data.get("day")
            if day is None and self.instance.pk:
                day = in_amsterdam(self.stored[0]).date()
            elif day is None and self.add_prefix("day") not in self.data:
                # A new event of several days: its page had no choice of day yet.
                raise ValidationError(
                    _(
                        "Dit evenement duurt meer dan een dag: bewaar het eerst zonder dit "
                        "onderdeel; daarna kies je bij elk onderdeel de dag."
                    )
                )
        try:
            self.instance.starts_at, self.instance.ends_at = slot_moments(
                self.event, starts, ends, day
            )
        except ValidationError as error:
            self.add_error(None, error)
            return data
        # Unchanged times of an event that moved to another day move with it.
        self.moved = bool(self.instance.pk) and self.stored != (
            self.instance.starts_at,
            self.instance.ends_at,
        )
        return data

    def has_changed(self) -> bool:
        return super().has_changed() or self.moved


class SlotInlineFormSet(BaseInlineFormSet):
    """Check the event's timeline as a whole, as it will be after this save.

    Slots are edited together with their event, so the rules that span slots (no overlap)
    can only be judged here, not slot by slot; each row's times are its form's
    (within the event's new times, sessions.timeline).
    """

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "event": self.instance}

    def clean(self) -> None:
        super().clean()
        kept = [
            form
            for form in self.forms
            if form.is_valid()
            and (form.instance.pk or form.has_changed())
            and not self._should_delete_form(form)  # type: ignore[attr-defined]  # Django's own, not in the stubs
        ]
        for form in kept:
            slot = form.instance
            if (
                slot.pk
                and "kind" in form.changed_data
                and slot.kind != SlotKind.ROUND
                and slot.sittings.exists()
            ):
                form.add_error("kind", _("Deze ronde heeft sessies; haal die eerst uit de ronde."))
        timeline = [form for form in kept if form.is_valid() and not form.instance.may_overlap]
        for first, second in combinations(timeline, 2):
            if first.instance.overlaps(second.instance):
                second.add_error(
                    None,
                    _(
                        "Dit onderdeel overlapt met ‘%(other)s’. Kies ‘doorlopend programma’ voor iets dat "
                        "naast het programma loopt."
                    )
                    % {"other": first.instance.title},
                )
