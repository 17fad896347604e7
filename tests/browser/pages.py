"""The pages every accessibility and validity check visits, found in the demo data."""

from dataclasses import dataclass

from django.urls import reverse

from events.models import Event
from initiatives.models import Initiative
from reservations import services
from sessions.models import Session

ZAANSTAD = "werken-in-de-wijk-en-nieuwe-vormen-van-lokale-democratie"
UPCOMING = "demo-tafelsessies-lokale-democratie"


@dataclass(frozen=True)
class Checked:
    name: str
    path: str
    signed_in: bool = False


def main_pages() -> list[Checked]:
    """Home, agenda, event, session, speaker, initiatives, search (with results and with
    none), the reservation form, my reservations, my programme, a session with its "Bewaar"
    form, log-in and sign-up, the embeds. Needs the demo data."""
    session = Session.objects.get(event__slug=ZAANSTAD, title="Breda Begroot")
    organiser = Event.objects.get(slug=UPCOMING).organiser
    speaker = session.speakers.order_by("name").first()
    initiative = Initiative.objects.order_by("name").first()
    return [
        Checked("home", "/"),
        Checked("agenda", reverse("events:agenda")),
        Checked("past-agenda", reverse("events:agenda") + "?period=past&city=Zaandam"),
        Checked("event", reverse("events:event", args=[ZAANSTAD])),
        Checked("upcoming-event", reverse("events:event", args=[UPCOMING])),
        Checked("session", session.get_absolute_url()),
        Checked("speaker", speaker.get_absolute_url()),
        Checked("initiatives", reverse("initiatives:directory")),
        Checked("initiative", initiative.get_absolute_url()),
        Checked("search", reverse("search") + "?q=co%C3%B6peratie"),
        Checked("search-nothing-found", reverse("search") + "?q=xylofoon"),
        Checked(
            "reservation-form", reverse("reservations:reserve", args=[UPCOMING]), signed_in=True
        ),
        Checked("my-reservations", reverse("reservations:my_reservations"), signed_in=True),
        Checked("my-programme", reverse("reservations:my_programme"), signed_in=True),
        Checked("signed-in-session", session.get_absolute_url(), signed_in=True),
        Checked("login", reverse("account_login")),
        Checked("signup", reverse("account_signup")),
        Checked("event-embed", reverse("events:embed", args=[ZAANSTAD])),
        Checked("organisation-embed", reverse("events:organisation_embed", args=[organiser.slug])),
    ]


def reserve_one(user, slug: str = "demo-praktijkmiddag-plekken-van-hoop") -> None:
    """A confirmed reservation on another event, so that My reservations lists something
    while the reservation form of UPCOMING stays open to the same user."""
    event = Event.objects.get(slug=slug)
    # One sitting per round, each of another session (a session may be held in two rounds).
    first_per_round: list[int] = []
    chosen_sessions: set[int] = set()
    for slot in event.slots.all():
        sitting = slot.sittings.exclude(session__in=chosen_sessions).order_by("pk").first()
        if sitting is not None:
            first_per_round.append(sitting.pk)
            chosen_sessions.add(sitting.session_id)
    services.reserve(
        event_id=event.pk,
        user=user,
        name="Anna de Vries",
        email=user.email,
        sitting_ids=first_per_round,
    )
