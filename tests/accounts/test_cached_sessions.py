"""With a shared cache, a signed-in request reads its session from the cache: no query.

The database keeps every session too (cached_db), so a flushed cache costs one query on the
next request and nobody is signed out. The user is still read from the database on every
request (README → Signed-in pages says why).
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db

CACHED_DB = "django.contrib.sessions.backends.cached_db"
DB = "django.contrib.sessions.backends.db"


@pytest.fixture
def shared_cache(settings):
    """A cache as CACHE_URL gives one (here the process's own memory)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "cached-sessions-test",
        }
    }
    cache.clear()
    yield
    cache.clear()


def queries_of(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def on(table: str, queries: list[str]) -> int:
    return sum(f'"{table}"' in sql for sql in queries)


@pytest.fixture
def person():
    return make_user()


def signed_in_client(client, settings, engine: str, person):
    settings.SESSION_ENGINE = engine
    client.force_login(person)
    return client


def test_with_the_database_engine_every_request_reads_its_session(client, settings, person):
    client = signed_in_client(client, settings, DB, person)

    queries = queries_of(client, reverse("privacy:my_data"))

    assert on("django_session", queries) == 1
    assert on("auth_user", queries) == 1


def test_with_cached_sessions_a_signed_in_request_reads_no_session(
    client, settings, shared_cache, person
):
    client = signed_in_client(client, settings, CACHED_DB, person)
    url = reverse("privacy:my_data")

    first = queries_of(client, url)
    second = queries_of(client, url)

    assert on("django_session", first) == on("django_session", second) == 0
    assert on("auth_user", second) == 1


def test_cached_sessions_save_one_query_per_signed_in_page(client, settings, shared_cache, person):
    url = reverse("privacy:my_data")
    from_database = len(queries_of(signed_in_client(client, settings, DB, person), url))

    # A new client: the session middleware takes its engine when it is loaded.
    from_cache = len(queries_of(signed_in_client(Client(), settings, CACHED_DB, person), url))

    assert from_cache == from_database - 1


def test_a_flushed_cache_signs_nobody_out(client, settings, shared_cache, person):
    client = signed_in_client(client, settings, CACHED_DB, person)
    url = reverse("privacy:my_data")
    queries_of(client, url)

    cache.clear()
    after_flush = queries_of(client, url)
    next_request = queries_of(client, url)

    assert on("django_session", after_flush) == 1  # read from the database, cached again
    assert on("django_session", next_request) == 0


def test_logging_out_ends_the_cached_session(client, settings, shared_cache, person):
    client = signed_in_client(client, settings, CACHED_DB, person)
    old_cookie = client.cookies[settings.SESSION_COOKIE_NAME].value

    client.post(reverse("account_logout"))
    client.cookies[settings.SESSION_COOKIE_NAME] = old_cookie
    response = client.get(reverse("privacy:my_data"))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
