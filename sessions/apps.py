from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    # "sessions" is taken by django.contrib.sessions.
    name = "sessions"
    label = "programme"
    verbose_name = _("Programma")

    def ready(self) -> None:
        from sessions.triggers import install_triggers, remove_sqlite_triggers

        pre_migrate.connect(
            remove_sqlite_triggers, sender=self, dispatch_uid="programme-triggers-off"
        )
        post_migrate.connect(install_triggers, sender=self, dispatch_uid="programme-triggers")
