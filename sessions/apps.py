from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    # "sessions" is taken by django.contrib.sessions.
    name = "sessions"
    label = "programme"
    verbose_name = _("Programma")

    def ready(self) -> None:
        from common import page_cache
        from events.signals import event_copied
        from sessions.duplication import copy_programme
        from sessions.triggers import install_triggers, remove_sqlite_triggers

        page_cache.watch_app(self)
        event_copied.connect(copy_programme, dispatch_uid="programme-copy")
        pre_migrate.connect(
            remove_sqlite_triggers, sender=self, dispatch_uid="programme-triggers-off"
        )
        post_migrate.connect(install_triggers, sender=self, dispatch_uid="programme-triggers")
