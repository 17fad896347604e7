"""The programme editor's pages, hooked into EventAdmin by a mixin.

Like the other event tools (events/event_admin_tools.py), every view fetches the event
through the admin's own scoped queryset and checks its change permission, so only editors
of the event's organisation (and superusers) get in. Every save is a POST that redirects
back to the editor with a message; with errors the page comes back with what was typed.

`static/js/programme-editor.js` sends the sessions form to the same view with `fetch`,
asking for JSON (`Accept: application/json`). The view then takes the same path (the
same formset, the same service, one transaction) and answers, instead of the redirect or
the page, with the parts of the page that the save changes: the messages, the warnings,
the overview and the sessions form, saved afresh or with the errors by row.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.forms import BaseFormSet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.admin_tools import AdminMixinBase
from common.http import wants_json
from sessions.programme_editor.forms import session_formset, timeline_formsets
from sessions.programme_editor.queries import EditorProgramme, editor_programme, initiative_names
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
        in_place = part == "sessions" and wants_json(request)
        try:
            if part == "timeline" and slots.is_valid() and themes.is_valid():
                rows = {"slots": slots.rows(), "themes": themes.rows()}
                return self._saved(request, event, save_timeline(event_id=event.pk, **rows))
            if part == "sessions" and sessions.is_valid():
                rows = {"sessions": sessions.rows()}
                changes = save_sessions(event_id=event.pk, **rows)
                if in_place:
                    self._message_saved(request, changes)
                    return self._sessions_answer(request, event, editor_programme(event))
                return self._saved(request, event, changes)
        except ProgrammeEditError as error:
            messages.error(request, error.message)
        else:
            if part is not None:
                messages.error(request, _("Er is niets opgeslagen: verbeter de fouten hieronder."))
        if in_place:
            return self._sessions_answer(request, event, programme, sessions)
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
                "initiative_names": initiative_names(),
            },
        )

    def _sessions_answer(
        self,
        request: HttpRequest,
        event,
        programme: EditorProgramme,
        refused: BaseFormSet | None = None,
    ) -> JsonResponse:
        """The parts of the editor a save of the sessions changes, for the script: after a
        save, the sessions form afresh (new rows now have their id); after a refusal, the
        form as it was sent, with the errors by row (422)."""
        formset = refused if refused is not None else session_formset(programme)
        context = {"programme": programme, "session_formset": formset}

        def part(template: str, **extra) -> str:
            return render_to_string(template, {**context, **extra}, request=request)

        errors = {
            str(index): form.errors.get_json_data()
            for index, form in enumerate(formset.forms)
            if form.errors
        }
        return JsonResponse(
            {
                "saved": refused is None,
                "messages": part(
                    "admin/sessions/programme_editor_messages.html",
                    messages=list(get_messages(request)),
                ),
                "warnings": part(
                    "admin/sessions/programme_editor_warnings.html",
                    warnings=programme_warnings(event),
                ),
                "overview": part("admin/sessions/programme_editor_overview.html"),
                "sessions": part("admin/sessions/programme_editor_sessions.html"),
                "errors": {
                    "rows": errors,
                    "form": [str(error) for error in formset.non_form_errors()],
                },
            },
            status=200 if refused is None else 422,
        )

    def _message_saved(self, request: HttpRequest, changes: Changes) -> None:
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

    def _saved(self, request: HttpRequest, event, changes: Changes) -> HttpResponse:
        self._message_saved(request, changes)
        return HttpResponseRedirect(
            reverse(self._editor_url_name, args=[event.pk], current_app=self.admin_site.name)
        )
