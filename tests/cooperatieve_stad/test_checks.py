"""Our deployment checks, with the settings they look at changed in this process."""

import pytest

from cooperatieve_stad.checks import tasks_leave_the_request

IMMEDIATE = "django_tasks.backends.immediate.ImmediateBackend"
DUMMY = "django_tasks.backends.dummy.DummyBackend"
DATABASE = "django_tasks_db.DatabaseBackend"


@pytest.mark.parametrize("backend", [IMMEDIATE, DUMMY])
def test_production_without_workers_is_warned_about(settings, backend):
    settings.DEBUG = False
    settings.TASKS = {"default": {"BACKEND": backend}}

    [warning] = tasks_leave_the_request(None)

    assert warning.id == "cooperatieve_stad.W002"
    assert backend in warning.msg


def test_production_with_the_database_queue_passes(settings):
    settings.DEBUG = False
    settings.TASKS = {"default": {"BACKEND": DATABASE}}

    assert tasks_leave_the_request(None) == []


def test_development_may_run_tasks_at_once(settings):
    settings.DEBUG = True
    settings.TASKS = {"default": {"BACKEND": IMMEDIATE}}

    assert tasks_leave_the_request(None) == []
