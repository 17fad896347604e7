"""The organisers' admin site: Django's AdminSite with the portal's name, its login limits,
and the organisations' rules on the two site-wide views that look objects up by id.

Installed as the default site by cooperatieve_stad.apps.AdminConfig (in INSTALLED_APPS
instead of "django.contrib.admin"), so `admin.site` and `@admin.register` everywhere are
this site.
"""

from typing import cast

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path

from common.admin_login import RateLimitedAdminLoginForm
from teams.admin_scoping import LabelledAutocompleteJsonView, view_on_site


class CooperatieveStadAdminSite(admin.AdminSite):
    site_header = "Coöperatieve Stad"
    site_title = "Coöperatieve Stad"
    index_title = "Beheer"
    login_form = RateLimitedAdminLoginForm

    def autocomplete_view(self, request: HttpRequest) -> HttpResponse:
        """/admin/autocomplete/: what the target admin's get_queryset and search give (so
        scoped by the organisations' rules), labelled as the pickers label their choices
        ("Thema 1. Buurtbudgetten · Werken in de wijk")."""
        view = LabelledAutocompleteJsonView.as_view(admin_site=self)
        return cast(HttpResponse, view(request))  # a JsonResponse; as_view() is typed loosely

    def get_urls(self) -> list[URLPattern | URLResolver]:
        # Django's "view on site" shortcut sends any staff user to any object's page; ours
        # follows only objects the user may view in their admin (teams.admin_scoping).
        urls = [url for url in super().get_urls() if getattr(url, "name", None) != "view_on_site"]
        own = path(
            "r/<int:content_type_id>/<path:object_id>/",
            self.admin_view(view_on_site),
            name="view_on_site",
        )
        return [own, *urls]
