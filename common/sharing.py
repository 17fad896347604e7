"""Links to share a public page: plain links to the services' own share addresses, with
no script of theirs and nothing that tracks (static/js/share.js adds the browser's share
sheet and a copy button on top). The address is always the page's canonical one on
SITE_URL, so the links are the same for every visitor and a cached page may hold them."""

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.utils.translation import gettext as _

from common.links import absolute_url


@dataclass(frozen=True)
class ShareLink:
    key: str
    label: str
    href: str


def encoded(params: dict[str, str]) -> str:
    # %20 rather than +: mail programs show a + in a mailto: body as it is.
    return urlencode(params, quote_via=quote)


def share_links(title: str, path: str) -> list[ShareLink]:
    """The ways to share the page at `path` (from get_absolute_url) called `title`."""
    url = absolute_url(path)
    text = f"{title} {url}"
    return [
        ShareLink(
            "email",
            _("E-mail"),
            "mailto:?" + encoded({"subject": title, "body": f"{title}\n\n{url}"}),
        ),
        ShareLink("whatsapp", "WhatsApp", "https://wa.me/?" + encoded({"text": text})),
        ShareLink(
            "linkedin",
            "LinkedIn",
            "https://www.linkedin.com/sharing/share-offsite/?" + encoded({"url": url}),
        ),
        ShareLink(
            "bluesky", "Bluesky", "https://bsky.app/intent/compose?" + encoded({"text": text})
        ),
    ]
