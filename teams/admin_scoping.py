"""Admin mixins that apply teams.permissions to every page, action, export and autocomplete.

The scoping lives in get_queryset and the has_*_permission methods, so that views added to
these admins later (get_object, changelist actions, custom URLs that ask them) inherit it.
"""

from typing import Any

from django.contrib import admin
from django.contrib.admin import RelatedOnlyFieldListFilter
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Field, ForeignKey, ManyToManyField, Model, QuerySet
from django.forms import ModelChoiceField, ModelMultipleChoiceField
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect

from common.admin_tools import (
    AnyAdminMixinBase,
    BoundedDateHierarchyMixin,
    BoundedSearchMixin,
    DutchArticleMixin,
    InlineMixinBase,
)
from teams import permissions
from teams.enums import EDITING_ROLES, HOSTING_ROLES


def choice_label(obj: Model) -> str:
    """What a picker shows for `obj`: its `picker_label()` (which names the event or the
    organisation it belongs to, so that two "Thema 1" can be told apart), else its name."""
    label = getattr(obj, "picker_label", None)
    return label() if callable(label) else str(obj)


def for_labels(queryset: QuerySet) -> QuerySet:
    """`queryset` with the rows its labels read (the model's `picker_related`) joined."""
    related = getattr(queryset.model, "picker_related", ())
    return queryset.select_related(*related) if related else queryset


def narrow_choices(request: HttpRequest, db_field: Field, kwargs: dict) -> None:
    """Offer (and accept) only objects of the user's organisations in a FK or M2M field,
    whether it is a select or an autocomplete widget."""
    model = db_field.related_model
    if not isinstance(model, type) or not permissions.bound_to_organisation(model):
        return
    queryset = kwargs.get("queryset")
    if queryset is None:
        queryset = model._default_manager.all()
    kwargs["queryset"] = for_labels(permissions.scope(queryset, request.user, EDITING_ROLES))


def _labelled(formfield: Any) -> Any:
    if formfield is not None and hasattr(formfield, "label_from_instance"):
        formfield.label_from_instance = choice_label
    return formfield


class NarrowedChoicesMixin(AnyAdminMixinBase):
    def formfield_for_foreignkey(
        self, db_field: ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField | None:
        narrow_choices(request, db_field, kwargs)
        return _labelled(super().formfield_for_foreignkey(db_field, request, **kwargs))

    def formfield_for_manytomany(
        self, db_field: ManyToManyField, request: HttpRequest, **kwargs: Any
    ) -> ModelMultipleChoiceField | None:
        narrow_choices(request, db_field, kwargs)
        return _labelled(super().formfield_for_manytomany(db_field, request, **kwargs))


class LabelledRelatedOnlyFilter(RelatedOnlyFieldListFilter):
    """A list filter of the related objects the list's own rows use, labelled as the
    pickers label them (with their event or organisation)."""

    def field_choices(self, field, request, model_admin):
        used = (
            model_admin.get_queryset(request)
            .distinct()
            .values_list(f"{self.field_path}__pk", flat=True)
        )
        objects = for_labels(field.related_model._default_manager.filter(pk__in=used))
        ordering = self.field_admin_ordering(field, request, model_admin)
        if ordering:
            objects = objects.order_by(*ordering)
        return [(obj.pk, choice_label(obj)) for obj in objects]


class LabelledAutocompleteJsonView(AutocompleteJsonView):
    """The admin's autocomplete (/admin/autocomplete/), with the pickers' labels.

    What it offers stays what the target admin's get_queryset and get_search_results give,
    so it is scoped by the same mixins as the admin's pages."""

    def get_queryset(self) -> QuerySet:
        return for_labels(super().get_queryset())

    def serialize_result(self, obj: Model, to_field_name: str) -> dict[str, str]:
        return {"id": str(getattr(obj, to_field_name)), "text": choice_label(obj)}


class OrganisationScopedAdmin(
    DutchArticleMixin, BoundedSearchMixin, BoundedDateHierarchyMixin, NarrowedChoicesMixin
):
    """A ModelAdmin of objects that belong to an organisation's event (or to it, for speakers).

    Editors of the organisation see and change them, hosts see them when `hosts_may_view`,
    superusers everything; anybody else gets an empty admin. Another organisation's object
    answers 404, also when its id is typed into a URL.
    """

    hosts_may_view = False

    def viewing_roles(self) -> tuple[str, ...]:
        return HOSTING_ROLES if self.hosts_may_view else EDITING_ROLES

    def get_queryset(self, request: HttpRequest):
        return permissions.scope(super().get_queryset(request), request.user, self.viewing_roles())

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        user = request.user
        if obj is None:
            return permissions.sees_everything(user) or bool(
                permissions.organisation_ids(user, self.viewing_roles())
            )
        return permissions.may_see(user, obj, self.viewing_roles())

    def has_add_permission(self, request: HttpRequest) -> bool:
        return permissions.is_editor(request.user)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        if obj is None:
            return permissions.is_editor(request.user)
        return permissions.may_change(request.user, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return self.has_change_permission(request, obj)

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Django sends a missing object to the index with a message; for an object of another
        # organisation that would tell it exists elsewhere. A plain 404 tells nothing; a user
        # who may not open this admin at all is refused as on its other pages.
        if not self.has_view_permission(request):
            raise PermissionDenied
        raise Http404

    def history_view(self, request: HttpRequest, object_id: str, extra_context=None):
        try:
            return super().history_view(request, object_id, extra_context)
        except PermissionDenied:
            # simple-history falls back to the last historical version of an object outside
            # our queryset and then refuses it: to the user it does not exist.
            if self.has_view_permission(request):
                raise Http404 from None
            raise

    def history_form_view(self, request: HttpRequest, object_id: str, version_id: str, **kwargs):
        # Reverting posts an old version back through save(): that would bypass the services
        # (capacity, waiting list) and the organisation checks of the form. Reading is fine.
        if request.method != "GET":
            raise PermissionDenied
        if self.get_object(request, unquote(object_id)) is None:
            self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return super().history_form_view(request, object_id, version_id, **kwargs)  # type: ignore[misc]  # simple-history's admin has no types


class OrganisationScopedInline(NarrowedChoicesMixin, InlineMixinBase):
    """An inline of such an admin: `obj` in the permission methods is the parent object."""

    hosts_may_view = False

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        roles = HOSTING_ROLES if self.hosts_may_view else EDITING_ROLES
        if obj is None:
            return permissions.sees_everything(request.user) or bool(
                permissions.organisation_ids(request.user, roles)
            )
        return permissions.may_see(request.user, obj, roles)

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return self.has_change_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        if obj is None:
            return permissions.is_editor(request.user)
        return permissions.may_change(request.user, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return self.has_change_permission(request, obj)


class ManagedByMixin(AnyAdminMixinBase):
    """The `managed_by` field of a shared record (speaker, venue, series, organisation):
    an editor hands it only to one of their own organisations and must name one, since a
    record managed by nobody is read-only to them (teams.permissions)."""

    def formfield_for_foreignkey(
        self, db_field: ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField | None:
        if db_field.name == "managed_by" and not permissions.sees_everything(request.user):
            kwargs["queryset"] = permissions.organisations_edited_by(request.user)
            kwargs["required"] = True
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ManagedRecordAdmin(ManagedByMixin, OrganisationScopedAdmin):
    """Reference data one organisation keeps up to date: venues, series, partner organisations.

    Every editor sees and picks all of them; editors add them for their own organisation and
    change or delete those it manages (`managed_by`); the others, and those managed by
    nobody, they only view. The rule itself is the model's queryset's `for_organisations`.
    """


class SharedReferenceAdmin(DutchArticleMixin, BoundedSearchMixin, BoundedDateHierarchyMixin):
    """Reference data of the whole portal that no organisation manages (initiatives,
    domains, collections, documents).

    Editors may look them up and choose them (autocomplete); only superusers change them,
    because a change shows on every organisation's events.
    """

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return permissions.is_editor(request.user)

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return permissions.sees_everything(request.user)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return permissions.sees_everything(request.user)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return permissions.sees_everything(request.user)


def view_on_site(request: HttpRequest, content_type_id: int, object_id: str) -> HttpResponse:
    """The admin's "view on site" (/admin/r/<content type>/<id>/) under the admin's own rules.

    Django's shortcut sends any staff user to any object's page, so typing ids would reveal
    another organisation's drafts (title and date in the URL). Here only an object the
    user may view in its admin is followed, to where that admin sends it (a draft event to
    its preview); anything else is a 404, whether or not it exists.
    """
    try:
        content_type = ContentType.objects.get_for_id(content_type_id)
    except ContentType.DoesNotExist:
        raise Http404 from None
    model = content_type.model_class()
    model_admin = admin.site._registry.get(model) if model is not None else None
    if model_admin is None:
        raise Http404
    obj = model_admin.get_object(request, unquote(object_id))
    if obj is None or not model_admin.has_view_permission(request, obj):
        raise Http404
    url: str | None = None
    if callable(model_admin.view_on_site):
        url = model_admin.view_on_site(obj)
    elif model_admin.view_on_site and hasattr(obj, "get_absolute_url"):
        url = obj.get_absolute_url()
    if not url:
        raise Http404
    return HttpResponseRedirect(url)
