import re

from django.core import mail

LINK = re.compile(r"https?://testserver(/account/\S+)")


def link_in(message: mail.EmailMessage) -> str:
    """The path of the one account link in a mail sent by allauth."""
    paths = LINK.findall(message.body)
    assert len(paths) == 1, message.body
    return paths[0]


def page(response) -> str:
    return response.content.decode()


def assert_in_site_layout(html: str) -> None:
    """Rendered inside our base.html: header, footer and stylesheet, nothing inline."""
    assert 'class="site-header"' in html
    assert '<a class="site-name" href="/">Coöperatieve Stad</a>' in html
    assert 'rel="stylesheet" href="/static/css/site.css"' in html
    assert 'class="site-footer"' in html
    # No inline script; signed-in pages load our own (the "Bewaar" button's) by address.
    scripts = re.findall(r"<script[^>]*>", html)
    assert all(re.search(r'src="/static/js/[\w.-]+\.js"', tag) for tag in scripts), scripts
    assert not re.search(r"<script[^>]*>[^<]", html)
    assert " style=" not in html
