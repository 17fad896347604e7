"""Responses of a process configured as production: headers, cookies, and failures.

The settings are built the way production builds them: from the environment, with DEBUG
off, hashed static files collected into STATIC_ROOT and a migrated database. Setting that
up costs a few seconds, so it is done once for the module.
"""

import json
import subprocess
import sys

import pytest

from tests.cooperatieve_stad.test_settings import ROOT, process_environment, run_django

SECRET = "production-test-key-" + "x" * 40


@pytest.fixture(scope="module")
def production(tmp_path_factory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("production")
    environment = {
        "DEBUG": "false",
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "example.org",
        "SITE_URL": "https://example.org",
        "STATIC_ROOT": str(folder / "static"),
        "MEDIA_ROOT": str(folder / "media"),
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
    }
    for command in (["collectstatic", "--no-input"], ["migrate", "--no-input"]):
        result = run_manage(command, **environment)
        assert result.returncode == 0, result.stderr
    return environment


def run_manage(arguments: list[str], **environment: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *arguments, "-v0"],
        cwd=ROOT,
        env=process_environment(**environment),
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_json(code: str, **environment: str) -> dict:
    result = run_django(
        "import json; from django.test import Client; "
        "client = Client(HTTP_HOST='example.org', raise_request_exception=False); " + code,
        **environment,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_pages_carry_the_security_headers(production):
    answer = run_json(
        "r = client.get('/', secure=True); print(json.dumps({'status': r.status_code, 'headers': dict(r.headers)}))",
        **production,
    )

    assert answer["status"] == 200
    headers = answer["headers"]
    hsts = dict(
        part.strip().partition("=")[::2] for part in headers["Strict-Transport-Security"].split(";")
    )
    assert int(hsts["max-age"]) >= 31_536_000
    assert "includeSubDomains" in hsts
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "geolocation=()" in headers["Permissions-Policy"]

    policy = {
        directive.split()[0]: directive.split()[1:]
        for directive in headers["Content-Security-Policy"].split(";")
        if directive.strip()
    }
    # Nothing by default: a kind nobody allowed (frames, media, workers…) stays blocked.
    assert policy["default-src"] == ["'none'"]
    for kind in (
        "script-src",
        "style-src",
        "font-src",
        "form-action",
        "connect-src",
        "manifest-src",
    ):
        assert policy[kind] == ["'self'"], kind
    assert policy["img-src"] == ["'self'", "data:"]
    assert "frame-src" not in policy and "media-src" not in policy and "worker-src" not in policy
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert "upgrade-insecure-requests" in policy
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert "unsafe-eval" not in headers["Content-Security-Policy"]
    assert "nonce-" not in headers["Content-Security-Policy"]  # pages stay cacheable


def test_plain_http_is_redirected_to_https(production):
    answer = run_json(
        "r = client.get('/agenda/'); print(json.dumps([r.status_code, r.headers.get('Location')]))",
        **production,
    )

    assert answer == [301, "https://example.org/agenda/"]


def test_session_and_csrf_cookies_are_secure_httponly_and_same_site(production):
    answer = run_json(
        "from django.contrib.auth import get_user_model; "
        "get_user_model().objects.create_superuser('beheer', 'beheer@example.org', 'een-lang-wachtwoord-42'); "
        "login = client.post('/admin/login/?next=/admin/', {'username': 'beheer', 'password': 'een-lang-wachtwoord-42'}, secure=True); "
        "form = Client(HTTP_HOST='example.org').get('/account/login/', secure=True); "
        "print(json.dumps({'status': login.status_code, 'session': login.cookies['sessionid'].output(), "
        "'csrf': form.cookies['csrftoken'].output()}))",
        **production,
    )

    assert answer["status"] == 302  # logged in
    for cookie in (answer["session"], answer["csrf"]):
        attributes = {part.strip().split("=")[0].lower() for part in cookie.split(";")}
        assert {"secure", "samesite"} <= attributes
        assert "samesite=lax" in cookie.lower()
    assert "httponly" in answer["session"].lower()


def test_the_language_cookie_is_secure_httponly_and_same_site(production):
    answer = run_json(
        "r = client.post('/i18n/setlang/', {'language': 'en', 'next': '/'}, secure=True); "
        "print(json.dumps({'status': r.status_code, 'cookie': r.cookies['django_language'].output()}))",
        **production,
    )

    assert answer["status"] == 302
    attributes = {part.strip().split("=")[0].lower() for part in answer["cookie"].split(";")}
    assert {"secure", "httponly", "samesite"} <= attributes
    assert "samesite=lax" in answer["cookie"].lower()


def test_with_the_database_down_pages_answer_503_with_the_sites_page_and_no_traceback(
    production,
):
    down = {**production, "DATABASE_URL": "postgres://nobody:nothing@127.0.0.1:1/missing"}

    answer = run_json(
        "r = client.get('/agenda/', secure=True); "
        "print(json.dumps({'status': r.status_code, 'body': r.content.decode(), "
        "'csp': r.headers.get('Content-Security-Policy', ''), "
        "'retry_after': r.headers.get('Retry-After')}))",
        **down,
    )

    assert answer["status"] == 503
    assert int(answer["retry_after"]) > 0
    assert "Even niet bereikbaar" in answer["body"]
    assert "Traceback" not in answer["body"] and "OperationalError" not in answer["body"]
    assert "127.0.0.1:1" not in answer["body"]
    assert "frame-ancestors 'none'" in answer["csp"]


def test_with_the_database_down_healthz_answers_503_over_plain_http(production):
    down = {**production, "DATABASE_URL": "postgres://nobody:nothing@127.0.0.1:1/missing"}

    answer = run_json(
        "r = client.get('/healthz'); "
        "print(json.dumps({'status': r.status_code, 'body': r.content.decode()}))",
        **down,
    )

    assert answer == {"status": 503, "body": "database unavailable\n"}


# Checking does not connect to the cache; serving pages would (the tests above run without).
SHARED_CACHE = {"CACHE_URL": "redis://127.0.0.1:6379/0"}


def test_deployment_checks_pass(production):
    result = run_manage(
        ["check", "--deploy", "--fail-level", "WARNING"], **production, **SHARED_CACHE
    )

    assert result.returncode == 0, result.stderr


def test_deployment_checks_ask_for_a_shared_cache(production):
    """Without one every worker counts rate limits on its own and the page cache is off."""
    result = run_manage(["check", "--deploy", "--fail-level", "WARNING"], **production)

    assert result.returncode != 0
    assert "cooperatieve_stad.W001" in result.stderr


def test_deployment_checks_want_the_tasks_run_outside_the_request(production):
    """The immediate backend would send every mail while the visitor waits."""
    result = run_manage(
        ["check", "--deploy", "--fail-level", "WARNING"],
        **production,
        **SHARED_CACHE,
        TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
    )

    assert result.returncode != 0
    assert "cooperatieve_stad.W002" in result.stderr


def test_with_the_database_down_the_queue_check_answers_503_over_plain_http(production):
    down = {**production, "DATABASE_URL": "postgres://nobody:nothing@127.0.0.1:1/missing"}

    answer = run_json(
        "r = client.get('/healthz/queue'); "
        "print(json.dumps({'status': r.status_code, 'body': r.json()}))",
        **down,
    )

    assert answer == {"status": 503, "body": {"healthy": False, "error": "database unavailable"}}
