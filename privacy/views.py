"""My data: see what the portal keeps, download it, delete the account."""

from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_safe

from common.http import AuthenticatedRequest, uncompressed
from privacy import services
from privacy.forms import DeleteAccountForm
from privacy.queries import personal_data


@login_required
@require_safe
def my_data(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "privacy/my_data.html",
        {"retention_days": settings.PARTICIPANT_RETENTION_DAYS},
    )


@login_required
@require_safe
@uncompressed  # everything personal, the calendar-feed token too (README → Signed-in pages)
def download(request: AuthenticatedRequest) -> HttpResponse:
    response = JsonResponse(
        personal_data(request.user), json_dumps_params={"indent": 2, "ensure_ascii": False}
    )
    filename = f"mijn-gegevens-cooperatieve-stad-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@sensitive_post_parameters("confirmation")
def delete_account(request: AuthenticatedRequest) -> HttpResponse:
    # Confirming with the password is a re-authentication: its tries count against allauth's
    # limit for that (ACCOUNT_RATE_LIMITS["reauthenticate"], per user, POSTs only), together
    # with those on allauth's own re-authentication page, and are refused with the 429 page.
    refused = ratelimit.consume_or_429(request, action="reauthenticate", user=request.user)
    if refused is not None:
        return refused
    # Bound on every POST, also an empty one, so that it says what is missing.
    data = request.POST if request.method == "POST" else None
    form = DeleteAccountForm(data, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.delete_account(user=request.user)
        except services.PrivacyError as error:
            form.add_error(None, error.message)
        else:
            logout(request)
            messages.success(request, _("Je account en je persoonlijke gegevens zijn verwijderd."))
            return redirect("home")
    return render(request, "privacy/delete_account.html", {"form": form})
