import gzip
import re
import secrets
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


# Pages compressed anew for every request (signed-in and uncached ones) are compressed at
# gzip's fastest level, as nginx does by default (gzip_comp_level 1): at 400 sittings it takes
# 0.45 ms instead of Django's level 6 at 1 ms, for 18 instead of 15.5 kB. The page cache
# compresses its copies once, at level 6 (common.page_cache).
COMPRESS_LEVEL = 1
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def compress_page(content: bytes, *, max_random_bytes: int) -> bytes:
    """gzip at COMPRESS_LEVEL with Django's BREACH padding (django.utils.text.compress_string):
    a file name of 0 to max_random_bytes - 1 bytes in the header, different every time."""
    compressed = memoryview(gzip.compress(content, compresslevel=COMPRESS_LEVEL, mtime=0))
    header = bytearray(compressed[:10])
    header[3] = gzip.FNAME
    padding = b"a" * secrets.randbelow(max_random_bytes) + b"\x00"
    return bytes(header) + padding + compressed[10:]


class GZipMiddleware(DjangoGZipMiddleware):
    """Django's gzip (with its BREACH mitigation: random padding in every compressed
    response, on top of the CSRF token masked per response), at gzip's fastest level
    (COMPRESS_LEVEL), except for responses marked with common.http.keep_uncompressed.
    Responses that already have a Content-Encoding, such as the page cache's gzipped
    copies, are left as they are.

    Django's middleware compresses at level 6, fixed; so the whole responses are compressed
    here, as Django's does them, and streaming ones are left to Django's."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if is_kept_uncompressed(response):
            return response
        if response.status_code == 304:
            # Empty, so Django's skips it; but a 304 names what the 200 would vary on.
            patch_vary_headers(response, ["Accept-Encoding"])
            return response
        if response.streaming or not isinstance(response, HttpResponse):
            return super().process_response(request, response)
        content = response.content
        if len(content) < 200 or response.has_header("Content-Encoding"):
            return response  # not worth it, or compressed already (as Django's)
        patch_vary_headers(response, ["Accept-Encoding"])
        if not ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            return response
        compressed = compress_page(content, max_random_bytes=self.max_random_bytes)
        if len(compressed) >= len(content):
            return response
        response.content = compressed
        response.headers["Content-Length"] = str(len(compressed))
        # A strong ETag becomes weak (RFC 9110 8.8.1), so revalidation still matches.
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = "gzip"
        return response
