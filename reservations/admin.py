"""Reservations in the admin: read and correct, never booked here.

Places are taken, moved and given up through the services (capacity, waiting list), so
status, event and account are read-only; undelivered mails can be sent again.
"""

from django.contrib import admin, messages
from django.contrib.admin import RelatedOnlyFieldListFilter
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from common.admin_tools import RejectedByDatabaseMixin, parent_object_id
from events.models import Event
from reservations.models import Reservation, SeatChoice, UndeliveredMail
from reservations.notifications import ResendResult, resend_undelivered
from reservations.participants import participants_csv
from reservations.queries import seat_choices
from sessions.models import Sitting
from teams import permissions
from teams.admin_scoping import OrganisationScopedAdmin, OrganisationScopedInline


class SeatChoiceInlineFormSet(BaseInlineFormSet):
    """One seat per break-out round: two choices in one round are a form error, not a 500."""

    def clean(self) -> None:
        super().clean()
        rounds_taken = set()
        for form in self.forms:
            if (
                not form.is_valid()
                or self._should_delete_form(form)  # type: ignore[attr-defined]  # Django's own
                or not form.cleaned_data.get("sitting")
            ):
                continue
            slot_id = form.cleaned_data["sitting"].slot_id
            if slot_id in rounds_taken:
                form.add_error("sitting", _("Er is al een sessie gekozen in deze ronde."))
            rounds_taken.add(slot_id)


class SeatChoiceInline(OrganisationScopedInline, admin.TabularInline):
    model = SeatChoice
    formset = SeatChoiceInlineFormSet
    fields = ["sitting"]
    extra = 0
    hosts_may_view = True

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "sitting":
            sittings = Sitting.objects.select_related("session", "slot")
            reservation_id = parent_object_id(request)
            if reservation_id:
                sittings = sittings.filter(slot__event__reservations=int(reservation_id))
            kwargs["queryset"] = sittings
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Reservation)
class ReservationAdmin(OrganisationScopedAdmin, RejectedByDatabaseMixin, SimpleHistoryAdmin):
    """Editors correct names and wishes; hosts read. Places are taken, moved and given up
    through the services (capacity, waiting list), so status, event and account are read-only,
    reservations are made on the site and removed by superusers only."""

    hosts_may_view = True
    list_display = [
        "name",
        "event",
        "status",
        "code",
        "dietary_wishes",
        "sessions",
        "checked_in_at",
        "participant_page",
    ]
    actions = ["export_csv"]
    list_filter = ["status", ("event", RelatedOnlyFieldListFilter)]
    list_select_related = ["event"]
    search_fields = ["name", "email", "code"]
    readonly_fields = [
        "event",
        "user",
        "status",
        "code",
        "created_at",
        "cancelled_at",
        "checked_in_at",
    ]
    fields = [
        "event",
        "user",
        "name",
        "email",
        "dietary_wishes",
        "status",
        "code",
        "created_at",
        "cancelled_at",
        "checked_in_at",
    ]
    inlines = [SeatChoiceInline]

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).prefetch_related(seat_choices())

    @admin.display(description=_("sessies"))
    def sessions(self, reservation: Reservation) -> str:
        return "; ".join(
            f"{choice.slot.title}: {choice.sitting.session}"
            for choice in reservation.choice_list  # type: ignore[attr-defined]  # prefetched (to_attr)
        )

    @admin.display(description=_("deelnemerslijst"))
    def participant_page(self, reservation: Reservation) -> str:
        url = reverse("reservations:participants", args=[reservation.event.slug])
        return format_html('<a href="{}">{}</a>', url, _("lijst en aanmelden"))

    @admin.action(description=_("Download de gekozen reserveringen als CSV"))
    def export_csv(self, request: HttpRequest, queryset):
        # The queryset is the changelist's, so it holds the user's organisations only.
        return participants_csv(queryset, filename="reserveringen.csv")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return permissions.sees_everything(request.user)

    def get_inlines(self, request: HttpRequest, obj: Reservation | None) -> list:
        # Seats are chosen among the sittings of the reservation's event, so it must exist first.
        return self.inlines if obj else []


@admin.register(UndeliveredMail)
class UndeliveredMailAdmin(OrganisationScopedAdmin, admin.ModelAdmin):
    """Mails the server could not deliver, to send again once it is back (or to call).

    Editors of the event's organisation see and resend them; they are never removed.
    """

    list_display = ["failed_at", "kind", "name", "code", "event", "sent_at", "error"]
    list_filter = [
        ("sent_at", admin.EmptyFieldListFilter),
        "kind",
        ("reservation__event", RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["reservation__event"]
    search_fields = ["reservation__code", "reservation__name"]
    fields = readonly_fields = ("reservation", "kind", "error", "failed_at", "sent_at")
    actions = ["resend"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.display(description=_("naam"), ordering="reservation__name")
    def name(self, mail: UndeliveredMail) -> str:
        return mail.reservation.name

    @admin.display(description=_("reserveringscode"), ordering="reservation__code")
    def code(self, mail: UndeliveredMail) -> str:
        return mail.reservation.code

    @admin.display(description=_("evenement"), ordering="reservation__event__starts_at")
    def event(self, mail: UndeliveredMail) -> Event:
        return mail.reservation.event

    @admin.action(description=_("Verstuur de gekozen e-mails opnieuw"), permissions=["change"])
    def resend(self, request: HttpRequest, queryset) -> None:
        results = [resend_undelivered(mail) for mail in queryset.filter(sent_at__isnull=True)]
        counts = {result: results.count(result) for result in ResendResult}
        self.message_user(
            request,
            _(
                "Verstuurd: %(sent)d. Niet meer van toepassing: %(outdated)d. "
                "Opnieuw mislukt: %(failed)d."
            )
            % {str(result): count for result, count in counts.items()},
            messages.WARNING if counts[ResendResult.FAILED] else messages.SUCCESS,
        )
