from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.admin_tools import small_textarea
from initiatives.models import (
    Collection,
    CollectionMembership,
    Document,
    Domain,
    Initiative,
    Organisation,
)
from teams.admin import MembershipOfOrganisationInline
from teams.admin_scoping import (
    LabelledRelatedOnlyFilter,
    ManagedRecordAdmin,
    SharedReferenceAdmin,
)


@admin.register(Organisation)
class OrganisationAdmin(ManagedRecordAdmin, admin.ModelAdmin):
    """Partner organisations, kept by the organisation that added them. Its team
    (memberships) stays with superusers: the inline refuses everybody else, or an editor could
    give themselves a role at any organisation they manage."""

    list_display = ["name", "kind", "city", "website", "managed_by"]
    list_filter = ["kind", "city", ("managed_by", LabelledRelatedOnlyFilter)]
    list_select_related = ["managed_by"]
    search_fields = ["name", "city"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipOfOrganisationInline]


@admin.register(Domain)
class DomainAdmin(SharedReferenceAdmin, admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class DocumentInline(admin.TabularInline):
    model = Document
    fields = ["title", "slug", "kind", "file", "url"]
    prepopulated_fields = {"slug": ["title"]}
    extra = 0


class MembershipOfInitiativeInline(admin.TabularInline):
    model = CollectionMembership
    fields = ["collection", "civil_servant", "initiator", "note"]
    autocomplete_fields = ["collection"]
    extra = 0
    verbose_name_plural = _("collecties")


@admin.register(Initiative)
class InitiativeAdmin(SharedReferenceAdmin, admin.ModelAdmin):
    list_display = ["name", "city", "district", "legal_form", "status"]
    list_filter = ["status", "legal_form", "domains", "city"]
    search_fields = ["name", "summary", "city", "district"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organisation", "domains"]
    inlines = [MembershipOfInitiativeInline, DocumentInline]


class CollectionMembershipInline(admin.TabularInline):
    model = CollectionMembership
    fields = ["initiative", "civil_servant", "initiator", "note"]
    autocomplete_fields = ["initiative"]
    formfield_overrides = {models.TextField: {"widget": small_textarea()}}
    extra = 0


@admin.register(Collection)
class CollectionAdmin(SharedReferenceAdmin, admin.ModelAdmin):
    list_display = ["name", "kind", "started_on"]
    list_filter = ["kind"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organisations"]
    inlines = [CollectionMembershipInline, DocumentInline]


@admin.register(Document)
class DocumentAdmin(SharedReferenceAdmin, admin.ModelAdmin):
    list_display = ["title", "kind", "initiative", "collection", "published_on"]
    list_filter = ["kind", "collection"]
    list_select_related = ["initiative", "collection"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["initiative", "collection"]
