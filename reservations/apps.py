from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext_lazy as _


class ReservationsConfig(AppConfig):
    name = "reservations"
    verbose_name = _("Reserveringen")

    def ready(self) -> None:
        from common import page_cache
        from reservations import receivers
        from reservations.models import Reservation, SeatChoice
        from reservations.triggers import install_triggers, remove_sqlite_triggers

        # Reservations change places and seats left, nothing else a public page shows.
        page_cache.watch([Reservation, SeatChoice], version=page_cache.AVAILABILITY)
        receivers.connect()
        pre_migrate.connect(
            remove_sqlite_triggers, sender=self, dispatch_uid="reservations-triggers-off"
        )
        post_migrate.connect(install_triggers, sender=self, dispatch_uid="reservations-triggers")
