"""Everything the portal keeps about one person, shaped for their download.

Anything new that holds personal data (a model with a user, a name or an address) belongs
here too; tests/privacy/test_export.py lists the models it expects to be covered.
"""

import datetime as dt
from typing import Any

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from common.links import absolute_url
from reservations.models import CalendarFeed, Reservation, SavedItem
from reservations.queries import seat_choices


def _moment(value: dt.datetime | None) -> str | None:
    # Local (Amsterdam) time with its offset: readable, and still exact.
    return timezone.localtime(value).isoformat() if value else None


def _account(user: User) -> dict[str, Any]:
    return {
        "username": user.get_username(),
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "date_joined": _moment(user.date_joined),
        "last_login": _moment(user.last_login),
    }


def reservations_of_person(user: User) -> QuerySet[Reservation]:
    """The person's reservations: those of their account, and those an organiser entered in
    the admin without an account but with one of the person's verified addresses."""
    verified = EmailAddress.objects.filter(
        user=user, verified=True, email__iexact=OuterRef("email")
    )
    return Reservation.objects.filter(Q(user=user) | (Q(user__isnull=True) & Exists(verified)))


def _reservations(user: User) -> list[dict[str, Any]]:
    reservations = (
        reservations_of_person(user)
        .select_related("event")
        .prefetch_related(seat_choices())
        .order_by("event__starts_at", "created_at", "pk")
    )
    return [
        {
            "event": {
                "title": reservation.event.title,
                "url": absolute_url(reservation.event.get_absolute_url()),
                "starts_at": _moment(reservation.event.starts_at),
                "ends_at": _moment(reservation.event.ends_at),
            },
            "code": reservation.code,
            "status": reservation.status,
            "name": reservation.name,
            "email": reservation.email,
            "dietary_wishes": reservation.dietary_wishes,
            "reserved_at": _moment(reservation.created_at),
            "cancelled_at": _moment(reservation.cancelled_at),
            "checked_in_at": _moment(reservation.checked_in_at),
            "sessions": [
                {
                    "round": choice.slot.title,
                    "starts_at": _moment(choice.slot.starts_at),
                    "session": str(choice.sitting.session),
                    "room": choice.sitting.room,
                }
                for choice in reservation.choice_list  # type: ignore[attr-defined]  # prefetched (to_attr)
            ],
        }
        for reservation in reservations
    ]


def _calendar_feed(user: User) -> dict[str, Any] | None:
    feed = CalendarFeed.objects.filter(user=user).first()
    if feed is None:
        return None
    return {
        "url": absolute_url(reverse("reservations:personal_feed", args=[feed.token])),
        "created_at": _moment(feed.created_at),
    }


def _saved(user: User) -> list[dict[str, Any]]:
    """What the person saved in Mijn programma, drafts of since included: it is theirs."""
    items = SavedItem.objects.filter(user=user).select_related("event", "session__event")
    result: list[dict[str, Any]] = []
    for item in items.order_by("created_at", "pk"):
        if item.session is not None:
            event = item.session.event
            entry: dict[str, Any] = {"kind": "session", "title": str(item.session)}
            entry["url"] = absolute_url(item.session.get_absolute_url())
        else:
            assert item.event is not None  # the database allows an event or a session
            event, entry = item.event, {"kind": "event", "title": item.event.title}
            entry["url"] = absolute_url(event.get_absolute_url())
        entry |= {"event": event.title, "saved_at": _moment(item.created_at)}
        result.append(entry)
    return result


def personal_data(user: User) -> dict[str, Any]:
    """The person's account, addresses, reservations with seats, calendar feed and saved
    events and sessions, as JSON-ready data.

    Five queries, however many reservations, seats and saved items (tests/privacy/test_export.py).
    """
    addresses = EmailAddress.objects.filter(user=user).order_by("-primary", "email")
    return {
        "exported_at": _moment(timezone.now()),
        "site": settings.SITE_URL,
        "account": _account(user),
        "email_addresses": [
            {"email": address.email, "primary": address.primary, "verified": address.verified}
            for address in addresses
        ],
        "reservations": _reservations(user),
        "calendar_feed": _calendar_feed(user),
        "saved": _saved(user),
    }
