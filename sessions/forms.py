from itertools import combinations

from django.forms import BaseInlineFormSet
from django.utils.translation import gettext as _

from sessions.enums import SlotKind


class SlotInlineFormSet(BaseInlineFormSet):
    """Check the event's timeline as a whole, as it will be after this save.

    Slots are edited together with their event, so the rules that span slots (no overlap,
    within the event's new times) can only be judged here, not slot by slot.
    """

    def clean(self) -> None:
        super().clean()
        event = self.instance
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
                event.starts_at
                and event.ends_at
                and (slot.starts_at < event.starts_at or slot.ends_at > event.ends_at)
            ):
                form.add_error(None, _("Dit onderdeel valt buiten de tijden van het evenement."))
            elif (
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
