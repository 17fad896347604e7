from typing import Any

from django.contrib import admin
from django.contrib.admin.options import IS_POPUP_VAR
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from common.admin_tools import (
    KnownAutocompleteSelectMultiple,
    RejectedByDatabaseMixin,
    parent_object_id,
    small_textarea,
)
from events.models import Event
from sessions.enums import SlotKind
from sessions.forms import SlotInlineForm, SlotInlineFormSet
from sessions.models import Moderator, Session, SessionSpeaker, Sitting, Slot, Speaker, Theme
from sessions.timeline import spans_several_days
from teams import permissions
from teams.admin_scoping import (
    LabelledRelatedOnlyFilter,
    ManagedByMixin,
    OrganisationScopedAdmin,
    OrganisationScopedInline,
    choice_label,
    for_labels,
)
from teams.enums import EDITING_ROLES


class SlotInline(OrganisationScopedInline, admin.TabularInline):
    """The event's timeline as times only (sessions.forms.SlotInlineForm): the date is the
    event's; an event of several days adds a choice of its day."""

    model = Slot
    form = SlotInlineForm
    formset = SlotInlineFormSet
    fields = [
        "starts",
        "ends",
        "title",
        "kind",
        "choice_required",
        "location",
        "speakers",
        "description",
    ]
    autocomplete_fields = ["speakers"]
    formfield_overrides = {models.TextField: {"widget": small_textarea()}}
    extra = 0

    def get_queryset(self, request: HttpRequest):
        # Each row shows its chosen speakers with their labels: fetched for all rows at once.
        speakers = Prefetch("speakers", queryset=for_labels(Speaker.objects.all()))
        return super().get_queryset(request).prefetch_related(speakers)

    def formfield_for_manytomany(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "speakers":
            kwargs["widget"] = KnownAutocompleteSelectMultiple(db_field, self.admin_site)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_fields(self, request: HttpRequest, obj=None):
        # `obj` is the event (with the times just posted, when a form comes back with errors).
        fields = list(super().get_fields(request, obj))
        if obj is not None and obj.starts_at and obj.ends_at and spans_several_days(obj):
            return ["day", *fields]
        return fields


class ModeratorInline(OrganisationScopedInline, admin.StackedInline):
    """The event's moderator, on the event's own form."""

    model = Moderator
    fields = ["speaker"]
    autocomplete_fields = ["speaker"]
    extra = 0
    max_num = 1


class ThemeInline(OrganisationScopedInline, admin.TabularInline):
    model = Theme
    fields = ["number", "title", "description"]
    formfield_overrides = {models.TextField: {"widget": small_textarea()}}
    extra = 0


@admin.register(Theme)
class ThemeAdmin(OrganisationScopedAdmin, admin.ModelAdmin):
    """Themes are edited with their event; this admin serves the autocomplete and a list."""

    list_display = ["__str__", "event"]
    list_filter = [("event", LabelledRelatedOnlyFilter)]
    list_select_related = ["event"]
    search_fields = ["title", "event__title"]


def session_event_id(request: HttpRequest) -> int | None:
    """The event whose themes and rounds the session's form offers: the session's own on its
    change form; on an add form the one posted (so that a form sent back with errors offers
    that event's), else the one the address names (?event=, SessionAdmin.add_view). Whatever
    is offered, the model's clean() refuses a theme or round of another event."""
    session_id = parent_object_id(request)
    if session_id is not None:
        if not is_id(session_id):
            return None
        return Session.objects.filter(pk=int(session_id)).values_list("event", flat=True).first()
    for event_id in (request.POST.get("event"), request.GET.get("event")):
        if is_id(event_id):
            return int(event_id)  # type: ignore[arg-type]  # is_id: a str of digits
    return None


# What the theme and round pickers say of a choice they do not offer (another event's):
# the model's own words for the same rule (Session.clean, Sitting.clean).
OTHER_EVENTS_THEME = _("Kies een thema van hetzelfde evenement.")
OTHER_EVENTS_ROUND = _("Kies een ronde van hetzelfde evenement als de sessie.")


class SittingInline(OrganisationScopedInline, admin.TabularInline):
    model = Sitting
    fields = ["slot", "room", "capacity"]
    extra = 0

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "slot":
            rounds = Slot.objects.filter(kind=SlotKind.ROUND)
            event_id = session_event_id(request)
            if event_id is not None:
                rounds = rounds.filter(event_id=event_id)
            kwargs["queryset"] = rounds
            kwargs["error_messages"] = {"invalid_choice": OTHER_EVENTS_ROUND}
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class SessionSpeakerInline(OrganisationScopedInline, admin.TabularInline):
    model = SessionSpeaker
    fields = ["speaker", "role", "order"]
    autocomplete_fields = ["speaker"]
    extra = 0


def is_id(value: str | None) -> bool:
    """A row id from the address. Not str.isdigit() alone: that accepts '²', which int()
    refuses (tests/fuzz/test_filters.py found it)."""
    return value is not None and value.isascii() and value.isdigit()


class RoundListFilter(admin.SimpleListFilter):
    """Break-out rounds, narrowed to the chosen event."""

    title = _("ronde")
    parameter_name = "round"

    def lookups(  # type: ignore[override]  # ids as keys, as Django's own filters give
        self, request: HttpRequest, model_admin: "admin.ModelAdmin[Any]"
    ) -> list[tuple[int, str]]:
        rounds = permissions.scope(
            Slot.objects.filter(kind=SlotKind.ROUND).select_related("event"), request.user
        )
        event_id = request.GET.get("event__id__exact")
        if is_id(event_id):
            return [(slot.pk, str(slot)) for slot in rounds.filter(event_id=event_id)]
        return [(slot.pk, choice_label(slot)) for slot in rounds]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        if is_id(value):
            return queryset.filter(sittings__slot=value)
        return queryset


@admin.register(Session)
class SessionAdmin(OrganisationScopedAdmin, RejectedByDatabaseMixin, SimpleHistoryAdmin):
    class Media:
        css = {"all": ["css/admin-pickers.css"]}

    list_display = ["code", "title", "event", "theme", "format"]
    list_display_links = ["code", "title"]
    list_filter = [
        ("event", LabelledRelatedOnlyFilter),
        ("theme", LabelledRelatedOnlyFilter),
        RoundListFilter,
        "format",
    ]
    list_select_related = ["event", "theme"]
    search_fields = ["code", "title", "description", "speakers__name", "event__title"]
    prepopulated_fields = {"slug": ["title"]}
    # The theme is a select, not an autocomplete: it lists the themes of the session's event
    # (see formfield_for_foreignkey), which a search across all themes could not.
    autocomplete_fields = ["event", "initiatives"]
    fields = [
        "event",
        "theme",
        "code",
        "title",
        "slug",
        "format",
        "summary",
        "description",
        "initiatives",
    ]
    inlines = [SittingInline, SessionSpeakerInline]
    save_on_top = True

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        if db_field.name == "theme":
            event_id = session_event_id(request)
            if event_id is not None:
                kwargs["queryset"] = Theme.objects.filter(event_id=event_id)
            kwargs["error_messages"] = {"invalid_choice": OTHER_EVENTS_THEME}
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def add_view(self, request: HttpRequest, form_url: str = "", extra_context=None):
        if (
            request.method == "GET"
            and IS_POPUP_VAR not in request.GET
            and not is_id(request.GET.get("event"))
        ):
            return self.choose_event_view(request)
        return super().add_view(request, form_url, extra_context)

    def choose_event_view(self, request: HttpRequest) -> HttpResponse:
        """A new session starts with its event, so that its form offers only that event's
        themes and rounds. One event to choose from, or a list filtered on one, needs no
        choice: the add form opens for it at once."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        events = list(
            permissions.scope(Event.objects.order_by("-starts_at"), request.user, EDITING_ROLES)
        )
        filtered = QueryDict(request.GET.get("_changelist_filters", "")).get("event__id__exact")
        chosen = [event for event in events if str(event.pk) == filtered] or (
            events if len(events) == 1 else []
        )
        if chosen:
            query = request.GET.copy()
            query["event"] = str(chosen[0].pk)
            return HttpResponseRedirect(f"{request.path}?{query.urlencode()}")
        return TemplateResponse(
            request,
            "admin/sessions/session/choose_event.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": _("Sessie toevoegen"),
                "events": [(event.pk, choice_label(event)) for event in events],
                "kept": [(name, value) for name, value in request.GET.items() if name != "event"],
            },
        )


@admin.register(Speaker)
class SpeakerAdmin(ManagedByMixin, OrganisationScopedAdmin, admin.ModelAdmin):
    """Editors see the speakers their organisation manages, those nobody manages and those
    on its own or a public programme, and pick any of them; they change only those their
    organisation manages (SpeakerQuerySet.for_organisations). A new one is managed by theirs."""

    list_display = ["name", "title", "organisation", "managed_by"]
    list_filter = [
        ("organisation", LabelledRelatedOnlyFilter),
        ("managed_by", LabelledRelatedOnlyFilter),
    ]
    list_select_related = ["organisation", "managed_by"]
    search_fields = ["name", "title", "organisation__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organisation"]
