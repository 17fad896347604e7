"""allauth as the portal needs it: mails speak of the site by its name, not the request host."""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


@dataclass(frozen=True)
class PublicSite:
    """What allauth's mails read of `current_site` (without django.contrib.sites, allauth
    would name the site after the host the request came in on, "127.0.0.1:8101")."""

    name: str
    domain: str


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        site = PublicSite(name=settings.SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc)
        super().send_mail(template_prefix, email, {**context, "current_site": site})
