"""Reservations in the admin: read and correct, never booked here.

Places are taken, moved and given up through the services (capacity, waiting list), so
status, event and account are read-only; undelivered mails can be sent again.
"""

from django.contrib import admin, messages
from django.contrib.admin import RelatedOnlyFieldListFilter
from django.db.models import Count, Q
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from common.admin_tools import RejectedByDatabaseMixin, parent_object_id
from events.models import Event
from reservations.enums import MailStatus
from reservations.models import Mailing, Reservation, SeatChoice, UndeliveredMail
from reservations.outbox import send_again
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

    list_display = ["failed_at", "kind", "name", "code", "event", "mail_status", "sent_at", "error"]
    list_filter = [
        ("sent_at", admin.EmptyFieldListFilter),
        "kind",
        ("reservation__event", RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["reservation__event", "mail"]
    search_fields = ["reservation__code", "reservation__name"]
    fields = readonly_fields = (
        "reservation",
        "kind",
        "error",
        "failed_at",
        "mail_status",
        "sent_at",
    )
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

    @admin.display(description=_("nu"))
    def mail_status(self, record: UndeliveredMail) -> str:
        """Where the mail is now: failed, queued again, sent, or no longer true."""
        return record.mail.get_status_display() if record.mail else "–"

    @admin.action(description=_("Verstuur de gekozen e-mails opnieuw"), permissions=["change"])
    def resend(self, request: HttpRequest, queryset) -> None:
        count = send_again(
            list(queryset.filter(sent_at__isnull=True).select_related("mail", "reservation"))
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d e-mail staat weer klaar om te versturen. Is hij niet meer van "
                "toepassing (de reservering veranderde), dan vervalt hij.",
                "%(count)d e-mails staan weer klaar om te versturen. Wie niet meer van "
                "toepassing is (de reservering veranderde), vervalt.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


class MailingInline(OrganisationScopedInline, admin.TabularInline):
    """The event's mailings (organiser messages, change notices, reminders) with how far
    their mails got; read-only, because a mailing is made by the tools that send it."""

    model = Mailing
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = False
    verbose_name_plural = _("verzendingen")
    fields = readonly_fields = (
        "created_at",
        "kind",
        "subject",
        "created_by",
        "queued",
        "sent",
        "failed",
        "skipped",
    )

    def get_queryset(self, request: HttpRequest):
        def counted(status: str) -> Count:
            return Count("mails", filter=Q(mails__status=status))

        return (
            super()
            .get_queryset(request)
            .select_related("created_by", "event")
            .annotate(
                queued_count=counted(MailStatus.QUEUED),
                sent_count=counted(MailStatus.SENT),
                failed_count=counted(MailStatus.FAILED),
                skipped_count=counted(MailStatus.SKIPPED),
            )
        )

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.display(description=_("in de wachtrij"))
    def queued(self, mailing: Mailing) -> int:
        return mailing.queued_count  # type: ignore[attr-defined]  # annotated

    @admin.display(description=_("verstuurd"))
    def sent(self, mailing: Mailing) -> int:
        return mailing.sent_count  # type: ignore[attr-defined]  # annotated

    @admin.display(description=_("mislukt"))
    def failed(self, mailing: Mailing) -> int:
        return mailing.failed_count  # type: ignore[attr-defined]  # annotated

    @admin.display(description=_("vervallen"))
    def skipped(self, mailing: Mailing) -> int:
        return mailing.skipped_count  # type: ignore[attr-defined]  # annotated
