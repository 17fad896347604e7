import pytest

from tests.common.queue_helpers import DATABASE_TASKS


@pytest.fixture
def database_queue(settings):
    """Tasks go into the database queue, as in production, to be counted and run by a worker."""
    settings.TASKS = DATABASE_TASKS
    settings.QUEUE_MAX_WAIT_SECONDS = 300
