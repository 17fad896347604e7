"""The state of a site in use, made by the OLD code for .ci/migrate-forward.

Runs inside `manage.py shell` of the old tree, after `migrate` and `load_demo`, so everything
goes through that commit's own services and models: reservations with seat choices, a waiting
list that moves up after cancellations, changed seat choices, check-ins, calendar feeds, mails
that could not be delivered (one sent again later), an account deleted by its owner (its
reservations stay, anonymised), staff with group and personal permissions on the models that
move, admin log entries for them, and the simple-history rows that all these saves leave.

Written against the services of 26639a9. Models are looked up by class name in the app
registry, so the file keeps working wherever a later commit keeps them; a later MIGRATE_FROM
whose services changed their arguments needs this file adjusted.
"""

import socket
from importlib import import_module
from pathlib import Path

from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.test.utils import override_settings


def model(name):
    """The model class called `name` in this tree, whichever app holds it."""
    found = [m for m in apps.get_models() if m.__name__ == name]
    assert len(found) == 1, f"expected one model {name}, found {found}"
    return found[0]


def module(*names):
    """The first of these modules that belongs to this tree's installed apps."""
    for name in names:
        if apps.is_installed(name.split(".")[0]):
            return import_module(name)
    raise ImportError(f"none of {names} is installed here")


services = module("reservations.services", "events.services")
emails = module("reservations.notifications", "reservations.emails", "events.emails")
privacy = module("privacy.services")
# The venv is shared with the new code: make sure this is the old tree's code, not HEAD's.
assert Path(services.__file__).resolve().is_relative_to(Path.cwd().resolve()), services.__file__

User = get_user_model()
Event = model("Event")
Reservation = model("Reservation")
SeatChoice = model("SeatChoice")
Sitting = model("Sitting")
Speaker = model("Speaker")
CalendarFeed = model("CalendarFeed")
UndeliveredMail = model("UndeliveredMail")
Membership = model("Membership")

# With diacritics and an apostrophe, as real participant lists have them.
NAMES = [
    "Anna de Vries", "Bram van den Berg", "Chantal Öztürk", "Daan Jansen", "Eline Bakker",
    "Fatima El Amrani", "Gijs 't Hart", "Hanna Visser", "Ilse Smit", "Joris Meijer",
    "Kees de Boer", "Lotte Mulder", "Mohamed Yılmaz", "Noor de Groot", "Olivier Bos",
    "Petra Vos", "Quinten Peters", "Roos Hendriks", "Sem van Dijk", "Tess Dekker",
    "Umut Kaya", "Vera Brouwer", "Wouter de Wit", "Zoë Dijkstra",
]  # fmt: skip


def attendee(number, name):
    email = f"deelnemer{number}@example.org"
    user = User.objects.create_user(username=f"deelnemer{number}", email=email, password=None)
    user.first_name, _, user.last_name = name.partition(" ")
    user.save(update_fields=["first_name", "last_name"])
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def reserve(event, user, sittings=(), dietary_wishes=""):
    return services.reserve(
        event_id=event.pk,
        user=user,
        name=user.get_full_name(),
        email=user.email,
        dietary_wishes=dietary_wishes,
        sitting_ids=[sitting.pk for sitting in sittings],
    )


def rounds(event):
    """The sittings of each break-out round of the event, round by round."""
    slots = event.slots.filter(kind="round").order_by("starts_at")
    return [list(Sitting.objects.filter(slot=slot).order_by("pk")) for slot in slots]


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# A mail server that refuses connections: the mail is retried, then kept as undelivered.
MAIL_SERVER_DOWN = override_settings(
    EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
    EMAIL_HOST="127.0.0.1",
    EMAIL_PORT=closed_port(),
    EMAIL_TIMEOUT=1,
)


def log(user, obj, flag, message):
    LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        action_flag=flag,
        change_message=message,
    )


def fill():
    # Events people can reserve now, with break-out rounds, soonest first.
    open_events = [
        event
        for event in Event.objects.published().upcoming().filter(slots__kind="round").distinct()
        if services.why_not_reservable(event) is None and all(rounds(event))
    ]
    assert len(open_events) >= 3, f"need three reservable events with rounds, got {open_events}"
    big, middle, small = open_events[0], open_events[1], open_events[-1]

    admin = User.objects.create_superuser("beheer", "beheer@example.org", password=None)
    people = [attendee(number, name) for number, name in enumerate(NAMES, start=1)]

    # Few places at the small event, so that it has a waiting list; and a moderator.
    small.capacity = 4
    small.moderator = Speaker.objects.exclude(moderated_events=small).order_by("pk").first()
    small._history_user = admin
    small.save(update_fields=["capacity", "moderator", "updated_at"])

    # The big event: a seat in each round for most, round one only for some.
    big_rounds = rounds(big)
    at_big = []
    for n, person in enumerate(people[:14]):
        chosen = [sittings[n % len(sittings)] for sittings in big_rounds]
        if n % 4 == 3:
            chosen = chosen[:1]
        wishes = "vegetarisch" if n % 3 == 0 else ""
        at_big.append(reserve(big, person, chosen, dietary_wishes=wishes))

    # The small event: four confirmed, then the waiting list.
    small_rounds = rounds(small)
    at_small = [
        reserve(small, person, [sittings[n % len(sittings)] for sittings in small_rounds])
        for n, person in enumerate(people[10:18])
    ]
    assert [r.status for r in at_small].count("waitlisted") == 4, [r.status for r in at_small]

    # Cancelling: a confirmed place at the small event goes to the first on the waiting list;
    # somebody leaves the waiting list; two cancel at the big event, one of them reserves again.
    services.cancel(reservation_id=at_small[0].pk, user=at_small[0].user)
    services.cancel(reservation_id=at_small[-1].pk, user=at_small[-1].user)
    services.cancel(reservation_id=at_big[1].pk, user=at_big[1].user)
    services.cancel(reservation_id=at_big[2].pk, user=at_big[2].user)
    at_big[2] = reserve(big, at_big[2].user, [big_rounds[0][-1]])

    # Somebody changes their session in the first round.
    services.choose_seats(
        reservation_id=at_big[0].pk,
        user=at_big[0].user,
        sitting_ids=[big_rounds[0][1].pk, *(s.pk for s in big_rounds[1][:1])],
    )

    # The check-in desk: four in, one of them undone by mistake and checked in again, one undone.
    for reservation in at_big[3:7]:
        services.check_in(reservation_id=reservation.pk, event_id=big.pk)
    services.undo_check_in(reservation_id=at_big[3].pk, event_id=big.pk)
    services.check_in(reservation_id=at_big[3].pk, event_id=big.pk)
    services.undo_check_in(reservation_id=at_big[4].pk, event_id=big.pk)

    # Personal calendar feeds; one renewed after a leak.
    for person in people[:6]:
        services.renew_calendar_feed(user=person)
    services.renew_calendar_feed(user=people[0])

    # The mail server is down for a moment: a confirmation and a cancellation stay undelivered;
    # the organiser sends the confirmation again later.
    emails.logger.disabled = True  # the retries and the final error are expected here
    with MAIL_SERVER_DOWN:
        late = reserve(middle, people[20], [sittings[0] for sittings in rounds(middle)])
        services.cancel(reservation_id=at_big[8].pk, user=at_big[8].user)
    emails.logger.disabled = False
    undelivered = list(UndeliveredMail.objects.order_by("pk"))
    assert len(undelivered) == 2, undelivered
    resent = [mail for mail in undelivered if mail.reservation_id == late.pk]
    assert emails.resend_undelivered(resent[0]) == "sent"

    # Somebody deletes their account: upcoming reservations cancelled, all anonymised.
    privacy.delete_account(user=people[12])

    # Staff: an editor (group permissions) and a host at the door (a personal permission).
    editors = Group.objects.create(name="Redactie")
    editors.permissions.set(
        Permission.objects.filter(
            content_type__in=ContentType.objects.get_for_models(
                Reservation, SeatChoice, UndeliveredMail, CalendarFeed
            ).values()
        ).exclude(codename__startswith="delete_")
    )
    editor = User.objects.create_user("redacteur", "redactie@example.org", None, is_staff=True)
    editor.groups.add(editors)
    host = User.objects.create_user("ontvangst", "ontvangst@example.org", None, is_staff=True)
    host.user_permissions.add(
        Permission.objects.get(
            content_type=ContentType.objects.get_for_model(Reservation),
            codename="change_reservation",
        )
    )
    Membership.objects.create(user=editor, organisation=big.organiser, role="editor")
    Membership.objects.create(user=host, organisation=big.organiser, role="host")

    # What the admin's history shows about the models that move.
    log(editor, at_big[5], CHANGE, '[{"changed": {"fields": ["Dieetwensen"]}}]')
    log(host, at_big[6], CHANGE, '[{"changed": {"fields": ["Aangemeld op"]}}]')
    log(editor, at_big[0].seat_choices.first(), CHANGE, '[{"changed": {"fields": ["Sessie"]}}]')
    log(editor, resent[0], CHANGE, "Opnieuw verstuurd.")
    log(admin, CalendarFeed.objects.get(user=people[0]), CHANGE, "Nieuwe sleutel.")
    log(admin, small, CHANGE, '[{"changed": {"fields": ["Aantal plaatsen", "Moderator"]}}]')
    log(admin, editor, ADDITION, '[{"added": {}}]')

    statuses = {
        status: Reservation.objects.filter(status=status).count()
        for status in ("confirmed", "waitlisted", "cancelled")
    }
    print(
        f"Filled: {Reservation.objects.count()} reservations {statuses}, "
        f"{Reservation.objects.exclude(checked_in_at=None).count()} checked in, "
        f"{Reservation.objects.filter(user=None).count()} anonymised, "
        f"{SeatChoice.objects.count()} seat choices, {CalendarFeed.objects.count()} calendar "
        f"feeds, {UndeliveredMail.objects.count()} undelivered mails, "
        f"{Reservation.history.count()} reservation history rows, "
        f"{LogEntry.objects.count()} admin log entries, "
        f"{Event.objects.exclude(moderator=None).count()} events with a moderator."
    )


fill()
