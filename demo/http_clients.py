"""Signed-in visitors for the benchmarks: over HTTP to gunicorn, or in this process.

A visitor is signed in by a session written directly (no login form, which is rate
limited), has a CSRF cookie, and comes from an address of its own as a reverse proxy
tells it (X-Forwarded-For; gunicorn runs with TRUSTED_PROXY_COUNT=1), so the limits per
address count each apart. Both kinds answer `get` and `post` with a Response.
"""

import http.client
import secrets
import urllib.parse
from dataclasses import dataclass
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from importlib import import_module
from typing import Protocol

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import AbstractBaseUser
from django.test import Client

CSRF_SECRET = secrets.token_hex(16)  # 32 characters: Django accepts the unmasked secret


@dataclass
class Response:
    status: int
    location: str
    body: str = ""


class Visitor(Protocol):
    session_key: str

    def get(self, path: str) -> Response: ...

    def post(self, path: str, data: dict[str, str]) -> Response: ...

    def close(self) -> None: ...


def client_address(number: int) -> str:
    """A visitor's own address: the reservation limits count per address (60 a minute)."""
    return f"10.{number >> 16 & 255}.{number >> 8 & 255}.{number & 255}"


def signed_in_session(user: AbstractBaseUser) -> str:
    """The key of a new session in which `user` is signed in, as django.contrib.auth.login
    writes it (with the password hash that keeps it valid)."""
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    assert session.session_key is not None
    return session.session_key


def end_session(session_key: str) -> None:
    import_module(settings.SESSION_ENGINE).SessionStore(session_key).delete()


class HttpVisitor:
    """One keep-alive connection to `base_url` with its own cookies, kept as a browser does."""

    def __init__(self, base_url: str, session_key: str, address: str) -> None:
        url = urllib.parse.urlsplit(base_url)
        self.base_url = base_url
        self.session_key = session_key
        self.address = address
        self.conn = http.client.HTTPConnection(
            url.hostname or "127.0.0.1", url.port or 80, timeout=600
        )
        self.cookies = {
            settings.SESSION_COOKIE_NAME: session_key,
            settings.CSRF_COOKIE_NAME: CSRF_SECRET,
        }

    def request(self, method: str, path: str, body: str | None = None) -> Response:
        headers = {
            "Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items()),
            "X-Forwarded-For": self.address,
        }
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = self.base_url + path
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        text = response.read().decode(errors="replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return Response(response.status, response.getheader("Location") or "", text)

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, data: dict[str, str]) -> Response:
        data = {"csrfmiddlewaretoken": CSRF_SECRET, **data}
        return self.request("POST", path, urllib.parse.urlencode(data, doseq=True))

    def close(self) -> None:
        self.conn.close()


class InProcessVisitor:
    """Django's test client, checking CSRF as the site does."""

    def __init__(self, session_key: str, address: str) -> None:
        self.client = Client(enforce_csrf_checks=True)
        self.client.cookies[settings.SESSION_COOKIE_NAME] = session_key
        self.client.cookies[settings.CSRF_COOKIE_NAME] = CSRF_SECRET
        self.session_key = session_key
        self.address = address

    @staticmethod
    def response(response) -> Response:
        body = b"" if getattr(response, "streaming", False) else response.content
        return Response(response.status_code, response.get("Location", ""), body.decode())

    def get(self, path: str) -> Response:
        return self.response(self.client.get(path, REMOTE_ADDR=self.address))

    def post(self, path: str, data: dict[str, str]) -> Response:
        data = {"csrfmiddlewaretoken": CSRF_SECRET, **data}
        return self.response(self.client.post(path, data, REMOTE_ADDR=self.address))

    def close(self) -> None:
        pass


def visitor(base_url: str | None, user: AbstractBaseUser, address: str) -> Visitor:
    """`user`, signed in, over HTTP to `base_url` or (without it) in this process."""
    session_key = signed_in_session(user)
    if base_url:
        return HttpVisitor(base_url, session_key, address)
    return InProcessVisitor(session_key, address)


@dataclass
class Input:
    name: str
    value: str
    type: str
    disabled: bool


class FormInputs(HTMLParser):
    """The <input>s of a page, in order: enough to fill in a form as a browser would."""

    def __init__(self) -> None:
        super().__init__()
        self.inputs: list[Input] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "input":
            return
        values = dict(attrs)
        self.inputs.append(
            Input(
                name=values.get("name") or "",
                value=values.get("value") or "",
                type=values.get("type") or "text",
                disabled="disabled" in values,
            )
        )


def form_inputs(html: str) -> list[Input]:
    parser = FormInputs()
    parser.feed(html)
    return parser.inputs
