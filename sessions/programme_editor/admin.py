"""The programme editor's pages, hooked into EventAdmin by a mixin.

Like the other event tools (events/event_admin_tools.py), every view fetches the event
through the admin's own scoped queryset and checks its change permission, so only editors
of the event's organisation (and superusers) get in. Every save is a POST that redirects
back to the editor with a message; with errors the page comes back with what was typed.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.admin_tools import AdminMixinBase
from sessions.programme_editor.forms import session_formset, timeline_formsets
from sessions.programme_editor.queries import editor_programme
from sessions.programme_editor.services import (
    Changes,
    ProgrammeEditError,
    save_sessions,
    save_timeline,
)
from sessions.programme_editor.warnings import programme_warnings


class ProgrammeEditorMixin(AdminMixinBase):
    def get_urls(self):
        own = [
            path(
                "<path:object_id>/programma/",
                self.admin_site.admin_view(self.programme_editor_view),
                name=f"{self.opts.app_label}_{self.opts.model_name}_programme",
            ),
        ]
        # Before the admin's own patterns: its catch-all would take this path otherwise.
        return own + super().get_urls()

    @property
    def _editor_url_name(self) -> str:
        return f"admin:{self.opts.app_label}_{self.opts.model_name}_programme"

    def programme_editor_link(self, event) -> str:
        url = reverse(self._editor_url_name, args=[event.pk], current_app=self.admin_site.name)
        return format_html('<a href="{}">{}</a>', url, _("programma bewerken"))

    programme_editor_link.short_description = gettext_lazy("programma")  # type: ignore[attr-defined]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and self.has_change_permission(request, obj):
            context["may_edit_programme"] = True
            context["programme_warnings"] = programme_warnings(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _editable_event(self, request: HttpRequest, object_id: str):
        if not self.has_change_permission(request):
            raise PermissionDenied
        event = self.get_object(request, unquote(object_id))
        if event is None:
            raise Http404(_("Dit evenement bestaat niet."))
        if not self.has_change_permission(request, event):
            raise PermissionDenied
        return event

    def programme_editor_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        event = self._editable_event(request, object_id)
        programme = editor_programme(event)
        part = request.POST.get("part") if request.method == "POST" else None
        timeline_data = request.POST if part == "timeline" else None
        slots, themes = timeline_formsets(event, programme, timeline_data)
        sessions = session_formset(programme, request.POST if part == "sessions" else None)
        try:
            if part == "timeline" and slots.is_valid() and themes.is_valid():
                rows = {"slots": slots.rows(), "themes": themes.rows()}
                return self._saved(request, event, save_timeline(event_id=event.pk, **rows))
            if part == "sessions" and sessions.is_valid():
                rows = {"sessions": sessions.rows()}
                return self._saved(request, event, save_sessions(event_id=event.pk, **rows))
        except ProgrammeEditError as error:
            messages.error(request, error.message)
        else:
            if part is not None:
                messages.error(request, _("Er is niets opgeslagen: verbeter de fouten hieronder."))
        return TemplateResponse(
            request,
            "admin/sessions/programme_editor.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": event,
                "title": _("Programma van %(title)s") % {"title": event.title},
                "programme": programme,
                "warnings": programme_warnings(event),
                "slot_formset": slots,
                "theme_formset": themes,
                "session_formset": sessions,
            },
        )

    def _saved(self, request: HttpRequest, event, changes: Changes) -> HttpResponse:
        for notice in changes.notices:
            messages.warning(request, notice)
        if changes:
            messages.success(
                request,
                _("Opgeslagen: %(created)s nieuw, %(changed)s gewijzigd, %(deleted)s verwijderd.")
                % {
                    "created": changes.created,
                    "changed": changes.changed,
                    "deleted": changes.deleted,
                },
            )
        else:
            messages.info(request, _("Er was niets veranderd."))
        return HttpResponseRedirect(
            reverse(self._editor_url_name, args=[event.pk], current_app=self.admin_site.name)
        )
