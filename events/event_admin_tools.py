"""The organisers' tools on the event admin: programme at a glance, copy, mail attendees.

A mixin for EventAdmin. Every view fetches the event with ``get_object``, so the admin's
own ``get_queryset`` (which limits organisers to their organisation's events) decides
what they may open, and checks the admin's permissions for the object.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common.admin_tools import AdminMixinBase
from common.http import AuthenticatedRequest
from events.duplication import DuplicationError, duplicate_event
from events.models import Event
from events.organiser_forms import AttendeeMailForm, DuplicateEventForm
from reservations.mailing import MailingError, mail_attendees, preview, recipient_ids
from reservations.models import Mailing
from reservations.queries import programme_overview


class EventToolsMixin(AdminMixinBase):
    change_form_template = "admin/events/event/change_form.html"

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        own = [
            path(
                "<path:object_id>/kopieren/",
                self.admin_site.admin_view(self.duplicate_view),
                name=f"{prefix}_duplicate",
            ),
            path(
                "<path:object_id>/deelnemers-mailen/",
                self.admin_site.admin_view(self.mail_attendees_view),
                name=f"{prefix}_mail_attendees",
            ),
        ]
        # Before the admin's own patterns: its catch-all would take these paths otherwise.
        return own + super().get_urls()

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Called with the event the change view fetched and checked already.
        if obj is not None:
            context["programme"] = programme_overview(obj)
            context["may_duplicate"] = self.has_add_permission(request)
            context["may_mail"] = self.has_change_permission(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _event_for(self, request: HttpRequest, object_id: str) -> Event:
        if not self.has_change_permission(request):
            raise PermissionDenied  # like the change form: no right to events at all is 403
        event = self.get_object(request, unquote(object_id))
        if event is None:
            raise Http404(_("Dit evenement bestaat niet."))
        if not self.has_change_permission(request, event):
            raise PermissionDenied
        return event

    def _change_url(self, event: Event) -> str:
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
            args=[event.pk],
            current_app=self.admin_site.name,
        )

    def _tool_page(self, request, event, template: str, title: str, **context) -> TemplateResponse:
        return TemplateResponse(
            request,
            template,
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": event,
                "title": title,
                **context,
            },
        )

    def duplicate_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        event = self._event_for(request, object_id)
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = DuplicateEventForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                copy = duplicate_event(
                    event_id=event.pk,
                    starts_at=form.cleaned_data["starts_at"],
                    title=form.cleaned_data["title"],
                )
            except DuplicationError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _("Kopie gemaakt als concept: %(title)s. Controleer en publiceer haar.")
                    % {"title": copy.title},
                )
                return HttpResponseRedirect(self._change_url(copy))
        return self._tool_page(
            request,
            event,
            "admin/events/event/duplicate.html",
            _("Kopie maken van %(title)s") % {"title": event.title},
            form=form,
        )

    def mail_attendees_view(self, request: AuthenticatedRequest, object_id: str) -> HttpResponse:
        event = self._event_for(request, object_id)
        form = AttendeeMailForm(request.POST or None)
        title = _("E-mail aan deelnemers van %(title)s") % {"title": event.title}
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            decision = request.POST.get("confirmed")
            if decision == "0":  # back from the confirmation, to change the text
                return self._tool_page(
                    request, event, "admin/events/event/mail_attendees.html", title, form=form
                )
            if decision != "1":
                # Show how many people will get it, and the mail as it will be sent,
                # before anything is sent.
                return self._tool_page(
                    request,
                    event,
                    "admin/events/event/mail_attendees_confirm.html",
                    title,
                    form=form,
                    recipient_count=len(recipient_ids(event, data["audiences"])),
                    preview=preview(
                        event, data["audiences"], subject=data["subject"], message=data["message"]
                    ),
                )
            try:
                mailing = mail_attendees(
                    event_id=event.pk,
                    audiences=data["audiences"],
                    subject=data["subject"],
                    message=data["message"],
                    sent_by=request.user,
                )
            except MailingError as error:
                form.add_error(None, error.message)
            else:
                self._report(request, mailing)
                return HttpResponseRedirect(self._change_url(event))
        return self._tool_page(
            request, event, "admin/events/event/mail_attendees.html", title, form=form
        )

    def _report(self, request: HttpRequest, mailing: Mailing) -> None:
        count = mailing.mails.count()
        messages.success(
            request,
            ngettext(
                "%(count)s e-mail staat klaar om te versturen; onder Verzendingen zie je "
                "wanneer hij weg is.",
                "%(count)s e-mails staan klaar om te versturen; onder Verzendingen zie je "
                "hoeveel er weg zijn.",
                count,
            )
            % {"count": count},
        )
