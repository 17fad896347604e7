import pytest

# Where absolute links point in the tests that ask for the `site_url` fixture.
SITE = "https://coopstad.example"


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploads made by a test land in its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate limits and cached pages live in the cache; each test starts without them."""
    from django.core.cache import cache

    cache.clear()


IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _tasks_at_once(settings):
    """Each task (a mail, a reminder run) runs the moment it is queued, inside the
    transaction that queues it. Tests of the worker itself switch to the database backend
    (tests/reservations/test_worker.py)."""
    settings.TASKS = IMMEDIATE_TASKS


@pytest.fixture
def site_url(settings) -> str:
    """Absolute links (sitemap, calendars, mails, structured data) point at SITE."""
    settings.SITE_URL = SITE
    return SITE


@pytest.fixture
def page_cache_on(settings):
    """As in production: visitors' pages come from the cache (here the process's own)."""
    from django.core.cache import cache

    from common import page_cache

    settings.PAGE_CACHE_SECONDS = 60
    cache.clear()
    page_cache.local_copies.clear()
    yield
    cache.clear()
    page_cache.local_copies.clear()


@pytest.fixture
def user(client):
    """A user, signed in on `client`."""
    from tests.factories import UserFactory

    person = UserFactory()
    client.force_login(person)
    return person
