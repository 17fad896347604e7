"""allauth as the portal needs it: mails speak of the site by its name, not the request host."""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings

from common.mail import queue_prepared


@dataclass(frozen=True)
class PublicSite:
    """What allauth's mails read of `current_site` (without django.contrib.sites, allauth
    would name the site after the host the request came in on, "127.0.0.1:8101")."""

    name: str
    domain: str


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Written here, sent by a worker: signing up or asking for a code never waits for
        the mail server (common/mail.py)."""
        site = PublicSite(name=settings.SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc)
        context = {
            "request": allauth_context.request,
            "email": email,
            "current_site": site,
            **context,
        }
        queue_prepared(self.render_mail(template_prefix, email, context))
