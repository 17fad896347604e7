from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.gzip import GZipMiddleware as DjangoGZipMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers

from common.http import is_kept_uncompressed, keep_out_of_caches


class ChosenLanguageMiddleware:
    """Dutch unless the visitor chose another language with the switch.

    Django's LocaleMiddleware follows the browser's Accept-Language, which would show most
    visitors with an English browser an English site; the portal is Dutch first.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class PermissionsPolicyMiddleware:
    """Sends settings.PERMISSIONS_POLICY as a Permissions-Policy header on every response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allowed)})"
            for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response


class PrivateWhenSignedInMiddleware:
    """Every response to a signed-in person (attendee or organiser) is kept out of caches.

    Their pages hold names, e-mail addresses, reservations and dietary wishes, also pages
    that are public for anonymous visitors (which then say who is signed in). One rule here
    rather than a decorator on every personal view, which a new view would forget. Anonymous
    visitors keep the cache headers of each page (common/page_cache.py). Put it after
    AuthenticationMiddleware, so that it sees who the request is for when the view is done
    (also just after a login or a logout in that view).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            keep_out_of_caches(response)
        return response


class GZipMiddleware(DjangoGZipMiddleware):
    """Django's gzip (with its BREACH mitigation: random padding in every compressed
    response, on top of the CSRF token masked per response), except for responses marked
    with common.http.keep_uncompressed. Responses that already have a Content-Encoding, such
    as the page cache's gzipped copies, are left as they are."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if is_kept_uncompressed(response):
            return response
        if response.status_code == 304:
            # Empty, so Django's skips it; but a 304 names what the 200 would vary on.
            patch_vary_headers(response, ["Accept-Encoding"])
            return response
        return super().process_response(request, response)
