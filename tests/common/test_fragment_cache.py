"""Parts built once per content version and language; values that follow reservations
reused within the availability bound."""

import threading
import time

import pytest
from django.core.cache import cache
from django.utils import translation

from common import fragment_cache
from common.fragment_cache import (
    local_parts,
    part_key,
    part_mark,
    recent_value,
    render_with_parts,
    shared_part,
)
from common.page_cache import availability_changed, content_changed

pytestmark = pytest.mark.django_db  # a change renews the versions again on commit


@pytest.fixture(autouse=True)
def _on(settings):
    settings.FRAGMENT_CACHE_SECONDS = 3600
    local_parts.clear()
    yield
    local_parts.clear()


class Builds:
    def __init__(self, value="part"):
        self.count = 0
        self.value = value

    def __call__(self):
        self.count += 1
        return f"{self.value} {self.count}"


def test_built_once_and_again_after_a_change_of_content():
    build = Builds()
    assert shared_part("k", build) == "part 1"
    assert shared_part("k", build) == "part 1"
    local_parts.clear()  # another process: from the shared cache
    assert shared_part("k", build) == "part 1"

    content_changed()
    assert shared_part("k", build) == "part 2"


def test_the_local_copy_is_dropped_after_its_age_even_when_used_often(settings, monkeypatch):
    settings.FRAGMENT_CACHE_SECONDS = 60
    clock = [1000.0]
    monkeypatch.setattr(fragment_cache.time, "time", lambda: clock[0])
    build = Builds()
    shared_part("k", build)
    cache.delete(part_key("k"))  # only this process's copy is left
    for _ in range(3):
        clock[0] += 25  # used at 25, 50 and 75 s: a hit must not make the copy younger
        shared_part("k", build)
    assert build.count == 2  # 75 s after it was fetched the copy was built anew


def test_each_language_and_key_apart():
    build = Builds()
    with translation.override("nl"):
        shared_part("k", build)
    with translation.override("en"):
        shared_part("k", build)
    shared_part("other", build)
    assert build.count == 3


def test_off_without_a_shared_cache(settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    build = Builds()
    shared_part("k", build)
    shared_part("k", build)
    assert build.count == 2


def test_others_wait_for_the_one_that_builds(monkeypatch):
    monkeypatch.setattr(fragment_cache, "WAIT_STEP_SECONDS", 0.001)
    started, release = threading.Event(), threading.Event()
    build = Builds()

    def slow_build():
        started.set()
        release.wait(5)
        return build()

    results = []
    builder = threading.Thread(target=lambda: results.append(shared_part("k", slow_build)))
    builder.start()
    started.wait(5)
    waiter = threading.Thread(target=lambda: results.append(shared_part("k", build)))
    waiter.start()
    release.set()
    builder.join(5)
    waiter.join(5)

    assert results == ["part 1", "part 1"]
    assert build.count == 1


def test_a_failed_build_leaves_no_lock_behind():
    def broken():
        raise LookupError("no such event")

    with pytest.raises(LookupError):
        shared_part("k", broken)
    started = time.monotonic()
    assert shared_part("k", Builds()) == "part 1"
    assert time.monotonic() - started < 1  # built at once, not after waiting for a lock


def test_recent_value_within_the_bound(settings, committed):
    settings.PAGE_CACHE_AVAILABILITY_SECONDS = 60
    count = Builds("seats")
    assert recent_value("seats", count) == "seats 1"
    with committed():  # the availability version changes after a commit
        availability_changed()
    assert recent_value("seats", count) == "seats 1"  # less than a minute old

    settings.PAGE_CACHE_AVAILABILITY_SECONDS = 0
    assert recent_value("seats", count) == "seats 2"  # changed since: counted anew
    assert recent_value("seats", count) == "seats 2"  # nothing changed since


def test_a_forgotten_value_is_computed_anew():
    count = Builds("seats")
    recent_value("seats", count)
    fragment_cache.forget_recent("seats")
    assert recent_value("seats", count) == "seats 2"


PAGE_TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {
            "loaders": [
                (
                    "django.template.loaders.locmem.Loader",
                    {
                        "base.html": "<main>{% block content %}{% endblock %}<p>ná</p></main>",
                        "page.html": '{% extends "base.html" %}'
                        "{% block content %}{{ before }}{{ body }}{% endblock %}",
                    },
                )
            ]
        },
    }
]


def test_render_with_parts_puts_each_encoded_part_where_its_mark_is(rf, settings):
    settings.TEMPLATES = PAGE_TEMPLATES
    request = rf.get("/")

    response = render_with_parts(
        request,
        "page.html",
        {"before": "<b>", "body": part_mark("body")},
        {"body": "<ul><li>Tafel – één</li></ul>".encode()},
    )

    assert response.content.decode() == (
        "<main>&lt;b&gt;<ul><li>Tafel – één</li></ul><p>ná</p></main>"
    )
    assert response["Content-Type"] == "text/html; charset=utf-8"


def test_a_part_without_its_mark_is_an_error_not_a_page_without_it(rf, settings):
    settings.TEMPLATES = PAGE_TEMPLATES

    with pytest.raises(ValueError, match="no mark for the part 'body'"):
        render_with_parts(rf.get("/"), "page.html", {"body": ""}, {"body": b"<ul></ul>"})
