"""Accounts, groups and memberships: superusers only, whatever model permissions staff hold.

A membership decides what a staff user sees (teams.permissions); whoever could add one could
give themselves any organisation, and the user list shows every account's e-mail address.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from common.admin_tools import AnyAdminMixinBase, BoundedSearchMixin, DutchArticleMixin
from teams import permissions
from teams.models import Membership


class SuperusersOnlyMixin(AnyAdminMixinBase):
    """Every page, action and autocomplete of this admin (or inline) for superusers alone.

    Django's model permissions (auth.view_user, teams.add_membership, …) count for nothing
    here, like everywhere else in the organisers' admin (teams.permissions).
    """

    def has_module_permission(self, request: HttpRequest) -> bool:
        return permissions.sees_everything(request.user)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return permissions.sees_everything(request.user)

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return permissions.sees_everything(request.user)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return permissions.sees_everything(request.user)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return permissions.sees_everything(request.user)


class MembershipOfOrganisationInline(SuperusersOnlyMixin, admin.TabularInline):
    """Who works for the organisation, in which role (superusers only)."""

    model = Membership
    fields = ["user", "role"]
    autocomplete_fields = ["user"]
    extra = 0
    verbose_name_plural = _("team")


class MembershipOfUserInline(SuperusersOnlyMixin, admin.TabularInline):
    model = Membership
    fields = ["organisation", "role"]
    autocomplete_fields = ["organisation"]
    extra = 0
    verbose_name_plural = _("organisaties")


@admin.register(Membership)
class MembershipAdmin(SuperusersOnlyMixin, DutchArticleMixin, BoundedSearchMixin, admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role", ("organisation", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["user", "organisation"]
    search_fields = ["user__username", "user__email", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


User = get_user_model()


class UserWithMembershipsAdmin(SuperusersOnlyMixin, BoundedSearchMixin, UserAdmin):
    inlines = [*UserAdmin.inlines, MembershipOfUserInline]


class SuperusersOnlyGroupAdmin(SuperusersOnlyMixin, GroupAdmin):
    """Groups hand out model permissions: who manages them manages what others may do."""


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, UserWithMembershipsAdmin)
if admin.site.is_registered(Group):
    admin.site.unregister(Group)
admin.site.register(Group, SuperusersOnlyGroupAdmin)
