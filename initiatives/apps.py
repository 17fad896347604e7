from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = _("Initiatieven en kennis")

    def ready(self) -> None:
        from common import page_cache

        page_cache.watch_app(self)
