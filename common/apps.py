from django.apps import AppConfig


class CommonConfig(AppConfig):
    """The library below every app: it imports none of them."""

    name = "common"
    verbose_name = "Common"

    def ready(self) -> None:
        from django.core.checks import register

        from common import page_cache, scheduler

        page_cache.connect_signals()
        register(scheduler.check_schedule)
