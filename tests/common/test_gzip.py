"""Pages go out gzipped when the browser accepts it, signed in or not, except those that hold
a secret which is the same in every response (BREACH; README → Signed-in pages)."""

import gzip

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from common.http import uncompressed
from common.middleware import GZipMiddleware
from reservations.models import CalendarFeed
from tests.factories import ReservationFactory, SittingFactory, UserFactory

pytestmark = pytest.mark.django_db

GZIP = {"Accept-Encoding": "gzip, deflate, br"}
GZIP_MAGIC = b"\x1f\x8b"


@pytest.fixture
def sitting():
    return SittingFactory(capacity=10, session__title="Buurtbudgetten in de Pijp")


@pytest.fixture
def attendee(sitting):
    person = UserFactory()
    ReservationFactory(event=sitting.slot.event, user=person)
    CalendarFeed.objects.create(user=person)
    return person


def vary(response) -> set[str]:
    return {part.strip() for part in response.get("Vary", "").split(",")}


def test_a_signed_in_page_is_gzipped_when_the_browser_accepts_it(client, attendee, sitting):
    client.force_login(attendee)
    url = sitting.slot.event.get_absolute_url()

    plain = client.get(url)
    response = client.get(url, headers=GZIP)

    assert "Content-Encoding" not in plain
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in vary(response) and "Accept-Encoding" in vary(plain)
    page = gzip.decompress(response.content)
    assert b"Buurtbudgetten in de Pijp" in page
    assert len(response.content) < len(plain.content) / 2
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(","))


def test_the_csrf_token_of_a_gzipped_page_is_masked_anew_each_time(client, attendee, sitting):
    """Why a signed-in page with a form may be compressed: its one secret never repeats."""
    client.force_login(attendee)
    url = reverse("reservations:change_sessions", args=[attendee.reservations.get().code])

    first = gzip.decompress(client.get(url, headers=GZIP).content).decode()
    second = gzip.decompress(client.get(url, headers=GZIP).content).decode()

    def token(page: str) -> str:
        return page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]

    assert token(first) != token(second)


@pytest.mark.parametrize(
    "url_of",
    [
        pytest.param(lambda person: reverse("reservations:my_reservations"), id="my-reservations"),
        pytest.param(lambda person: reverse("privacy:download"), id="privacy-download"),
        pytest.param(
            lambda person: reverse("reservations:personal_feed", args=[person.calendar_feed.token]),
            id="personal-feed",
        ),
    ],
)
def test_responses_with_the_calendar_feed_token_are_never_compressed(client, attendee, url_of):
    client.force_login(attendee)
    token = CalendarFeed.objects.get(user=attendee).token

    response = client.get(url_of(attendee), headers=GZIP)

    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert token.encode() in response.content.replace(b"\r\n ", b"")  # iCalendar folds lines


def test_a_cached_anonymous_page_is_compressed_once(client, sitting, page_cache_on):
    url = sitting.slot.event.get_absolute_url()
    client.get(url)  # rendered and stored

    response = client.get(url, headers=GZIP)

    assert response["Content-Encoding"] == "gzip"
    page = gzip.decompress(response.content)
    assert not page.startswith(GZIP_MAGIC)
    assert b"Buurtbudgetten in de Pijp" in page
    again = client.get(url, headers={**GZIP, "If-None-Match": response["ETag"]})
    assert again.status_code == 304


def test_a_compressed_page_keeps_one_etag_and_answers_not_modified(client, sitting):
    """Page cache off: the ETag comes from ConditionalGetMiddleware, taken from the plain
    body, so the random padding of each compressed response does not change it."""
    url = sitting.slot.event.get_absolute_url()

    first = client.get(url, headers=GZIP)
    second = client.get(url, headers=GZIP)
    again = client.get(url, headers={**GZIP, "If-None-Match": first["ETag"]})

    assert first["Content-Encoding"] == "gzip"
    assert first["ETag"].startswith('W/"') and first["ETag"] == second["ETag"]
    assert gzip.decompress(first.content) == gzip.decompress(second.content)
    assert again.status_code == 304
    assert "Accept-Encoding" in vary(again)


def test_a_page_without_accept_encoding_goes_out_plain(client, attendee, sitting):
    client.force_login(attendee)

    response = client.get(sitting.slot.event.get_absolute_url())

    assert "Content-Encoding" not in response
    assert b"Buurtbudgetten in de Pijp" in response.content


def test_a_view_marked_uncompressed_is_sent_plain():
    body = "<p>Niet inpakken</p>" * 100

    @uncompressed
    def marked(request):
        return HttpResponse(body)

    def unmarked(request):
        return HttpResponse(body)

    request = RequestFactory().get("/", headers=GZIP)

    assert "Content-Encoding" not in GZipMiddleware(marked)(request)
    assert GZipMiddleware(unmarked)(request)["Content-Encoding"] == "gzip"


def test_pages_are_compressed_at_the_fastest_level_with_random_padding():
    """Compressed anew per request, so quickly (README → Compression); the padding in the
    header (Django's BREACH mitigation) differs in length from one response to the next."""
    body = "".join(f"<li>Tafelsessie {number} over de wijk</li>" for number in range(2000))
    request = RequestFactory().get("/", headers=GZIP)

    responses = [GZipMiddleware(lambda request: HttpResponse(body))(request) for _ in range(30)]

    for response in responses:
        assert gzip.decompress(response.content) == body.encode()
        assert response["Content-Length"] == str(len(response.content))
        header = response.content[:10]
        assert header[3] & gzip.FNAME  # the padding, as a file name
        assert header[8] == 4  # XFL 4: "compressor used fastest algorithm" (RFC 1952)
    assert len({len(response.content) for response in responses}) > 1


def test_a_streamed_response_is_still_compressed():
    from django.http import StreamingHttpResponse

    request = RequestFactory().get("/", headers=GZIP)
    chunks = [b"<p>deel</p>" * 100] * 3

    response = GZipMiddleware(lambda request: StreamingHttpResponse(iter(chunks)))(request)

    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(b"".join(response.streaming_content)) == b"".join(chunks)
