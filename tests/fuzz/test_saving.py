"""Random and hostile input to the "Bewaar" form: never a 500, back only to our own pages,
and only published events and sessions are ever saved."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from events.enums import EventStatus
from reservations.models import SavedItem
from tests.factories import EventFactory, SessionFactory
from tests.fuzz.hostile import assert_answered, form_data, fuzz, isolated, logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def things():
    public = SessionFactory()
    draft = SessionFactory(event=EventFactory(status=EventStatus.DRAFT))
    return [public.event, public, draft.event, draft]


def saved_rows() -> list[tuple]:
    return list(SavedItem.objects.order_by("pk").values_list("user_id", "event_id", "session_id"))


@fuzz
@given(data=st.data())
def test_the_save_form(things, fuzzer, data):
    ids = [str(thing.pk) for thing in things] + ["0", "", "99999999999999999999"]
    post = data.draw(
        form_data(
            {
                "kind": st.sampled_from(["event", "session", "initiative"]),
                "id": st.sampled_from(ids),
                "save": st.sampled_from(["0", "1"]),
                "next": st.sampled_from(
                    ["/agenda/", "https://evil.example/", "//evil.example", "/\\evil.example"]
                ),
            }
        )
    )
    with isolated():
        client = logged_in(fuzzer)
        before = saved_rows()
        response = client.post(reverse("reservations:save"), post)
        assert_answered(response)
        if response.status_code == 302:
            target = urlsplit(response["Location"])
            assert not target.scheme and not target.netloc
            assert response["Location"].startswith("/") and not response["Location"].startswith(
                ("//", "/\\")
            )
        else:
            assert saved_rows() == before
        for _user, event_id, session_id in saved_rows():  # never a draft's
            assert event_id == things[0].pk or session_id == things[1].pk
