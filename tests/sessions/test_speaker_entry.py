"""Speakers typed as text: one parser and one matcher for the programme editor and the import."""

import pytest

from events.enums import EventStatus
from initiatives.models import Organisation
from sessions.enums import SpeakerRole
from sessions.models import Speaker
from sessions.speaker_entry import (
    SpeakerEntry,
    SpeakerEntryError,
    entry_of,
    match_speakers,
    parse_speaker_entry,
    read_speaker_entries,
)
from tests.factories import (
    EventFactory,
    OrganisationFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SpeakerFactory,
)

# Parsing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("Jan van Ginkel", SpeakerEntry("Jan van Ginkel")),
        ("  Jan   van Ginkel  ", SpeakerEntry("Jan van Ginkel")),
        ("Jan (Gemeente Zaanstad)", SpeakerEntry("Jan", organisation="Gemeente Zaanstad")),
        (
            "Jan (gemeentesecretaris, Gemeente Zaanstad)",
            SpeakerEntry("Jan", title="gemeentesecretaris", organisation="Gemeente Zaanstad"),
        ),
        ("Jan (wethouder,)", SpeakerEntry("Jan", title="wethouder")),
        (
            "Jan (wethouder wonen, zorg, Gemeente Oss)",
            SpeakerEntry("Jan", title="wethouder wonen, zorg", organisation="Gemeente Oss"),
        ),
        ("moderator: Natasja", SpeakerEntry("Natasja", SpeakerRole.MODERATOR)),
        (
            "Gastvrouw : Rita (wethouder, Gemeente Zaanstad)",
            SpeakerEntry("Rita", SpeakerRole.HOST, "wethouder", "Gemeente Zaanstad"),
        ),
        ("host: Rita", SpeakerEntry("Rita", SpeakerRole.HOST)),
        ("spreker: Ann", SpeakerEntry("Ann")),
        (
            "Ann (lid: raad, Gemeente Oss)",
            SpeakerEntry("Ann", "speaker", "lid: raad", "Gemeente Oss"),
        ),
        # The spreadsheet's notation, read everywhere.
        ("Ann", SpeakerEntry("Ann")),
        ("Ann; moderator", SpeakerEntry("Ann", SpeakerRole.MODERATOR)),
        (
            "Ann; ; wethouder; Gemeente Oss",
            SpeakerEntry("Ann", "speaker", "wethouder", "Gemeente Oss"),
        ),
        (
            "Ann; gespreksleider; ; Gemeente  Oss",
            SpeakerEntry("Ann", "moderator", "", "Gemeente Oss"),
        ),
    ],
)
def test_both_notations_and_roles_are_read(text, entry):
    assert parse_speaker_entry(text) == entry


@pytest.mark.parametrize(
    "entry",
    [
        SpeakerEntry("Jan"),
        SpeakerEntry("Jan", organisation="Gemeente Zaanstad"),
        SpeakerEntry("Jan", title="wethouder"),
        SpeakerEntry("Jan", SpeakerRole.MODERATOR, "gemeentesecretaris", "Gemeente Zaanstad"),
        SpeakerEntry("Jan", SpeakerRole.HOST, "wethouder, wonen", "Gemeente Oss"),
    ],
)
def test_an_entry_is_written_as_it_is_read_back(entry):
    assert parse_speaker_entry(str(entry)) == entry


def test_the_editor_notation_puts_a_dutch_role_before_the_name():
    assert str(SpeakerEntry("Rita", SpeakerRole.HOST, "wethouder", "Zaanstad")) == (
        "gastheer: Rita (wethouder, Zaanstad)"
    )
    assert str(SpeakerEntry("Ann", SpeakerRole.SPEAKER, "", "Oss")) == "Ann (Oss)"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Jan (wethouder (Zaanstad))", "is niet te lezen"),
        ("Jan (wethouder", "is niet te lezen"),
        ("(wethouder, Zaanstad)", "een spreker zonder naam"),
        ("moderator:", "een spreker zonder naam"),
        ("; spreker", "een spreker zonder naam"),
        ("zangeres: Ann", "rol 'zangeres' bij Ann: kies spreker, moderator of gastheer/gastvrouw"),
        ("Ann; zangeres", "rol 'zangeres' bij Ann"),
        ("Ann; ; ; ; te veel", "'Ann; ; ; ; te veel': schrijf 'naam; rol; functie; organisatie'"),
        ("Ann\tde Vries", "gebruik één regel"),
        ("Ann (Oss); moderator", "gebruik één schrijfwijze"),
        ("moderator: Ann; ; wethouder", "gebruik één schrijfwijze"),
        ("A" * 201, "langer dan 200 tekens"),
        (f"Ann ({'x' * 201},)", "langer dan 200 tekens"),
    ],
)
def test_a_bad_line_says_what_is_wrong(text, message):
    with pytest.raises(SpeakerEntryError) as raised:
        parse_speaker_entry(text)

    assert message in raised.value.message


def test_every_bad_line_and_a_name_given_twice_are_errors_with_their_line():
    entries, errors = read_speaker_entries("Ann (Oss)\n\nzangeres: Ben\nann; moderator\n(Oss)\nCor")

    assert entries == [SpeakerEntry("Ann", organisation="Oss"), SpeakerEntry("Cor")]
    assert [(error.line, error.message.split(":")[0]) for error in errors] == [
        (3, "rol 'zangeres' bij Ben"),
        (4, "ann staat er twee keer in"),
        (5, "een spreker zonder naam"),
    ]


# Matching --------------------------------------------------------------------------------


@pytest.fixture
def organiser(db):
    return OrganisationFactory(name="OMOOC")


@pytest.mark.django_db
def test_names_are_matched_ignoring_case_and_spacing(organiser):
    suzanne = SpeakerFactory(name="Suzanne van Eerden", managed_by=organiser)
    breda = OrganisationFactory(name="Gemeente Breda")

    match = match_speakers(
        organiser.pk,
        [
            SpeakerEntry("  suzanne  VAN eerden"),
            SpeakerEntry("Nieuw", organisation="GEMEENTE  breda"),
        ],
    )

    assert match.speakers == {"suzanne van eerden": suzanne}
    assert list(match.new_speakers) == ["nieuw"]
    assert match.organisations == {"gemeente breda": breda}
    assert match.new_organisations == {}


@pytest.mark.django_db
def test_of_two_speakers_with_one_name_the_organisers_own_wins_then_one_nobody_manages(
    organiser,
):
    public = EventFactory(status=EventStatus.PUBLISHED)
    elsewhere = SpeakerFactory(name="Ann", managed_by=OrganisationFactory())
    SessionSpeakerFactory(session=SessionFactory(event=public), speaker=elsewhere)
    nobodys = SpeakerFactory(name="Ann")
    own = SpeakerFactory(name="ann", managed_by=organiser)

    assert match_speakers(organiser.pk, [SpeakerEntry("Ann")]).speakers["ann"] == own
    own.delete()
    assert match_speakers(organiser.pk, [SpeakerEntry("Ann")]).speakers["ann"] == nobodys
    nobodys.delete()
    # Another organisation's speaker on a public programme may be picked, so is matched.
    assert match_speakers(organiser.pk, [SpeakerEntry("Ann")]).speakers["ann"] == elsewhere


@pytest.mark.django_db
def test_a_speaker_of_another_organisations_private_programme_is_not_used(organiser):
    other = OrganisationFactory()
    draft = EventFactory(organiser=other, status=EventStatus.DRAFT)
    private = SpeakerFactory(name="Herbert Koops", managed_by=other)
    SessionSpeakerFactory(session=SessionFactory(event=draft), speaker=private)

    match = match_speakers(organiser.pk, [SpeakerEntry("Herbert Koops")])
    match.apply()

    made = match.speakers["herbert koops"]
    assert made != private
    assert made.managed_by == organiser


@pytest.mark.django_db
def test_what_is_missing_is_made_managed_by_the_organiser(organiser):
    SpeakerFactory(name="Someone", slug="simon-franssen")
    OrganisationFactory(name="Elders", slug="gemeente-oss")
    entries = [
        SpeakerEntry("Simon Franssen", title="directeur", organisation="Gemeente Oss"),
        SpeakerEntry("Peter Noten", organisation="gemeente oss"),
    ]

    match = match_speakers(organiser.pk, entries)
    match.apply()

    simon, peter = match.speakers["simon franssen"], match.speakers["peter noten"]
    oss = Organisation.objects.get(name="Gemeente Oss")
    assert (simon.title, simon.organisation, simon.slug) == ("directeur", oss, "simon-franssen-2")
    assert peter.organisation == oss and oss.slug == "gemeente-oss-2"
    assert {simon.managed_by, peter.managed_by, oss.managed_by} == {organiser}
    assert list(match.new_speakers) == ["simon franssen", "peter noten"]  # still listed


@pytest.mark.django_db
def test_the_organisers_own_speaker_takes_the_typed_details_a_shared_one_does_not(organiser):
    oss = OrganisationFactory(name="Gemeente Oss")
    own = SpeakerFactory(name="Ann", title="wijkmanager", organisation=None, managed_by=organiser)
    shared = SpeakerFactory(name="Ben", title="wijkmanager", organisation=oss)
    entries = [
        SpeakerEntry("Ann", title="wethouder", organisation="Gemeente Oss"),
        SpeakerEntry("Ben", title="wethouder"),
    ]

    match = match_speakers(organiser.pk, entries)
    assert match.changed_speakers == ["Ann (wijkmanager,) → Ann (wethouder, Gemeente Oss)"]
    assert (
        len(match.notices) == 1
        and "Ben bestaat al (wijkmanager, Gemeente Oss)" in (match.notices[0])
    )
    match.apply()

    own.refresh_from_db()
    shared.refresh_from_db()
    assert (own.title, own.organisation) == ("wethouder", oss)
    assert (shared.title, shared.organisation) == ("wijkmanager", oss)
    # Typed as the editor shows them, nothing differs any more.
    again = match_speakers(organiser.pk, [entry_of(own), entry_of(shared)])
    assert (again.updates, again.notices, again.new_speakers) == ({}, [], {})


@pytest.mark.django_db
def test_matching_takes_two_queries_however_many_names(organiser, django_assert_num_queries):
    for number in range(5):
        SpeakerFactory(name=f"Spreker {number}", managed_by=organiser)
    entries = [SpeakerEntry(f"Spreker {n}", organisation=f"Organisatie {n}") for n in range(8)]

    with django_assert_num_queries(2):
        match = match_speakers(organiser.pk, entries)

    assert len(match.speakers) == 5 and len(match.new_speakers) == 3
    assert Speaker.objects.count() == 5
