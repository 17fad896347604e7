"""The vocabulary the seed modules are written in: one frozen spec per kind of row.

A spec knows its natural key and how to create its row through the Loader, so a seed module
is data only. Specs that several seeds share (an organisation, a speaker) are the same
object, and their row is created once.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from demo.loader import AMSTERDAM, Loader, at
from events.enums import EventFormat, EventStatus
from events.models import Event, EventFAQ, Series, Venue
from initiatives.enums import InitiativeStatus, LegalForm
from initiatives.models import (
    Collection,
    CollectionMembership,
    Document,
    Domain,
    Initiative,
    Organisation,
)
from sessions.enums import SessionFormat, SpeakerRole
from sessions.models import Moderator, Session, SessionSpeaker, Sitting, Slot, Speaker, Theme


@dataclass(frozen=True)
class DomainSpec:
    name: str

    def ensure(self, loader: Loader) -> Domain:
        return loader.ensure(Domain, {"slug": slugify(self.name)}, name=self.name)


@dataclass(frozen=True)
class OrganisationSpec:
    name: str
    kind: str
    city: str = ""
    website: str = ""
    description: str = ""

    def ensure(self, loader: Loader) -> Organisation:
        return loader.ensure(
            Organisation,
            {"slug": slugify(self.name)},
            name=self.name,
            kind=self.kind,
            city=self.city,
            website=self.website,
            description=self.description,
        )


@dataclass(frozen=True)
class SpeakerSpec:
    name: str
    title: str = ""
    organisation: OrganisationSpec | None = None

    def ensure(self, loader: Loader) -> Speaker:
        return loader.ensure(
            Speaker,
            {"slug": slugify(self.name)},
            name=self.name,
            title=self.title,
            organisation=self.organisation.ensure(loader) if self.organisation else None,
        )


@dataclass(frozen=True)
class InitiativeSpec:
    name: str
    domains: tuple[DomainSpec, ...]
    summary: str = ""
    description: str = ""
    city: str = ""
    district: str = ""
    legal_form: str = LegalForm.UNKNOWN
    status: str = InitiativeStatus.ACTIVE
    organisation: OrganisationSpec | None = None

    def ensure(self, loader: Loader) -> Initiative:
        initiative = loader.ensure(
            Initiative,
            {"slug": slugify(self.name)},
            name=self.name,
            summary=self.summary,
            description=self.description,
            city=self.city,
            district=self.district,
            legal_form=self.legal_form,
            status=self.status,
            organisation=self.organisation.ensure(loader) if self.organisation else None,
        )
        loader.link(initiative, "domains", [domain.ensure(loader) for domain in self.domains])
        return initiative


@dataclass(frozen=True)
class MembershipSpec:
    initiative: InitiativeSpec
    # The seeds name no civil servant/initiator pairs, so only a note can be given.
    note: str = ""


@dataclass(frozen=True)
class DocumentSpec:
    slug: str
    title: str
    kind: str
    url: str
    description: str = ""


@dataclass(frozen=True)
class CollectionSpec:
    slug: str
    name: str
    kind: str
    summary: str = ""
    description: str = ""
    website: str = ""
    started_on: date | None = None
    organisations: tuple[OrganisationSpec, ...] = ()
    members: tuple[MembershipSpec, ...] = ()
    documents: tuple[DocumentSpec, ...] = ()

    def ensure(self, loader: Loader) -> Collection:
        collection = loader.ensure(
            Collection,
            {"slug": self.slug},
            name=self.name,
            kind=self.kind,
            summary=self.summary,
            description=self.description,
            website=self.website,
            started_on=self.started_on,
        )
        loader.link(collection, "organisations", [o.ensure(loader) for o in self.organisations])
        for member in self.members:
            loader.ensure(
                CollectionMembership,
                {"collection": collection, "initiative": member.initiative.ensure(loader)},
                note=member.note,
            )
        for document in self.documents:
            loader.ensure(
                Document,
                {"slug": document.slug},
                title=document.title,
                kind=document.kind,
                url=document.url,
                description=document.description,
                collection=collection,
            )
        return collection


@dataclass(frozen=True)
class SeriesSpec:
    name: str
    description: str = ""

    def ensure(self, loader: Loader) -> Series:
        return loader.ensure(
            Series, {"slug": slugify(self.name)}, name=self.name, description=self.description
        )


@dataclass(frozen=True)
class VenueSpec:
    name: str
    city: str
    street_address: str = ""
    postcode: str = ""

    def ensure(self, loader: Loader) -> Venue:
        return loader.ensure(
            Venue,
            {"name": self.name, "city": self.city},
            street_address=self.street_address,
            postcode=self.postcode,
        )


@dataclass(frozen=True)
class SlotSpec:
    starts: str
    ends: str
    title: str
    kind: str
    description: str = ""
    speakers: tuple[SpeakerSpec, ...] = ()


@dataclass(frozen=True)
class ThemeSpec:
    number: int
    title: str
    description: str = ""


@dataclass(frozen=True)
class SessionSpec:
    title: str
    description: str = ""
    code: str = ""
    summary: str = ""
    format: str = SessionFormat.TABLE
    theme: int | None = None
    speakers: tuple[SpeakerSpec, ...] = ()
    initiatives: tuple[InitiativeSpec, ...] = ()
    # Titles of the break-out rounds (slots) the session is held in, one sitting each.
    rounds: tuple[str, ...] = ()
    room: str = ""
    capacity: int | None = None
    explicit_slug: str = ""

    @property
    def slug(self) -> str:
        return self.explicit_slug or slugify(f"{self.code} {self.title}")


@dataclass(frozen=True)
class EventSpec:
    slug: str
    title: str
    day: date
    starts: str
    ends: str
    organiser: OrganisationSpec
    summary: str = ""
    description: str = ""
    series: SeriesSpec | None = None
    partners: tuple[OrganisationSpec, ...] = ()
    moderator: SpeakerSpec | None = None
    venue: VenueSpec | None = None
    format: str = EventFormat.ON_SITE
    livestream_url: str = ""
    participation_url: str = ""
    networking_url: str = ""
    capacity: int | None = None
    reservation_required: bool = False
    includes_meal: bool = False
    included: str = ""
    contact_email: str = ""
    status: str = EventStatus.PUBLISHED
    # Reservations, once open, close as the event starts.
    reservations_open_at: datetime | None = None
    slots: tuple[SlotSpec, ...] = ()
    themes: tuple[ThemeSpec, ...] = ()
    sessions: tuple[SessionSpec, ...] = ()
    faqs: tuple[tuple[str, str], ...] = ()  # (question, answer)

    def ensure(self, loader: Loader) -> Event:
        starts_at = at(self.day, self.starts)
        event = loader.ensure(
            Event,
            {"slug": self.slug},
            title=self.title,
            summary=self.summary,
            description=self.description,
            starts_at=starts_at,
            ends_at=at(self.day, self.ends),
            organiser=self.organiser.ensure(loader),
            series=self.series.ensure(loader) if self.series else None,
            venue=self.venue.ensure(loader) if self.venue else None,
            format=self.format,
            livestream_url=self.livestream_url,
            participation_url=self.participation_url,
            networking_url=self.networking_url,
            capacity=self.capacity,
            reservation_required=self.reservation_required,
            includes_meal=self.includes_meal,
            included=self.included,
            contact_email=self.contact_email,
            status=self.status,
            reservations_open_at=self.reservations_open_at,
            reservations_close_at=starts_at if self.reservations_open_at else None,
        )
        loader.link(event, "partners", [partner.ensure(loader) for partner in self.partners])
        if self.moderator and loader.is_new(event):
            loader.ensure(Moderator, {"event": event}, speaker=self.moderator.ensure(loader))
        for order, (question, answer) in enumerate(self.faqs, start=1):
            loader.ensure(
                EventFAQ, {"event": event, "question": question}, answer=answer, order=order
            )
        # A demo event keeps the date of its first load, so its programme is placed on the day
        # stored in the database rather than on self.day.
        day = timezone.localdate(event.starts_at, AMSTERDAM)
        slots = {spec.title: self._ensure_slot(loader, event, day, spec) for spec in self.slots}
        themes = {
            spec.number: loader.ensure(
                Theme,
                {"event": event, "number": spec.number},
                title=spec.title,
                description=spec.description,
            )
            for spec in self.themes
        }
        for spec in self.sessions:
            self._ensure_session(loader, event, spec, slots, themes)
        self._hand_to_organiser(event)
        return event

    @staticmethod
    def _hand_to_organiser(event: Event) -> None:
        """The organiser manages the speakers, venue, series and partners of its event that
        nobody manages yet, so that its editors may keep them up to date (an editor changes
        only what their organisation manages). The first event to name one takes it; a
        record an organiser or a superuser already assigned keeps its manager."""
        organiser = event.organiser
        appearing = (
            Q(sessions__event=event) | Q(slots__event=event) | Q(moderated_events__event=event)
        )
        speakers = Speaker.objects.filter(appearing, managed_by__isnull=True).values("pk")
        Speaker.objects.filter(pk__in=speakers).update(managed_by=organiser)
        if event.venue_id:
            Venue.objects.filter(pk=event.venue_id, managed_by__isnull=True).update(
                managed_by=organiser
            )
        if event.series_id:
            Series.objects.filter(pk=event.series_id, managed_by__isnull=True).update(
                managed_by=organiser
            )
        # An organiser keeps its own record; a partner that organises nothing is the first
        # organiser's to keep.
        Organisation.objects.filter(pk=organiser.pk, managed_by__isnull=True).update(
            managed_by=organiser
        )
        event.partners.filter(managed_by__isnull=True, organised_events__isnull=True).update(
            managed_by=organiser
        )

    @staticmethod
    def _ensure_slot(loader: Loader, event: Event, day: date, spec: SlotSpec) -> Slot:
        slot = loader.ensure(
            Slot,
            {"event": event, "title": spec.title},
            starts_at=at(day, spec.starts),
            ends_at=at(day, spec.ends),
            kind=spec.kind,
            description=spec.description,
        )
        loader.link(slot, "speakers", [speaker.ensure(loader) for speaker in spec.speakers])
        return slot

    @staticmethod
    def _ensure_session(
        loader: Loader,
        event: Event,
        spec: SessionSpec,
        slots: dict[str, Slot],
        themes: dict[int, Theme],
    ) -> Session:
        session = loader.ensure(
            Session,
            {"event": event, "slug": spec.slug},
            code=spec.code,
            title=spec.title,
            summary=spec.summary,
            description=spec.description,
            format=spec.format,
            theme=themes[spec.theme] if spec.theme else None,
        )
        loader.link(session, "initiatives", [i.ensure(loader) for i in spec.initiatives])
        for order, speaker in enumerate(spec.speakers, start=1):
            loader.ensure(
                SessionSpeaker,
                {"session": session, "speaker": speaker.ensure(loader)},
                role=SpeakerRole.SPEAKER,
                order=order,
            )
        for title in spec.rounds:
            loader.ensure(
                Sitting,
                {"session": session, "slot": slots[title]},
                room=spec.room,
                capacity=spec.capacity,
            )
        return session
