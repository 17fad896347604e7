from django.contrib import admin, messages
from django.contrib.admin import RelatedOnlyFieldListFilter
from django.db import models, transaction
from django.db.models import Prefetch
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from cooperatieve_stad.admin_tools import RejectedByDatabaseMixin, small_textarea
from events.emails import ResendResult, resend_undelivered, send_event_mail
from events.enums import EventStatus, MailKind
from events.event_admin_tools import EventToolsMixin
from events.models import Event, EventFAQ, Reservation, Series, UndeliveredMail, Venue
from events.participants import participants_csv
from events.services import fill_from_waitlist
from sessions.admin import SeatChoiceInline, SlotInline, ThemeInline
from sessions.models import SeatChoice
from teams import permissions
from teams.admin_scoping import (
    OrganisationScopedAdmin,
    OrganisationScopedInline,
    SharedReferenceAdmin,
)


@admin.register(Series)
class SeriesAdmin(SharedReferenceAdmin, admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Venue)
class VenueAdmin(SharedReferenceAdmin, admin.ModelAdmin):
    list_display = ["name", "street_address", "postcode", "city"]
    list_filter = ["city"]
    search_fields = ["name", "street_address", "city"]


class EventFAQInline(OrganisationScopedInline, admin.StackedInline):
    model = EventFAQ
    fields = [("question", "order"), "answer"]
    formfield_overrides = {models.TextField: {"widget": small_textarea(3)}}
    extra = 0


# Changes that attendees must hear about.
NOTIFIED_FIELDS = {"starts_at", "ends_at", "venue", "format", "livestream_url", "participation_url"}


def organiser_change_mail(changed: list[str], event: Event) -> MailKind | None:
    if "status" in changed and event.status == EventStatus.CANCELLED:
        return MailKind.EVENT_CANCELLED
    if NOTIFIED_FIELDS & set(changed) and event.status == EventStatus.PUBLISHED:
        return MailKind.EVENT_CHANGED
    return None


@admin.register(Event)
class EventAdmin(
    EventToolsMixin, OrganisationScopedAdmin, RejectedByDatabaseMixin, SimpleHistoryAdmin
):
    list_display = [
        "title",
        "starts_at",
        "format",
        "status",
        "organiser",
        "capacity",
        "participant_page",
    ]
    # Filters list only what the user's own events use, never another organisation's names.
    list_filter = [
        "status",
        "format",
        ("series", RelatedOnlyFieldListFilter),
        ("organiser", RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["organiser"]
    date_hierarchy = "starts_at"
    search_fields = ["title", "summary", "venue__city"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["series", "organiser", "partners", "moderator", "venue"]
    inlines = [SlotInline, ThemeInline, EventFAQInline]
    save_on_top = True

    @admin.display(description=_("deelnemers"))
    def participant_page(self, event: Event) -> str:
        url = reverse("events:participants", args=[event.slug])
        return format_html('<a href="{}">{}</a>', url, _("lijst en aanmelden"))

    def view_on_site(self, event: Event) -> str:
        # A draft is not on the site yet: its organisers look at the private preview.
        if event.status == EventStatus.DRAFT:
            return reverse("events:preview", args=[event.slug])
        return event.get_absolute_url()

    def get_autocomplete_fields(self, request: HttpRequest) -> list[str]:
        # An editor organises only for their own organisations: a short select of those.
        if permissions.sees_everything(request.user):
            return self.autocomplete_fields
        return [name for name in self.autocomplete_fields if name != "organiser"]

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "organiser":
            kwargs["queryset"] = permissions.organisations_edited_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Event, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if not change:
            return
        if "capacity" in form.changed_data:
            # More places: the waiting list moves up at once.
            fill_from_waitlist(event_id=obj.pk)
        kind = organiser_change_mail(form.changed_data, obj)
        if kind:
            transaction.on_commit(lambda: send_event_mail(obj.pk, kind))

    fieldsets = [
        (
            None,
            {"fields": ["title", "slug", "status", "series", "organiser", "partners", "moderator"]},
        ),
        (None, {"fields": ["summary", "description", "image", "contact_email"]}),
        ("Wanneer en waar", {"fields": [("starts_at", "ends_at"), "format", "venue"]}),
        ("Online", {"fields": ["livestream_url", "participation_url", "networking_url"]}),
        (
            "Reserveren",
            {
                "fields": [
                    "reservation_required",
                    "capacity",
                    ("reservations_open_at", "reservations_close_at"),
                    "includes_meal",
                    "included",
                ]
            },
        ),
    ]


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
        choices = SeatChoice.objects.select_related("sitting__session", "slot").order_by(
            "slot__starts_at"
        )
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("seat_choices", queryset=choices, to_attr="choice_list"))
        )

    @admin.display(description=_("sessies"))
    def sessions(self, reservation: Reservation) -> str:
        return "; ".join(
            f"{choice.slot.title}: {choice.sitting.session}" for choice in reservation.choice_list
        )

    @admin.display(description=_("deelnemerslijst"))
    def participant_page(self, reservation: Reservation) -> str:
        url = reverse("events:participants", args=[reservation.event.slug])
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
    fields = ["reservation", "kind", "error", "failed_at", "sent_at"]
    readonly_fields = fields
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
