import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache

from tests.factories import UserFactory

PASSWORD = "Fietsen-door-de-Wijk-2025"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """allauth counts attempts in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


def make_user(email: str = "anna@example.org", *, verified: bool = True, password: str = PASSWORD):
    """A user as allauth knows one: the address on the user and as its primary EmailAddress."""
    user = UserFactory(username=email.split("@")[0], email=email, password=password)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=verified)
    return user


@pytest.fixture
def verified_user(db):
    return make_user()


@pytest.fixture
def unverified_user(db):
    return make_user("bert@example.org", verified=False)
