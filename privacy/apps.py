from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """What the portal keeps about a person: their download, their deletion, retention."""

    name = "privacy"
    verbose_name = _("Privacy")
