import socket
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from cooperatieve_stad import health_wsgi
from tests.cooperatieve_stad.test_settings import run_django


@pytest.mark.django_db
def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_does_not():
    # A real connection failure: nothing listens on port 1.
    result = run_django(
        "from django.test import Client; r = Client().get('/healthz'); print(r.status_code, r.content)",
        DATABASE_URL="postgres://nobody:nothing@127.0.0.1:1/missing",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "503 b'database unavailable\\n'"


@pytest.mark.django_db
def test_healthz_refuses_writes(client):
    assert client.post("/healthz").status_code == 405


def listening_socket() -> socket.socket:
    server = socket.create_server(("127.0.0.1", 0))
    server.listen()
    return server


def closed_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as server:
        return server.getsockname()[1]  # nothing listens there once closed


def through_health_listener(path: str, method: str = "GET") -> tuple[str, bytes]:
    environ = {"PATH_INFO": path, "REQUEST_METHOD": method}
    setup_testing_defaults(environ)
    environ["HTTP_HOST"] = "testserver"
    answered = {}

    def start_response(status, headers, exc_info=None):
        answered["status"] = status

    # As Django's test client does: the handler's signals would close the test's connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        body = b"".join(health_wsgi.application(environ, start_response))
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return answered["status"], body


@pytest.mark.django_db
def test_the_health_listener_answers_health_checks_only(settings):
    with listening_socket() as web_server:
        settings.HEALTH_WEB_ADDRESS = f"127.0.0.1:{web_server.getsockname()[1]}"

        assert through_health_listener("/healthz") == ("200 OK", b"ok\n")
        assert through_health_listener("/healthz/queue")[0] == "200 OK"
        for page in ("/", "/evenementen/", "/admin/", "/healthz/"):
            assert through_health_listener(page)[0] == "404 Not Found"


@pytest.mark.django_db
def test_the_health_listener_answers_503_when_the_web_server_is_down(settings, caplog):
    settings.HEALTH_WEB_ADDRESS = f"127.0.0.1:{closed_port()}"

    assert through_health_listener("/healthz") == (
        "503 Service Unavailable",
        b"web server unavailable\n",
    )
    assert "Health check: the web server at 127.0.0.1:" in caplog.text


@pytest.mark.django_db
def test_without_a_web_address_healthz_does_not_look_for_a_web_server(client, settings):
    settings.HEALTH_WEB_ADDRESS = ""

    assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize("address", ["localhost", "127.0.0.1:", ":8000", "host:port", "a b:80"])
def test_a_web_address_that_is_not_host_and_port_stops_the_start(address):
    result = run_django("print('started')", HEALTH_WEB_ADDRESS=address)

    assert result.returncode != 0
    assert "HEALTH_WEB_ADDRESS must be host:port" in result.stderr


@pytest.mark.parametrize("address", ["127.0.0.1:8000", "web:8000", "[::1]:8000"])
def test_a_web_address_of_host_and_port_is_taken(address):
    result = run_django(
        "from django.conf import settings; print(settings.HEALTH_WEB_ADDRESS)",
        HEALTH_WEB_ADDRESS=address,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == address
