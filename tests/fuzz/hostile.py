"""Hostile input for the fuzz tests, and the rules every answer to it must keep.

Each example runs in its own rolled-back transaction (`isolated`) with an empty cache (no
rate limit carries over), so the data the test fixtures made is the same for every
example. That is why the tests may use function-scoped fixtures with @given.
"""

import os
from collections.abc import Iterator
from contextlib import contextmanager

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from reservations.models import CalendarFeed, Reservation, SeatChoice

# Total run time of tests/fuzz stays well under a minute on SQLite with these numbers;
# raise FUZZ_EXAMPLES locally to search longer. Locally every run tries new input; CI
# (FUZZ_DERANDOMIZE=1 in .ci/run) tries the same input each time, so that a green main stays
# green: what a local run finds becomes a fix and a plain test.
fuzz = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "25")),
    derandomize=os.environ.get("FUZZ_DERANDOMIZE") == "1",
    deadline=None,
    database=None,
    print_blob=True,
    # Safe here: see the module docstring.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

NASTY = [
    "",
    " ",
    "\x00",
    "naam\x00",
    "\x00' OR 1=1 --",
    "' OR '1'='1",
    "'; DROP TABLE events_reservation; --",
    '" OR ""="',
    "1) UNION SELECT password FROM auth_user --",
    "%",
    "_",
    "\\",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "{{ request }}",
    "{% debug %}",
    "%(name)s %s %d",
    "{0}{}",
    "../../../../etc/passwd",
    "Zaal\r\nBcc: spam@example.org",
    "\u202egnp.exe",
    "\ufeff\u200b",
    "Coöperatie Ĳsselmonde 🌱",
    "ﷺ" * 20,
    "-1",
    "0",
    "1.5",
    "1e309",
    "NaN",
    "99999999999999999999999999",
    "2026-02-30",
    "true",
    "null",
]

# Text the test client can send (no lone surrogates, which are not UTF-8).
any_text = st.text(st.characters(codec="utf-8"), max_size=80)
huge_text = st.sampled_from([1_000, 30_000]).map(lambda n: "Å" * n)
hostile_text = st.one_of(
    st.sampled_from(NASTY),
    any_text,
    st.lists(st.sampled_from(NASTY) | any_text, min_size=2, max_size=4).map("".join),
    huge_text,
)
# One form value: a string, or a list where a single value is expected.
hostile_value = st.one_of(
    hostile_text,
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.lists(hostile_text, min_size=2, max_size=3),
)
extra_fields = st.dictionaries(st.text(min_size=1, max_size=20), hostile_value, max_size=2)


def form_data(fields: dict[str, st.SearchStrategy]) -> st.SearchStrategy[dict]:
    """Any subset of `fields`, each with a plausible or a hostile value, plus stray fields."""
    optional = {name: st.one_of(plausible, hostile_value) for name, plausible in fields.items()}
    return st.fixed_dictionaries({}, optional=optional).flatmap(
        lambda data: extra_fields.map(lambda extra: {**extra, **data})
    )


@contextmanager
def isolated() -> Iterator[None]:
    """One example: nothing it writes outlives it, and no rate limit from an earlier one."""
    cache.clear()
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# The rows a form could wrongly change, with the columns that matter.
WATCHED = (
    (
        Reservation,
        ("id", "event_id", "user_id", "name", "email", "dietary_wishes", "status", "code"),
    ),
    (SeatChoice, ("id", "reservation_id", "sitting_id", "slot_id")),
    (
        get_user_model(),
        ("id", "username", "email", "password", "first_name", "last_name", "is_active"),
    ),
    (EmailAddress, ("id", "user_id", "email", "verified", "primary")),
    (CalendarFeed, ("id", "user_id", "token")),
)


def snapshot() -> dict[str, list[tuple]]:
    return {
        model._meta.label: list(model.objects.order_by("pk").values_list(*columns))
        for model, columns in WATCHED
    }


def assert_answered(response) -> None:
    assert response.status_code < 500, response.status_code


def assert_unchanged_unless_accepted(response, before: dict[str, list[tuple]]) -> None:
    """Never a 500; a form that did not accept the input (no redirect) changed nothing."""
    assert_answered(response)
    if response.status_code not in (301, 302, 303):
        assert snapshot() == before


def assert_no_nul_stored() -> None:
    """PostgreSQL refuses NUL in text; whatever was accepted must not hold one."""
    for rows in snapshot().values():
        for row in rows:
            assert not any(isinstance(value, str) and "\x00" in value for value in row)
