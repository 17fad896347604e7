import pytest

from tests.factories import PASSWORD, UserFactory


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Sign-up, login and deletion hash passwords in every example; the real hasher takes a
    second a time on a small machine, and what is fuzzed here is the forms, not PBKDF2."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def fuzzer(db, _fast_password_hashing):
    return UserFactory(username="fuzzer", password=PASSWORD)
