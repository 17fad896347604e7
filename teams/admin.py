from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from common.admin_tools import BoundedSearchMixin, DutchArticleMixin
from teams.models import Membership


class MembershipOfOrganisationInline(admin.TabularInline):
    """Who works for the organisation, in which role (superusers only: Django's own rights)."""

    model = Membership
    fields = ["user", "role"]
    autocomplete_fields = ["user"]
    extra = 0
    verbose_name_plural = _("team")


class MembershipOfUserInline(admin.TabularInline):
    model = Membership
    fields = ["organisation", "role"]
    autocomplete_fields = ["organisation"]
    extra = 0
    verbose_name_plural = _("organisaties")


@admin.register(Membership)
class MembershipAdmin(DutchArticleMixin, BoundedSearchMixin, admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role", ("organisation", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["user", "organisation"]
    search_fields = ["user__username", "user__email", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


User = get_user_model()


class UserWithMembershipsAdmin(BoundedSearchMixin, UserAdmin):
    inlines = [*UserAdmin.inlines, MembershipOfUserInline]


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, UserWithMembershipsAdmin)
