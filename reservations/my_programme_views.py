"""Mijn programma: save and forget events and sessions, and see them with one's reservations."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from common.http import AuthenticatedRequest, wants_json
from common.ratelimits import limit
from reservations import saving
from reservations.my_programme import my_programme

MY_PROGRAMME = "reservations:my_programme"


def safe_next(request: HttpRequest) -> str:
    """The page to go back to, if it is one of ours; else Mijn programma."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(MY_PROGRAMME)


def save_labels() -> dict[str, str]:
    """The button's text in both states, for the page and for the script's answer."""
    return {"saved": _("Bewaard"), "unsaved": _("Bewaar")}


@require_POST
@limit("save")
def save(request: HttpRequest) -> HttpResponse:
    """Saves (save=1) or forgets (save=0) an event or a session; the desired state, not a
    toggle, so that repeating the request changes nothing."""
    if not request.user.is_authenticated:
        # A form kept open past the end of the session: sign in, then back to the page.
        login = resolve_url(settings.LOGIN_URL)
        return HttpResponseRedirect(f"{login}?{urlencode({'next': safe_next(request)})}")
    kind = request.POST.get("kind", "")
    wanted = request.POST.get("save", "")
    raw_id = request.POST.get("id", "")
    # Ids are positive and fit the database's bigint (a longer number would overflow it).
    valid_id = raw_id.isascii() and raw_id.isdigit() and len(raw_id) <= 18
    if kind not in saving.KINDS or wanted not in ("0", "1") or not valid_id:
        return HttpResponseBadRequest(_("Onbekend verzoek."))
    item_id = int(raw_id)
    try:
        if wanted == "1":
            saving.save_item(user=request.user, kind=kind, item_id=item_id)  # type: ignore[arg-type]  # checked above
        else:
            saving.unsave_item(user=request.user, kind=kind, item_id=item_id)  # type: ignore[arg-type]
    except saving.SaveError as error:
        raise Http404(error.message) from error
    is_saved = wanted == "1"
    if wants_json(request):
        labels = save_labels()
        return JsonResponse(
            {
                "saved": is_saved,
                "label": labels["saved" if is_saved else "unsaved"],
                "labels": labels,
            }
        )
    if is_saved:
        messages.success(request, _("Bewaard in Mijn programma."))
    else:
        messages.success(request, _("Niet meer bewaard."))
    return redirect(safe_next(request))


@login_required
@require_safe
def my_programme_page(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "reservations/my_programme.html", {"plans": my_programme(request.user)})
