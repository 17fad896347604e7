from django.contrib import admin
from django.db import models
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from common.admin_tools import LOCAL_DATETIME, RejectedByDatabaseMixin, small_textarea
from events.enums import EventStatus
from events.event_admin_tools import EventToolsMixin
from events.models import Event, EventFAQ, Series, Venue
from reservations.admin import MailingInline
from sessions.admin import ModeratorInline, SlotInline, ThemeInline
from sessions.programme_editor.admin import ProgrammeEditorMixin
from sessions.programme_import.admin import ProgrammeImportMixin
from teams import permissions
from teams.admin_scoping import (
    LabelledRelatedOnlyFilter,
    ManagedRecordAdmin,
    OrganisationScopedAdmin,
    OrganisationScopedInline,
)


@admin.register(Series)
class SeriesAdmin(ManagedRecordAdmin, admin.ModelAdmin):
    list_display = ["name", "slug", "managed_by"]
    list_filter = [("managed_by", LabelledRelatedOnlyFilter)]
    list_select_related = ["managed_by"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "description", "managed_by"]


@admin.register(Venue)
class VenueAdmin(ManagedRecordAdmin, admin.ModelAdmin):
    list_display = ["name", "street_address", "postcode", "city", "managed_by"]
    list_filter = ["city", ("managed_by", LabelledRelatedOnlyFilter)]
    list_select_related = ["managed_by"]
    search_fields = ["name", "street_address", "city"]
    fields = ["name", "street_address", "postcode", "city", "country", "managed_by"]


class EventFAQInline(OrganisationScopedInline, admin.StackedInline):
    model = EventFAQ
    fields = [("question", "order"), "answer"]
    formfield_overrides = {models.TextField: {"widget": small_textarea(3)}}
    extra = 0


@admin.register(Event)
class EventAdmin(
    ProgrammeEditorMixin,
    ProgrammeImportMixin,
    EventToolsMixin,
    OrganisationScopedAdmin,
    RejectedByDatabaseMixin,
    SimpleHistoryAdmin,
):
    list_display = [
        "title",
        "starts_at",
        "format",
        "status",
        "organiser",
        "capacity",
        "programme_editor_link",
        "participant_page",
    ]
    # Filters list only what the user's own events use, never another organisation's names.
    list_filter = [
        "status",
        "format",
        ("series", LabelledRelatedOnlyFilter),
        ("organiser", LabelledRelatedOnlyFilter),
    ]
    list_select_related = ["organiser"]
    date_hierarchy = "starts_at"
    search_fields = ["title", "summary", "venue__city"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["series", "organiser", "partners", "venue"]
    inlines = [ModeratorInline, SlotInline, ThemeInline, EventFAQInline, MailingInline]
    # Times in Amsterdam, typed in the browser's own inputs: no time-zone warnings.
    formfield_overrides = {models.DateTimeField: LOCAL_DATETIME}
    save_on_top = True

    @admin.display(description=_("deelnemers"))
    def participant_page(self, event: Event) -> str:
        url = reverse("reservations:participants", args=[event.slug])
        return format_html('<a href="{}">{}</a>', url, _("lijst en aanmelden"))

    def view_on_site(self, event: Event) -> str:
        # A draft is not on the site yet: its organisers look at the private preview.
        if event.status == EventStatus.DRAFT:
            return reverse("events:preview", args=[event.slug])
        return event.get_absolute_url()

    def changeform_view(
        self, request: HttpRequest, object_id=None, form_url="", extra_context=None
    ):
        # The event's form carries its whole timeline: it takes the page's full width, without
        # the sidebar of models, so that a slot's row fits at 1280 px (static/css/admin-event.css).
        extra_context = {**(extra_context or {}), "is_nav_sidebar_enabled": False}
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_autocomplete_fields(self, request: HttpRequest) -> list[str]:
        # An editor organises only for their own organisations: a short select of those.
        if permissions.sees_everything(request.user):
            return self.autocomplete_fields
        return [name for name in self.autocomplete_fields if name != "organiser"]

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "organiser":
            kwargs["queryset"] = permissions.organisations_edited_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    fieldsets = [
        (
            None,
            {"fields": ["title", "slug", "status", "series", "organiser", "partners"]},
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
                    "reminder_hours",
                ]
            },
        ),
    ]
