"""Whole public pages cached for anonymous visitors, under versioned keys.

An announcement can send thousands of visitors to one programme page within minutes. They
are anonymous, so they all see the same page: it is rendered once per language and served
from the shared cache (Redis or Memcached through CACHE_URL) by every app server.

Freshness comes from two version tokens kept in the same cache:

- ``content`` changes on every save or delete of a row that public pages show: an event,
  its slots, themes, sessions, sittings, speakers, FAQ, partners, and organisations,
  venues, series and initiatives (signals, see ``connect_signals``; each app names its
  models with ``watch_app`` or ``watch`` in its AppConfig). A page is looked up under the current token, so the
  next request after a change renders anew. The token is changed when the change is saved
  and again after its transaction commits, so a page rendered from data read just before
  the commit is never served under the new token.
- ``availability`` changes with every reservation, cancellation or seat choice
  (the reservations app watches its models under this version). Pages that show places or seats left accept a copy rendered at
  most ``PAGE_CACHE_AVAILABILITY_SECONDS`` ago under an older token: during a rush of
  reservations the page is rendered at most once per that many seconds, and the seats
  left it shows are at most that old. Reserving itself always counts live, under locks.
  This token changes once per transaction, after it commits (``availability_changed``):
  a reservation's transaction holds its event's lock, and a round trip to the cache there
  would make every other reservation of the event wait for it.

A copy lives at most ``PAGE_CACHE_SECONDS``, which bounds changes that come with time only
(reservations opening or closing, an event becoming past).

Only anonymous GET and HEAD requests without a session or messages cookie are served from
or stored in the cache, and a response is stored only when it is a plain 200 that set no
cookie, wrote no session, queued no message and holds no CSRF token: nothing personal can
reach another visitor. Every other response of such a page (signed in, or with a session
or messages cookie) is kept out of caches (``common.http.keep_out_of_caches``: private,
no-store); common.middleware.PrivateWhenSignedInMiddleware does the same for every page a
signed-in person gets.
"""

import gzip
import hashlib
import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from common.http import keep_out_of_caches

CONTENT = "content"
AVAILABILITY = "availability"

# The version each watched model's changes renew. The apps fill it from their AppConfig
# (watch, watch_app): this library names no app.
WATCHED: dict[type[Model], str] = {}

VERSION_KEY = "page-version:{}"
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# Longest a stale copy is served while another request renders the page anew.
RENDER_LOCK_SECONDS = 10
PAGE_KEY = "page:{}"


def enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0


def new_token() -> str:
    return secrets.token_hex(8)


def current_versions(names: Iterable[str]) -> dict[str, str]:
    """The current token of each version; a missing one (evicted, new cache) starts anew."""
    keys = {name: VERSION_KEY.format(name) for name in names}
    found = cache.get_many(list(keys.values()))
    versions = {}
    for name, key in keys.items():
        token = found.get(key)
        if token is None:
            cache.add(key, new_token(), timeout=None)
            token = cache.get(key)
        versions[name] = token
    return versions


def bump(*names: str) -> None:
    """Give each version a new token now and again once the current transaction commits."""

    def renew() -> None:
        cache.set_many({VERSION_KEY.format(name): new_token() for name in names}, timeout=None)

    renew()
    transaction.on_commit(renew)


def content_changed() -> None:
    bump(CONTENT)


def availability_changed() -> None:
    """Give the availability version a new token once the current transaction commits
    (at once outside one), and only once however many changes the transaction makes: a
    reservation saves several watched rows. A transaction rolled back changes nothing.

    After the commit only, unlike ``content``: a copy rendered from data read before the
    commit was stored under the token read before it, which this renewal replaces, and a
    copy under an older token is served for at most PAGE_CACHE_AVAILABILITY_SECONDS after
    it was rendered. A copy stored under the new token was rendered after it was set,
    hence after the commit. So the bound holds without a renewal inside the transaction.
    Robust: the change has committed by then, and a cache that is down must not turn it
    into an error (its pages then lag by at most PAGE_CACHE_SECONDS)."""
    after_commit_once(renew_availability)


def renew_availability() -> None:
    cache.set(VERSION_KEY.format(AVAILABILITY), new_token(), timeout=None)


def after_commit_once(callback: Callable[[], None]) -> None:
    """Run `callback` once the current transaction commits, however often this is asked in
    it. A callback Django forgets with a savepoint rolled back is asked for again by the
    next change, which then registers it anew: the changes it stood for were rolled back
    with it."""
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        registered is callback for _, registered, _ in connection.run_on_commit
    ):
        return
    transaction.on_commit(callback, robust=True)


def is_cacheable_request(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False
    # No session cookie means anonymous; checked again in case authentication changes.
    return not request.user.is_authenticated


def is_cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if response.has_header("Vary") and "*" in response["Vary"]:
        return False
    cache_control = response.get("Cache-Control", "")
    if "private" in cache_control or "no-store" in cache_control:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):  # the page holds a CSRF token
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    messages = getattr(request, "_messages", None)
    return not getattr(messages, "added_new", False)


def page_key(request: HttpRequest, versions: dict[str, str]) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    digest = hashlib.sha256(f"{language}|{address}".encode()).hexdigest()
    return PAGE_KEY.format(f"{versions[CONTENT]}:{digest}")


def response_from(request: HttpRequest, entry: dict) -> HttpResponse:
    if ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
        response = HttpResponse(entry["gzipped"], content_type=entry["content_type"])
        response["Content-Encoding"] = "gzip"
        response["ETag"] = entry["etag"][:-1] + '-gzip"'
    else:
        response = HttpResponse(entry["body"], content_type=entry["content_type"])
        response["ETag"] = entry["etag"]
    finish(response, entry)
    return response


def finish(response: HttpResponse, entry: dict) -> None:
    # Browsers revalidate every time: a 304 is cheap, and the page is never older than the cache's.
    response["Last-Modified"] = http_date(entry["rendered_at"])
    patch_cache_control(response, max_age=0, must_revalidate=True)
    patch_vary_headers(response, ["Accept-Encoding"])


def new_entry(response: HttpResponse, versions: dict[str, str], now: float) -> dict:
    body = response.content
    return {
        "body": body,
        # Compressed once here rather than per request. Safe from BREACH: these pages hold no
        # secret (no CSRF token, nothing personal), which is why they may be cached at all.
        "gzipped": gzip.compress(body, compresslevel=6),
        "content_type": response["Content-Type"],
        "etag": f'"{hashlib.md5(body, usedforsecurity=False).hexdigest()}"',
        "rendered_at": now,
        "availability": versions.get(AVAILABILITY),
    }


def is_fresh(entry: dict | None, versions: dict[str, str], now: float) -> bool:
    if entry is None:
        return False
    if AVAILABILITY not in versions or entry["availability"] == versions[AVAILABILITY]:
        return True
    return now - entry["rendered_at"] <= settings.PAGE_CACHE_AVAILABILITY_SECONDS


class LocalCopies:
    """The last pages this process served, so a hit does not fetch a large page from the
    shared cache each time. Keys hold the content version, and freshness is checked
    against the shared availability version on every request, as for the shared cache."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: OrderedDict[str, dict] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> dict | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: dict) -> None:
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


local_copies = LocalCopies(size=64)


def lookup(key: str, versions: dict[str, str], now: float) -> tuple[dict | None, bool]:
    """The freshest copy known (local, else shared) and whether it may be served."""
    entry = local_copies.get(key)
    if (
        entry is not None
        and is_fresh(entry, versions, now)
        and now - entry["rendered_at"] <= settings.PAGE_CACHE_SECONDS
    ):
        return entry, True
    shared = cache.get(key)
    if shared is not None:
        local_copies.put(key, shared)
        entry = shared
    return entry, is_fresh(entry, versions, now)


def wait_for(key: str, lock: str) -> dict | None:
    """The page another request is rendering, once stored; None when that request finished
    without storing one (a 404, say) or took too long."""
    deadline = time.monotonic() + RENDER_LOCK_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.05)
        found = cache.get_many([key, lock])
        if key in found:
            local_copies.put(key, found[key])
            return found[key]
        if lock not in found:
            return None
    return None


def cache_public_page(*, availability: bool = False) -> Callable:
    """Serve the view's page to anonymous visitors from the shared cache.

    ``availability``: the page shows places or seats left, so it may lag reservations by
    at most PAGE_CACHE_AVAILABILITY_SECONDS (plus the time of one render, see below).
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not enabled():
                return view(request, *args, **kwargs)
            if not is_cacheable_request(request):
                response = view(request, *args, **kwargs)
                keep_out_of_caches(response)
                return response
            versions = current_versions([CONTENT, AVAILABILITY] if availability else [CONTENT])
            key = page_key(request, versions)
            now = time.time()
            entry, fresh = lookup(key, versions, now)
            if fresh and entry is not None:
                return response_from(request, entry)
            # One request renders; the others meanwhile get the copy there is (only seats
            # left are out of date) or, when there is none, wait for the new one, rather
            # than all rendering the same page at once.
            lock = key + ":rendering"
            locked = cache.add(lock, 1, timeout=RENDER_LOCK_SECONDS)
            if not locked:
                if entry is not None:
                    return response_from(request, entry)
                entry = wait_for(key, lock)
                if entry is not None:
                    return response_from(request, entry)
            try:
                response = view(request, *args, **kwargs)
                if request.method == "GET" and is_cacheable_response(request, response):
                    entry = new_entry(response, versions, now)
                    cache.set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
                    local_copies.put(key, entry)
                    response = response_from(request, entry)
            finally:
                if locked:
                    cache.delete(lock)
            return response

        return wrapper

    return decorator


def on_save_or_delete(sender: type[Model], **kwargs: object) -> None:
    changed(sender)


def on_m2m_changed(sender: type[Model], action: str, **kwargs: object) -> None:
    if action.startswith("post_"):
        changed(sender)


def changed(model: type[Model]) -> None:
    version = WATCHED.get(model)
    if version == AVAILABILITY:
        availability_changed()
    elif version == CONTENT:
        content_changed()


def watch(models: Iterable[type[Model]], *, version: str = CONTENT) -> None:
    """Changes to these models renew `version`: CONTENT for what public pages show,
    AVAILABILITY for rows that only change places and seats left."""
    for model in models:
        WATCHED[model] = version


def watch_app(app_config: AppConfig, *, except_models: Iterable[str] = ()) -> None:
    """Every model of the app renews CONTENT, many-to-many tables included. History records
    (django-simple-history) are left out: the row they copy is counted already, and a
    reservation's record would otherwise count as a change of content."""
    skipped = set(except_models)
    watch(
        model
        for model in app_config.get_models(include_auto_created=True)
        if not hasattr(model, "instance_type") and model._meta.model_name not in skipped
    )


def connect_signals() -> None:
    """Called once from the app config: every public row's change renews the versions."""
    post_save.connect(on_save_or_delete, dispatch_uid="page_cache_save")
    post_delete.connect(on_save_or_delete, dispatch_uid="page_cache_delete")
    m2m_changed.connect(on_m2m_changed, dispatch_uid="page_cache_m2m")
