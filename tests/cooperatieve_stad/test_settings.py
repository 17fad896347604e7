"""Start-up rules of the environment-driven settings, checked in a fresh process."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


# Set by the test run, not by a server's environment: the settings under test, and the
# browser tests' DJANGO_ALLOW_ASYNC_UNSAFE (which `check --deploy` rightly refuses).
NOT_INHERITED = ("SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")


def process_environment(**environment: str) -> dict[str, str]:
    """The environment of a new Django process: ours without the test run's own settings."""
    env = {key: value for key, value in os.environ.items() if key not in NOT_INHERITED}
    env.update(DJANGO_SETTINGS_MODULE="cooperatieve_stad.settings", **environment)
    return env


def run_django(code: str, **environment: str) -> subprocess.CompletedProcess:
    env = process_environment(**environment)
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("environment", "missing"),
    [
        ({"ALLOWED_HOSTS": "example.org"}, "SECRET_KEY"),
        ({"SECRET_KEY": "s" * 50}, "ALLOWED_HOSTS"),
        ({}, "SECRET_KEY and ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without_secrets(environment, missing):
    result = run_django("print('started')", DEBUG="false", **environment)

    assert result.returncode != 0
    assert "started" not in result.stdout
    assert f"DEBUG is off but {missing}" in result.stderr


def test_production_starts_when_configured():
    result = run_django(
        "from django.conf import settings; print(settings.DEBUG, settings.ALLOWED_HOSTS)",
        DEBUG="false",
        SECRET_KEY="s" * 50,
        ALLOWED_HOSTS="example.org,www.example.org",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False ['example.org', 'www.example.org']"


def test_development_needs_no_configuration():
    result = run_django(
        "from django.conf import settings; print(settings.DEBUG, settings.DATABASES['default']['ENGINE'])"
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "True"


def test_database_url_selects_postgresql():
    result = run_django(
        "from django.conf import settings; d = settings.DATABASES['default']; print(d['ENGINE'], d['NAME'], d['PORT'])",
        DATABASE_URL="postgres://user:secret@db.example.org:6543/coopstad",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "coopstad", "6543"]


def test_email_and_cache_urls_configure_smtp_and_a_shared_cache():
    result = run_django(
        "from django.conf import settings as s; "
        "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS, s.CACHES['default']['BACKEND'])",
        EMAIL_URL="smtp+tls://user:secret@mail.example.org:587",
        REDIS_URL="redis://127.0.0.1:6379/1",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "mail.example.org",
        "587",
        "True",
        "django.core.cache.backends.redis.RedisCache",
    ]


@pytest.mark.parametrize(
    ("environment", "engine"),
    [
        ({"CACHE_URL": "redis://127.0.0.1:6379/1"}, "cached_db"),
        ({"REDIS_URL": "redis://127.0.0.1:6379/1"}, "cached_db"),
        # The local-memory cache is one per process: sessions then stay in the database only.
        ({}, "db"),
    ],
)
def test_sessions_are_cached_only_in_a_shared_cache(environment, engine):
    result = run_django(
        "from django.conf import settings; print(settings.SESSION_ENGINE)",
        **{"CACHE_URL": "", "REDIS_URL": "", **environment},
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"django.contrib.sessions.backends.{engine}"
