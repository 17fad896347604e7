"""With the database down, pages answer 503 with Retry-After and the site's own page."""

from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor() -> Client:
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
@pytest.mark.parametrize("name", ["home", "events:agenda", "initiatives:directory"])
def test_public_pages_answer_503_when_the_database_does_not_answer(visitor, name, error):
    with mock.patch.object(connection, "cursor", side_effect=error("connection refused")):
        response = visitor.get(reverse(name))

    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    page = response.content.decode()
    assert "Even niet bereikbaar" in page and "Coöperatieve Stad" in page
    assert "connection refused" not in page


def test_a_failure_raised_from_a_lost_connection_is_still_a_503(visitor):
    def lost(*args, **kwargs):
        try:
            raise OperationalError("server closed the connection unexpectedly")
        except OperationalError as error:
            raise RuntimeError("while loading the agenda") from error

    with mock.patch.object(connection, "cursor", side_effect=lost):
        assert visitor.get(reverse("events:agenda")).status_code == 503


def test_other_failures_stay_a_500(visitor):
    with mock.patch.object(connection, "cursor", side_effect=RuntimeError("a bug")):
        response = visitor.get(reverse("events:agenda"))

    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "Er ging iets mis" in response.content.decode()
