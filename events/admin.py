from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from cooperatieve_stad.admin_tools import RejectedByDatabaseMixin, small_textarea
from events.models import Event, EventFAQ, Reservation, Series, Venue
from sessions.admin import SeatChoiceInline, SlotInline, ThemeInline


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name", "street_address", "postcode", "city"]
    list_filter = ["city"]
    search_fields = ["name", "street_address", "city"]


class EventFAQInline(admin.StackedInline):
    model = EventFAQ
    fields = [("question", "order"), "answer"]
    formfield_overrides = {models.TextField: {"widget": small_textarea(3)}}
    extra = 0


@admin.register(Event)
class EventAdmin(RejectedByDatabaseMixin, admin.ModelAdmin):
    list_display = ["title", "starts_at", "format", "status", "organiser", "capacity"]
    list_filter = ["status", "format", "series", "organiser"]
    list_select_related = ["organiser"]
    date_hierarchy = "starts_at"
    search_fields = ["title", "summary", "venue__city"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["series", "organiser", "partners", "moderator", "venue"]
    inlines = [SlotInline, ThemeInline, EventFAQInline]
    save_on_top = True
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
class ReservationAdmin(RejectedByDatabaseMixin, admin.ModelAdmin):
    list_display = ["name", "event", "status", "code", "created_at", "checked_in_at"]
    list_filter = ["status", "event"]
    list_select_related = ["event"]
    search_fields = ["name", "email", "code"]
    autocomplete_fields = ["event", "user"]
    readonly_fields = ["code", "created_at", "cancelled_at"]
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

    def get_inlines(self, request: HttpRequest, obj: Reservation | None) -> list:
        # Seats are chosen among the sittings of the reservation's event, so it must exist first.
        return self.inlines if obj else []
