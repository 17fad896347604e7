import pytest

from tests.factories import make_user


@pytest.fixture
def verified_user(db):
    return make_user()


@pytest.fixture
def unverified_user(db):
    return make_user("bert@example.org", verified=False)
