"""Parts of pages rendered once and reused for every visitor, signed in or not.

The page cache (common.page_cache) keeps whole pages, for anonymous visitors only. A page
that greets someone by name, or shows their reservation, cannot be kept whole; most of it,
such as the programme of an event, is the same for everyone. This module keeps such parts:

- ``shared_part(key, build)``: a value (rendered HTML, or objects a form needs) built once
  per *content version* and language, under the same content token as the page cache, so a
  change to what public pages show is in the next request's part. Only one request builds
  a missing part; the others wait for it, as in the page cache.
- ``render_with_parts(request, template, context, parts)``: ``render()`` for a page that
  holds a large part shared by many requests, encoded once: the template renders
  ``part_mark(name)`` and the encoded part goes in its place in the encoded page.
- ``recent_value(key, compute)``: a value that follows reservations, such as the seats
  left of an event, reused while it is no older than PAGE_CACHE_AVAILABILITY_SECONDS or the
  availability version is unchanged: the same bound as on cached pages.

Both need a shared cache (CACHE_URL): with the local-memory default each process would
keep its own and not hear of changes made through another, so ``FRAGMENT_CACHE_SECONDS``
is 0 there and every request builds its parts itself.
"""

import time
from collections.abc import Callable
from typing import TypeVar, cast

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from common.page_cache import AVAILABILITY, CONTENT, RENDER_LOCK_SECONDS, current_versions

T = TypeVar("T")

PART_KEY = "part:{content}:{language}:{key}"
RECENT_KEY = "recent:{key}"
PART_MARK = "<!--part:{name}-->"
# Checked while another request builds the part.
WAIT_STEP_SECONDS = 0.02


def enabled() -> bool:
    return settings.FRAGMENT_CACHE_SECONDS > 0


class LocalParts:
    """The parts this process used last, so a large part is not fetched and unpickled from
    the shared cache on every request. Keys hold the content version, so a copy here is
    never older than the shared one; it is dropped after FRAGMENT_CACHE_SECONDS as there."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.entries: dict[str, tuple[float, object]] = {}

    def get(self, key: str, now: float) -> object | None:
        found = self.entries.get(key)
        if found is None or now - found[0] > settings.FRAGMENT_CACHE_SECONDS:
            return None
        return found[1]

    def put(self, key: str, value: object, now: float) -> None:
        # Dicts keep insertion order: the entry fetched longest ago goes first. A lost race
        # between threads costs a fetch at worst, never a wrong value.
        self.entries.pop(key, None)
        self.entries[key] = (now, value)
        while len(self.entries) > self.size:
            self.entries.pop(next(iter(self.entries)), None)

    def clear(self) -> None:
        self.entries.clear()


local_parts = LocalParts(size=32)


def part_key(key: str) -> str:
    content = current_versions([CONTENT])[CONTENT]
    language = translation.get_language() or settings.LANGUAGE_CODE
    return PART_KEY.format(content=content, language=language, key=key)


def shared_part(key: str, build: Callable[[], T]) -> T:
    """The part under `key` for the current content version and language, built by
    `build()` when no process has it yet. `key` must name everything else the part
    depends on (the event, and states that come with time, such as being past)."""
    if not enabled():
        return build()
    full_key = part_key(key)
    now = time.time()
    kept = local_parts.get(full_key, now)
    if kept is not None:
        return cast(T, kept)  # what build() returned, kept in this process
    value: T | None = cache.get(full_key)
    if value is None:
        value = _build_once(full_key, build)
    local_parts.put(full_key, value, now)
    return value


def _build_once(full_key: str, build: Callable[[], T]) -> T:
    lock = full_key + ":building"
    if not cache.add(lock, 1, timeout=RENDER_LOCK_SECONDS):
        deadline = time.monotonic() + RENDER_LOCK_SECONDS
        while time.monotonic() < deadline:
            time.sleep(WAIT_STEP_SECONDS)
            found = cache.get_many([full_key, lock])
            if full_key in found:
                return found[full_key]
            if lock not in found:  # the builder failed (a 404, an error): build it here
                break
    try:
        value = build()
        cache.set(full_key, value, timeout=settings.FRAGMENT_CACHE_SECONDS)
        return value
    finally:
        cache.delete(lock)


def recent_value(key: str, compute: Callable[[], T]) -> T:
    """`compute()`, or its result of at most PAGE_CACHE_AVAILABILITY_SECONDS ago (any age
    while the availability version has not changed since)."""
    if not enabled():
        return compute()
    full_key = RECENT_KEY.format(key=key)
    availability = current_versions([AVAILABILITY])[AVAILABILITY]
    now = time.time()
    entry = cache.get(full_key)
    if entry is not None and (
        entry["availability"] == availability
        or now - entry["at"] <= settings.PAGE_CACHE_AVAILABILITY_SECONDS
    ):
        return entry["value"]
    value = compute()
    cache.set(
        full_key,
        {"value": value, "availability": availability, "at": now},
        timeout=settings.PAGE_CACHE_SECONDS or settings.FRAGMENT_CACHE_SECONDS,
    )
    return value


def forget_recent(key: str) -> None:
    """Drop a recent value, e.g. when a reservation found a sitting full that it showed free."""
    if enabled():
        cache.delete(RECENT_KEY.format(key=key))


def part_mark(name: str) -> SafeString:
    """Where render_with_parts() puts the part `name` in a page."""
    return mark_safe(PART_MARK.format(name=name))


def render_with_parts(
    request: HttpRequest, template_name: str, context: dict, parts: dict[str, bytes]
) -> HttpResponse:
    """``render()``, with each of `parts` (UTF-8, encoded once for many requests) put where
    the template rendered its ``part_mark(name)``.

    A part rendered into a template as text is copied at every level of the template
    (each block and tag joins its output anew) and the whole page is encoded on every
    request: at 400 sittings a quarter of a millisecond, the part of a request that grows
    with the programme. Here only the small rest of the page is rendered and encoded."""
    content = render_to_string(template_name, context, request).encode()
    for name, part in parts.items():
        before, mark, after = content.partition(PART_MARK.format(name=name).encode())
        if not mark:
            raise ValueError(f"{template_name} rendered no mark for the part {name!r}")
        content = before + part + after
    return HttpResponse(content)
