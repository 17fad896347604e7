from contextlib import contextmanager

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


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed(): ...` as if the block's writes were a transaction of their own
    that commits at its end (the test's own transaction never does): what waits for the
    commit runs then, and is forgotten, as a commit forgets it. The page cache hears of
    seats taken only after a commit (common.page_cache.availability_changed)."""
    from django.db import transaction

    @contextmanager
    def commit():
        connection = transaction.get_connection()
        start = len(connection.run_on_commit)
        with django_capture_on_commit_callbacks(execute=True):
            yield
        del connection.run_on_commit[start:]

    return commit


IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def _tasks_at_once(settings):
    """Each task (a mail, a reminder run) runs the moment it is queued, inside the
    transaction that queues it. Tests that care when a mail leaves use `task_queue`."""
    settings.TASKS = IMMEDIATE_TASKS


class TaskQueue:
    """The production queue in the test database; `work_off()` does what a worker does
    after the commit: it runs every task that is due, and those they queue, in order."""

    def work_off(self) -> int:
        from unittest import mock

        from django_tasks_db.management.commands.db_worker import Worker
        from django_tasks_db.models import DBTaskResult

        before = DBTaskResult.objects.finished().count()
        # A real worker closes stale connections between tasks; inside the test's
        # transaction that would close the test's own connection (on PostgreSQL).
        with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
            Worker(
                queue_names=["*"],
                excluded_queue_names=[],
                interval=0,
                batch=True,
                backend_name="default",
                startup_delay=False,
                max_tasks=None,
                worker_id="test-worker",
            ).run()
        return DBTaskResult.objects.finished().count() - before

    def waiting(self) -> int:
        from django_tasks_db.models import DBTaskResult

        return DBTaskResult.objects.ready().count()


@pytest.fixture
def task_queue(settings) -> TaskQueue:
    """Tasks wait in the database, as in production, until `task_queue.work_off()`."""
    settings.TASKS = DATABASE_TASKS
    return TaskQueue()


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
def public_caches_on(page_cache_on, settings):
    """The page cache and the cache of shared parts (common.fragment_cache), both on as in
    production."""
    from common.fragment_cache import local_parts

    settings.FRAGMENT_CACHE_SECONDS = 3600
    local_parts.clear()
    yield
    local_parts.clear()


@pytest.fixture
def user(client):
    """A user, signed in on `client`."""
    from tests.factories import UserFactory

    person = UserFactory()
    client.force_login(person)
    return person
