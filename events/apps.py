from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Evenementen")

    def ready(self) -> None:
        from common import page_cache

        page_cache.watch_app(self)
