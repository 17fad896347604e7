import pytest

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
