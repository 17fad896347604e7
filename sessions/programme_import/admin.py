"""The import in the event admin: upload, preview, confirm; and the template to fill in.

Nothing is kept on the server between preview and confirm: the preview's form carries the
rows read from the file, signed, and confirming checks them again against the event as it
is then. The event is fetched as by the event's other tools (`EventToolsMixin._event_for`),
so only the editors of its organisation (and superusers) get here.
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path
from django.utils.translation import gettext as _

from events.event_admin_tools import EventToolsMixin
from sessions.programme_import import template
from sessions.programme_import.checking import check_rows
from sessions.programme_import.forms import ProgrammeUploadForm, sign_rows, unsign_rows
from sessions.programme_import.service import ImportRejected, import_programme

TEMPLATES = "admin/sessions/programme_import"


class ProgrammeImportMixin(EventToolsMixin):
    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        own = [
            path(
                "<path:object_id>/programma-importeren/",
                self.admin_site.admin_view(self.import_programme_view),
                name=f"{prefix}_import_programme",
            ),
            path(
                "<path:object_id>/programma-importeren/sjabloon.<str:extension>",
                self.admin_site.admin_view(self.programme_template_view),
                name=f"{prefix}_programme_template",
            ),
        ]
        return own + super().get_urls()

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["may_import_programme"] = self.has_change_permission(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def import_programme_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        event = self._event_for(request, object_id)
        title = _("Programma importeren in %(title)s") % {"title": event.title}
        if request.method == "POST" and "token" in request.POST:
            return self._confirm(request, event, title)
        posted = request.method == "POST"
        form = ProgrammeUploadForm(request.POST, request.FILES) if posted else ProgrammeUploadForm()
        if posted and form.is_valid():
            plan = check_rows(event, form.rows)
            return self._tool_page(
                request,
                event,
                f"{TEMPLATES}_preview.html",
                title,
                plan=plan,
                file_name=form.cleaned_data["file"].name,
                token=sign_rows(event.pk, form.rows)
                if plan.has_changes and not plan.errors
                else "",
            )
        return self._tool_page(request, event, f"{TEMPLATES}.html", title, form=form)

    def _confirm(self, request: HttpRequest, event, title: str) -> HttpResponse:
        rows = unsign_rows(event.pk, request.POST["token"])
        if rows is None:
            return self._tool_page(
                request,
                event,
                f"{TEMPLATES}.html",
                title,
                form=ProgrammeUploadForm(),
                import_error=_(
                    "De voorvertoning is verlopen of niet van dit evenement; kies het bestand "
                    "opnieuw."
                ),
            )
        try:
            plan = import_programme(event_id=event.pk, rows=rows)
        except ImportRejected as error:
            # The programme changed since the preview: show what is wrong now.
            messages.error(request, error.message)
            return self._tool_page(
                request,
                event,
                f"{TEMPLATES}_preview.html",
                title,
                plan=error.plan or check_rows(event, rows),
                file_name="",
                token="",
            )
        messages.success(
            request,
            _(
                "Programma geïmporteerd: %(new)s nieuwe en %(changed)s gewijzigde sessies, "
                "%(speakers)s nieuwe sprekers."
            )
            % {
                "new": plan.count("new"),
                "changed": plan.count("changed"),
                "speakers": len(plan.new_speakers),
            },
        )
        return HttpResponseRedirect(self._change_url(event))

    def programme_template_view(
        self, request: HttpRequest, object_id: str, extension: str
    ) -> HttpResponse:
        self._event_for(request, object_id)
        rows = template.example_rows()
        if extension == "csv":
            content, content_type = template.as_csv(rows), "text/csv; charset=utf-8"
        elif extension == "xlsx":
            content = template.as_xlsx(rows, title=_("Programma"))
            content_type = template.XLSX_TYPE
        else:
            raise Http404
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="programma-sjabloon.{extension}"'
        return response
