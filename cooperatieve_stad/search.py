"""One search over the public site: events, sessions, speakers, initiatives, organisations
and documents (``/zoeken/?q=``).

It reads from every app, which is why it lives in the shell. Each kind is one query,
however many rows match: the best matches up to a bound, each row carrying the count of
all matches (a window count), so a page of results costs six queries at most.

On PostgreSQL it is full-text search with the Dutch configuration: words are stemmed and
each is matched as a prefix ("NoordOo" finds "NoordOogst"), also without its Dutch ending
(``forms_of``: "coöperaties" finds "coöperatie"), ranked with weights (the name first, then
a summary, then the rest). A name that holds every word somewhere inside ("oogst" in
"NoordOogst", part of a Dutch compound) is found too, ranked after the full-text matches.
On SQLite, for development, every word (or its form without the ending) must occur in one
of the same fields (icontains), and a match in the name ranks first.

What is searched is what the public sees: published and cancelled events (never drafts),
their sessions, the speakers who appear in a public programme (as the sitemap lists them),
and the initiatives, organisations and documents, which are public as soon as they exist.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from common.filtering import MAX_SEARCH_WORDS
from events.models import Event
from initiatives.models import Document, Initiative, Organisation
from sessions.models import Session
from sessions.queries import speakers_in_public_programmes

# Shown per kind on the page of all kinds; the page of one kind shows up to its own bound.
RESULTS_PER_KIND = 5
RESULTS_OF_ONE_KIND = 50
# The Dutch text-search configuration that comes with PostgreSQL: stems and stop words.
CONFIG = "dutch"
# What counts as a word: letters and digits. Everything else (punctuation, the tsquery
# operators & | ! : * ( ) and quotes) only separates words, so no input can break the query.
WORD = re.compile(r"[^\W_]+")


VOWELS = "aeiouyáéíóúäëïöüèàêâô"


def words_of(text: str) -> list[str]:
    """The words of `text` a search looks for, at most MAX_SEARCH_WORDS."""
    return WORD.findall(text)[:MAX_SEARCH_WORDS]


def forms_of(word: str) -> tuple[str, ...]:
    """The word, and its start without a Dutch ending, each to be matched as a prefix.

    PostgreSQL's Dutch stemmer leaves plurals such as "coöperaties" (stem "cooperaties")
    and "initiatieven" ("initiatiev") apart from their singulars ("cooperatie",
    "initiatief"). Cutting an ending (-en, -s, -e), a doubled consonant ("bossen") and a
    final f/v/s/z that alternate ("initiatief", "initiatieven") leaves a start both share:
    "coöperatie", "initiatie", "voedselbo". Short words keep their length: "huis" does not
    become "hui"."""
    start = word.lower()
    for ending in ("en", "s", "e"):
        if start.endswith(ending) and len(start) - len(ending) >= 4:
            start = start[: -len(ending)]
            break
    if len(start) >= 5 and start[-1] == start[-2] and start[-1] not in VOWELS:
        start = start[:-1]
    if len(start) >= 6 and start[-1] in "fvsz":
        start = start[:-1]
    return (word,) if start == word.lower() else (word, start)


@dataclass(frozen=True)
class Kind:
    """One kind of result: what is searched, and how its best matches are ordered."""

    key: str
    label: Promise
    rows: Callable[[], QuerySet[Any]]
    # Field paths by weight, A (the name) first; a path may cross a foreign key.
    fields: dict[str, tuple[str, ...]]
    # After the rank: how equal matches are ordered.
    tie_break: tuple[str, ...]
    # Rows found through another's name as well (an organisation through its initiatives).
    related: Callable[[list[str]], Q] | None = None

    @property
    def name_field(self) -> str:
        return self.fields["A"][0]

    @property
    def all_fields(self) -> tuple[str, ...]:
        return tuple(path for paths in self.fields.values() for path in paths)


# Where each kind is looked for: public rows with what a result line shows, lighter than the
# pages' own querysets (events.queries.public_events, sessions.queries.public_sessions).


def event_rows() -> QuerySet[Event]:
    return Event.objects.published().select_related("venue")


def session_rows() -> QuerySet[Session]:
    return Session.objects.filter(event__in=Event.objects.published()).select_related(
        "event", "theme"
    )


def speaker_rows() -> QuerySet[Any]:
    return speakers_in_public_programmes().select_related("organisation")


def initiative_rows() -> QuerySet[Initiative]:
    return Initiative.objects.select_related("organisation")


def organisation_rows() -> QuerySet[Organisation]:
    return Organisation.objects.all()


def through_initiatives(words: list[str]) -> Q:
    """An organisation is found by the names of its initiatives: "NoordOogst" finds the
    initiative and the organisation that is its legal body, whatever that is called."""
    named = reduce(and_, (contains("name", word) for word in words))
    return Q(Exists(Initiative.objects.filter(named, organisation=OuterRef("pk"))))


def document_rows() -> QuerySet[Document]:
    return Document.objects.select_related("initiative", "collection")


KINDS = (
    Kind(
        key="evenementen",
        label=_("Evenementen"),
        rows=event_rows,
        fields={
            "A": ("title",),
            "B": ("summary", "series__name"),
            "C": ("venue__city", "venue__name", "organiser__name"),
            "D": ("description",),
        },
        tie_break=("-starts_at", "pk"),
    ),
    Kind(
        key="sessies",
        label=_("Sessies"),
        rows=session_rows,
        fields={"A": ("title",), "B": ("summary", "theme__title"), "D": ("description",)},
        tie_break=("-event__starts_at", "code", "pk"),
    ),
    Kind(
        key="sprekers",
        label=_("Sprekers"),
        rows=speaker_rows,
        fields={"A": ("name",), "B": ("title",), "C": ("organisation__name",), "D": ("bio",)},
        tie_break=("name", "pk"),
    ),
    Kind(
        key="initiatieven",
        label=_("Initiatieven"),
        rows=initiative_rows,
        fields={
            "A": ("name",),
            "B": ("summary",),
            "C": ("city", "district", "organisation__name"),
            "D": ("description",),
        },
        tie_break=("name", "pk"),
    ),
    Kind(
        key="organisaties",
        label=_("Organisaties"),
        rows=organisation_rows,
        fields={"A": ("name",), "C": ("city",), "D": ("description",)},
        tie_break=("name", "pk"),
        related=through_initiatives,
    ),
    Kind(
        key="documenten",
        label=_("Documenten"),
        rows=document_rows,
        fields={"A": ("title",), "D": ("description",)},
        tie_break=("title", "pk"),
    ),
)
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}


@dataclass(frozen=True)
class KindResults:
    kind: Kind
    items: list[Any]
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.items)


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


def search(text: str, *, only: str | None = None) -> list[KindResults]:
    """The matches of `text` per kind, in the order of KINDS (or of the kind `only`), each
    with its best matches first and the count of all. One query per kind; none when the
    text has no word to look for."""
    words = words_of(text)
    if not words:
        return []
    kinds = [KINDS_BY_KEY[only]] if only in KINDS_BY_KEY else KINDS
    limit = RESULTS_OF_ONE_KIND if only in KINDS_BY_KEY else RESULTS_PER_KIND
    return [search_kind(kind, words, limit) for kind in kinds]


def search_kind(kind: Kind, words: list[str], limit: int) -> KindResults:
    ranked = full_text_matches(kind, words) if uses_full_text() else word_matches(kind, words)
    rows = list(
        ranked.annotate(total=Window(Count("pk"))).order_by("-rank", *kind.tie_break)[:limit]
    )
    return KindResults(kind=kind, items=rows, total=rows[0].total if rows else 0)


def contains(path: str, word: str) -> Q:
    """A form of `word` somewhere in the field: also inside a compound ("oogst" in
    "NoordOogst")."""
    return reduce(or_, (Q(**{f"{path}__icontains": form}) for form in forms_of(word)))


def in_name(kind: Kind, words: list[str]) -> Q:
    """Every word in the name."""
    return reduce(and_, (contains(kind.name_field, word) for word in words))


def full_text_matches(kind: Kind, words: list[str]) -> QuerySet[Any]:
    """PostgreSQL: the Dutch full-text match of every word as a prefix, or the name."""
    vector: Any = None
    for weight, paths in kind.fields.items():
        part = SearchVector(*paths, weight=weight, config=CONFIG)
        vector = part if vector is None else vector + part
    # Words are letters and digits only (WORD), so the raw query cannot be malformed.
    per_word = ("(" + " | ".join(f"{form}:*" for form in forms_of(word)) + ")" for word in words)
    query = SearchQuery(" & ".join(per_word), search_type="raw", config=CONFIG)
    return (
        kind.rows()
        .annotate(document=vector)
        .filter(Q(document=query) | in_name(kind, words) | related(kind, words))
        .annotate(rank=SearchRank(F("document"), query))
    )


def word_matches(kind: Kind, words: list[str]) -> QuerySet[Any]:
    """SQLite (development): every word in one of the fields; the name's matches first."""
    per_word = [reduce(or_, (contains(path, word) for path in kind.all_fields)) for word in words]
    name = kind.name_field
    phrase = " ".join(words)
    rank = Case(
        When(**{f"{name}__iexact": phrase}, then=Value(3.0)),
        When(**{f"{name}__istartswith": phrase}, then=Value(2.0)),
        When(in_name(kind, words), then=Value(1.0)),
        default=Value(0.0),
        output_field=FloatField(),
    )
    return kind.rows().filter(reduce(and_, per_word) | related(kind, words)).annotate(rank=rank)


def related(kind: Kind, words: list[str]) -> Q:
    # Q(pk__in=[]) matches nothing, without a query of its own.
    return kind.related(words) if kind.related else Q(pk__in=[])
